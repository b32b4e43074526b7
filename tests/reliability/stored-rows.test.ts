import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForms } from '../../main/loaders/forms';
import type { Method } from '../../main/contract/api';
import type { ProgrammeDetails, Proposal } from '../../main/contract/options';
import { caseDetails, testCore, type TestCore } from '../support/core';
import { answered } from '../unit/forms/support';

// A row changed outside the app (a hand edit, a damaged page SQLite still reads) must never reach
// a screen or a report as if it were sound: every read of it is a clear storage error naming the
// table and the row, and nothing crashes.

let core: TestCore;
let caseId: string;
let programmeId: string;
beforeEach(async () => {
  core = testCore();
  const record = await core.call('cases.create', { details: caseDetails() });
  caseId = record.id;
  const full = loadForms().get('full')!;
  await core.call('interview.save', { caseId, version: 0, interview: { formId: 'full', formVersion: full.version, answers: { 'participation.interviewLanguage': answered('English') } } });
  const proposal: Proposal = { selected: [{ type: 'option', id: 'sentencing.conditional_discharge' }], rationale: 'Low risk.', alternatives: [], conditions: [], acknowledgements: [] };
  await core.call('proposal.save', { caseId, version: 0, proposal });
  const programme: ProgrammeDetails = {
    name: 'Riverside Women’s Centre',
    provider: 'Riverside Trust',
    kind: 'referral_womens_centre',
    needs: ['trauma'],
    eligibility: { genderSpecific: 'women', youngAdultOnly: false, excludedOffences: [], consentRequired: [], riskLevels: [] },
    location: '12 River Street',
    capacity: { places: 5, waitingWeeks: 2 },
    contact: { phone: '01234 567890' },
    languages: ['en'],
    retired: false,
  };
  programmeId = (await core.call('programmes.create', { details: programme })).id;
});
afterEach(() => core.cleanup());

/** Every call that reads the row, with its input. */
const readers = (): Record<string, Array<[Method, unknown]>> => ({
  cases: [
    ['cases.get', { id: caseId }],
    ['caseFile.export', { id: caseId }],
    ['interview.open', { caseId }],
    ['proposal.get', { caseId }],
    ['options.match', { caseId }],
    ['report.preview', { caseId, templateId: 'full-report' }],
    ['report.export', { caseId, templateId: 'full-report' }],
  ],
  interviews: [
    ['interview.open', { caseId }],
    ['caseFile.export', { id: caseId }],
    ['options.match', { caseId }],
    ['report.preview', { caseId, templateId: 'full-report' }],
  ],
  proposals: [
    ['proposal.get', { caseId }],
    ['caseFile.export', { id: caseId }],
    ['report.preview', { caseId, templateId: 'full-report' }],
  ],
  programmes: [
    ['programmes.list', { includeRetired: true }],
    ['programmes.export', { includeRetired: true }],
    ['options.match', { caseId }],
  ],
  audit: [['cases.history', { id: caseId }]],
});

describe('a stored row that is not in the form the app saves', () => {
  const corruptions: Array<[string, string, () => string]> = [
    ['cases', `UPDATE cases SET details = json_set(details, '$.person', 42)`, () => caseId],
    ['interviews', `UPDATE interviews SET answers = '{"participation.interviewLanguage":{"status":"maybe"}}'`, () => caseId],
    ['proposals', `UPDATE proposals SET proposal = '{"selected":"everything"}'`, () => caseId],
    ['programmes', `UPDATE programmes SET details = '[1,2,3]'`, () => programmeId],
    ['audit', `DROP TRIGGER audit_is_append_only_update; UPDATE audit SET changes = '{"not":"a list"}' WHERE entity = 'case'`, () => ''],
  ];

  for (const [table, sql, idOf] of corruptions) {
    it(`in ${table}: every read of it is a storage error naming the table and the row`, async () => {
      core.db.exec(sql);
      for (const [method, input] of readers()[table]!) {
        const result = await core.raw(method, input);
        expect(result.ok, `${method} read a damaged ${table} row`).toBe(false);
        if (result.ok) continue;
        expect(result.error.code, `${method}: ${result.error.message}`).toBe('storage');
        expect(result.error.message).toMatch(new RegExp(`^The stored ${table} row ${idOf() || '\\d+'} cannot be read`));
        expect(result.error).toMatchObject({ key: 'errors.storedRowUnreadable', params: { table } });
      }
    });
  }

  it('does not quote what the row holds in the error', async () => {
    core.db.exec(`UPDATE cases SET details = json_set(details, '$.person.familyName', json('[1]'))`);
    const result = await core.raw('cases.get', { id: caseId });
    expect(result).toMatchObject({ ok: false, error: { code: 'storage' } });
    expect(JSON.stringify(result)).not.toMatch(/Amina/);
  });
});
