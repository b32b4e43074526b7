import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Interview } from '../../main/contract/interview';
import { loadForms } from '../../main/loaders/forms';
import { CaseRepository } from '../../main/store/cases';
import { caseDetails, storeSnapshot, testCore, type TestCore } from '../support/core';
import { answered, completeInterview, facts } from '../unit/forms/support';
import { applyDisclosureDefaults } from '../../main/domain/forms/disclosure';
import { readStoredChanges } from '../../main/store/audit';

let core: TestCore;
beforeEach(() => {
  core = testCore();
});
afterEach(() => core.cleanup());

const forms = loadForms();
const full = forms.get('full')!;
const preTrial = forms.get('pre-trial')!;

async function newCase(overrides: Parameters<typeof caseDetails>[0] = {}) {
  return core.call('cases.create', { details: caseDetails(overrides) });
}

describe('the interview an officer records', () => {
  it('opens with the form for the report type and the facts its rules see', async () => {
    const record = await newCase();
    const opened = await core.call('interview.open', { caseId: record.id });
    expect(opened.form.id).toBe('full');
    expect(opened.facts).toMatchObject({ isWoman: true, ageAtReport: 36, stage: 'convicted' });
    expect(opened.version).toBe(0);
    expect(opened.interview.answers).toEqual({});
  });

  it('saves an unfinished or invalid draft and says what still needs attention', async () => {
    const record = await newCase();
    const draft: Interview = { formId: 'full', formVersion: full.version, answers: { 'participation.interviewDate': answered('not a date') } };
    const saved = await core.call('interview.save', { caseId: record.id, version: 0, interview: draft });
    expect(saved.version).toBe(1);
    expect(saved.issues.some((i) => i.kind === 'invalid' && i.path === '$.answers.participation.interviewDate')).toBe(true);
    expect(saved.progress.missing).toBeGreaterThan(0);
    const reopened = await core.call('interview.open', { caseId: record.id });
    expect(reopened.interview).toEqual(draft);
  });

  it('refuses a save over a stale version, naming the current one, and changes nothing', async () => {
    const record = await newCase();
    const draft: Interview = { formId: 'full', formVersion: full.version, answers: { 'participation.interviewLanguage': answered('English') } };
    await core.call('interview.save', { caseId: record.id, version: 0, interview: draft });
    await core.call('interview.save', { caseId: record.id, version: 1, interview: { ...draft, answers: { 'participation.interviewLanguage': answered('French') } } });
    const before = storeSnapshot(core);
    const stale = await core.raw('interview.save', { caseId: record.id, version: 1, interview: draft });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', currentVersion: 2 } });
    expect(storeSnapshot(core)).toBe(before);
  });

  it('refuses answers to questions the form does not have', async () => {
    const record = await newCase();
    const result = await core.raw('interview.save', { caseId: record.id, version: 0, interview: { formId: 'full', formVersion: full.version, answers: { 'made.up': answered('x') } } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('cannot be marked complete until informed participation is recorded, and then can', async () => {
    const record = await newCase();
    const who = facts();
    const everything = completeInterview(full, who);
    const withoutParticipation: Interview = { ...everything, answers: Object.fromEntries(Object.entries(everything.answers).filter(([id]) => !id.startsWith('participation.'))) };
    const saved = await core.call('interview.save', { caseId: record.id, version: 0, interview: withoutParticipation });
    const refused = await core.raw('interview.complete', { caseId: record.id, version: saved.version });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(!refused.ok && refused.error.message).toMatch(/informed participation first/i);

    const again = await core.call('interview.save', { caseId: record.id, version: saved.version, interview: everything });
    expect(again.progress.allDone).toBe(true);
    const completed = await core.call('interview.complete', { caseId: record.id, version: again.version });
    expect(completed.status).toBe('complete');
  });

  it('keeps every change in the audit log, as the answer’s length rather than its words', async () => {
    const record = await newCase();
    await core.call('interview.save', { caseId: record.id, version: 0, interview: { formId: 'full', formVersion: full.version, answers: { 'participation.interviewLanguage': answered('English') } } });
    const rows = core.db.prepare(`SELECT action, version, changes FROM audit WHERE entity = 'interview'`).all() as Array<{ action: string; version: number; changes: string }>;
    expect(rows).toHaveLength(1);
    expect(readStoredChanges(rows[0]!.changes)).toEqual(expect.arrayContaining([expect.objectContaining({ path: '$.answers["participation.interviewLanguage"].value', after: { kind: 'text', length: 7 } })]));
    expect(rows[0]!.changes).not.toContain('English');
  });
});

describe('safeguards the API enforces whatever the screen shows', () => {
  it('refuses the person’s account of the offence in a pre-trial case (presumption of innocence)', async () => {
    const record = await newCase({ stage: 'pre_trial', reportType: 'pre_trial' });
    const opened = await core.call('interview.open', { caseId: record.id });
    expect(opened.form.id).toBe('pre-trial');
    const offenceIds = full.sections.flatMap((s) => s.fields).filter((f) => f.offenceAccount).map((f) => f.id);
    expect(offenceIds.length).toBeGreaterThan(0);
    const before = storeSnapshot(core);
    for (const id of offenceIds) {
      const result = await core.raw('interview.save', {
        caseId: record.id,
        version: 0,
        interview: { formId: 'pre-trial', formVersion: preTrial.version, answers: { [id]: answered('I took it because...') } },
      });
      expect(result, id).toMatchObject({ ok: false, error: { code: 'refused' } });
      expect(!result.ok && result.error.message).toMatch(/presumption of innocence/);
    }
    expect(storeSnapshot(core)).toBe(before);
  });

  it('refuses any interview for a person under 18, even one whose case got into the store', async () => {
    // The API refuses to create such a case, so put one in the way an older tool might have.
    const child = new CaseRepository(core.db).create(caseDetails({ person: { dateOfBirth: '2009-03-01' }, caseNumber: 'YJ-1' }), { actor: 'legacy', at: '2026-11-26T10:00:00.000Z' });
    const before = storeSnapshot(core);
    const opened = await core.raw('interview.open', { caseId: child.id });
    expect(opened).toMatchObject({ ok: false, error: { code: 'out_of_scope' } });
    const saved = await core.raw('interview.save', { caseId: child.id, version: 0, interview: { formId: 'full', formVersion: full.version, answers: {} } });
    expect(saved).toMatchObject({ ok: false, error: { code: 'out_of_scope' } });
    expect(!saved.ok && saved.error.message).toMatch(/Child justice applies/);
    expect(storeSnapshot(core)).toBe(before);
  });
});

describe('case files carry the interview', () => {
  it('round-trips a case with its interview (format version 2 onwards; 3 adds the proposal)', async () => {
    const record = await newCase();
    const interview = completeInterview(full, facts());
    await core.call('interview.save', { caseId: record.id, version: 0, interview });
    const file = await core.call('caseFile.export', { id: record.id });
    expect(file.formatVersion).toBe(5);
    const other = testCore();
    try {
      const imported = await other.call('caseFile.import', { file: JSON.parse(JSON.stringify(file)) });
      // What comes back is what was stored: the answers, with the form's not-for-disclosure defaults applied.
      const stored = (await core.call('interview.open', { caseId: record.id })).interview;
      expect(stored.answers).toEqual(applyDisclosureDefaults(full, interview).answers);
      expect((await other.call('interview.open', { caseId: imported.id })).interview).toEqual(stored);
    } finally {
      other.cleanup();
    }
  });

  it('still imports a version 1 file, which has no interview', async () => {
    const imported = await core.call('caseFile.import', { file: { format: 'psr-case-file', formatVersion: 1, case: caseDetails() } });
    expect((await core.call('interview.open', { caseId: imported.id })).version).toBe(0);
  });

  it('writes neither the case nor the interview when the interview breaks a safeguard', async () => {
    const before = storeSnapshot(core);
    const offenceId = full.sections.flatMap((s) => s.fields).find((f) => f.offenceAccount)!.id;
    const file = {
      format: 'psr-case-file',
      formatVersion: 2,
      case: caseDetails({ stage: 'pre_trial', reportType: 'pre_trial' }),
      interview: { formId: 'pre-trial', formVersion: preTrial.version, answers: { [offenceId]: answered('my account') } },
    };
    const result = await core.raw('caseFile.import', { file });
    expect(result).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(storeSnapshot(core)).toBe(before);
  });
});

describe('changing the report type after the interview has begun', () => {
  it('is refused while the interview belongs to another form, so no offence account survives into a pre-trial case', async () => {
    const record = await newCase();
    const offenceId = full.sections.flatMap((s) => s.fields).find((f) => f.offenceAccount)!.id;
    await core.call('interview.save', { caseId: record.id, version: 0, interview: { formId: 'full', formVersion: full.version, answers: { [offenceId]: answered('My account') } } });
    const before = storeSnapshot(core);
    const result = await core.raw('cases.update', { id: record.id, version: record.version, details: { ...record.details, stage: 'pre_trial', reportType: 'pre_trial' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'refused', path: '$.details.reportType' } });
    expect(storeSnapshot(core)).toBe(before);
  });

  it('is allowed between report types that share the form', async () => {
    const record = await newCase();
    await core.call('interview.save', { caseId: record.id, version: 0, interview: { formId: 'full', formVersion: full.version, answers: {} } });
    const same = forms.get('full')!.reportTypes;
    const updated = await core.call('cases.update', { id: record.id, version: record.version, details: { ...record.details, reportType: same[0]! } });
    expect(updated.details.reportType).toBe(same[0]);
  });
});
