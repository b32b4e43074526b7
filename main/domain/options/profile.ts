import type { CaseDetails, Charge, Seriousness } from '../../contract/case';
import { AppError } from '../../contract/errors';
import type { FormDefinition } from '../../contract/form';
import type { Jurisdiction } from '../../contract/jurisdiction';
import { isGroupAnswer, type AnswerEntry, type GroupRow, type Interview } from '../../contract/interview';
import type { Answer, MatchingProfile, Need, NotRecorded, OffenceCategory, RecordedAmount, RecordedNeed, RecordedSchedules, RiskAssessment } from '../../contract/options';
import { evaluateForm } from '../forms/evaluate';
import { dependantsCount, deriveFacts, readDependants } from '../rules/facts';
import type { ConditionLanguage } from './catalogue';
import { parseSchedules } from './schedule';

// The matching profile read off the case and the recorded interview. Honest by design:
// a question the person declined is `declined`, one not asked, not yet answered or hidden by the
// form's rules is `unknown`, and neither is ever read as a yes or a no. Each need carries the
// source of the answer that shows it. Pure: no I/O, the same code in main and the renderer.

export interface DeriveProfileOptions {
  /** When given, answers to questions the form hides for this person are treated as not recorded. */
  form?: FormDefinition;
  /** How working hours typed as text ("Mon-Fri 09:00-17:00") are read; without it they stay `unknown` unless none are worked. */
  language?: ConditionLanguage;
}

type Entry = AnswerEntry;

/** Keywords in the charge wording that put an offence in a category (lower case, word starts). */
const OFFENCE_KEYWORDS: ReadonlyArray<[OffenceCategory, RegExp]> = [
  ['domestic_abuse', /\b(domestic|coercive control|controlling or coercive|partner abuse|non-molestation)/i],
  ['sexual', /\b(sexual|rape|indecen|voyeur|exposure|grooming)/i],
  ['violence', /\b(assault|wounding|grievous|gbh|abh|affray|violen|murder|manslaughter|robbery|battery|threats? to kill|harm)/i],
  ['weapons', /\b(weapon|knife|blade|firearm|gun|offensive|ammunition|bladed)/i],
  ['drugs', /\b(drug|cannabis|cocaine|heroin|controlled substance|possession with intent|supply)/i],
  ['fraud', /\b(fraud|forgery|false representation|deception|money laundering|counterfeit)/i],
  ['driving', /\b(driving|drink[- ]driv|motor|vehicle|licen[cs]e|speeding|dangerous driving|careless driving)/i],
  ['public_order', /\b(public order|disorder|harassment|breach of the peace|criminal damage|obstruct)/i],
  ['property', /\b(theft|burglary|shoplift|handling stolen|stolen|steal|criminal damage|arson)/i],
];

/** The offence categories named by the charges; a charge no keyword matches counts as `other`. */
export function offenceCategoriesOf(charges: readonly string[]): OffenceCategory[] {
  const found = new Set<OffenceCategory>();
  for (const charge of charges) {
    const hits = OFFENCE_KEYWORDS.filter(([, re]) => re.test(charge)).map(([c]) => c);
    if (hits.length === 0) found.add('other');
    hits.forEach((c) => found.add(c));
  }
  return [...found].sort();
}

/** A charge's categories: the one recorded on it, or else those its wording names. */
export function chargeCategories(charge: Pick<Charge, 'offence' | 'category'>): OffenceCategory[] {
  return charge.category ? [charge.category] : offenceCategoriesOf([charge.offence]);
}

const SERIOUSNESS: readonly Seriousness[] = ['low', 'medium', 'high'];

/** The highest seriousness recorded on any charge; `unknown` when none has one. */
export function highestSeriousness(charges: readonly Pick<Charge, 'seriousness'>[]): Seriousness | 'unknown' {
  const rank = Math.max(-1, ...charges.map((c) => (c.seriousness ? SERIOUSNESS.indexOf(c.seriousness) : -1)));
  return rank < 0 ? 'unknown' : SERIOUSNESS[rank]!;
}

