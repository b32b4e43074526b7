import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { Proposal } from '../../main/contract/options';
import type { ReportText } from '../../main/contract/reportText';
import { caseDetails, storeSnapshot, tempDir, testCore, type TestCore } from '../support/core';
import { cli, httpDoor, ipcDoor } from '../support/doors';
import { womanWithTwoDependants } from '../fixtures/interviews';
import { textOf } from '../support/reports';
import { readStoredChanges } from '../../main/store/audit';

// The report in the officer's own words through the handler table over a real SQLite file: the
// sections to write with their evidence, the draft from the facts, saving with versions and an
// audit, the checks and readiness, the case file carrying the text, and the report printing it.

let core: TestCore;
beforeEach(() => {
  core = testCore();
});
afterEach(() => core.cleanup());

async function womanCase() {
  const c = womanWithTwoDependants();
  const record = await core.call('cases.create', { details: c.details });
  await core.call('interview.save', { caseId: record.id, version: 0, interview: c.interview });
  return record;
}

const linkedProposal = (): Proposal => ({
  selected: [{ type: 'option', id: 'sentencing.community_order' }],
  rationale: 'A community order keeps her children at home while the supervision addresses her debts.',
  alternatives: [],
  conditions: [],
  acknowledgements: [],
});

/** Writes every section that applies with sentences of the officer's own. */
function everySectionWritten(sections: Array<{ id: string; applies: boolean }>): ReportText {
  return {
    sections: Object.fromEntries(sections.filter((s) => s.applies).map((s) => [s.id, { text: `In my assessment the facts recorded for ${s.id} weigh towards supervision in the community, for reasons I set out here.` }])),
    acknowledgements: [],
  };
}

describe('writing the report', () => {
  it('offers the sections of the first template for the case, each with the recorded facts beside it and withheld facts marked', async () => {
    const record = await womanCase();
    const got = await core.call('reportText.get', { caseId: record.id });
    expect(got).toMatchObject({ caseId: record.id, version: 0, templateId: 'full-report', text: { sections: {}, acknowledgements: [] } });
    expect(got.sections.length).toBeGreaterThan(3);
    const evidence = got.sections.flatMap((s) => s.evidence);
    expect(evidence.length).toBeGreaterThan(5);
    // What the report calls an answer, never the question asked.
    for (const e of evidence) expect(e.label).not.toMatch(/\?$/);
    // A man's case is not offered a section about women's circumstances; this woman's is.
    const women = got.sections.find((s) => s.evidence.some((e) => e.id.startsWith('caregiving.') || e.id.startsWith('women.')));
    expect(women?.applies ?? true).toBe(true);
  });

  it('drafts a section from its recorded facts the same way every time, never from a withheld fact', async () => {
    const record = await womanCase();
    const { sections } = await core.call('reportText.get', { caseId: record.id });
    const withEvidence = sections.find((s) => s.applies && s.evidence.some((e) => e.status === 'answered' && !e.notForDisclosure))!;
    const first = await core.call('reportText.draft', { caseId: record.id, sectionId: withEvidence.id });
    expect(first.text.trim().length).toBeGreaterThan(20);
    expect(await core.call('reportText.draft', { caseId: record.id, sectionId: withEvidence.id })).toEqual(first);
    for (const e of withEvidence.evidence.filter((x) => x.notForDisclosure && x.value.length > 8)) expect(first.text).not.toContain(e.value);
  });

  it('refuses to draft or save a section the report does not have, naming it, and changes nothing', async () => {
    const record = await womanCase();
    const before = storeSnapshot(core);
    expect(await core.raw('reportText.draft', { caseId: record.id, sectionId: 'no-such-section' })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: '$.sectionId', key: 'report.errors.unknownSection' }] } });
    const save = await core.raw('reportText.save', { caseId: record.id, version: 0, text: { sections: { 'no-such-section': { text: 'x' } }, acknowledgements: [] }, saveId: 's1' });
    expect(save).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: '$.text.sections.no-such-section' }] } });
    expect(storeSnapshot(core)).toBe(before);
  });

  it('saves with versions; a stale version is a conflict naming the current one; the same save sent twice is taken once', async () => {
    const record = await womanCase();
    const { sections } = await core.call('reportText.get', { caseId: record.id });
    const text = everySectionWritten(sections);
    expect(await core.call('reportText.save', { caseId: record.id, version: 0, text, saveId: 'first' })).toMatchObject({ version: 1 });
    expect(await core.call('reportText.save', { caseId: record.id, version: 0, text, saveId: 'first' })).toMatchObject({ version: 1 });
    const before = storeSnapshot(core);
    const stale = await core.raw('reportText.save', { caseId: record.id, version: 0, text: { sections: {}, acknowledgements: [] }, saveId: 'other' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', currentVersion: 1, key: 'errors.reportTextConflict' } });
    expect(storeSnapshot(core)).toBe(before);
    expect(await core.call('reportText.get', { caseId: record.id })).toMatchObject({ version: 1, text });
  });

  it('records each acknowledged check in the audit, with the length of its reason but not its words', async () => {
    const record = await womanCase();
    const { sections } = await core.call('reportText.get', { caseId: record.id });
    const text = everySectionWritten(sections);
    await core.call('reportText.save', { caseId: record.id, version: 0, text, saveId: 'a' });
    const reason = 'The court asked only about her caring responsibilities.';
    await core.call('reportText.save', { caseId: record.id, version: 1, text: { ...text, acknowledgements: [{ checkId: 'needUnanswered:finance', reason }] }, saveId: 'b' });
    const rows = core.db.prepare(`SELECT action, version, changes FROM audit WHERE entity = 'reportText' AND entity_id = ? ORDER BY id`).all(record.id) as Array<{ action: string; version: number; changes: string }>;
    expect(rows.map((r) => [r.action, r.version])).toEqual([['create', 1], ['update', 2]]);
    expect(readStoredChanges(rows[1]!.changes)).toContainEqual({ path: '$.acknowledged["needUnanswered:finance"]', after: { kind: 'text', length: reason.length } });
    expect(rows[1]!.changes).not.toContain(reason);
  });
});

