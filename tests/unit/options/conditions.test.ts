import { describe, expect, it } from 'vitest';
import { ConditionReport, Proposal, type ProposedCondition } from '../../../main/contract/options';
import { messages } from '../../../main/contract/messages';
import { checkConditions } from '../../../main/domain/options/conditions';
import { parseSchedules } from '../../../main/domain/options/schedule';
import { catalogue, pregnantCaregiver, profile, programme, proposal } from './support';

const condition = (c: Partial<ProposedCondition> & { text: string }): ProposedCondition => ({ id: 'c1', ...c });
/** A condition that passes every check for the default profile; tests spoil one thing at a time. */
const clear = (c: Partial<ProposedCondition> = {}) =>
  condition({ text: 'Attend the Riverside alcohol service within 14 days and the sessions it sets, up to 12 weeks.', link: { need: 'alcohol' }, ...c });
const check = (p: Proposal, person = profile(), lang = 'en') => checkConditions(p, person, lang, catalogue());
const types = (r: ConditionReport) => r.checks.map((c) => c.type);

describe('condition checks explain themselves as the officer types', () => {
  it('passes a clear, linked, time-limited condition for a medium-risk person', () => {
    const report = check(proposal({ conditions: [clear()] }));
    expect(report).toEqual({ checks: [], open: 0, staleAcknowledgements: [] });
  });

  it('flags "avoid bad company", then accepts it once rewritten to name the person and the date', () => {
    const vague = check(proposal({ conditions: [condition({ text: 'Avoid bad company.', link: { risk: 'offending with co-defendants' } })] }));
    expect(types(vague)).toEqual(['vague_term', 'no_end_or_review']);
    expect(vague.checks[0]!.message).toMatch(/^"bad company" is vague: it does not say whom to avoid.*do not knowingly contact \[named person\] until \[date\]/);
    const rewritten = check(proposal({ conditions: [condition({ text: 'Do not knowingly contact Jane Doe until 2027-06-30.', link: { risk: 'offending with co-defendants' } })] }));
    expect(rewritten.checks).toEqual([]);
  });

  it.each([
    ['Do not drink to excess.', 'to excess'],
    ['Obey all directions of the supervising officer.', 'obey all directions'],
    ['Attend appointments as directed.', 'as directed'],
    ['Be of good behaviour.', 'good behaviour'],
    ['Stay home at night.', 'stay home at night'],
    ['Report regularly.', 'regularly'],
  ])('flags the vague term in "%s"', (text, term) => {
    const report = check(proposal({ conditions: [clear({ text: `${text} Until 2027-06-30.` })] }));
    expect(report.checks.filter((c) => c.type === 'vague_term').map((c) => String(c.params.term).toLowerCase())).toEqual([term]);
  });

  it('does not flag a vague word inside another word', () => {
    // "regularly" must not match "irregularly"; phrases match on whole words only.
    expect(types(check(proposal({ conditions: [clear({ text: 'Tell the officer about irregularly paid work, until 2027-06-30.' })] })))).toEqual([]);
  });

  it('flags a condition with no end date, duration or review point, and accepts any of them', () => {
    const open = check(proposal({ conditions: [clear({ text: 'Attend the Riverside alcohol service.' })] }));
    expect(types(open)).toEqual(['no_end_or_review']);
    expect(open.checks[0]!.message).toMatch(/No end date, duration or review point/);
    for (const fix of [{ endDate: '2027-03-01' }, { duration: { amount: 3, unit: 'months' as const } }, { review: { after: { amount: 6, unit: 'weeks' as const } } }]) {
      expect(types(check(proposal({ conditions: [clear({ text: 'Attend the Riverside alcohol service.', ...fix })] })))).toEqual([]);
    }
    expect(types(check(proposal({ conditions: [clear({ text: 'Attend the Riverside alcohol service for 6 months.' })] })))).toEqual([]);
    expect(types(check(proposal({ conditions: [clear({ text: 'Attend the Riverside alcohol service; reviewed by the court at 3 months.' })] })))).toEqual([]);
  });

  it('flags a condition linked to nothing, or to a need that is not recorded', () => {
    const none = check(proposal({ conditions: [clear({ link: undefined })] }));
    expect(none.checks.map((c) => c.key)).toEqual(['conditions.notLinked']);
    const wrong = check(proposal({ conditions: [clear({ link: { need: 'accommodation' } })] }));
    expect(wrong.checks[0]!.message).toBe('Linked to accommodation, but no accommodation need is recorded in the assessment.');
    const riskless = check(proposal({ conditions: [clear({ link: { risk: 'contact with the victim' } })] }), profile({ risk: 'not_assessed' }));
    expect(riskless.checks.map((c) => c.key)).toEqual(['conditions.riskLinkNotAssessed']);
  });

  it('flags a curfew that clashes with recorded night shifts, reading the times from the words', () => {
    const nightWorker = profile({ workingHours: [{ days: ['wed', 'thu'], start: '22:00', end: '06:00', label: 'night shift' }] });
    const curfew = clear({ text: 'Be at 12 Mill Street 21:00-06:00, Monday to Friday, for 3 months.', link: { risk: 'late-night offending' } });
    const report = check(proposal({ conditions: [curfew] }), nightWorker);
    expect(types(report)).toEqual(['schedule_clash']);
    expect(report.checks[0]!.message).toBe(
      'Clashes with the recorded working hours: the condition\'s 21:00-06:00 Monday to Friday overlaps 22:00-06:00 Wednesday, Thursday (night shift) (first on Wednesday 22:00).',
    );
    // Weekend nights only: no clash with Wednesday and Thursday shifts.
    expect(types(check(proposal({ conditions: [{ ...curfew, text: 'Be at 12 Mill Street 21:00-06:00 Saturday and Sunday, for 3 months.' }] }), nightWorker))).toEqual([]);
  });

  it('flags unpaid work that clashes with recorded childcare', () => {
    const hours = clear({ text: 'Unpaid work Tuesdays 14:00 to 17:00 for 12 weeks.', link: { need: 'employment' } });
    const report = check(proposal({ conditions: [hours] }), pregnantCaregiver());
    // The first clash is sent as a day id and a time, and worded by the catalogue.
    const clashes = report.checks.filter((c) => c.type === 'schedule_clash');
    expect(clashes.map((c) => [c.params.atDay, c.params.atTime])).toEqual([['tue', '15:00']]);
    expect(messages('en').t(clashes[0]!.key, clashes[0]!.params)).toMatch(/\(first on Tuesday 15:00\)\.$/);
  });

  it('asks the officer to confirm times when working hours are not recorded', () => {
    const report = check(proposal({ conditions: [clear({ text: 'Report to the office 09:00-10:00 on Mondays for 3 months.' })] }), profile({ workingHours: 'unknown' }));
    expect(types(report)).toEqual(['schedule_unverified']);
    expect(report.checks[0]!.message).toMatch(/working hours are not recorded: confirm they fit/);
  });

  it('flags a financial condition for someone recorded as unable to pay, citing the income', () => {
    const pay = clear({ text: 'Pay 50 a week towards the victim’s losses for 6 months.', link: { need: 'finance' }, cost: { amount: 50, period: 'weekly' } });
    const poor = profile({ ableToPay: 'no', needs: [{ need: 'finance', source: 'verified' }] });
    expect(check(proposal({ conditions: [pay] }), poor).checks.map((c) => c.key)).toEqual(['conditions.unableToPay']);
    const stretched = profile({ monthlyIncome: 900, monthlyOutgoings: 800, ableToPay: 'unknown', needs: [{ need: 'finance', source: 'verified' }] });
    const report = check(proposal({ conditions: [pay] }), stretched);
    expect(report.checks[0]!.message).toBe('this condition (50, weekly) is unaffordable: monthly income recorded as 900 against outgoings of 800 leaves 100.');
    // A fine selected for someone recorded as unable to pay is flagged too.
    expect(check(proposal({ selected: [{ type: 'option', id: 'sentencing.fine' }] }), poor).checks.map((c) => c.id)).toEqual(['unaffordable:sentencing.fine']);
  });

  it('gives a low-risk person with a heavy proposal a net-widening warning', () => {
    const lowRisk = profile({ risk: { instrument: 'OASys', date: '2026-11-02', result: 'low' } });
    const heavy = proposal({
      selected: [{ type: 'option', id: 'sentencing.probation' }, { type: 'option', id: 'sentencing.community_service' }],
      conditions: [clear({ id: 'c1' }), clear({ id: 'c2' })],
    });
    const report = check(heavy, lowRisk);
    const warning = report.checks.find((c) => c.type === 'too_many_requirements')!;
    expect(warning).toMatchObject({ key: 'conditions.netWidening', params: { count: 4, limit: 2 } });
    expect(warning.message).toMatch(/^Net-widening: 4 requirements for a person assessed at low risk \(OASys, 2026-11-02\).*para 33/);
    // The same proposal is proportionate at medium risk.
    expect(types(check(heavy))).toEqual([]);
  });

  it('keeps electronic monitoring an aid: alone it is flagged, with a curfew it is not', () => {
    const alone = check(proposal({ selected: [{ type: 'option', id: 'sentencing.electronic_monitoring' }] }));
    expect(alone.checks.map((c) => c.id)).toEqual(['aid_only:sentencing.electronic_monitoring']);
    expect(alone.checks[0]!.message).toMatch(/never supervision itself.*House arrest \(curfew\) or Probation/);
    expect(check(proposal({ selected: [{ type: 'option', id: 'sentencing.electronic_monitoring' }, { type: 'option', id: 'sentencing.house_arrest' }] })).checks).toEqual([]);
  });

  it('names the options in the check’s language, from the options data', () => {
    // A stand-in wording in a language the data does not ship, removed again after the check.
    const monitoring = catalogue().byId.get('sentencing.electronic_monitoring')!.option.wording;
    monitoring.eo = { ...monitoring.en!, name: 'Elektronika monitorado' };
    try {
      const alone = check(proposal({ selected: [{ type: 'option', id: 'sentencing.electronic_monitoring' }] }), profile(), 'eo');
      expect(alone.checks[0]!.params.option).toBe('Elektronika monitorado');
      expect(check(proposal({ selected: [{ type: 'option', id: 'sentencing.electronic_monitoring' }] })).checks[0]!.params.option).toBe('Electronic monitoring');
    } finally {
      delete monitoring.eo;
    }
  });

  it('flags a selection that is neither in the catalogue nor a programme, and resolves programmes by kind', () => {
    const unpaid = programme('0b0d6f5e-1111-4c3a-9a55-000000000009', { name: 'Parks Team', kind: 'community_service', needs: ['employment'] });
    const p = proposal({ selected: [{ type: 'programme', id: unpaid.id }, { type: 'option', id: 'sentencing.no_such' }] });
    const report = checkConditions(p, profile(), 'en', catalogue(), [unpaid]);
    expect(report.checks.map((c) => c.id)).toEqual(['unknown_selection:sentencing.no_such']);
  });
});

