import { describe, expect, it } from 'vitest';
import { groupsForStage, MatchResult } from '../../../main/contract/options';
import { matchOptions } from '../../../main/domain/options/match';
import { catalogue, ids, item, pregnantCaregiver, profile, programme, proposal } from './support';

const match = (...args: Parameters<typeof matchOptions> extends [unknown, ...infer R] ? R : never) => matchOptions(catalogue(), ...args);

describe('matching says why each option suits or does not, citing the facts', () => {
  it('finds a fine unaffordable when income, after outgoings and the allowance for a dependant, leaves nothing', () => {
    const result = match([], profile({ monthlyIncome: 450, monthlyOutgoings: 420, dependants: 1, ableToPay: 'unknown', paymentMode: 'unknown' }));
    const fine = item(result, 'sentencing.fine');
    expect(fine.status).toBe('not_suitable');
    const reason = fine.reasons.find((r) => r.ruleId === 'pay.affordable')!;
    expect(reason).toMatchObject({ outcome: 'failed', effect: 'not_suitable', key: 'options.rules.pay.affordable.failed', params: { affordability: 'nothing left after outgoings', payableMonthly: '£0', minimumPayment: '£5' } });
    expect(reason.message).toBe('Not suitable: Fine is not affordable (nothing left after outgoings): the person can pay £0 a month, less than the £5 a month a court would set; a penalty the person cannot pay punishes poverty (working paper para 21).');
    // The day-fine and compensation read the same calculation, so they agree.
    expect(item(result, 'sentencing.day_fine').status).toBe('not_suitable');
    expect(item(result, 'sentencing.compensation').status).toBe('not_suitable');
    // The same person with a comfortable margin can be fined.
    expect(item(match([], profile({ monthlyIncome: 2400, monthlyOutgoings: 1500 })), 'sentencing.fine').status).toBe('suitable');
  });

  it('finds a fine, a day-fine and compensation affordable for a person who can pay £20 a month in instalments', () => {
    const result = match([], profile({ monthlyIncome: 480, monthlyOutgoings: 420, ableToPay: 'yes', paymentMode: 'instalments', affordableMonthly: 20 }));
    for (const id of ['sentencing.fine', 'sentencing.day_fine', 'sentencing.compensation']) expect(item(result, id).status).toBe('suitable');
    expect(item(result, 'sentencing.fine').reasons[0]!.message).toBe('Affordable (instalments within means): the person can pay £20 a month, at least the £5 a month a court would set.');
    expect(item(result, 'sentencing.day_fine').reasons[0]!.message).toBe('A day-fine unit of £1 follows from the £20 a month the person can pay (instalments within means).');
  });

  it('refuses house arrest where domestic abuse in the household is recorded', () => {
    const houseArrest = item(match([], profile({ domesticAbuseInHousehold: 'yes' })), 'sentencing.house_arrest');
    expect(houseArrest.status).toBe('not_suitable');
    expect(houseArrest.reasons.find((r) => r.ruleId === 'home.domestic_abuse')!.message).toMatch(/^Not suitable: domestic abuse in the household is recorded/);
    // With a safe home and a medium-risk person, house arrest is open.
    expect(item(match([], profile()), 'sentencing.house_arrest').status).toBe('suitable');
  });

  it('lists for a pre-trial case only release, alternatives to detention, diversion and support, and says so', () => {
    const result = match([], profile({ stage: 'pre_trial' }));
    const open = result.items.filter((i) => i.status !== 'not_suitable');
    expect(open.length).toBeGreaterThan(5);
    expect(new Set(result.items.map((i) => i.group))).toEqual(new Set(groupsForStage.pre_trial));
    expect(result.items.some((i) => i.optionId === 'sentencing.fine')).toBe(false);
    expect(result.notes.map((n) => n.key)).toEqual(expect.arrayContaining(['options.note.preTrial', 'options.note.notAtStage']));
    // After conviction, pre-trial measures and the measures that replace prosecution are not listed; sentencing opens.
    const convicted = match([], profile());
    for (const gone of ['pre_trial.bail_without_surety', 'diversion.caution', 'diversion.conditional_dismissal']) expect(convicted.items.some((i) => i.optionId === gone)).toBe(false);
    expect(item(convicted, 'sentencing.fine').status).toBe('suitable');
    expect(item(convicted, 'diversion.deferred_sentence_conditions').status).not.toBe('not_suitable');
  });

  it('notes for a pregnant primary caregiver that non-custodial options are to be preferred (Bangkok 64)', () => {
    const result = match([], pregnantCaregiver());
    const note = result.notes.find((n) => n.key === 'options.note.preferNonCustodial')!;
    expect(note.message).toMatch(/pregnant and a primary caregiver: non-custodial options are to be preferred .*Bangkok Rules 64/);
    expect(item(result, 'sentencing.community_service').reasons.filter((r) => r.outcome === 'failed').map((r) => r.ruleId)).toEqual(['time.childcare', 'health.pregnancy']);
    expect(match([], profile()).notes.map((n) => n.key)).not.toContain('options.note.preferNonCustodial');
  });

  it('puts a young adult’s programme first within its rank and notes that diversion is preferred', () => {
    const mentoringGeneric = programme('0b0d6f5e-1111-4c3a-9a55-000000000001', { name: 'Community Mentors', kind: 'referral_mentoring', needs: ['peers'] });
    const mentoringYA = programme('0b0d6f5e-1111-4c3a-9a55-000000000002', { name: 'Young Adult Mentoring', kind: 'referral_mentoring', needs: ['peers'], eligibility: { youngAdultOnly: true, maxAge: 25 } });
    const youngAdult = profile({ ageAtOffence: 20, ageAtReport: 21, isYoungAdult: true, needs: [{ need: 'peers', source: 'self_reported' }, { need: 'maturity', source: 'assessment' }] });
    const result = match([mentoringGeneric, mentoringYA], youngAdult);
    // Young-adult programmes first, then the diversion open to him (working paper para 18).
    expect(result.items[0]!.name).toBe('Young Adult Mentoring');
    const firstOther = result.items.findIndex((i) => !i.prioritised);
    expect(result.items.slice(0, firstOther).every((i) => i.group === 'diversion' && i.status !== 'not_suitable')).toBe(true);
    expect(result.items.slice(firstOther).some((i) => i.prioritised)).toBe(false);
    expect(item(result, mentoringYA.id).prioritised).toBe(true);
    expect(item(result, 'sentencing.attendance_centre').status).toBe('suitable');
    expect(result.notes.find((n) => n.key === 'options.note.youngAdult')!.message).toMatch(/diversion is the preferred response.*para 18/);
    // At 34 the young-adult programme is closed and the attendance centre with it.
    const older = match([mentoringYA], profile());
    expect(item(older, mentoringYA.id)).toMatchObject({ status: 'not_suitable', prioritised: false });
    expect(item(older, mentoringYA.id).reasons.map((r) => r.ruleId)).toEqual(expect.arrayContaining(['programme.age', 'programme.youngAdult']));
  });

  it('puts an eligible women’s programme first for a woman, and refuses it to a man', () => {
    const womens = programme('0b0d6f5e-1111-4c3a-9a55-000000000003', { name: 'Women’s Education Hub', kind: 'referral_education', needs: ['education'], eligibility: { genderSpecific: 'women' } });
    const general = programme('0b0d6f5e-1111-4c3a-9a55-000000000004', { name: 'Adult Learning Service', kind: 'referral_education', needs: ['education', 'employment'] });
    const woman = profile({ gender: 'female', isWoman: true, needs: [{ need: 'education', source: 'verified' }, { need: 'employment', source: 'verified' }] });
    const order = ids(match([general, womens], woman)).filter((id) => id === womens.id || id === general.id);
    // The women's programme addresses fewer needs, yet comes first within the same rank.
    expect(order).toEqual([womens.id, general.id]);
    expect(item(match([womens], profile()), womens.id).reasons.find((r) => r.ruleId === 'programme.gender')!.message).toMatch(/programme for women/);
  });
});

