import { describe, expect, it } from 'vitest';
import { formForReportType, loadForms } from '../../../main/api/forms';
import { loadCatalogue } from '../../../main/api/options';
import { loadJurisdiction } from '../../../main/api/templatesDir';
import type { MatchItem, MatchResult } from '../../../main/contract/options';
import { deriveProfile, matchOptions, optionFacts } from '../../../main/domain/options';
import { formatFact } from '../../../main/domain/options/text';
import { preTrial, womanWithTwoDependants, youngAdult, type InterviewCase } from '../../fixtures/interviews';
import {
  fullTimeWorkerDrinkDrive,
  olderManAlcoholNoHome,
  pregnantWomanNoChildren,
  preTrialNotGuilty,
  preTrialOnBenefitsOnly,
  shopTheft,
  thirdDrinkDriveHighHarm,
  youngAdultRobbery,
} from '../../fixtures/people';

// The options an experienced officer would expect for eleven people, read from their interviews
// as recorded, under the default jurisdiction and the shipped catalogue. Each line says: this
// option, this status, and the rule (named after the fact it reads) that decides it. For
// "suitable" the rule is one that is met; "not listed" means the measure does not exist at the
// case's stage, so it is not shown at all (a caution after conviction, a fine before trial).
//
// Statuses: S = suitable, C = suitable with concerns, N = not suitable, - = not listed.

type Expect = 'S' | 'C' | 'N' | '-';
type Row = [option: string, status: Expect, decidedBy: string];

