import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Proposal } from '../../main/contract/options';
import { CASE_FILE_FORMAT } from '../../main/contract/caseFile';
import { cli } from '../support/doors';
import { tempDir, testCore, type TestCore } from '../support/core';
import { preTrial, womanWithTwoDependants, type InterviewCase } from '../fixtures/interviews';

let core: TestCore;
let dir: string;
beforeEach(() => {
  core = testCore();
  dir = tempDir('psr-report-');
});
afterEach(() => {
  core.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function stored(c: InterviewCase): Promise<string> {
  const record = await core.call('cases.create', { details: c.details });
  await core.call('interview.save', { caseId: record.id, version: 0, interview: c.interview });
  return record.id;
}

function documentXml(bytes: Uint8Array): string {
  return strFromU8(unzipSync(bytes)['word/document.xml']!);
}

function allParts(bytes: Uint8Array): string {
  return Object.entries(unzipSync(bytes))
    .map(([name, data]) => `${name}\n${strFromU8(data)}`)
    .join('\n');
}

describe('report calls through the API', () => {
  it('offers the templates for the case’s stage and report type, previews and exports the same report', async () => {
    const c = womanWithTwoDependants();
    const id = await stored(c);
    expect(await core.call('report.templates', { caseId: id })).toEqual([{ id: 'full-report', title: 'Pre-sentence report', language: 'en-GB' }]);

    const model = await core.call('report.preview', { caseId: id, templateId: 'full-report' });
    expect(model.running.caseNumber).toBe('CR-2026-0415');
    expect(model.draft).toBe(true);
    expect(model.properties.author).toBe('officer.test');
    expect(model.sections.map((s) => s.id)).toEqual(expect.arrayContaining(['front-sheet', 'circumstances-women', 'custody-impact', 'completion']));

    const exported = await core.call('report.export', { caseId: id, templateId: 'full-report' });
    expect(exported.fileName).toBe('CR-2026-0415-full-report-draft.docx');
    expect(exported.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const bytes = Buffer.from(exported.fileBase64, 'base64');
    expect(documentXml(bytes)).toContain('CR-2026-0415');
    const all = allParts(bytes);
    for (const secret of c.secrets) expect(all).not.toContain(secret);

    // The same case exported again on the same day: the same bytes.
    const again = await core.call('report.export', { caseId: id, templateId: 'full-report' });
    expect(again.contentHash).toBe(exported.contentHash);
    expect(again.fileBase64).toBe(exported.fileBase64);
  });

  it('refuses a template for another stage or report type, and an unknown template', async () => {
    const id = await stored(preTrial());
    expect(await core.call('report.templates', { caseId: id })).toEqual([expect.objectContaining({ id: 'pre-trial-report' })]);
    expect(await core.raw('report.preview', { caseId: id, templateId: 'full-report' })).toMatchObject({ ok: false, error: { code: 'refused', path: '$.templateId' } });
    expect(await core.raw('report.export', { caseId: id, templateId: 'no-such-template' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await core.raw('report.preview', { caseId: id, templateId: '../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('an addendum case is offered the addendum template, which says when no change is recorded', async () => {
    const record = await core.call('cases.create', { details: { ...womanWithTwoDependants().details, reportType: 'addendum' } });
    expect((await core.call('report.templates', { caseId: record.id })).map((t) => t.id)).toEqual(['addendum']);
    const model = await core.call('report.preview', { caseId: record.id, templateId: 'addendum' });
    expect(model.sections.map((s) => s.title)).toContain('What has changed since the earlier report');
    expect(JSON.stringify(model)).toContain('No changes have been recorded since the earlier report.');
    const exported = await core.call('report.export', { caseId: record.id, templateId: 'addendum' });
    expect(documentXml(Buffer.from(exported.fileBase64, 'base64'))).toContain('CR-2026-0415');
  });

  it('a case with no interview yet still previews, saying what is not recorded', async () => {
    const record = await core.call('cases.create', { details: womanWithTwoDependants().details });
    const model = await core.call('report.preview', { caseId: record.id, templateId: 'full-report' });
    expect(JSON.stringify(model)).toContain('No proposal has been recorded yet.');
  });

  it('shows the proposal saved for the case, not a placeholder', async () => {
    const id = await stored(womanWithTwoDependants());
    const proposal: Proposal = {
      selected: [{ type: 'option', id: 'sentencing.community_order' }],
      rationale: 'A community order meets the need without separating the children from their mother.',
      alternatives: [],
      conditions: [],
      acknowledgements: [],
    };
    await core.call('proposal.save', { caseId: id, version: 0, proposal });
    const model = await core.call('report.preview', { caseId: id, templateId: 'full-report' });
    const text = JSON.stringify(model);
    expect(text).toContain(proposal.rationale);
    expect(text).toContain('sentencing.community_order');
    expect(text).not.toContain('No proposal has been recorded yet.');
  });
});

describe('psr export and psr render', () => {
  it('psr export writes the DOCX of a stored case, refuses to overwrite without --force, and prints JSON with --json', async () => {
    const id = await stored(womanWithTwoDependants());
    const out = path.join(dir, 'report.docx');
    const first = await cli(core, 'export', id, '--template', 'full-report', '--out', out);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(/^Wrote .*report\.docx\.\nContent hash: [0-9a-f]{64}\n$/);
    expect(documentXml(fs.readFileSync(out))).toContain('CR-2026-0415');

    const again = await cli(core, 'export', id, '--template', 'full-report', '--out', out);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists; use --force/);

    const forced = await cli(core, '--json', 'export', id, '--template', 'full-report', '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.out)).toMatchObject({ path: out, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), dropped: [] });

    const wrong = await cli(core, 'export', id, '--template', 'pre-trial-report', '--out', path.join(dir, 'x.docx'));
    expect(wrong.code).toBe(1);
    expect(fs.existsSync(path.join(dir, 'x.docx'))).toBe(false);
  });

  it('psr render needs no store: a case file in, the same bytes out every time, not-for-disclosure text left out', async () => {
    const c = womanWithTwoDependants();
    const caseFile = path.join(dir, 'case.json');
    fs.writeFileSync(caseFile, JSON.stringify({ format: CASE_FILE_FORMAT, formatVersion: 2, case: c.details, interview: c.interview }));
    const noStore = path.join(dir, 'no-store');
    const render = (out: string, ...extra: string[]) => cli({ ...core, dataDir: noStore } as TestCore, 'render', caseFile, '--template', 'full-report', '--out', out, '--report-date', '2026-11-26', ...extra);

    const a = path.join(dir, 'a.docx');
    const b = path.join(dir, 'b.docx');
    const first = await render(a);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('Content hash: ');
    expect((await render(b)).code).toBe(0);
    expect(Buffer.compare(fs.readFileSync(a), fs.readFileSync(b))).toBe(0);
    expect(fs.existsSync(noStore)).toBe(false);

    const bytes = fs.readFileSync(a);
    expect(documentXml(bytes)).toContain('CR-2026-0415');
    const all = allParts(bytes);
    for (const secret of c.secrets) expect(all).not.toContain(secret);
  });

  it('psr render reads a version 1 case file, and uses a proposal when a later file carries one', async () => {
    const c = womanWithTwoDependants();
    const v1 = path.join(dir, 'v1.json');
    fs.writeFileSync(v1, JSON.stringify({ format: CASE_FILE_FORMAT, formatVersion: 1, case: c.details }));
    const out = path.join(dir, 'v1.docx');
    const result = await cli(core, '--json', 'render', v1, '--template', 'full-report', '--out', out);
    expect(result.code).toBe(0);
    expect(documentXml(fs.readFileSync(out))).toContain('No proposal has been recorded yet.');

    const { renderParsedCaseFile } = await import('../../main/doors/cli');
    const proposal = { selected: [{ type: 'option' as const, id: 'sentencing.fine' }], rationale: 'A modest fine she can afford.', alternatives: [], conditions: [], acknowledgements: [] };
    const withProposal = await renderParsedCaseFile({ format: CASE_FILE_FORMAT, formatVersion: 5, case: c.details, proposal }, 'full-report', '2026-11-26');
    expect(documentXml(withProposal.bytes)).toContain('A modest fine she can afford.');
    expect(documentXml(withProposal.bytes)).not.toContain('No proposal has been recorded yet.');
  });

  it('psr render says which characters a Word document cannot hold were left out', async () => {
    const c = womanWithTwoDependants();
    const reportText = { sections: { circumstances: { text: 'Pasted from a text message\u0007 with a bell.' } }, acknowledgements: [] };
    const caseFile = path.join(dir, 'bell.json');
    fs.writeFileSync(caseFile, JSON.stringify({ format: CASE_FILE_FORMAT, formatVersion: 5, case: c.details, interview: c.interview, reportText }));
    const human = await cli(core, 'render', caseFile, '--template', 'full-report', '--out', path.join(dir, 'bell.docx'));
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/Dropped 1 character that a Word document cannot hold:\n {2}\$\.written\.circumstances: U\+0007 \(1\)/);
    const machine = await cli(core, '--json', 'render', caseFile, '--template', 'full-report', '--out', path.join(dir, 'bell.docx'), '--force');
    expect(JSON.parse(machine.out).dropped).toEqual([{ path: '$.written.circumstances', codePoints: ['U+0007'], count: 1 }]);
    expect(documentXml(fs.readFileSync(path.join(dir, 'bell.docx')))).not.toContain('\u0007');
  });

  it('psr render refuses a broken case file with exit code 1 and the JSON path', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ format: CASE_FILE_FORMAT, formatVersion: 2, case: { ...womanWithTwoDependants().details, caseNumber: '' } }));
    const result = await cli(core, 'render', bad, '--template', 'full-report', '--out', path.join(dir, 'bad.docx'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('$.case.caseNumber');
  });
});