describe('unknown facts yield concerns, never refusals and never passes', () => {
  it('keeps house arrest open with concerns when the home and abuse are not recorded', () => {
    const houseArrest = item(match([], profile({ stableSafeHome: 'unknown', domesticAbuseInHousehold: 'unknown' })), 'sentencing.house_arrest');
    expect(houseArrest.status).toBe('suitable_with_concerns');
    const unknown = houseArrest.reasons.filter((r) => r.outcome === 'unknown');
    expect(unknown.map((r) => r.ruleId)).toEqual(['home.stable_safe', 'home.domestic_abuse']);
    expect(unknown[1]!.message).toMatch(/not recorded: domestic abuse in the household/);
  });

  it('says a declined answer is never counted against the person', () => {
    const fine = item(match([], profile({ monthlyIncome: 'declined', ableToPay: 'unknown', paymentMode: 'unknown' })), 'sentencing.fine');
    expect(fine.status).toBe('suitable_with_concerns');
    const income = fine.reasons.find((r) => r.ruleId === 'pay.affordable')!;
    expect(income).toMatchObject({ outcome: 'unknown', key: 'options.factsDeclinedAndNotRecorded' });
    expect(income.message).toMatch(/declined to say: monthly income.*never counted against them/);
  });

  it('treats a missing risk assessment as a concern where risk matters', () => {
    const result = match([], profile({ risk: 'not_assessed' }));
    expect(item(result, 'sentencing.probation').status).toBe('suitable_with_concerns');
    expect(item(result, 'sentencing.probation').reasons.find((r) => r.ruleId === 'risk.not_low')!.message).toMatch(/not recorded: a structured risk assessment/);
  });

  it('treats a programme’s unrecorded consent as a concern', () => {
    const p = programme('0b0d6f5e-1111-4c3a-9a55-000000000005', { name: 'Alcohol Day Programme', kind: 'treatment_order_alcohol', needs: ['alcohol'], eligibility: { consentRequired: ['treatment'] } });
    const r = item(match([p], profile({ consents: { treatment: 'unknown' } })), p.id);
    expect(r.status).toBe('suitable_with_concerns');
    expect(r.reasons.filter((x) => x.outcome === 'unknown').map((x) => x.ruleId)).toEqual(['consent.treatment', 'programme.consent']);
  });
});