/**
 * The jurisdiction's age limit and options rules. A bare number is the young-adult upper age of a
 * jurisdiction that sets no options rules.
 */
export type ProfileJurisdiction = number | Pick<Jurisdiction, 'youngAdultUpperAge' | 'options'>;

export function deriveProfile(details: CaseDetails, interview: Interview | null, jurisdiction: ProfileJurisdiction, options: DeriveProfileOptions = {}): MatchingProfile {
  const youngAdultUpperAge = typeof jurisdiction === 'number' ? jurisdiction : jurisdiction.youngAdultUpperAge;
  const facts = deriveFacts(details, { youngAdultUpperAge });
  if (facts.isChild) {
    throw new AppError('out_of_scope', 'The person was under 18 at the offence or at the report: child justice applies, and no adult options are matched.', { path: '$.person.dateOfBirth', key: 'errors.childJustice', params: { ageAtOffence: facts.ageAtOffence, ageAtReport: facts.ageAtReport } });
  }
  const answers = interview?.answers ?? {};
  let hidden: ReadonlySet<string> = new Set();
  if (options.form && interview) {
    const ev = evaluateForm(options.form, interview, facts);
    hidden = new Set(ev.sections.flatMap((s) => s.items.filter((i) => !i.visible && i.subFieldId === undefined).map((i) => i.fieldId)));
  }

  /** The entry as recorded, or undefined when not recorded (absent, empty, hidden). */
  const entry = (id: string): Entry | undefined => {
    if (hidden.has(id)) return undefined;
    const a = answers[id];
    if (!a || isGroupAnswer(a)) return undefined;
    if (a.status === 'declined') return a;
    if (a.value === undefined || a.value === null || a.value === '' || (Array.isArray(a.value) && a.value.length === 0)) return undefined;
    return a;
  };
  const rows = (id: string): GroupRow[] | NotRecorded => {
    if (hidden.has(id)) return 'unknown';
    const a = answers[id];
    if (!a || !isGroupAnswer(a)) return 'unknown';
    if (a.status === 'declined') return 'declined';
    return a.rows;
  };
  const notRecorded = (id: string): NotRecorded => (entry(id)?.status === 'declined' ? 'declined' : 'unknown');
  const value = (id: string): Entry['value'] | undefined => {
    const e = entry(id);
    return e && e.status === 'answered' ? e.value : undefined;
  };
  const yesNo = (id: string): Answer => {
    const v = value(id);
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    return notRecorded(id);
  };
  const choice = (id: string, yes: readonly string[], no: readonly string[]): Answer => {
    const v = value(id);
    if (typeof v === 'string' && yes.includes(v)) return 'yes';
    if (typeof v === 'string' && no.includes(v)) return 'no';
    return notRecorded(id);
  };
  const amount = (id: string): RecordedAmount => {
    const v = value(id);
    return typeof v === 'number' && v >= 0 ? v : notRecorded(id);
  };
  const ticked = (id: string): string[] => {
    const v = value(id);
    return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  };

  // Finances: the officer's finding on ability to pay; a recorded affordable amount of 0 is "unable".
  let ableToPay = choice('finance.abilityToPay', ['lump_sum', 'instalments'], ['unable']);
  if ((ableToPay === 'unknown' || ableToPay === 'declined') && value('finance.affordableMonthly') === 0) ableToPay = 'no';

  // Home
  const situation = value('home.situation');
  const noFixedAbode: Answer = typeof situation === 'string' ? (['no_fixed_abode', 'rough_sleeping'].includes(situation) ? 'yes' : 'no') : notRecorded('home.situation');
  let stableSafeHome = yesNo('home.safeAndStable');
  if (noFixedAbode === 'yes' && stableSafeHome !== 'yes') stableSafeHome = 'no';

  // Working hours: none when the person does not work; read from the text otherwise.
  const status = value('work.status');
  let workingHours: RecordedSchedules;
  const hoursText = value('work.workingHours');
  if (typeof status === 'string' && ['unemployed', 'unable_to_work', 'retired', 'full_time_carer'].includes(status) && typeof hoursText !== 'string') workingHours = [];
  else if (typeof hoursText === 'string' && options.language) {
    const parsed = parseSchedules(hoursText, options.language);
    workingHours = parsed.length > 0 ? parsed : 'unknown';
  } else workingHours = entry('work.workingHours')?.status === 'declined' ? 'declined' : typeof status === 'string' || typeof hoursText === 'string' ? 'unknown' : notRecorded('work.status');

  // Dependants and caregiving
  const recordedDependants = readDependants(interview, (id) => !hidden.has(id));
  const hasDependants = recordedDependants.answer;
  const people = rows('dependants.people');
  const dependants = dependantsCount(recordedDependants);
  const childRelations = ['own_child', 'stepchild', 'grandchild', 'other_child'];
  const caresForChild =
    Array.isArray(people) &&
    people.some((r) => {
      const rel = r.relationship?.value;
      const age = r.ageYears?.value;
      return (typeof rel === 'string' && childRelations.includes(rel)) || (typeof age === 'number' && age < 18);
    });
  const primaryCaregiver = yesNo('caregiving.primaryCaregiver');
  const childcareResponsibilities: Answer = caresForChild || (primaryCaregiver === 'yes' && hasDependants === 'yes') ? 'yes' : hasDependants === 'no' ? 'no' : hasDependants === 'declined' ? 'declined' : 'unknown';
  const childcareFor = value('feasibility.childcareForAppointments');
  // Only "childcare is arranged for appointments" frees the times; otherwise they are not known.
  const childcareTimes: RecordedSchedules = childcareResponsibilities === 'no' || childcareFor === 'arranged' ? [] : notRecorded('feasibility.childcareForAppointments');

  // Risk: the latest structured assessment; the author's own level when no instrument was used.
  const assessments = rows('risk.assessments');
  let risk: RiskAssessment | 'not_assessed' = 'not_assessed';
  if (Array.isArray(assessments)) {
    const usable = assessments
      .map((r) => ({ instrument: r.instrument?.value, date: r.assessedOn?.value, result: r.result?.value }))
      .filter((r): r is { instrument: string; date: string; result: string } => typeof r.instrument === 'string' && r.instrument.trim() !== '' && typeof r.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.date) && typeof r.result === 'string')
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    const latest = usable[0];
    if (latest) risk = { instrument: latest.instrument.trim().slice(0, 120), date: latest.date, result: latest.result === 'very_high' ? 'high' : (latest.result as RiskAssessment['result']) };
  }
  const level = value('risk.level');
  const interviewDate = value('participation.interviewDate');
  if (risk === 'not_assessed' && typeof level === 'string' && ['low', 'medium', 'high'].includes(level) && typeof interviewDate === 'string') {
    risk = { instrument: 'Author’s assessment', date: interviewDate, result: level as RiskAssessment['result'] };
  }

  // Consents: treatment is given when either treatment question says yes.
  const consent = (id: string) => choice(id, ['yes'], ['no']);
  const treatmentAnswers = [consent('substance.consentToTreatment'), consent('mentalHealth.consentToTreatment')];
  const treatment: Answer = treatmentAnswers.includes('yes') ? 'yes' : treatmentAnswers.includes('no') ? 'no' : treatmentAnswers.includes('declined') ? 'declined' : 'unknown';

  const literacyValue = value('identity.literacy');
  const literacy: MatchingProfile['literacy'] = typeof literacyValue === 'string' ? (literacyValue === 'no_difficulty' ? 'adequate' : 'limited') : notRecorded('identity.literacy');

  const victimKind = value('victim.kind');
  const notAsked = details.person.gender === 'male' && !facts.isWoman && entry('caregiving.pregnant') === undefined && entry('caregiving.breastfeeding') === undefined;

  // Offence: the recorded category of each charge (its wording when none is recorded), and
  // earlier convictions in one of those categories ("other" says nothing about likeness).
  const categories = [...new Set(details.charges.flatMap(chargeCategories))].sort();
  const hasPrevious = yesNo('history.hasPreviousConvictions');
  const previous = rows('history.previousConvictions');
  const similar = new Set<OffenceCategory>(categories.filter((c) => c !== 'other'));
  const previousSimilarConvictions: RecordedAmount =
    hasPrevious === 'no'
      ? 0
      : hasPrevious === 'yes' && Array.isArray(previous)
        ? previous.filter((r) => {
            const text = r.offence?.value;
            return typeof text === 'string' && offenceCategoriesOf([text]).some((c) => similar.has(c));
          }).length
        : hasPrevious === 'declined' || previous === 'declined'
          ? 'declined'
          : 'unknown';

  const mode = value('finance.abilityToPay');
  const paymentMode: MatchingProfile['paymentMode'] = typeof mode === 'string' && ['lump_sum', 'instalments', 'unable'].includes(mode) ? (mode as MatchingProfile['paymentMode']) : notRecorded('finance.abilityToPay');
  const sources = ticked('finance.incomeSources');
  const benefitsOnly: Answer = sources.length > 0 ? (sources.every((x) => x === 'benefits') ? 'yes' : 'no') : notRecorded('finance.incomeSources');

  return {
    stage: details.stage,
    ageAtOffence: facts.ageAtOffence,
    ageAtReport: facts.ageAtReport,
    gender: details.person.gender,
    // The same reading as the form rules (deriveFacts), so the interview and the matching never
    // disagree about whom the women's provisions are for.
    isWoman: facts.isWoman,
    isYoungAdult: facts.isYoungAdult,
    preferredLanguage: details.person.preferredLanguage,
    charges: details.charges.map((c) => c.offence),
    offenceCategories: categories,
    offenceSeriousness: highestSeriousness(details.charges),
    plea: details.charges.some((c) => c.plea === 'not_guilty') ? 'not_guilty' : details.charges.every((c) => c.plea === 'guilty') ? 'guilty' : 'not_entered',
    previousSimilarConvictions,
    monthlyIncome: amount('finance.monthlyIncome'),
    monthlyOutgoings: amount('finance.monthlyEssentialOutgoings'),
    ableToPay,
    paymentMode,
    affordableMonthly: paymentMode === 'instalments' ? amount('finance.affordableMonthly') : 'unknown',
    benefitsOnly,
    stableSafeHome,
    noFixedAbode,
    domesticAbuseInHousehold: choice('home.domesticAbuseInHousehold', ['current'], ['none_known', 'past']),
    workingHours,
    childcareResponsibilities,
    childcareTimes,
    primaryCaregiver,
    // The form asks about pregnancy only where it can apply; for a man nothing is left open.
    pregnant: notAsked ? 'no' : choice('caregiving.pregnant', ['yes'], ['no']),
    breastfeeding: notAsked ? 'no' : yesNo('caregiving.breastfeeding'),
    dependants,
    risk,
    consents: {
      community_service: consent('feasibility.consentCommunityService'),
      treatment,
      restorative_justice: consent('feasibility.consentRestorativeJustice'),
      electronic_monitoring: consent('feasibility.consentElectronicMonitoring'),
    },
    fitForUnpaidWork: choice('health.fitForUnpaidWork', ['fit', 'with_adjustments'], ['unfit']),
    literacy,
    // Before a finding of guilt nothing about the offence is recorded, so this stays unknown.
    acknowledgesBasicFacts: details.stage === 'pre_trial' ? 'unknown' : choice('offence.responsibility', ['full', 'partial', 'minimises'], ['denies']),
    needs: deriveNeeds({ value, entry, ticked }),
    victimViewsOnRestorative: victimKind === 'no_direct_victim' ? 'no_identifiable_victim' : 'unknown',
    jurisdiction: typeof jurisdiction === 'number' ? null : (jurisdiction.options ?? null),
  };
}

