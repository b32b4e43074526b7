import { afterEach, describe, expect, it } from 'vitest';
import { ReportVersionRepository } from '../../main/store/reportVersions';
import { PeopleRepository } from '../../main/store/people';
import { caseDetails, testCore, TODAY, type TestCore } from '../support/core';

// What the store keeps of a report's life: numbered versions, the reviewer's comments, and an
// issued version that nothing can change, not even an UPDATE typed against the database file.

let core: TestCore;
afterEach(() => core?.cleanup());

const meta = { actor: 'Jane Doyle', at: TODAY.toISOString() };

async function setUp() {
  core = testCore();
  const people = new PeopleRepository(core.db);
  const officer = people.add({ fullName: 'Jane Doyle', role: 'probation_officer', team: 'North', service: 'Probation Service' }, meta);
  const senior = people.add({ fullName: 'Ruth Okoye', role: 'senior_probation_officer', team: 'North', service: 'Probation Service' }, meta);
  const record = await core.call('cases.create', { details: caseDetails() });
  const versions = new ReportVersionRepository(core.db);
  const as = (p: typeof officer) => ({ personId: p.id, name: p.fullName, role: p.role, at: TODAY.toISOString() });
  return { versions, caseId: record.id, officer: as(officer), senior: as(senior) };
}

const HASH = 'a'.repeat(64);

describe('report versions in the store', () => {
  it('walk from draft to issued, each step audited, and the case list state follows', async () => {
    const { versions, caseId, officer, senior } = await setUp();
    versions.step(caseId, null, { state: 'submitted', by: officer, templateId: 'full-report', snapshot: { any: 'thing' } }, officer, null, meta);
    versions.step(caseId, 'submitted', { state: 'returned', by: senior }, officer, { sectionId: 'offence-analysis', body: 'Say how the debt led to the offence.' }, meta);
    const [comment] = versions.comments(caseId);
    versions.address(caseId, comment!.id, officer, 'Added a paragraph on the debt.', meta);
    versions.step(caseId, 'returned', { state: 'submitted', by: officer, templateId: 'full-report', snapshot: { any: 'thing' } }, officer, null, meta);
    versions.step(caseId, 'submitted', { state: 'countersigned', by: senior }, officer, null, meta);
    const issued = versions.step(caseId, 'countersigned', { state: 'issued', by: officer, contentHash: HASH }, officer, null, meta);
    expect(issued).toMatchObject({ number: 1, state: 'issued', contentHash: HASH, countersigned: { name: 'Ruth Okoye' }, issued: { name: 'Jane Doyle' } });
    expect(versions.comments(caseId)[0]).toMatchObject({ sectionId: 'offence-analysis', addressed: { name: 'Jane Doyle' }, addressedNote: 'Added a paragraph on the debt.' });
    expect(core.db.prepare(`SELECT report_state FROM cases WHERE id = ?`).pluck().get(caseId)).toBe('issued');
    const actions = core.db.prepare(`SELECT action FROM audit WHERE entity = 'reportVersion' AND entity_id = ? ORDER BY id`).pluck().all(caseId);
    expect(actions).toEqual(['start', 'submitted', 'returned', 'address', 'submitted', 'countersigned', 'issued']);
  });

  it('refuse a step decided on a state another window has moved on from, and write nothing', async () => {
    const { versions, caseId, officer, senior } = await setUp();
    versions.step(caseId, null, { state: 'submitted', by: officer, templateId: 'full-report', snapshot: {} }, officer, null, meta);
    expect(() => versions.step(caseId, 'draft', { state: 'submitted', by: officer }, officer, null, meta)).toThrow(/moved on in another window/);
    expect(versions.latest(caseId)?.state).toBe('submitted');
    versions.step(caseId, 'submitted', { state: 'countersigned', by: senior }, officer, null, meta);
    expect(() => versions.step(caseId, 'submitted', { state: 'returned', by: senior }, officer, { sectionId: null, body: 'Too late' }, meta)).toThrow(/moved on/);
    expect(versions.comments(caseId)).toEqual([]);
  });

  it('never let the database change or delete an issued version, whatever the query', async () => {
    const { versions, caseId, officer } = await setUp();
    versions.step(caseId, null, { state: 'issued', by: officer, templateId: 'full-report', snapshot: { text: 'as issued' }, contentHash: HASH }, officer, null, meta);
    expect(() => core.db.prepare(`UPDATE report_versions SET snapshot = '{"text":"rewritten"}' WHERE case_id = ?`).run(caseId)).toThrow(/issued report version cannot be changed/);
    expect(() => core.db.prepare(`UPDATE report_versions SET state = 'draft' WHERE case_id = ?`).run(caseId)).toThrow(/cannot be changed/);
    expect(() => core.db.prepare(`DELETE FROM report_versions WHERE case_id = ?`).run(caseId)).toThrow(/cannot be deleted/);
    expect(core.db.prepare(`SELECT snapshot FROM report_versions WHERE case_id = ?`).pluck().get(caseId)).toBe('{"text":"as issued"}');
  });

  it('refuse an issued version without its snapshot and content hash', async () => {
    const { versions, caseId, officer } = await setUp();
    expect(() => versions.step(caseId, null, { state: 'issued', by: officer, templateId: 'full-report' }, officer, null, meta)).toThrow(/CHECK constraint/);
    expect(versions.latest(caseId)).toBeNull();
  });

  it('keep a review comment as written: marked addressed once, never edited or deleted', async () => {
    const { versions, caseId, officer, senior } = await setUp();
    versions.step(caseId, null, { state: 'submitted', by: officer, templateId: 'full-report', snapshot: {} }, officer, null, meta);
    versions.comment(caseId, 1, { sectionId: null, body: 'Shorten the proposal.' }, senior, meta);
    const [c] = versions.comments(caseId);
    expect(() => core.db.prepare(`UPDATE review_comments SET body = 'Fine as it is.' WHERE id = ?`).run(c!.id)).toThrow(/kept as written/);
    expect(() => core.db.prepare(`DELETE FROM review_comments WHERE id = ?`).run(c!.id)).toThrow(/stays in the report/);
    versions.address(caseId, c!.id, officer, null, meta);
    expect(() => versions.address(caseId, c!.id, officer, null, meta)).toThrow(/moved on/);
  });

  it('amend an issued version into the next one, with its reason, from what was issued', async () => {
    const { versions, caseId, officer } = await setUp();
    versions.step(caseId, null, { state: 'issued', by: officer, templateId: 'full-report', snapshot: {}, contentHash: HASH }, officer, null, meta);
    const next = versions.amend(caseId, 1, officer, 'The hearing was adjourned and a place at the women’s centre is now confirmed.', meta);
    expect(next).toMatchObject({ number: 2, state: 'draft', amends: { number: 1, reason: expect.stringContaining('adjourned') } });
    expect(versions.list(caseId).map((v) => v.state)).toEqual(['issued', 'draft']);
    expect(core.db.prepare(`SELECT report_state FROM cases WHERE id = ?`).pluck().get(caseId)).toBe('draft');
    expect(() => versions.amend(caseId, 1, officer, 'Again', meta)).toThrow(/moved on/);
  });
});
