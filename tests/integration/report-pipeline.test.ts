import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASE_FILE_FORMAT } from '../../main/contract/caseFile';
import { loadForms } from '../../main/loaders/forms';
import { cli } from '../support/doors';
import { caseDetails, tempDir, testCore, type TestCore } from '../support/core';
import { preTrial, womanWithTwoDependants } from '../fixtures/interviews';

// One pipeline builds every report: a case file rendered without a store is
// checked and built exactly as the same file imported and exported, so no door is more lenient.

let core: TestCore;
let dir: string;
beforeEach(() => {
  core = testCore();
  dir = tempDir('psr-pipeline-');
});
afterEach(() => {
  core.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

const offenceAccountId = () =>
  loadForms()
    .get('full')!
    .sections.flatMap((s) => s.fields)
    .find((f) => f.offenceAccount)!.id;

describe('psr render refuses exactly what psr import refuses', () => {
  it('a pre-trial case file carrying the person’s account of the alleged offence: same message, same JSON path, no report written', async () => {
    const c = preTrial();
    const file = writeJson('pre-trial.json', {
      format: CASE_FILE_FORMAT,
      formatVersion: 2,
      case: c.details,
      interview: { ...c.interview, answers: { ...c.interview.answers, [offenceAccountId()]: { status: 'answered', value: 'I only held it for a friend.' } } },
    });
    const out = path.join(dir, 'pre-trial.docx');

    const imported = await cli(core, '--json', 'import', file);
    const rendered = await cli(core, '--json', 'render', file, '--template', 'pre-trial-report', '--out', out);
    expect(imported.code).toBe(1);
    const importError = JSON.parse(imported.err).error;
    expect(importError).toMatchObject({ code: 'refused', key: 'errors.presumptionOfInnocence', path: `$.interview.answers.${offenceAccountId()}` });
    expect(rendered.code).toBe(1);
    expect(JSON.parse(rendered.err).error).toEqual(importError);
    expect(fs.existsSync(out)).toBe(false);

    const human = await cli(core, 'render', file, '--template', 'pre-trial-report', '--out', out);
    expect(human.err).toBe((await cli(core, 'import', file)).err);
  });

  it('a case file whose dates break the case rules is refused by render with the import’s paths', async () => {
    const file = writeJson('dates.json', { format: CASE_FILE_FORMAT, formatVersion: 1, case: caseDetails({ reportDueDate: '2026-12-30', hearingDate: '2026-12-20' }) });
    const imported = await cli(core, '--json', 'import', file);
    const rendered = await cli(core, '--json', 'render', file, '--template', 'full-report', '--out', path.join(dir, 'dates.docx'));
    expect(imported.code).toBe(1);
    expect(JSON.parse(imported.err).error.path).toBe('$.case.reportDueDate');
    expect(JSON.parse(rendered.err).error).toEqual(JSON.parse(imported.err).error);
  });

  it('a template that is not for the case is refused by render as the app refuses it', async () => {
    const c = womanWithTwoDependants();
    const file = writeJson('convicted.json', { format: CASE_FILE_FORMAT, formatVersion: 2, case: c.details, interview: c.interview });
    const imported = await core.call('caseFile.import', { file: JSON.parse(fs.readFileSync(file, 'utf8')) });
    const viaApi = await core.raw('report.export', { caseId: imported.id, templateId: 'pre-trial-report' });
    const out = path.join(dir, 'wrong.docx');
    const rendered = await cli(core, '--json', 'render', file, '--template', 'pre-trial-report', '--out', out);
    expect(viaApi).toMatchObject({ ok: false, error: { code: 'refused', path: '$.templateId', key: 'report.errors.templateNotForCase' } });
    expect(rendered.code).toBe(1);
    expect(JSON.parse(rendered.err).error).toEqual(!viaApi.ok && viaApi.error);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('an answer no report could hold is refused at the door, naming the question', () => {
  for (const [what, value, key] of [
    ['longer than its question allows (2,000 characters)', 'x'.repeat(20_000), 'validation.tooLong'],
    ['with a broken character (a lone surrogate)', 'Pasted text \uD800 broken.', 'validation.brokenCharacter'],
  ] as const) {
    it(`an answer ${what}: import and render refuse it alike, at $.interview.answers.home.notes`, async () => {
      const c = womanWithTwoDependants();
      c.interview.answers['home.notes'] = { status: 'answered', value };
      const file = writeJson('notes.json', { format: CASE_FILE_FORMAT, formatVersion: 2, case: c.details, interview: c.interview });
      const out = path.join(dir, 'notes.docx');
      const imported = await cli(core, '--json', 'import', file);
      const rendered = await cli(core, '--json', 'render', file, '--template', 'full-report', '--out', out);
      expect(imported.code).toBe(1);
      const error = JSON.parse(imported.err).error;
      expect(error).toMatchObject({ code: 'invalid_input', path: '$.interview.answers.home.notes', issues: [{ path: '$.interview.answers.home.notes', key }] });
      expect(JSON.parse(rendered.err).error).toEqual(error);
      expect(fs.existsSync(out)).toBe(false);
      expect((await core.call('cases.list', {})).total).toBe(0);
    });
  }
});

describe('what the store accepts, the report can hold', () => {
  it('a 500-character note on how an answer was verified and a 2,000-character condition export without a refusal', async () => {
    const c = womanWithTwoDependants();
    const how = 'Seen the tenancy agreement and spoke to the landlord; '.repeat(10).slice(0, 500);
    c.interview.answers['home.notes'] = { status: 'answered', value: 'Settled at the address.', source: { kind: 'verified', by: 'Housing officer', how } };
    const record = await core.call('caseFile.import', { file: { format: CASE_FILE_FORMAT, formatVersion: 2, case: c.details, interview: c.interview } });
    const condition = 'Attend the women’s centre each week and take part in the sessions agreed with the case manager. '.repeat(25).slice(0, 2000).trim();
    await core.call('proposal.save', {
      caseId: record.id,
      version: 0,
      proposal: { selected: [{ type: 'option', id: 'sentencing.community_order' }], rationale: 'Keeps the children with their mother.', alternatives: [], conditions: [{ id: 'c1', text: condition }], acknowledgements: [] },
    });
    const exported = await core.raw('report.export', { caseId: record.id, templateId: 'full-report' });
    expect(exported.ok, JSON.stringify(!exported.ok && exported.error).slice(0, 300)).toBe(true);
    // The note on how it was verified stays with the answer, as evidence beside the officer's text; the condition is printed whole.
    const model = JSON.stringify(await core.call('report.preview', { caseId: record.id, templateId: 'full-report' }));
    expect(model).toContain(JSON.stringify(condition).slice(1, -1));
    const { interview } = await core.call('interview.open', { caseId: record.id });
    expect((interview.answers['home.notes'] as { source?: { how?: string } }).source?.how).toBe(how);
  });
});

describe('psr render and psr export build the same report', () => {
  it('a case file rendered without a store and the same file imported then exported give the same document', async () => {
    const c = womanWithTwoDependants();
    const proposal = { selected: [{ type: 'option', id: 'sentencing.community_order' }], rationale: 'Keeps the children with their mother.', alternatives: [], conditions: [], acknowledgements: [] };
    const file = writeJson('case.json', { format: CASE_FILE_FORMAT, formatVersion: 3, case: c.details, interview: c.interview, proposal });
    const imported = await cli(core, '--json', 'import', file);
    expect(imported.code, imported.err).toBe(0);
    const id = JSON.parse(imported.out).id as string;

    const exported = await cli(core, '--json', 'export', id, '--template', 'full-report', '--out', path.join(dir, 'export.docx'));
    const rendered = await cli(core, '--json', '--as', 'officer.test', 'render', file, '--template', 'full-report', '--out', path.join(dir, 'render.docx'));
    expect(exported.code, exported.err).toBe(0);
    expect(rendered.code, rendered.err).toBe(0);
    expect(JSON.parse(rendered.out).contentHash).toBe(JSON.parse(exported.out).contentHash);
  });
});
