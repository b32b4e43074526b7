import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { ReportContext, type ReportContextInput, type RenderedReport } from '../../main/contract/report';
import { veryLongContext } from '../fixtures/reports/very-long';

// Fixture report contexts and templates, and readers for the parts of a DOCX package, shared by
// the unit tests and the export proof.

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SHIPPED_TEMPLATES = path.join(ROOT, 'templates/reports');
export const TEST_TEMPLATES = path.join(ROOT, 'tests/fixtures/templates');
/** Shipped templates first, then the right-to-left test template. */
export const ALL_TEMPLATE_DIRS = [SHIPPED_TEMPLATES, TEST_TEMPLATES];

export const fixtureNames = ['woman-with-dependants', 'pregnant-no-children', 'young-adult', 'pre-trial', 'arabic-language', 'very-long'] as const;
export type FixtureName = (typeof fixtureNames)[number];

export function fixture(name: FixtureName): ReportContextInput {
  if (name === 'very-long') return veryLongContext();
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/reports', `${name}.json`), 'utf8')) as ReportContextInput;
}

/** Texts marked not for disclosure in a context: each answer (label and value), each source description. */
export function nonDisclosableTexts(input: ReportContextInput): string[] {
  const ctx = ReportContext.parse(input);
  const out: string[] = [];
  for (const section of Object.values(ctx.sections)) for (const item of section.items) if (item.notForDisclosure) out.push(`${item.label}: ${item.value}`);
  for (const s of ctx.sources) if (s.notForDisclosure) out.push(s.description);
  return out.filter((t) => t.trim() !== '');
}

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]{5,}/gu) ?? [];

/**
 * Words that occur only in not-for-disclosure text (children's names, a refuge's street): if any of
 * them reaches the document, something marked not for disclosure leaked. Every secret text must
 * have at least one such word, or the check could not fail.
 */
export function secretWords(input: ReportContextInput): Map<string, string[]> {
  const ctx = ReportContext.parse(input);
  const secrets = nonDisclosableTexts(input);
  const disclosed = new Set(words(JSON.stringify({ ...ctx, sections: Object.values(ctx.sections).map((s) => s.items.filter((i) => !i.notForDisclosure)), sources: ctx.sources.filter((s) => !s.notForDisclosure) })));
  return new Map(secrets.map((text) => [text, [...new Set(words(text))].filter((w) => !disclosed.has(w))]));
}

export type Parts = Record<string, string>;

/** The XML parts of a DOCX, by name. */
export function docxParts(bytes: Uint8Array): Parts {
  const files = unzipSync(bytes);
  const out: Parts = {};
  for (const [name, data] of Object.entries(files)) if (/\.(xml|rels)$/.test(name)) out[name] = strFromU8(data);
  return out;
}

/** Every `wp:docPr` id in the package, across the body, headers and footers. */
export function drawingIds(parts: Parts): string[] {
  return Object.values(parts).flatMap((xml) => [...xml.matchAll(/<wp:docPr [^>]*\bid="(\d+)"/g)].map((m) => m[1]!));
}

/** Table cells whose content does not end with a paragraph (Word refuses such a file). */
export function cellsNotEndingWithParagraph(xml: string): string[] {
  return [...xml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => m[1]!).filter((inner) => !inner.endsWith('</w:p>'));
}

/** The number Word shows on each numbered paragraph, with the title of the Heading 1 it follows. */
export function paragraphNumbers(parts: Parts): Array<{ section: string; number: number }> {
  const numbering = parts['word/numbering.xml'] ?? '';
  const nums = new Map<string, { abstract: string; restarts: boolean }>();
  for (const m of numbering.matchAll(/<w:num w:numId="(\d+)">([\s\S]*?)<\/w:num>/g)) {
    nums.set(m[1]!, { abstract: /<w:abstractNumId w:val="(\d+)"/.exec(m[2]!)![1]!, restarts: m[2]!.includes('<w:startOverride') });
  }
  const counters = new Map<string, number>();
  const out: Array<{ section: string; number: number }> = [];
  let section = '';
  const body = parts['word/document.xml'] ?? '';
  for (const p of body.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)) {
    const inner = p[1] ?? p[2] ?? '';
    if (inner.includes('<w:pStyle w:val="Heading1"/>')) section = textOf(inner);
    const numId = /<w:numId w:val="(\d+)"\/>/.exec(inner)?.[1];
    if (!numId) continue;
    const num = nums.get(numId);
    if (!num) throw new Error(`Paragraph uses numId ${numId}, which numbering.xml does not define.`);
    // Word: a num with a start override counts on its own; nums without one share their abstract list.
    const key = num.restarts ? `num:${numId}` : `abstract:${num.abstract}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    out.push({ section, number: n });
  }
  return out;
}

/** What the numbers should be, from the model: restart sections count from 1, the others carry on. */
export function expectedNumbers(model: RenderedReport): Array<{ section: string; number: number }> {
  const out: Array<{ section: string; number: number }> = [];
  let n = 0;
  for (const section of model.sections) {
    if (section.restartNumbering) n = 0;
    for (const block of section.blocks) if (block.kind === 'paragraph' && block.numbered) out.push({ section: section.title, number: ++n });
  }
  return out;
}

export function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1]!)).join('');
}

export function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
