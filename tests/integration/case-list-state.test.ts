import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../main/contract/people';
import type { Proposal } from '../../main/contract/options';
import type { ReportText } from '../../main/contract/reportText';
import { caseDetails, testCore, type TestCore } from '../support/core';
import { cli } from '../support/doors';
import { womanWithTwoDependants } from '../fixtures/interviews';

// The case list shows each case's report state (its latest version's, or "Not yet written") and
// who writes it, and filters by state and by the acting person's own cases, in the core, so the
// window and `psr case list` agree and `total` counts what the filters keep.

let core: TestCore;
let officer: Person;
let colleague: Person;

const as = (person: Person) => ({ session: { personId: person.id }, actor: person.fullName });

beforeEach(async () => {
  core = testCore();
  officer = (await core.call('people.list', {}))[0]!;
  colleague = await core.call('people.add', { details: { fullName: 'Cole Colleague', role: 'probation_officer', team: 'North', service: 'Probation Service' } });
});
afterEach(() => core.cleanup());

const proposal: Proposal = {
  selected: [{ type: 'option', id: 'sentencing.community_order' }],
  rationale: 'A community order keeps her children at home while the supervision addresses her debts.',
  alternatives: [],
  conditions: [],
  acknowledgements: [],
};

/** A short-format case its officer has written to the point it can be issued (as in report-life.test.ts). */
async function readyCase(caseNumber: string) {
  const c = womanWithTwoDependants();
  const record = await core.call('cases.create', { details: { ...c.details, reportType: 'short_format', caseNumber } }, as(officer));
  const { form } = await core.call('interview.open', { caseId: record.id }, as(officer));
  const asked = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'id' && typeof x === 'string') asked.add(x);
        else walk(x);
      }
  };
  walk(form);
  const answers = Object.fromEntries(Object.entries(c.interview.answers).filter(([id]) => asked.has(id)));
  await core.call('interview.save', { caseId: record.id, version: 0, interview: { formId: form.id, formVersion: form.version, answers } }, as(officer));
  const saved = await core.call('proposal.save', { caseId: record.id, version: 0, proposal }, as(officer));
  const conditionChecks = saved.checks.checks.map((k) => ({ checkId: k.id, reason: 'Weighed with the court’s question in mind.' }));
  await core.call('proposal.save', { caseId: record.id, version: 1, proposal: { ...proposal, acknowledgements: conditionChecks } }, as(officer));
  const { sections } = await core.call('reportText.get', { caseId: record.id }, as(officer));
  const text: ReportText = {
    sections: Object.fromEntries(sections.filter((s) => s.applies).map((s) => [s.id, { text: `In my assessment the facts recorded for ${s.id} weigh towards supervision in the community.` }])),
    acknowledgements: [],
  };
  const open = await core.call('reportText.checks', { caseId: record.id, text }, as(officer));
  const answered: ReportText = { ...text, acknowledgements: open.analysis.map((k) => ({ checkId: k.id, reason: 'Weighed: the court asked about her caring responsibilities.' })) };
  await core.call('reportText.save', { caseId: record.id, version: 0, text: answered }, as(officer));
  return record;
}

