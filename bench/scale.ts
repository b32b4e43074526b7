import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type AppCore } from '../main/api/app';
import { CHECK_STATE_FILE_NAME } from '../main/store/checkState';
import { caseSearchText } from '../main/domain/searchText';
import { CaseRepository } from '../main/store/cases';
import type { Database } from '../main/store/sqlite';
import { line, ms, percentile, timeAsync } from './stats';
import { rng, syntheticCase } from './store';

// `npm run bench scale`: the store at 100,000 and 1,000,000 cases (BENCH_SCALES changes the sizes).
// Targets: the first page under 1 s after a start, with nothing that grows with the store before
// it; at 1,000,000 cases search p95 under 20 ms, every list page under 10 ms, the file under 2 GB.
//
// Seeding: the first 10,000 cases go through the repository (validated rows, their audit rows,
// search index and counts, as the app writes them); the rest are copies made by SQL, each with its
// own id and case number, and an audit row of the same size for each (fresh hashes in place of
// the chain's, which nothing here verifies), so the file holds what a store of that size holds.

const NOW = () => new Date('2026-11-26T10:00:00Z');
const CTX = { actor: 'bench', door: 'cli' } as const;
const BASE = 10_000;
const QUERIES = ['okaf', 'müller', 'nguyen thi', 'smi', 'garcia', 'CR-2024-0001', '004217', 'kowalski piotr', 'haddad-osei', 'z', 'Tanaka Yuki', 'CR-2021'];
const SORTS = ['due_date', 'due_date_desc', 'last_saved', 'case_number'] as const;
const STATES = ['none', 'draft', 'submitted', 'returned', 'countersigned', 'issued'] as const;

function columnsOf(db: Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((c) => c.name);
}

/** Seeds `cases` cases into a new store and closes it cleanly, as the app would be left. */
export function seed(dataDir: string, cases: number): number {
  const started = performance.now();
  const core = openCore({ dataDir, now: NOW, backupsKept: false, checkWholeFile: false, logger: { error: () => undefined } });
  try {
    const repo = new CaseRepository(core.db);
    const rand = rng(42);
    const base = Math.min(BASE, cases);
    for (let start = 0; start < base; start += 5_000) {
      core.db.transaction(() => {
        for (let i = start; i < Math.min(base, start + 5_000); i++) repo.create(syntheticCase(i, rand), { actor: 'bench', at: NOW().toISOString() });
      })();
    }
    const caseColumns = columnsOf(core.db, 'cases');
    const auditColumns = columnsOf(core.db, 'audit').filter((c) => c !== 'id');
    const number = `printf('CR-%d-%07d', 2020 + ((@k * ${base} + rowid) % 7), @k * ${base} + rowid)`;
    const newId = (column: string) => `substr(${column}, 1, 28) || printf('%08x', @k)`;
    // A copy's search words are its own number's, worked out as the app does.
    core.db.function('psr_search_text', { deterministic: true }, (name: unknown, caseNumber: unknown) => caseSearchText(String(name), String(caseNumber)));
    const caseExpr = (c: string) =>
      c === 'id' ? newId('id') : c === 'case_number' ? number : c === 'details' ? `json_set(details, '$.caseNumber', ${number})` : c === 'search_text' ? `psr_search_text(person_name, ${number})` : c;
    const auditExpr = (c: string) => (c === 'entity_id' ? newId('entity_id') : c === 'prev_hash' || c === 'hash' ? 'lower(hex(randomblob(32)))' : c);
    const copyCases = core.db.prepare(`INSERT INTO cases (${caseColumns.join(', ')}) SELECT ${caseColumns.map(caseExpr).join(', ')} FROM cases WHERE rowid <= ${base} AND rowid <= @left`);
    const copyAudit = core.db.prepare(
      `INSERT INTO audit (${auditColumns.join(', ')}) SELECT ${auditColumns.map(auditExpr).join(', ')} FROM audit WHERE entity = 'case' AND entity_id IN (SELECT id FROM cases WHERE rowid <= ${base} AND rowid <= @left)`,
    );
    for (let k = 1, made = base; made < cases; k++, made += base) {
      core.db.transaction(() => {
        copyCases.run({ k, left: cases - made });
        copyAudit.run({ k, left: cases - made });
      })();
    }
  } finally {
    core.close();
  }
  return performance.now() - started;
}

