import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedReport, ReportContextInput } from '../../main/contract/report';
import { renderReportFile, renderReportPdf, type ExportResult } from '../../main/export/index';
import { pdfBodyArea } from '../../main/export/pdf';
import { listReportTemplates } from '../../main/loaders/reportTemplates';
import { tempDir } from '../support/core';
import { ALL_TEMPLATE_DIRS, docxParts, expectedNumbers, fixture, fixtureNames, textOf, type FixtureName, type Parts } from '../support/reports';

// The report as a PDF for courts that do not open Word: every template x every fixture case it
// applies to is written as a PDF and as a DOCX from the same model, and the PDF is read back with
// poppler (pdfinfo, pdffonts, pdftotext) the way a court's reader and a screen reader would.
// Needs (Debian): poppler-utils.

interface Rendered {
  name: string;
  templateId: string;
  fixture: FixtureName;
  input: ReportContextInput;
  pdf: ExportResult;
  docx: ExportResult;
  file: string;
  /** The PDF's bytes as Latin-1: pdfkit leaves its dictionaries uncompressed. */
  raw: string;
}

const templates = listReportTemplates({ dirs: ALL_TEMPLATE_DIRS, includeTest: true });
const cases = templates.flatMap((t) =>
  fixtureNames.map((f) => ({ template: t, fixture: f, input: fixture(f) })).filter((c) => c.template.stages.includes(c.input.case.stage)),
);
const work = tempDir('psr-export-pdf-');
const rendered = new Map<string, Rendered>();
const ltrCases = () => [...rendered.values()].filter((r) => r.pdf.model.direction === 'ltr');

const run = (command: string, ...args: string[]) => execFileSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
/** pdftotext in content order, one string per page; `body` crops each page to the body, leaving out the running header and footer. */
function pdfPages(r: Rendered, body = false): string[] {
  const crop: string[] = [];
  if (body) {
    const area = pdfBodyArea(r.pdf.model);
    crop.push('-x', '0', '-y', String(Math.ceil(area.top)), '-W', '596', '-H', String(Math.floor(area.bottom - area.top)));
  }
  const pages = run('pdftotext', '-raw', '-enc', 'UTF-8', ...crop, r.file, '-').split('\f');
  return pages.slice(0, -1);
}
const structure = (r: Rendered) => run('pdfinfo', '-struct-text', r.file);
const words = (s: string) => s.match(/[\p{L}\p{N}]+/gu) ?? [];
/** Letters of right-to-left scripts (Arabic, Hebrew). */
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
/**
 * The PDF does not reorder right-to-left runs yet (docs/ARCHITECTURE.md), and pdftotext reorders
 * what it takes for visual order: words in those scripts are compared as a count of letters, the
 * rest word for word.
 */
const ltrWords = (w: string[]) => w.filter((x) => !RTL_LETTER.test(x));
const rtlLetters = (w: string[]) => [...w.join('')].filter((c) => RTL_LETTER.test(c)).sort().join('');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The body text of a DOCX, a paragraph a line, each numbered paragraph with the number Word shows on it. */
function docxBodyText(parts: Parts): string {
  const numbering = parts['word/numbering.xml'] ?? '';
  const nums = new Map<string, { abstract: string; restarts: boolean }>();
  for (const m of numbering.matchAll(/<w:num w:numId="(\d+)">([\s\S]*?)<\/w:num>/g)) {
    nums.set(m[1]!, { abstract: /<w:abstractNumId w:val="(\d+)"/.exec(m[2]!)![1]!, restarts: m[2]!.includes('<w:startOverride') });
  }
  const counters = new Map<string, number>();
  const lines: string[] = [];
  for (const p of (parts['word/document.xml'] ?? '').matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)) {
    const inner = (p[1] ?? p[2] ?? '').replace(/<w:(tab|br)\/>/g, '<w:t> </w:t>');
    const numId = /<w:numId w:val="(\d+)"\/>/.exec(inner)?.[1];
    let label = '';
    if (numId) {
      const num = nums.get(numId)!;
      const key = num.restarts ? `num:${numId}` : `abstract:${num.abstract}`;
      const n = (counters.get(key) ?? 0) + 1;
      counters.set(key, n);
      label = `${n}. `;
    }
    lines.push(label + textOf(inner));
  }
  return lines.join('\n');
}