describe('the case list shows and filters by report state and author', () => {
  it('shows each case’s latest state and author, filters by state and by my cases, and counts what it keeps', async () => {
    const issued = await readyCase('CR-2026-2001');
    await core.call('report.issue', { caseId: issued.id, templateId: 'short-format-report' }, as(officer));
    const submitted = await readyCase('CR-2026-2002');
    await core.call('report.submit', { caseId: submitted.id, templateId: 'short-format-report' }, as(officer));
    const theirs = await core.call('cases.create', { details: caseDetails({ caseNumber: 'CR-2026-2003' }) }, as(colleague));

    const all = await core.call('cases.list', {}, as(officer));
    expect(all.total).toBe(3);
    const byNumber = Object.fromEntries(all.items.map((c) => [c.caseNumber, [c.state, c.authorName]]));
    expect(byNumber).toEqual({
      'CR-2026-2001': ['issued', 'officer.test'],
      'CR-2026-2002': ['submitted', 'officer.test'],
      'CR-2026-2003': ['none', 'Cole Colleague'],
    });

    const onlyIssued = await core.call('cases.list', { state: ['issued'] }, as(officer));
    expect(onlyIssued).toMatchObject({ total: 1, items: [{ id: issued.id, state: 'issued' }] });
    const notWritten = await core.call('cases.list', { state: ['none'] }, as(officer));
    expect(notWritten).toMatchObject({ total: 1, items: [{ id: theirs.id, state: 'none' }] });
    expect((await core.call('cases.list', { state: ['draft'] }, as(officer))).total).toBe(0);
    const either = await core.call('cases.list', { state: ['submitted', 'none'], limit: 1 }, as(officer));
    expect(either.total).toBe(2);
    expect(either.items).toHaveLength(1);

    const mine = await core.call('cases.list', { mine: true }, as(officer));
    expect(mine.total).toBe(2);
    expect(mine.items.map((c) => c.id).sort()).toEqual([issued.id, submitted.id].sort());
    expect(await core.call('cases.list', { mine: true }, as(colleague))).toMatchObject({ total: 1, items: [{ id: theirs.id, authorName: 'Cole Colleague' }] });
    expect(await core.call('cases.list', { mine: true, state: ['issued'] }, as(colleague))).toEqual({ total: 0, items: [] });
    // With a search too, the count is of what matches both.
    expect((await core.call('cases.list', { query: 'CR-2026', state: ['issued'] }, as(officer))).total).toBe(1);
    expect((await core.call('cases.list', { query: 'CR-2026', mine: true }, as(colleague))).total).toBe(1);
    // The kept states and counts agree with the cases as they are, worked out from their versions.
    const direct = core.db
      .prepare(
        `SELECT coalesce(author_id, '') AS author, CASE WHEN report_state <> 'draft' OR EXISTS (SELECT 1 FROM report_versions v WHERE v.case_id = c.id) THEN report_state ELSE 'none' END AS state, count(*) AS n
         FROM cases c GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all();
    expect(core.db.prepare(`SELECT author, list_state AS state, n FROM case_state_counts WHERE n > 0 ORDER BY 1, 2`).all()).toEqual(direct);
  });

  it('refuses my cases when nobody is acting on the call, naming $.mine', async () => {
    // No session: a call from a door that has not said who is using the app.
    const result = await core.raw('cases.list', { mine: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'refused', path: '$.mine', key: 'errors.whoIsUsing' } });
    expect((await core.raw('cases.list', {})).ok).toBe(true);
  });

  it('refuses an unknown state, naming the field', async () => {
    const result = await core.raw('cases.list', { state: ['lost'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.path).toMatch(/^\$\.state/);
  });

  it('prints the state and author in psr case list and filters with --state and --mine', async () => {
    const issued = await readyCase('CR-2026-2001');
    await core.call('report.issue', { caseId: issued.id, templateId: 'short-format-report' }, as(officer));
    await core.call('cases.create', { details: caseDetails({ caseNumber: 'CR-2026-2003' }) }, as(colleague));

    const listed = await cli(core, '--as', 'officer.test', 'case', 'list');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/REPORT\s+AUTHOR/);
    expect(listed.out).toMatch(/CR-2026-2001.*Issued\s+officer\.test/);
    expect(listed.out).toMatch(/CR-2026-2003.*Not yet written\s+Cole Colleague/);

    const onlyIssued = await cli(core, '--as', 'officer.test', 'case', 'list', '--state', 'issued');
    expect(onlyIssued.out).toMatch(/CR-2026-2001/);
    expect(onlyIssued.out).not.toMatch(/CR-2026-2003/);

    const mine = await cli(core, '--as', 'Cole Colleague', 'case', 'list', '--mine');
    expect(mine.out).toMatch(/CR-2026-2003/);
    expect(mine.out).not.toMatch(/CR-2026-2001/);

    const wrong = await cli(core, '--as', 'officer.test', 'case', 'list', '--state', 'lost');
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toMatch(/state/i);
  });
});