describe('the checks and the readiness for a final report', () => {
  it('are not ready with nothing written and no proposal, and say why', async () => {
    const record = await womanCase();
    const checks = await core.call('reportText.checks', { caseId: record.id });
    expect(checks.readiness.ready).toBe(false);
    expect(checks.readiness.blockers.map((b) => b.kind)).toEqual(expect.arrayContaining(['unwrittenSection', 'noProposal']));
  });

  it('flag a word the service avoids, with its suggestion, in the text being typed before it is saved', async () => {
    const record = await womanCase();
    const { sections } = await core.call('reportText.get', { caseId: record.id });
    const text = everySectionWritten(sections);
    const first = sections.find((s) => s.applies)!;
    text.sections[first.id] = { text: 'The offender has shown remorse, which I weigh in her favour.' };
    const checks = await core.call('reportText.checks', { caseId: record.id, text });
    expect(checks.analysis).toContainEqual(expect.objectContaining({ kind: 'avoidWord', sectionId: first.id, word: 'offender', suggestion: 'the person' }));
    expect(await core.call('reportText.get', { caseId: record.id })).toMatchObject({ version: 0 });
  });

  it('pass once every section is written in the officer’s words, a proposal is saved and every check is answered', async () => {
    const record = await womanCase();
    const saved = await core.call('proposal.save', { caseId: record.id, version: 0, proposal: linkedProposal() });
    const conditionChecks = saved.checks.checks.map((c) => ({ checkId: c.id, reason: 'Weighed with the court’s question in mind.' }));
    await core.call('proposal.save', { caseId: record.id, version: 1, proposal: { ...linkedProposal(), acknowledgements: conditionChecks } });
    const { sections } = await core.call('reportText.get', { caseId: record.id });
    const text = everySectionWritten(sections);
    const open = await core.call('reportText.checks', { caseId: record.id, text });
    // Facts said to be verified without a source can only be fixed at their source, not acknowledged.
    expect(open.analysis.filter((c) => c.kind === 'factWithoutSource')).toEqual([]);
    const answered: ReportText = { ...text, acknowledgements: open.analysis.map((c) => ({ checkId: c.id, reason: 'Weighed: the court asked only about her caring responsibilities.' })) };
    await core.call('reportText.save', { caseId: record.id, version: 0, text: answered, saveId: 'ready' });
    const checks = await core.call('reportText.checks', { caseId: record.id });
    expect(checks.readiness).toEqual({ ready: true, blockers: [] });
  });
});

