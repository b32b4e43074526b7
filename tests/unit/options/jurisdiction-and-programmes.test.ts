import { describe, expect, it } from 'vitest';
import { Jurisdiction } from '../../../main/contract/jurisdiction';
import { loadJurisdiction } from '../../../main/loaders/dataFiles';
import { matchOptions } from '../../../main/domain/options/match';
import { programmeIssues } from '../../../main/domain/options/programmeRules';
import { catalogue, item, profile, programme } from './support';

// The jurisdiction says which measures exist at which stage, in data; a programme's own
// eligibility is written in the catalogue's rule language and matched by the same evaluator.

describe('the default jurisdiction’s measures', () => {
  const options = loadJurisdiction('default').options!;
  const kinds = new Set(catalogue().byKind.keys());

  it('names only kinds the catalogue holds, and every kind at one stage at least', () => {
    const listed = [...options.measures.pre_trial, ...options.measures.convicted];
    expect(listed.filter((k) => !kinds.has(k))).toEqual([]);
    expect([...kinds].filter((k) => !listed.includes(k))).toEqual([]);
  });

  it('keeps the measures that replace prosecution before a finding of guilt only, and the deferred sentence with conditions after it', () => {
    for (const k of ['caution', 'conditional_dismissal']) expect([options.measures.pre_trial.includes(k), options.measures.convicted.includes(k)]).toEqual([true, false]);
    expect([options.measures.pre_trial.includes('deferred_sentence_conditions'), options.measures.convicted.includes('deferred_sentence_conditions')]).toEqual([false, true]);
  });

  it('refuses a currency that is not an ISO code, naming the field', () => {
    const raw = { ...loadJurisdiction('default'), options: { ...options, currency: 'pounds' } };
    const parsed = Jurisdiction.safeParse(raw);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['options', 'currency']);
  });
});

describe('a programme’s own eligibility rules', () => {
  const noDrivers = { id: 'programme.no_driving', failsWhen: { in: ['driving', { var: 'offenceCategories' }] }, severity: 'not_suitable' as const, failed: { en: 'Not suitable: {{option}} does not take driving offences ({{offenceCategories}}).' }, met: { en: '{{option}} takes these offences ({{offenceCategories}}).' } };

  it('are evaluated with the catalogue’s rules, by id or written for the programme', () => {
    const p = programme('0b0d6f5e-1111-4c3a-9a55-0000000000d1', { name: 'Change Course', kind: 'referral_education', needs: ['employment'], eligibility: { rules: ['risk.not_high', noDrivers] } });
    const shopTheft = item(matchOptions(catalogue(), [p], profile()), p.id);
    expect(shopTheft.reasons.find((r) => r.ruleId === 'programme.no_driving')).toMatchObject({ outcome: 'met', message: 'Change Course takes these offences (property).' });
    const driver = item(matchOptions(catalogue(), [p], profile({ offenceCategories: ['driving'] })), p.id);
    expect(driver.status).toBe('not_suitable');
    expect(driver.reasons.find((r) => r.ruleId === 'programme.no_driving')!.message).toBe('Not suitable: Change Course does not take driving offences (driving).');
  });

  it('are refused on save when they name an unknown rule, an unknown fact or a bad operator, with the path', () => {
    const bad = programme('0b0d6f5e-1111-4c3a-9a55-0000000000d2', { eligibility: { rules: ['no.such_rule', { ...noDrivers, id: 'programme.bad', failsWhen: { equals: [{ var: 'shoeSize' }, 9] } }] } });
    const issues = programmeIssues(bad, catalogue());
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['$.details.eligibility.rules[0]', expect.stringMatching(/^\$\.details\.eligibility\.rules\[1\]\.failsWhen/)]));
    expect(issues.map((i) => i.message).join(' ')).toMatch(/unknown rule "no.such_rule"/);
  });
});