/** Where two word lists first differ, with some words of each around it; null when they are the same. */
function firstDifference(actual: string[], expected: string[]): null | { at: number; pdf: string; docx: string } {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (actual[i] !== expected[i]) return { at: i, pdf: actual.slice(Math.max(0, i - 5), i + 8).join(' '), docx: expected.slice(Math.max(0, i - 5), i + 8).join(' ') };
  }
  return null;
}

/** The words of the PDF's body, page by page, and of the DOCX's body. */
function bodyWords(r: Rendered): { pdf: string[]; docx: string[] } {
  const tables = tablesOf(r.pdf.model);
  const pages = pdfPages(r, true).map((page, i) => {
    let w: string[] = words(page);
    if (i === 0) return w;
    // A page that continues a table starts with its repeated header row: the DOCX has it once.
    for (const t of tables) {
      const header = words(t.header.join(' '));
      if (header.every((h, k) => w[k] === h)) w = w.slice(header.length);
    }
    return w;
  });
  return { pdf: pages.flat(), docx: words(docxBodyText(docxParts(r.docx.bytes))) };
}

/** Renders a changed fixture as both files. */
async function renderBoth(name: string, input: ReportContextInput, templateId = 'full-report'): Promise<Rendered> {
  const pdf = await renderReportPdf(input, templateId, { dirs: ALL_TEMPLATE_DIRS });
  const docx = await renderReportFile(input, templateId, { dirs: ALL_TEMPLATE_DIRS });
  const file = path.join(work, `${name}.pdf`);
  fs.writeFileSync(file, pdf.bytes);
  return { name, templateId, fixture: 'woman-with-dependants', input, pdf, docx, file, raw: Buffer.from(pdf.bytes).toString('latin1') };
}

/** The tables of a model. */
const tablesOf = (model: RenderedReport) => model.sections.flatMap((s) => s.blocks.filter((b) => b.kind === 'table'));

