import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportTemplate, type RenderedReport, type ReportContextInput } from '../../../main/contract/report';
import { renderReportFile, renderReportPdf, type ExportResult } from '../../../main/export/index';
import { loadReportTemplate } from '../../../main/loaders/reportTemplates';
import { tempDir } from '../../support/core';
import { ALL_TEMPLATE_DIRS, docxParts, fixture, textOf } from '../../support/reports';

// The issued document a court receives: no draft mark anywhere, its version and issue date on
// every page beside the content hash, both signatories with their roles, and, when it amends an
// earlier issued version, what changed. Reads the PDF back with poppler's pdftotext.

const work = tempDir('psr-issued-');
const dirs = ALL_TEMPLATE_DIRS;

function issued(edit: (c: ReportContextInput) => void = () => {}): ReportContextInput {
  const c = fixture('woman-with-dependants');
  c.status = 'final';
  c.author = { name: 'Officer Jane Doyle', role: 'Probation officer', date: '2026-12-10' };
  c.countersigner = { name: 'Samuel Price', role: 'Senior probation officer', date: '2026-12-11' };
  c.version = { number: 2, state: 'issued', issuedOn: '2026-12-12' };
  edit(c);
  return c;
}
const amended = (c: ReportContextInput) => {
  c.amendment = {
    amendsVersion: 1,
    amendsIssuedOn: '2026-12-03',
    reason: 'The court moved the hearing and the women’s centre confirmed a place.',
    changes: [
      { part: 'case', id: 'hearingDate', title: 'Hearing date', change: 'changed', before: '2026-12-20', after: '2027-01-10' },
      { part: 'section', id: 'offence-analysis', title: 'Offence analysis', change: 'changed' },
      { part: 'option', id: 'Curfew', title: 'Curfew', change: 'added' },
      { part: 'option', id: 'Fine', title: 'Fine', change: 'changed', before: 'not_suitable', after: 'suitable' },
      { part: 'proposal', id: 'rationale', title: 'Reasons for the proposal', change: 'changed' },
      { part: 'condition', id: '2', title: 'Attend a debt advice appointment', change: 'removed' },
    ],
  };
};
const CHANGE_LINES = [
  'Hearing date: 20 December 2026 → 10 January 2027',
  'Section ‘Offence analysis’: changed',
  'Option ‘Curfew’: added',
  'Option ‘Fine’: Not suitable → Suitable',
  'Reasons for the proposal: changed',
  'Condition ‘Attend a debt advice appointment’: removed',
];

const run = (command: string, ...args: string[]) => execFileSync(command, args, { encoding: 'utf8' });
/** The PDF's text, one string per page, header and footer included. */
function pdfPages(result: ExportResult, name: string): string[] {
  const file = path.join(work, `${name}.pdf`);
  fs.writeFileSync(file, result.bytes);
  return run('pdftotext', '-raw', '-enc', 'UTF-8', file, '-').split('\f').slice(0, -1);
}
/** Every text of the DOCX package: body, headers, footers. */
const docxText = (result: ExportResult) =>
  Object.entries(docxParts(result.bytes))
    .filter(([name]) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(name))
    .map(([, xml]) => textOf(xml))
    .join('\n');
const modelText = (model: RenderedReport) =>
  model.sections
    .flatMap((s) => [s.title, ...s.blocks.map((b) => JSON.stringify(b))])
    .join('\n');
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('the issued document', () => {
  it('carries no draft mark: not in the text, the header, the footer, the properties or the file name', async () => {
    const docx = await renderReportFile(issued(), 'full-report', { dirs });
    const pdf = await renderReportPdf(issued(), 'full-report', { dirs });
    expect(docx.model.draft).toBe(false);
    expect(modelText(docx.model)).not.toMatch(/draft/i);
    expect(docxText(docx)).not.toMatch(/DRAFT/);
    expect(docxParts(docx.bytes)['docProps/custom.xml']).toContain('<vt:lpwstr>final</vt:lpwstr>');
    expect(pdfPages(pdf, 'final').join('\n')).not.toMatch(/DRAFT/);
    const info = run('pdfinfo', '-custom', path.join(work, 'final.pdf'));
    expect(info).toMatch(/^Status: +final$/m);
    expect(info).toMatch(/^Version: +2$/m);
    expect(info).not.toMatch(/draft/i);
    expect(docx.suggestedFileName).toBe('CR-2026-0415-full-report-v2.docx');
    expect(pdf.suggestedFileName).toBe('CR-2026-0415-full-report-v2.pdf');
  });

  it('gives its version, issue date and content hash on every page footer, in the DOCX and the PDF', async () => {
    const docx = await renderReportFile(issued(), 'full-report', { dirs });
    const pdf = await renderReportPdf(issued(), 'full-report', { dirs });
    expect(docx.contentHash).toBe(pdf.contentHash);
    const line = `Version 2 · Issued 12 December 2026 · Content hash: sha256:${pdf.contentHash}`;
    expect(textOf(docxParts(docx.bytes)['word/footer1.xml']!)).toContain(line);
    const pages = pdfPages(pdf, 'footer');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => expect(page, `page ${i + 1}`).toContain(line));
  });

  it('names the author and the countersigner with their roles in words and the dates they signed, in the report’s locale', async () => {
    const docx = await renderReportFile(issued(), 'full-report', { dirs });
    const block = docx.model.sections.flatMap((s) => s.blocks).find((b) => b.kind === 'signatures');
    expect(block).toEqual({
      kind: 'signatures',
      signatureLabel: 'Signature',
      dateLabel: 'Date',
      signatories: [
        { role: 'Probation officer', name: 'Officer Jane Doyle', date: '10 December 2026' },
        { role: 'Senior probation officer', name: 'Samuel Price', date: '11 December 2026' },
      ],
    });
    const body = textOf(docxParts(docx.bytes)['word/document.xml']!);
    for (const text of ['Senior probation officer', 'Samuel Price', 'Date: 11 December 2026', 'Date: 10 December 2026']) expect(body).toContain(text);
    const pages = pdfPages(await renderReportPdf(issued(), 'full-report', { dirs }), 'signatures');
    const text = squash(pages.join('\n'));
    for (const words of ['Probation officer Officer Jane Doyle', 'Senior probation officer Samuel Price', 'Date: 10 December 2026', 'Date: 11 December 2026']) expect(text).toContain(words);
  });

  it('a draft version keeps its draft mark and gives its version number, with no issue date', async () => {
    const draft = issued((c) => {
      c.status = 'draft';
      c.version = { number: 3, state: 'submitted' };
    });
    const docx = await renderReportFile(draft, 'full-report', { dirs });
    const footer = textOf(docxParts(docx.bytes)['word/footer1.xml']!);
    expect(footer).toContain(`Version 3 · Content hash: sha256:${docx.contentHash}`);
    expect(footer).toContain('DRAFT');
    expect(footer).not.toContain('Issued');
    expect(docx.suggestedFileName).toBe('CR-2026-0415-full-report-v3-draft.docx');
    const pages = pdfPages(await renderReportPdf(draft, 'full-report', { dirs }), 'draft');
    for (const page of pages) expect(page).toContain('Version 3 · Content hash');
    for (const page of pages) expect(page).toContain('DRAFT');
  });

  it('a report made without a version prints its footer as before', async () => {
    const plain = issued((c) => delete c.version);
    const docx = await renderReportFile(plain, 'full-report', { dirs });
    expect(textOf(docxParts(docx.bytes)['word/footer1.xml']!)).not.toContain('Version');
    expect(docx.suggestedFileName).toBe('CR-2026-0415-full-report.docx');
  });
});

