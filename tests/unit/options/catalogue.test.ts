import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalogue, optionsDir } from '../../../main/loaders/catalogue';
import type { AppError } from '../../../main/contract/errors';
import { optionGroups, type MatchingProfile } from '../../../main/contract/options';
import { matchOptions } from '../../../main/domain/options/match';
import { catalogue, profile } from './support';

// A table of profiles that, between them, drive every shipped rule both ways. A new rule that no
// profile here can trigger (or clear) fails the test below, so no rule ships without a test.
const table: Record<string, MatchingProfile> = {
  'a consenting man of 34 at medium risk with a safe home': profile(),
  'a young woman of 21 assessed at low risk': profile({ gender: 'female', isWoman: true, ageAtOffence: 20, ageAtReport: 21, isYoungAdult: true, risk: { instrument: 'WRNA', date: '2026-10-30', result: 'low' } }),
  'a person for whom everything stands in the way': profile({
    offenceCategories: ['sexual', 'domestic_abuse', 'violence'],
    monthlyIncome: 0,
    monthlyOutgoings: 300,
    ableToPay: 'no',
    stableSafeHome: 'no',
    noFixedAbode: 'yes',
    domesticAbuseInHousehold: 'yes',
    workingHours: [{ days: ['mon', 'tue', 'wed'], start: '22:00', end: '06:00', label: 'night shift' }],
    childcareResponsibilities: 'yes',
    childcareTimes: [{ days: ['sat', 'sun'], start: '09:00', end: '17:00' }],
    pregnant: 'yes',
    risk: { instrument: 'OASys', date: '2026-11-02', result: 'high' },
    consents: { community_service: 'no', treatment: 'no', restorative_justice: 'no', electronic_monitoring: 'no' },
    fitForUnpaidWork: 'no',
    literacy: 'limited',
    acknowledgesBasicFacts: 'no',
    needs: [],
    victimViewsOnRestorative: 'unwilling',
  }),
  'a man convicted of a third drink-drive of high seriousness': profile({ charges: ['Driving with excess alcohol'], offenceCategories: ['driving'], offenceSeriousness: 'high', previousSimilarConvictions: 2 }),
  'a pre-trial person pleading not guilty, on benefits only, with no fixed abode and limited literacy': profile({ stage: 'pre_trial', plea: 'not_guilty', acknowledgesBasicFacts: 'unknown', benefitsOnly: 'yes', noFixedAbode: 'yes', stableSafeHome: 'no', literacy: 'limited' }),
  'a pre-trial person in work with a settled home': profile({ stage: 'pre_trial', acknowledgesBasicFacts: 'unknown' }),
};

describe('every shipped catalogue rule is exercised both ways', () => {
  const seen = new Map<string, Set<string>>();
  for (const [, person] of Object.entries(table)) {
    for (const item of matchOptions(catalogue(), [], person).items) {
      for (const r of item.reasons) {
        if (!seen.has(r.ruleId)) seen.set(r.ruleId, new Set());
        seen.get(r.ruleId)!.add(r.outcome);
      }
    }
  }

  it.each([...catalogue().rules.keys()].sort())('rule %s fails for one profile in the table and is met for another', (ruleId) => {
    expect([...(seen.get(ruleId) ?? [])].sort()).toEqual(expect.arrayContaining(['failed', 'met']));
  });

  it('uses every rule in the library for at least one option (no dead rules)', () => {
    const used = new Set(catalogue().options.flatMap((o) => o.rules.map((r) => r.rule.id)));
    expect([...catalogue().rules.keys()].filter((id) => !used.has(id))).toEqual([]);
  });
});

describe('the shipped catalogue holds every option of docs/DOMAIN.md section 5', () => {
  const kinds = (group: string) => catalogue().options.filter((o) => o.option.group === group).map((o) => o.option.kind).sort();

  it('has every group with its options', () => {
    expect(new Set(catalogue().options.map((o) => o.option.group))).toEqual(new Set(optionGroups));
    expect(kinds('pre_trial')).toEqual(['bail_with_surety', 'bail_without_surety', 'pretrial_electronic_monitoring', 'pretrial_supervision', 'release_on_undertaking', 'reporting', 'residence_travel']);
    expect(kinds('diversion')).toEqual(['caution', 'conditional_dismissal', 'deferred_sentence_conditions', 'referral_education', 'referral_mentoring', 'referral_restorative_justice', 'referral_treatment', 'referral_womens_centre']);
    expect(kinds('support')).toEqual(['education_support', 'employment_support', 'family_support', 'health_support', 'housing_support']);
    expect(kinds('sentencing')).toEqual(
      expect.arrayContaining(['verbal_sanction', 'conditional_discharge', 'absolute_discharge', 'status_penalty', 'fine', 'day_fine', 'restitution_compensation', 'suspended_sentence', 'deferred_sentence', 'probation_supervision', 'community_service', 'attendance_centre', 'house_arrest', 'treatment_order_drug', 'treatment_order_alcohol', 'treatment_order_mental_health']),
    );
    expect(kinds('restorative')).toEqual(['reparation', 'restorative_circle', 'restorative_conferencing', 'victim_offender_mediation']);
  });

  it('screens house arrest for domestic abuse, asks consent for unpaid work and restorative justice, and keeps EM an aid', () => {
    const rulesOf = (id: string) => catalogue().byId.get(id)!.rules.map((r) => r.rule.id);
    expect(rulesOf('sentencing.house_arrest')).toEqual(expect.arrayContaining(['home.stable_safe', 'home.domestic_abuse']));
    expect(rulesOf('sentencing.community_service')).toEqual(expect.arrayContaining(['consent.community_service', 'fitness.unpaid_work', 'time.work', 'time.childcare']));
    for (const id of ['restorative.mediation', 'restorative.conferencing', 'restorative.circles', 'diversion.referral_restorative_justice']) {
      expect(rulesOf(id)).toEqual(expect.arrayContaining(['consent.restorative_justice', 'victim.willing', 'facts.acknowledged', 'offence.restorative_special_care']));
    }
    // One affordability calculation decides every money option.
    for (const id of ['sentencing.fine', 'sentencing.compensation']) expect(rulesOf(id)).toEqual(['pay.affordable']);
    expect(rulesOf('sentencing.day_fine')).toEqual(['pay.day_fine_unit']);
    expect(rulesOf('pre_trial.bail_with_surety')).toEqual(expect.arrayContaining(['pay.not_benefits_only', 'pay.affordable']));
    expect(catalogue().byId.get('sentencing.electronic_monitoring')!.option.onlyWith).toEqual(['house_arrest', 'probation_supervision']);
  });
});