describe('ordering and determinism', () => {
  it('lists least restrictive first, then by recorded needs addressed', () => {
    const result = match([], profile());
    const ranks = result.items.map((i) => i.restrictiveness);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // At rank 8, education (employment is recorded) comes before mentoring (none of its needs is).
    const rank8 = result.items.filter((i) => i.restrictiveness === 8);
    for (let i = 1; i < rank8.length; i++) expect(rank8[i - 1]!.needsAddressed.length).toBeGreaterThanOrEqual(rank8[i]!.needsAddressed.length);
    const at = (id: string) => rank8.findIndex((i) => i.ref.id === id);
    expect(at('diversion.referral_education')).toBeLessThan(at('diversion.referral_mentoring'));
    expect(result.items[0]!.ref.id).toBe('support.employment');
  });

  it('gives the same result for the same input, whatever order the catalogue and programmes come in', () => {
    const programmes = [
      programme('0b0d6f5e-1111-4c3a-9a55-00000000000a', { name: 'B Programme', kind: 'community_service', needs: ['employment'] }),
      programme('0b0d6f5e-1111-4c3a-9a55-00000000000b', { name: 'A Programme', kind: 'community_service', needs: ['employment'] }),
      programme('0b0d6f5e-1111-4c3a-9a55-00000000000c', { name: 'A Programme', kind: 'community_service', needs: ['employment'] }),
    ];
    const person = pregnantCaregiver({ risk: 'not_assessed', monthlyIncome: 'unknown' });
    const first = matchOptions(catalogue(), programmes, person);
    expect(MatchResult.parse(first)).toEqual(first);
    expect(matchOptions(catalogue(), programmes, person)).toEqual(first);
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 5; round++) {
      const shuffled = { ...catalogue(), options: [...catalogue().options].sort(() => rand() - 0.5) };
      expect(matchOptions(shuffled, [...programmes].sort(() => rand() - 0.5), person)).toEqual(first);
    }
  });
});

describe('the net-widening warning and programme checks', () => {
  it('warns when a low-risk person is given many requirements', () => {
    const lowRisk = profile({ risk: { instrument: 'OASys', date: '2026-11-02', result: 'low' } });
    const heavy = proposal({
      selected: [{ type: 'option', id: 'sentencing.probation' }, { type: 'option', id: 'sentencing.house_arrest' }, { type: 'option', id: 'sentencing.electronic_monitoring' }],
    });
    const note = match([], lowRisk, { proposal: heavy }).notes.find((n) => n.key === 'options.note.netWidening')!;
    expect(note.params).toMatchObject({ count: 3, limit: 2 });
    expect(note.message).toMatch(/low risk \(OASys, 2026-11-02\).*para 33/);
    expect(match([], lowRisk, { proposal: proposal() }).notes.map((n) => n.key)).not.toContain('options.note.netWidening');
    expect(match([], profile(), { proposal: heavy }).notes.map((n) => n.key)).not.toContain('options.note.netWidening');
  });

  it('marks a retired programme not suitable and reports a programme of unknown kind in the notes', () => {
    const retired = programme('0b0d6f5e-1111-4c3a-9a55-000000000006', { retired: true });
    const stray = programme('0b0d6f5e-1111-4c3a-9a55-000000000007', { name: 'Stray', kind: 'no_such_kind' });
    const result = match([retired, stray], pregnantCaregiver());
    expect(item(result, retired.id).reasons.map((r) => r.ruleId)).toContain('programme.retired');
    expect(result.items.some((i) => i.ref.id === stray.id)).toBe(false);
    expect(result.notes.find((n) => n.key === 'options.note.programmeKindUnknown')!.message).toMatch(/Stray refers to the kind "no_such_kind"/);
  });

  it('checks a programme’s offences, risk range, language, places and cost against the person', () => {
    const p = programme('0b0d6f5e-1111-4c3a-9a55-000000000008', {
      name: 'Change Course',
      kind: 'probation_supervision',
      needs: ['attitudes'],
      eligibility: { excludedOffences: ['sexual', 'property'], riskLevels: ['high'] },
      languages: ['pl'],
      capacity: { places: 0, waitingWeeks: 10 },
      cost: { amount: 20, period: 'weekly' },
    });
    const r = item(match([p], profile({ ableToPay: 'no' })), p.id);
    expect(r.status).toBe('not_suitable');
    const by = Object.fromEntries(r.reasons.map((x) => [x.ruleId, x]));
    expect(by['programme.offence']!.message).toMatch(/excludes property offences/);
    expect(by['programme.risk']).toMatchObject({ effect: 'suitable_with_concerns', params: { riskLevel: 'medium' } });
    expect(by['programme.language']!.message).toMatch(/interpreter/);
    expect(by['programme.capacity']!.message).toMatch(/about 10 weeks/);
    expect(by['programme.cost']!.effect).toBe('not_suitable');
  });
});