describe('an amended report', () => {
  it('says after the front sheet which issued version it amends, why, and each change in the report’s words', async () => {
    const input = issued(amended);
    const docx = await renderReportFile(input, 'full-report', { dirs });
    const sections = docx.model.sections;
    expect(sections[0]!.id).toBe('front-sheet');
    expect(sections[1]!.title).toBe('Amendment to version 1 issued 3 December 2026');
    const lines = sections[1]!.blocks.map((b) => (b.kind === 'paragraph' ? b.runs.map((r) => r.text).join('') : ''));
    expect(lines[0]).toBe('Reason for the amendment: The court moved the hearing and the women’s centre confirmed a place.');
    expect(lines.slice(2)).toEqual(CHANGE_LINES);
    expect(sections[1]!.blocks.slice(2).every((b) => b.kind === 'paragraph' && b.role === 'item' && !b.numbered)).toBe(true);

    const body = textOf(docxParts(docx.bytes)['word/document.xml']!);
    for (const line of ['Amendment to version 1 issued 3 December 2026', ...CHANGE_LINES]) expect(body).toContain(line);
    const pdf = squash(pdfPages(await renderReportPdf(input, 'full-report', { dirs }), 'amended').join('\n'));
    for (const line of ['Amendment to version 1 issued 3 December 2026', ...CHANGE_LINES]) expect(pdf).toContain(line);
  });

  it('in every shipped template, and in the addendum inside its own "changes" section', async () => {
    for (const id of ['full-report', 'short-format-report', 'addendum']) {
      const { model } = await renderReportFile(issued(amended), id, { dirs });
      const text = modelText(model);
      for (const line of CHANGE_LINES) expect(text, id).toContain(JSON.stringify(line).slice(1, -1));
    }
    const { model } = await renderReportFile(issued(amended), 'addendum', { dirs });
    expect(model.sections.map((s) => s.id)).not.toContain('amendment');
    const changes = model.sections.find((s) => s.id === 'changes')!;
    expect(changes.blocks.find((b) => b.kind === 'heading')).toEqual({ kind: 'heading', text: 'Amendment to version 1 issued 3 December 2026', level: 3 });
  });

  it('a template from before the report’s life still loads and words the version and amendment from the message catalogue', async () => {
    const t = loadReportTemplate('full-report', { dirs });
    const { version: _v, issued: _i, amendment: _a, ...labels } = t.labels;
    const old = ReportTemplate.parse({ ...t, labels });
    const docx = await renderReportFile(issued(amended), old, { dirs });
    expect(docx.model.running.version).toBe('Version 2 · Issued 12 December 2026');
    expect(docx.model.sections[1]!.title).toBe('Amendment to version 1 issued 3 December 2026');
    expect(modelText(docx.model)).toContain('Option ‘Curfew’: added');
  });

  it('a template prints the amendment once: a second amendment block is refused where it stands', () => {
    const t = loadReportTemplate('addendum', { dirs });
    const sections = t.sections.map((s, i) => (i === 0 ? { ...s, blocks: [...s.blocks, { type: 'amendment' as const }] } : s));
    const result = ReportTemplate.safeParse({ ...t, sections });
    expect(result.success).toBe(false);
    const at = t.sections.findIndex((s) => s.id === 'changes');
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual([`sections.${at}.blocks.1.type`]);
  });
});
