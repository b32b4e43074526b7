import { MatchingProfile, Programme, Proposal, type ProgrammeDetails } from '../../../main/contract/options';
import { loadCatalogue } from '../../../main/loaders/catalogue';
import { loadJurisdiction } from '../../../main/loaders/dataFiles';
import type { Catalogue } from '../../../main/domain/options/catalogue';
import type { MatchResult } from '../../../main/contract/options';

// Shared fixtures for the options tests: the shipped catalogue, a fully recorded profile that
// raises no concern, and builders that validate what they build (a fixture the schema would
// refuse would test nothing real).

let shipped: Catalogue | undefined;
export function catalogue(): Catalogue {
  shipped ??= loadCatalogue();
  return shipped;
}

type Overrides = Partial<Omit<MatchingProfile, 'consents'>> & { consents?: Partial<MatchingProfile['consents']> };

/** A convicted man of 34, every fact recorded: consenting, fit, able to pay, safe home, medium risk. */
export function profile(overrides: Overrides = {}): MatchingProfile {
  const { consents, ...rest } = overrides;
  return MatchingProfile.parse({
    stage: 'convicted',
    ageAtOffence: 34,
    ageAtReport: 34,
    gender: 'male',
    isWoman: false,
    isYoungAdult: false,
    preferredLanguage: 'en',
    charges: ['Theft from a shop'],
    offenceCategories: ['property'],
    offenceSeriousness: 'low',
    plea: 'guilty',
    previousSimilarConvictions: 0,
    monthlyIncome: 1800,
    monthlyOutgoings: 1200,
    ableToPay: 'yes',
    paymentMode: 'lump_sum',
    affordableMonthly: 'unknown',
    benefitsOnly: 'no',
    stableSafeHome: 'yes',
    noFixedAbode: 'no',
    domesticAbuseInHousehold: 'no',
    workingHours: [],
    childcareResponsibilities: 'no',
    childcareTimes: [],
    primaryCaregiver: 'no',
    pregnant: 'no',
    breastfeeding: 'no',
    dependants: 0,
    risk: { instrument: 'OASys', date: '2026-11-02', result: 'medium' },
    consents: { community_service: 'yes', treatment: 'yes', restorative_justice: 'yes', electronic_monitoring: 'yes', ...consents },
    fitForUnpaidWork: 'yes',
    literacy: 'adequate',
    acknowledgesBasicFacts: 'yes',
    needs: [
      { need: 'employment', source: 'self_reported' },
      { need: 'alcohol', source: 'assessment' },
      { need: 'substance_use', source: 'verified' },
      { need: 'mental_health', source: 'third_party' },
    ],
    victimViewsOnRestorative: 'willing',
    jurisdiction: loadJurisdiction('default').options ?? null,
    ...rest,
  });
}

/** A woman of 29 who is pregnant and cares for two children, with a safe home. */
export function pregnantCaregiver(overrides: Overrides = {}): MatchingProfile {
  return profile({
    gender: 'female',
    isWoman: true,
    ageAtOffence: 29,
    ageAtReport: 29,
    pregnant: 'yes',
    primaryCaregiver: 'yes',
    childcareResponsibilities: 'yes',
    childcareTimes: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '09:00', label: 'school run' }, { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '15:00', end: '18:00', label: 'after school' }],
    dependants: 2,
    ...overrides,
  });
}

export function programme(id: string, details: Partial<Omit<ProgrammeDetails, 'eligibility'>> & { eligibility?: Partial<ProgrammeDetails['eligibility']> } = {}): Programme {
  const { eligibility, ...rest } = details;
  return Programme.parse({
    id,
    name: 'Riverside Women’s Centre',
    provider: 'Riverside Trust',
    kind: 'referral_womens_centre',
    needs: ['trauma', 'parenting'],
    eligibility: { youngAdultOnly: false, excludedOffences: [], consentRequired: [], riskLevels: [], ...eligibility },
    location: '12 Mill Street, Riverside',
    capacity: { places: 6, waitingWeeks: 0 },
    contact: { name: 'Intake team', phone: '01234 567890', email: 'intake@riverside.example' },
    languages: ['en'],
    retired: false,
    ...rest,
  });
}

export function proposal(p: Partial<Proposal> = {}): Proposal {
  return Proposal.parse({
    selected: [{ type: 'option', id: 'sentencing.community_service' }],
    rationale: 'Unpaid work repairs harm to the community and fits the person’s days.',
    alternatives: [],
    conditions: [],
    acknowledgements: [],
    ...p,
  });
}

export function item(result: MatchResult, id: string) {
  const found = result.items.find((i) => i.ref.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

export const ids = (result: MatchResult) => result.items.map((i) => i.ref.id);