const table: Array<{ who: string; person: () => InterviewCase; rows: Row[] }> = [
  {
    who: 'a woman of 36 with two young children, on benefits, unable to pay, convicted of shop theft',
    person: womanWithTwoDependants,
    rows: [
      ['sentencing.fine', 'N', 'pay.affordable'],
      ['sentencing.day_fine', 'N', 'pay.day_fine_unit'],
      ['sentencing.compensation', 'N', 'pay.affordable'],
      ['diversion.referral_womens_centre', 'S', 'gender.women'],
      ['sentencing.status_penalty', 'N', 'offence.driving'],
      ['diversion.caution', '-', 'stage'],
      ['sentencing.community_service', 'C', 'time.childcare'],
    ],
  },
  {
    who: 'a man of 20 convicted of criminal damage, led by older friends',
    person: youngAdult,
    rows: [
      ['diversion.referral_mentoring', 'S', 'need.addressed'],
      ['sentencing.attendance_centre', 'C', 'time.work'],
      ['diversion.conditional_dismissal', '-', 'stage'],
      ['sentencing.status_penalty', 'N', 'offence.driving'],
    ],
  },
  {
    who: 'a woman before trial, pleading not guilty to possession of a drug',
    person: preTrial,
    rows: [
      ['pre_trial.release_on_undertaking', 'S', 'risk.not_high'],
      ['pre_trial.bail_without_surety', 'S', 'home.fixed_abode'],
      ['diversion.caution', 'N', 'plea.admits'],
      ['sentencing.fine', '-', 'stage'],
      ['sentencing.probation', '-', 'stage'],
    ],
  },
  {
    who: 'a young adult of 19 convicted of robbery with two co-defendants',
    person: youngAdultRobbery,
    rows: [
      ['diversion.caution', '-', 'stage'],
      ['sentencing.verbal_sanction', 'N', 'offence.not_serious'],
      ['sentencing.conditional_discharge', 'N', 'offence.not_serious'],
      ['sentencing.absolute_discharge', 'N', 'offence.not_serious'],
      ['diversion.referral_mentoring', 'S', 'need.addressed'],
      ['sentencing.attendance_centre', 'S', 'age.young_adult'],
      ['diversion.deferred_sentence_conditions', 'C', 'offence.serious_concern'],
      ['sentencing.fine', 'S', 'pay.affordable'],
      ['support.employment', 'S', 'need.support_relevant'],
    ],
  },
  {
    who: 'a man of 61 who drinks daily and sleeps rough, convicted of shop theft',
    person: olderManAlcoholNoHome,
    rows: [
      ['support.housing', 'S', 'home.no_fixed_abode_need'],
      ['sentencing.curfew', 'N', 'home.stable_safe'],
      ['sentencing.house_arrest', 'N', 'home.stable_safe'],
      ['sentencing.treatment_alcohol', 'S', 'need.alcohol'],
      ['sentencing.treatment_mental_health', 'C', 'need.mental_health'],
      ['sentencing.community_service', 'N', 'fitness.unpaid_work'],
      ['sentencing.fine', 'N', 'pay.affordable'],
    ],
  },
  {
    who: 'a man before trial, pleading not guilty to assault, in full-time work',
    person: preTrialNotGuilty,
    rows: [
      ['diversion.caution', 'N', 'plea.admits'],
      ['diversion.conditional_dismissal', 'N', 'plea.admits'],
      ['diversion.referral_restorative_justice', 'N', 'plea.admits'],
      ['pre_trial.bail_without_surety', 'S', 'risk.not_high'],
      ['pre_trial.reporting', 'C', 'time.work'],
      ['sentencing.community_service', '-', 'stage'],
      ['sentencing.fine', '-', 'stage'],
    ],
  },
  {
    who: 'a pregnant woman of 27 with no children, convicted of a benefit fraud',
    person: pregnantWomanNoChildren,
    rows: [
      ['sentencing.community_service', 'C', 'health.pregnancy'],
      ['sentencing.fine', 'S', 'pay.affordable'],
      ['sentencing.day_fine', 'S', 'pay.day_fine_unit'],
      ['diversion.referral_womens_centre', 'C', 'need.addressed'],
      ['sentencing.absolute_discharge', 'S', 'offence.not_serious'],
    ],
  },
  {
    who: 'a woman before trial whose only income is benefits',
    person: preTrialOnBenefitsOnly,
    rows: [
      ['pre_trial.bail_with_surety', 'N', 'pay.not_benefits_only'],
      ['pre_trial.bail_without_surety', 'S', 'risk.not_high'],
      ['pre_trial.reporting', 'C', 'literacy.written'],
      ['sentencing.fine', '-', 'stage'],
    ],
  },
  {
    who: 'a man of 41 in full-time work, convicted of a first drink-drive',
    person: fullTimeWorkerDrinkDrive,
    rows: [
      ['sentencing.status_penalty', 'S', 'offence.driving'],
      ['sentencing.fine', 'S', 'pay.affordable'],
      ['sentencing.community_service', 'C', 'time.work'],
      ['sentencing.curfew', 'C', 'time.work'],
      ['sentencing.absolute_discharge', 'S', 'offence.not_repeated'],
    ],
  },
  {
    who: 'a man of 47 convicted of a third drink-drive that injured a cyclist',
    person: thirdDrinkDriveHighHarm,
    rows: [
      ['sentencing.absolute_discharge', 'N', 'offence.not_repeated'],
      ['sentencing.conditional_discharge', 'N', 'offence.not_serious'],
      ['sentencing.status_penalty', 'S', 'offence.driving'],
      ['sentencing.treatment_alcohol', 'S', 'consent.treatment'],
      ['sentencing.fine', 'S', 'pay.affordable'],
    ],
  },
  {
    who: 'a man of 33 convicted of shop theft, living with an abusive partner',
    person: shopTheft,
    rows: [
      ['sentencing.status_penalty', 'N', 'offence.driving'],
      ['sentencing.curfew', 'N', 'home.domestic_abuse'],
      ['sentencing.house_arrest', 'N', 'home.domestic_abuse'],
      ['sentencing.fine', 'S', 'pay.affordable'],
      ['support.employment', 'S', 'need.support_relevant'],
    ],
  },
];