describe('the report prints the officer’s words, and every door agrees', () => {
  it('puts the saved text in the exported DOCX and in the preview', async () => {
    const record = await womanCase();
    const { sections } = await core.call('reportText.get', { caseId: record.id });
    const target = sections.find((s) => s.applies)!;
    const words = 'Her account of the offence is consistent with the case summary, and I found her candid about the debts behind it.';
    await core.call('reportText.save', { caseId: record.id, version: 0, text: { sections: { [target.id]: { text: words } }, acknowledgements: [] }, saveId: 'p' });
    const exported = await core.call('report.export', { caseId: record.id, templateId: 'full-report' });
    const xml = strFromU8(unzipSync(Buffer.from(exported.fileBase64, 'base64'))['word/document.xml']!);
    expect(textOf(xml)).toContain(words);
    expect(JSON.stringify(await core.call('report.preview', { caseId: record.id, templateId: 'full-report' }))).toContain(words);
  });

  it('carries the text in the case file (version 5), and a version 4 file still imports', async () => {
    const record = await womanCase();
    const { sections } = await core.call('reportText.get', { caseId: record.id });
    const text = everySectionWritten(sections);
    await core.call('reportText.save', { caseId: record.id, version: 0, text, saveId: 'cf' });
    const file = await core.call('caseFile.export', { id: record.id });
    expect(file).toMatchObject({ formatVersion: 5, reportText: text });
    const other = testCore();
    try {
      const imported = await other.call('caseFile.import', { file: JSON.parse(JSON.stringify(file)) });
      expect(await other.call('reportText.get', { caseId: imported.id })).toMatchObject({ version: 1, text });
      const { reportText: _dropped, ...v4 } = file;
      const older = await other.call('caseFile.import', { file: { ...v4, formatVersion: 4, case: { ...file.case, caseNumber: 'CR-2026-0416' } } });
      expect(await other.call('reportText.get', { caseId: older.id })).toMatchObject({ version: 0 });
    } finally {
      other.cleanup();
    }
  });

  it('refuses a case file whose text names a section no report has, at import and at render alike', async () => {
    const c = womanWithTwoDependants();
    const file = { format: 'psr-case-file', formatVersion: 5, case: c.details, interview: c.interview, reportText: { sections: { 'made-up': { text: 'x' } }, acknowledgements: [] } };
    const imported = await core.raw('caseFile.import', { file });
    expect(imported).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: '$.file.reportText.sections.made-up' }] } });
    const dir = tempDir('psr-rt-');
    try {
      const at = path.join(dir, 'case.json');
      fs.writeFileSync(at, JSON.stringify(file));
      const rendered = await cli(core, 'render', at, '--template', 'full-report', '--out', path.join(dir, 'r.docx'));
      expect(rendered.code).not.toBe(0);
      expect(rendered.err).toContain('$.file.reportText.sections.made-up');
      expect(fs.existsSync(path.join(dir, 'r.docx'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses the same over-long section at IPC and in browser mode, and the command line reports the checks', async () => {
    const record = await core.call('cases.create', { details: caseDetails() });
    const bad = { caseId: record.id, version: 0, text: { sections: { 'offence-analysis': { text: 'x'.repeat(20_001) } }, acknowledgements: [] }, saveId: 's' };
    const ipc = await ipcDoor(core).invoke('reportText.save', bad);
    const http = await httpDoor(core);
    try {
      const web = await http.post('reportText.save', JSON.stringify(bad));
      expect(ipc).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(web.json).toEqual(ipc);
    } finally {
      await http.close();
    }
    const checked = await cli(core, 'check', record.id);
    expect(checked.code).toBe(0);
    expect(checked.out).toContain('Not ready for a final report');
  });
});