interface Reader {
  value(id: string): Entry['value'] | undefined;
  entry(id: string): Entry | undefined;
  ticked(id: string): string[];
}

/** Needs shown by the answers, each with the source of the answer that shows it (the author's assessment when none was given). */
function deriveNeeds(r: Reader): RecordedNeed[] {
  const out: RecordedNeed[] = [];
  const seen = new Set<Need>();
  const add = (need: Need, fieldId: string, note: string) => {
    if (seen.has(need)) return;
    seen.add(need);
    const kind = r.entry(fieldId)?.source?.kind;
    out.push({ need, source: kind ?? 'assessment', note: `${note} (${fieldId})` });
  };
  const is = (id: string, ...values: unknown[]) => values.includes(r.value(id));

  if (is('home.housingSupportNeeded', true)) add('accommodation', 'home.housingSupportNeeded', 'housing support needed');
  else if (is('home.atRiskOfLosing', true)) add('accommodation', 'home.atRiskOfLosing', 'at risk of losing the home');
  else if (is('home.situation', 'sofa_surfing', 'rough_sleeping', 'no_fixed_abode', 'temporary')) add('accommodation', 'home.situation', 'no settled home');
  if (is('work.status', 'unemployed')) add('employment', 'work.status', 'unemployed, looking for work');
  if (is('education.literacyNumeracyHelpWanted', true)) add('education', 'education.literacyNumeracyHelpWanted', 'wants help with reading, writing or numbers');
  if (is('finance.debt', 'problem')) add('finance', 'finance.debt', 'problem debt');
  const use = r.ticked('substance.use');
  const regular = !is('substance.pattern', 'occasional');
  if (use.some((u) => u !== 'none' && u !== 'alcohol') && regular) add('substance_use', 'substance.use', 'drug use recorded');
  if (use.includes('alcohol') && regular) add('alcohol', 'substance.use', 'alcohol use recorded');
  if (is('mentalHealth.concerns', 'current')) add('mental_health', 'mentalHealth.concerns', 'current mental health concerns');
  if (is('health.brainInjury', 'possible', 'diagnosed')) add('physical_health', 'health.brainInjury', 'possible or diagnosed brain injury');
  if (r.ticked('trauma.experiences').some((x) => x !== 'none_disclosed')) add('trauma', 'trauma.experiences', 'victimisation or trauma disclosed');
  if (is('relationships.unhealthyRelationship', 'concerns', 'current_abuse')) add('relationships', 'relationships.unhealthyRelationship', 'unhealthy or abusive relationship');
  if (is('relationships.parentalStress', 'high')) add('parenting', 'relationships.parentalStress', 'high parental stress');
  else if (is('womensNeeds.parentingSupportWanted', true)) add('parenting', 'womensNeeds.parentingSupportWanted', 'parenting support wanted');
  if (is('offence.peerInfluence', 'significant')) add('peers', 'offence.peerInfluence', 'significant peer influence');
  else if (is('maturity.peerSusceptibility', 'high')) add('peers', 'maturity.peerSusceptibility', 'highly susceptible to peers');
  if (is('maturity.weighingConsequences', 'marked_difficulty')) add('maturity', 'maturity.weighingConsequences', 'marked difficulty weighing consequences');
  else if (is('maturity.impulseControl', 'marked_difficulty')) add('maturity', 'maturity.impulseControl', 'marked difficulty with impulse control');
  if (is('attitudes.motivation', 'not_yet')) add('attitudes', 'attitudes.motivation', 'not yet motivated to change');
  return out;
}