describe('acknowledging a check keeps it, with the officer’s reason', () => {
  it('reports an acknowledged check as acknowledged, not removed, and counts only open checks', () => {
    const p = proposal({
      conditions: [clear({ text: 'Attend the Riverside alcohol service.' })],
      acknowledgements: [{ checkId: 'no_end_or_review:c1', reason: 'The court sets the length at the hearing.' }],
    });
    const report = check(p);
    expect(report.checks).toEqual([expect.objectContaining({ id: 'no_end_or_review:c1', acknowledged: { reason: 'The court sets the length at the hearing.' } })]);
    expect(report.open).toBe(0);
    expect(ConditionReport.parse(report)).toEqual(report);
  });

  it('keeps an acknowledgement whose check no longer arises, apart, so nothing typed is lost', () => {
    const ack = { checkId: 'vague_term:c1:bad company', reason: 'Named in the addendum.' };
    const report = check(proposal({ conditions: [clear()], acknowledgements: [ack] }));
    expect(report.checks).toEqual([]);
    expect(report.staleAcknowledgements).toEqual([ack]);
  });

  it('requires a reason to acknowledge, and a rationale for the proposal', () => {
    expect(Proposal.safeParse({ ...proposal(), acknowledgements: [{ checkId: 'x', reason: '  ' }] }).success).toBe(false);
    expect(Proposal.safeParse({ ...proposal(), rationale: '   ' }).success).toBe(false);
    expect(Proposal.safeParse({ ...proposal(), conditions: [clear(), clear()] }).error?.issues[0]?.message).toBe('Duplicate condition id "c1".');
  });
});

describe('times and days are read from simple wording', () => {
  const en = catalogue().languages.get('en')!;
  it.each([
    ['21:00-06:00, Monday to Friday', [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '21:00', end: '06:00' }]],
    ['9pm to 6am on weekends', [{ days: ['sat', 'sun'], start: '21:00', end: '06:00' }]],
    ['Tuesdays and Thursdays 14:00 - 17:30', [{ days: ['tue', 'thu'], start: '14:00', end: '17:30' }]],
    ['Fri-Mon 20.00-07.00', [{ days: ['mon', 'fri', 'sat', 'sun'], start: '20:00', end: '07:00' }]],
    ['daily 7:00-8:00', [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '07:00', end: '08:00' }]],
    ['up to 12 sessions, 1 to 3 a week, until 2027-06-30', []],
  ])('reads "%s"', (text, expected) => {
    expect(parseSchedules(text, en)).toEqual(expected);
  });
});