beforeAll(async () => {
  for (const c of cases) {
    const name = `${c.template.id}--${c.fixture}`;
    const pdf = await renderReportPdf(c.input, c.template.id, { dirs: ALL_TEMPLATE_DIRS });
    const docx = await renderReportFile(c.input, c.template.id, { dirs: ALL_TEMPLATE_DIRS });
    const file = path.join(work, `${name}.pdf`);
    fs.writeFileSync(file, pdf.bytes);
    rendered.set(name, { name, templateId: c.template.id, fixture: c.fixture, input: c.input, pdf, docx, file, raw: Buffer.from(pdf.bytes).toString('latin1') });
  }
}, 300_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const main = () => rendered.get('full-report--woman-with-dependants')!;

describe('the report as a PDF', () => {
  it('is written for every template and every fixture case it applies to, as a .pdf file named like the DOCX', () => {
    expect(rendered.size).toBe(cases.length);
    expect(rendered.size).toBeGreaterThan(5);
    for (const r of rendered.values()) {
      expect(Buffer.from(r.pdf.bytes.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
      expect(r.pdf.suggestedFileName).toBe(r.docx.suggestedFileName.replace(/\.docx$/, '.pdf'));
    }
  });

  it('carries the same content hash as the DOCX, because both are written from the one model', () => {
    for (const r of rendered.values()) {
      expect(r.pdf.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.pdf.contentHash, r.name).toBe(r.docx.contentHash);
      expect(r.pdf.model).toEqual(r.docx.model);
    }
  });

  it('is tagged for assistive technology: marked content, a structure tree, PDF/UA identification', () => {
    for (const r of rendered.values()) {
      const markInfo = /\/MarkInfo (\d+) 0 R/.exec(r.raw)?.[1];
      expect(markInfo, r.name).toBeDefined();
      expect(r.raw).toMatch(new RegExp(`\\n${markInfo} 0 obj\\n<<\\n/Marked true\\n>>`));
      expect(r.raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
      expect(r.raw).toContain('<pdfuaid:part>1</pdfuaid:part>');
      expect(run('pdfinfo', r.file)).toMatch(/^Tagged:\s+yes$/m);
    }
  });

  it('has real headings: the title as H1, each section as H2, sub-headings as H3, in the order of the report', () => {
    for (const r of ltrCases()) {
      const tree = structure(r);
      const headings = [...tree.matchAll(/^\s*(H\d) \(block\)\n\s*"([^"]*)"/gm)].map((m) => `${m[1]} ${m[2]}`);
      const expected = [
        `H1 ${r.pdf.model.title}`,
        ...r.pdf.model.sections.flatMap((s) => [`H2 ${s.title}`, ...s.blocks.flatMap((b) => (b.kind === 'heading' ? [`${b.level === 2 ? 'H3' : 'H4'} ${b.text}`] : []))]),
      ];
      expect(headings, r.name).toEqual(expected);
    }
  });

  it('tags numbered paragraphs as list items labelled with the number Word shows, and other text as paragraphs', () => {
    for (const r of ltrCases()) {
      const tree = structure(r);
      const labels = [...tree.matchAll(/^\s*Lbl \(block\)\n\s*"(\d+)\."/gm)].map((m) => Number(m[1]));
      expect(labels, r.name).toEqual(expectedNumbers(r.pdf.model).map((n) => n.number));
      expect(tree).toMatch(/^\s*P \(block\)$/m);
      if (labels.length > 0) expect(tree).toMatch(/^\s*L \(block\)\n\s*LI \(block\)\n\s*Lbl \(block\)/m);
    }
  });

  it('tags tables with a caption, header cells of column scope and data cells, one row element per row', () => {
    for (const r of ltrCases()) {
      const tree = structure(r);
      const tables = tablesOf(r.pdf.model);
      expect([...tree.matchAll(/^\s*Table \(block\)$/gm)].length, r.name).toBe(tables.length);
      expect([...tree.matchAll(/^\s*Caption( \(block\))?$/gm)].length).toBe(tables.length);
      const headerCells = tables.reduce((n, t) => n + t.header.length, 0);
      expect([...tree.matchAll(/^\s*TH:\n\s*\/Scope \/Column$/gm)].length).toBe(headerCells);
      expect([...tree.matchAll(/^\s*TH:?$/gm)].length).toBe(headerCells);
      expect([...tree.matchAll(/^\s*TD$/gm)].length).toBe(tables.reduce((n, t) => n + t.rows.length * t.header.length, 0));
      expect([...tree.matchAll(/^\s*TR$/gm)].length).toBe(tables.reduce((n, t) => n + t.rows.length + 1, 0));
    }
  });

  it('shows the letterhead logo as a figure with its alt text', () => {
    const r = main();
    const alt = r.pdf.model.letterhead.logo!.altText;
    expect(alt.length).toBeGreaterThan(10);
    expect(structure(r)).toMatch(/^\s*Figure$/m);
    expect(r.raw).toContain(`/S /Figure`);
    expect(r.raw).toContain(`/Alt (${alt})`);
  });

  it('prints the running header and footer and the DRAFT mark on every page, as artifacts a screen reader skips', () => {
    const r = main();
    const { running, letterhead } = r.pdf.model;
    expect(r.pdf.model.draft).toBe(true);
    const pages = pdfPages(r);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      const text = squash(page);
      expect(text).toContain(`${running.pageLabel} ${i + 1} ${running.ofLabel} ${pages.length}`);
      expect(text).toContain(running.draftLabel);
      expect(text).toContain(`${running.contentHashLabel}: sha256:${r.pdf.contentHash}`);
      expect(text).toContain(`${running.caseNumberLabel}: ${running.caseNumber}`);
      expect(text).toContain(`${running.courtLabel}: ${running.court}`);
      expect(text).toContain(`${running.hearingDateLabel}: ${running.hearingDate}`);
      expect(text).toContain(letterhead.protectiveMarking);
    });
    const tree = structure(r);
    for (const furniture of [running.draftLabel, `sha256:${r.pdf.contentHash}`, `${running.pageLabel} 1 ${running.ofLabel}`, letterhead.protectiveMarking]) expect(tree).not.toContain(furniture);
  });

  it('marks a final report with no DRAFT anywhere', () => {
    const finals = [...rendered.values()].filter((r) => !r.pdf.model.draft && r.pdf.model.direction === 'ltr');
    expect(finals.length).toBeGreaterThan(0);
    for (const r of finals) expect(pdfPages(r).join('')).not.toContain(r.pdf.model.running.draftLabel);
  });

  it("declares the template's language and shows the report's title, not its file name, in the window", () => {
    for (const r of rendered.values()) {
      expect(r.raw, r.name).toContain(`/Lang (${r.pdf.model.language})`);
      expect(r.raw).toMatch(/\/DisplayDocTitle true/);
      const info = run('pdfinfo', r.file);
      expect(info).toContain(`Title:           ${r.pdf.model.properties.title}`);
      expect(info).toContain(`Author:          ${r.pdf.model.properties.author}`);
      expect(info).toContain(`Keywords:        sha256:${r.pdf.contentHash}`);
    }
    expect(main().raw).toContain('/Lang (en-GB)');
  });

  it('keeps its XMP metadata well-formed when a name holds XML characters', async () => {
    const input = fixture('woman-with-dependants');
    input.author.name = 'Jane Doyle & <Team B>';
    const r = await renderBoth('xml-chars', input);
    expect(r.pdf.model.properties.author).toContain('Jane Doyle & <Team B>');
    const xmp = /<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(r.raw)?.[0] ?? '';
    expect(xmp).toContain('<rdf:li>Jane Doyle &amp; &lt;Team B&gt;');
    expect(xmp.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toMatch(/[&]|<Team/);
    expect(run('pdfinfo', r.file)).toContain('Author:          Jane Doyle & <Team B>');
  });

  it('embeds every font it uses, and none of the unembedded standard fonts', () => {
    for (const r of rendered.values()) {
      const fonts = run('pdffonts', r.file).trim().split('\n').slice(2);
      expect(fonts.length, r.name).toBeGreaterThan(0);
      for (const font of fonts) expect(font, r.name).toMatch(/ yes yes yes /);
      expect(r.raw).toMatch(/\/FontFile2 \d+ 0 R/);
      expect(r.raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/);
    }
  });

  it('sets Greek and Cyrillic names in an embedded font and gives them back as text', async () => {
    const input = fixture('woman-with-dependants');
    input.written = { ...input.written, circumstances: 'Η κυρία Παπαδοπούλου και госпожа Иванова работают вместе.' };
    const result = await renderReportPdf(input, 'full-report', { dirs: ALL_TEMPLATE_DIRS });
    const file = path.join(work, 'scripts.pdf');
    fs.writeFileSync(file, result.bytes);
    expect(squash(run('pdftotext', '-raw', '-enc', 'UTF-8', file, '-'))).toContain('Η κυρία Παπαδοπούλου και госпожа Иванова работают вместе.');
    for (const font of run('pdffonts', file).trim().split('\n').slice(2)) expect(font).toMatch(/ yes yes yes /);
  });

  it('is A4, with every page the same size', () => {
    for (const r of rendered.values()) {
      const info = run('pdfinfo', '-f', '1', '-l', '9999', r.file);
      const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+(.*)$/gm)].map((m) => m[1]);
      expect(sizes.length, r.name).toBe(Number(/^Pages:\s+(\d+)$/m.exec(info)![1]));
      for (const size of sizes) expect(size).toBe('595.28 x 841.89 pts (A4)');
    }
  });

  it('gives the same words in the same order as the DOCX, numbers included, leaving out the page furniture', () => {
    for (const r of ltrCases()) {
      const { pdf, docx } = bodyWords(r);
      expect(docx.length, r.name).toBeGreaterThan(200);
      expect(firstDifference(ltrWords(pdf), ltrWords(docx)), r.name).toBeNull();
      expect(rtlLetters(pdf), r.name).toBe(rtlLetters(docx));
    }
  });

  it('never splits a table row across pages, and repeats the header row above the rows of every page', () => {
    const r = rendered.get('full-report--very-long')!;
    const pages = pdfPages(r, true).map(squash);
    let continued = 0;
    for (const t of tablesOf(r.pdf.model)) {
      const header = t.header.join(' ');
      const pagesOfTable = new Set<number>();
      for (const row of t.rows) {
        const cells = row.map((cell) => squash(cell.map((runs) => runs.map((x) => x.text).join('')).join(' ')));
        const page = pages.findIndex((p) => cells.every((c) => p.includes(c)));
        expect(page, `${t.caption}: ${cells[0]}`).toBeGreaterThanOrEqual(0);
        expect(pages[page]!.indexOf(header), `${t.caption}: ${cells[0]}`).toBeGreaterThanOrEqual(0);
        expect(pages[page]!.indexOf(header)).toBeLessThan(pages[page]!.indexOf(cells[0]!));
        pagesOfTable.add(page);
      }
      if (pagesOfTable.size > 1) continued++;
    }
    expect(continued).toBeGreaterThan(0);
  });

  it('splits only a row taller than a page, continuing it under the repeated header, with no word lost', async () => {
    const input = fixture('woman-with-dependants');
    const sentence = 'The officer weighed the hours, the travel, the childcare and the health evidence for this option with care. ';
    const long = sentence.repeat(Math.floor(1990 / sentence.length)).trim();
    input.options![0]!.reasons = [long, long, `${'x'.repeat(400)} ${long.slice(0, 1500)}`];
    const r = await renderBoth('tall-row', input);
    const table = tablesOf(r.pdf.model).find((t) => t.rows.some((row) => row.some((cell) => cell.some((runs) => runs.some((x) => x.text.includes(long))))))!;
    expect(table).toBeDefined();
    const pages = pdfPages(r, true).map(squash);
    const header = table.header.join(' ');
    const withPart = pages.filter((p) => p.includes('The officer weighed the hours'));
    expect(withPart.length).toBeGreaterThan(1);
    for (const p of withPart) expect(p.indexOf(header)).toBeGreaterThanOrEqual(0);
    // A word wider than its column is broken across lines, in Word as here: count its letters instead.
    const { pdf, docx } = bodyWords(r);
    const unbroken = (w: string[]) => w.filter((x) => !/^x+$/.test(x));
    const xs = (w: string[]) => w.filter((x) => /^x+$/.test(x)).join('').length;
    expect(firstDifference(unbroken(pdf), unbroken(docx))).toBeNull();
    expect(xs(pdf)).toBe(400);
    expect(xs(docx)).toBe(400);
    const tree = structure(r);
    expect([...tree.matchAll(/^\s*TR$/gm)].length).toBe(tablesOf(r.pdf.model).reduce((n, t) => n + t.rows.length + 1, 0));
  });

  it('gives the same bytes for the same report, dated by the report date, so two copies are one document', async () => {
    const r = main();
    const again = await renderReportPdf(r.input, r.templateId, { dirs: ALL_TEMPLATE_DIRS });
    expect(Buffer.from(again.bytes).equals(Buffer.from(r.pdf.bytes))).toBe(true);
    const info = run('pdfinfo', '-isodates', r.file);
    expect(info).toMatch(new RegExp(`^CreationDate:\\s+${r.input.reportDate}T`, 'm'));
    expect(info).toMatch(new RegExp(`^ModDate:\\s+${r.input.reportDate}T`, 'm'));
    const changed = fixture('woman-with-dependants');
    changed.written = { ...changed.written, circumstances: `${changed.written?.['circumstances'] ?? ''} Arrears cleared on 1 December.` };
    const other = await renderReportPdf(changed, r.templateId, { dirs: ALL_TEMPLATE_DIRS });
    expect(other.contentHash).not.toBe(r.pdf.contentHash);
    expect(Buffer.from(other.bytes).equals(Buffer.from(r.pdf.bytes))).toBe(false);
  });

  it('writes a right-to-left template without failing, in its language, with the case number readable', () => {
    const rtl = [...rendered.values()].filter((r) => r.pdf.model.direction === 'rtl');
    expect(rtl.length).toBeGreaterThan(0);
    for (const r of rtl) {
      expect(r.raw).toContain(`/Lang (${r.pdf.model.language})`);
      expect(pdfPages(r).join('')).toContain(r.pdf.model.running.caseNumber);
    }
  });
});