const start = (dataDir: string) => openCore({ dataDir, now: NOW, logger: { error: (m, e) => console.error(`[bench] ${m}`, e) } });

async function call(core: AppCore, method: 'cases.list', input: object): Promise<number> {
  const [result, t] = await timeAsync(() => core.dispatch(method, input, CTX));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return t;
}

/** Opens the store and answers the first page of the case list: the time an officer waits. */
async function firstPage(dataDir: string): Promise<{ core: AppCore; ms: number }> {
  const t0 = process.hrtime.bigint();
  const core = start(dataDir);
  const result = await core.dispatch('cases.list', { limit: 50 }, CTX);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return { core, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

export async function benchScale(sizes = (process.env.BENCH_SCALES ?? '100000,1000000').split(',').map(Number)): Promise<string[]> {
  const out = [`Store at scale (${os.cpus().length} cores, Node ${process.version}; the first ${BASE.toLocaleString('en')} cases through the repository, the rest copied by SQL)`];
  for (const cases of sizes) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bench-scale-'));
    const large = cases >= 1_000_000;
    try {
      out.push('', `${cases.toLocaleString('en')} cases`);
      out.push(line('  seeding', seed(dataDir, cases), ms));
      const dbFile = path.join(dataDir, 'psr.sqlite');
      out.push(line('  database size', fs.statSync(dbFile).size / 1024 / 1024, (n) => `${n.toFixed(0)} MB`, large ? 2048 : undefined));

      // A start after a clean close: nothing that grows with the store before the first page.
      const first = await firstPage(dataDir);
      out.push(line('  first page after start', first.ms, ms, 1000));
      // While the whole-file check and the backup run on their thread, the app keeps answering.
      const during: number[] = [];
      let done = false;
      const background = Promise.all([first.core.storeCheck, first.core.startupBackup]).then(() => (done = true));
      const [, backgroundMs] = await timeAsync(async () => {
        while (!done) {
          during.push(await call(first.core, 'cases.list', { limit: 50, sort: 'last_saved' }));
          during.push(await call(first.core, 'cases.list', { query: QUERIES[during.length % QUERIES.length], limit: 50 }));
          await new Promise((r) => setTimeout(r, 5));
        }
        await background;
      });
      out.push(line('  check and backup after start (their thread)', backgroundMs, ms));
      out.push(line(`  list and search p95 meanwhile (${during.length} calls)`, percentile(during, 95), ms));

      // Search and every list page once the start's work is done.
      const searches: number[] = [];
      for (let round = 0; round < 10; round++) for (const query of QUERIES) searches.push(await call(first.core, 'cases.list', { query, limit: 50 }));
      out.push(line('  search p95', percentile(searches, 95), ms, large ? 20 : undefined));
      const pages: Array<[string, number]> = [];
      const page = async (name: string, input: object) => {
        const times: number[] = [];
        for (let i = 0; i < 10; i++) times.push(await call(first.core, 'cases.list', { limit: 50, ...input }));
        pages.push([name, percentile(times, 95)]);
      };
      for (const sort of SORTS) {
        await page(`sort ${sort}, first page`, { sort });
        await page(`sort ${sort}, page 20`, { sort, offset: 19 * 50 });
      }
      for (const state of STATES) await page(`state ${state}`, { state: [state] });
      await page('states draft and submitted', { state: ['draft', 'submitted'] });
      const slowest = pages.reduce((a, b) => (b[1] > a[1] ? b : a));
      out.push(line('  slowest list page p95', slowest[1], ms, large ? 10 : undefined) + `  (${slowest[0]})`);
      for (const [name, t] of pages) out.push(line(`    ${name}`, t, ms));
      first.core.close();

      // For comparison: a start that cannot vouch for the file (after a crash, or the first start
      // of this version) reads it whole before opening, as every start once did.
      fs.rmSync(path.join(dataDir, CHECK_STATE_FILE_NAME), { force: true });
      const unvouched = await firstPage(dataDir);
      out.push(line('  first page when the file must be read whole first', unvouched.ms, ms));
      await unvouched.core.startupBackup;
      unvouched.core.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return out;
}