describe('a broken catalogue file is refused with the file, the JSON path and the reason', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A copy of the shipped catalogue with one file edited. */
  function broken(file: string, edit: (json: Record<string, unknown[]>) => void): string {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-options-'));
    for (const name of fs.readdirSync(optionsDir())) fs.copyFileSync(path.join(optionsDir(), name), path.join(dir, name));
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    edit(json);
    fs.writeFileSync(path.join(dir, file), JSON.stringify(json));
    return dir;
  }

  function refusal(at: string): AppError {
    try {
      loadCatalogue(at);
    } catch (e) {
      return e as AppError;
    }
    throw new Error('the catalogue was accepted');
  }

  const rule = (json: Record<string, unknown[]>, i: number) => json.rules![i] as { failsWhen: unknown; failed: Record<string, string> };
  const option = (json: Record<string, unknown[]>, i: number) => json.options![i] as Record<string, unknown>;

  it('accepts the shipped catalogue as it is', () => {
    expect(loadCatalogue().options.length).toBeGreaterThan(30);
  });

  it('refuses a rule reading an unknown variable', () => {
    const e = refusal(broken('rules.json', (j) => (rule(j, 0).failsWhen = { '==': [{ var: 'consentCommunitySrvice' }, 'no'] })));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain(`${path.join(dir!, 'rules.json')} $.rules[0].failsWhen["=="][0].var: unknown variable "consentCommunitySrvice"`);
    expect(e.details.path).toBe('$.rules[0].failsWhen["=="][0].var');
  });

  it('refuses an unknown JSON Logic operator', () => {
    const e = refusal(broken('rules.json', (j) => (rule(j, 1).failsWhen = { and: [true, { equals: [{ var: 'consentTreatment' }, 'no'] }] })));
    expect(e.message).toContain('rules.json $.rules[1].failsWhen.and[1].equals: unknown JSON Logic operator "equals"');
  });

  it('refuses a message citing something that is not a fact', () => {
    const e = refusal(broken('rules.json', (j) => (rule(j, 2).failed.en = 'Income {{salary}} is too low.')));
    expect(e.message).toContain('rules.json $.rules[2].failed.en: the message cites {{salary}}, which is not a fact');
  });

  it('refuses a duplicate option id', () => {
    const e = refusal(broken('options.sentencing.json', (j) => j.options!.push({ ...option(j, 0), kind: 'another_kind' })));
    expect(e.message).toMatch(/options\.sentencing\.json \$\.options\[\d+\]\.id: duplicate option id "sentencing\.verbal_sanction"/);
  });

  it('refuses a duplicate rule id, also between the library and an option', () => {
    const e = refusal(broken('options.diversion.json', (j) => (option(j, 0).rules as unknown[]).push({ id: 'pay.affordable', failsWhen: true, severity: 'concern', failed: { en: 'x' }, met: { en: 'y' } })));
    expect(e.message).toContain('options.diversion.json $.options[0].rules[4].id: duplicate rule id "pay.affordable"');
  });

  it('refuses a reference to a rule that does not exist', () => {
    const e = refusal(broken('options.restorative.json', (j) => ((option(j, 3).rules as unknown[])[0] = 'consent.restorative')));
    expect(e.message).toContain('options.restorative.json $.options[3].rules[0]: unknown rule "consent.restorative"');
  });

  it('refuses a shape error with the zod path', () => {
    const e = refusal(broken('options.pre-trial.json', (j) => (option(j, 2).restrictiveness = 0)));
    expect(e.message).toContain('options.pre-trial.json: $.options[2].restrictiveness');
  });

  it('refuses a vague-term pattern that is not a regular expression', () => {
    const e = refusal(broken('conditions.en.json', (j) => (j.vagueTerms![0] = { pattern: '(bad company', why: 'x', suggestion: 'y' })));
    expect(e.message).toContain('conditions.en.json $.vagueTerms[0].pattern: not a valid regular expression');
  });

  it('refuses a file it does not recognise rather than ignoring it', () => {
    const at = broken('settings.json', () => undefined);
    fs.writeFileSync(path.join(at, 'option.fines.json'), '{}');
    expect(refusal(at).message).toMatch(/option\.fines\.json: not a catalogue file name/);
  });
});