const STATUS = { S: 'suitable', C: 'suitable_with_concerns', N: 'not_suitable' } as const;
const forms = loadForms();
const catalogue = loadCatalogue();
const jurisdiction = loadJurisdiction('default');

function profileOf(c: InterviewCase) {
  const form = formForReportType(forms, c.details.reportType)!;
  return deriveProfile(c.details, c.interview, jurisdiction, { form, language: catalogue.languages.get('en')! });
}
const matchOf = (c: InterviewCase): MatchResult => matchOptions(catalogue, [], profileOf(c));

describe.each(table)('for $who', ({ person, rows }) => {
  const result = matchOf(person());
  it.each(rows)('%s is %s, decided by %s', (option, status, decidedBy) => {
    const item = result.items.find((i) => i.optionId === option);
    if (status === '-') {
      expect(item, `${option} should not be listed at this stage`).toBeUndefined();
      expect(catalogue.byId.has(option)).toBe(true);
      return;
    }
    expect(item, `${option} should be listed`).toBeDefined();
    expect(item!.status).toBe(STATUS[status]);
    const deciding = item!.reasons.filter((r) => r.ruleId === decidedBy);
    expect(deciding.length, `${option} has no reason from ${decidedBy}`).toBe(1);
    // The named rule is what sets the status: failed with that effect, or met for a suitable option.
    if (status === 'S') expect(deciding[0]!.outcome).toBe('met');
    else expect(deciding[0]!.effect).toBe(STATUS[status]);
  });
});

describe('every reason an option shows agrees with the facts it cites', () => {
  const people = table.map((t) => t.person());
  const needRules: Record<string, string> = { 'need.alcohol': 'alcohol', 'need.substance_use': 'substance_use', 'need.mental_health': 'mental_health' };

  it.each(table.map((t, i) => [t.who, i] as const))('for %s', (_who, i) => {
    const profile = profileOf(people[i]!);
    const facts = optionFacts(profile);
    for (const item of matchOptions(catalogue, [], profile).items) {
      for (const r of item.reasons) {
        if (r.outcome === 'unknown') continue;
        // A fact cited by name is the person's fact, as recorded.
        for (const [name, value] of Object.entries(r.params)) {
          if (name in facts.values) expect(value, `${item.optionId} ${r.ruleId} cites ${name}`).toEqual(formatFact(facts.values[name as keyof typeof facts.values]));
        }
        // A card never lists a need it addresses and also says that need is not recorded.
        const need = needRules[r.ruleId];
        if (need && r.outcome === 'failed') expect(item.needsAddressed, `${item.optionId}`).not.toContain(need);
        if ((r.ruleId === 'need.addressed' || r.ruleId === 'need.support_relevant') && r.outcome === 'failed') expect(item.needsAddressed).toEqual([]);
      }
    }
  });
});

describe('ordering follows the rule written in the catalogue settings', () => {
  const first = (items: MatchItem[]) => items.filter((i) => i.prioritised);

  it('puts the young adult’s open diversion first, then least restrictive first', () => {
    const items = matchOf(youngAdultRobbery()).items;
    const pulled = first(items);
    expect(pulled.length).toBeGreaterThan(0);
    expect(items.slice(0, pulled.length)).toEqual(pulled);
    expect(pulled.every((i) => i.group === 'diversion' && i.status !== 'not_suitable')).toBe(true);
    const rest = items.slice(pulled.length).map((i) => i.restrictiveness);
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
  });

  it('changes when the settings change: without priority rules the list is least restrictive first', () => {
    const plain = { ...catalogue, settings: { ...catalogue.settings, ordering: { ...catalogue.settings.ordering, priority: [] } } };
    const items = matchOptions(plain, [], profileOf(youngAdultRobbery())).items;
    expect(items.some((i) => i.prioritised)).toBe(false);
    const ranks = items.map((i) => i.restrictiveness);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});
