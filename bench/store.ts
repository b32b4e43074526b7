import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openCore } from '../main/api/app';
import type { CaseDetails } from '../main/contract/case';
import { CaseRepository } from '../main/store/cases';
import { line, ms, percentile, timeAsync } from './stats';

// Store figures at 100,000 cases: save and search latency, import throughput, database size.
// Targets: save p95 < 5 ms, search p95 < 20 ms, size < 500 MB.

const FAMILY = ['Okafor', 'Müller', 'Nguyen', 'Smith', 'García', 'Kowalski', 'Haddad', 'Ivanova', 'Brown', 'Osei', 'Tanaka', 'Silva', 'Dubois', 'Rossi', 'Murphy', 'Khan'];
const GIVEN = ['Amina', 'Jörg', 'Thi Lan', 'John', 'María', 'Piotr', 'Layla', 'Olga', 'Grace', 'Kwame', 'Yuki', 'Ana', 'Camille', 'Luca', 'Siobhan', 'Imran'];
const OFFENCES = ['Theft from a shop', 'Assault by beating', 'Possession of a controlled drug', 'Criminal damage', 'Fraud by false representation', 'Driving while disqualified'];

export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticCase(i: number, rand: () => number): CaseDetails {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const day = (base: number, spread: number) => new Date(Date.UTC(2026, 0, 1) + (base + Math.floor(rand() * spread)) * 86_400_000).toISOString().slice(0, 10);
  const offenceDate = day(0, 200);
  return {
    person: {
      givenNames: pick(GIVEN),
      familyName: `${pick(FAMILY)}${i % 7 === 0 ? '-' + pick(FAMILY) : ''}`,
      dateOfBirth: `${1960 + Math.floor(rand() * 40)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
      gender: rand() < 0.3 ? 'female' : 'male',
      preferredLanguage: 'en',
    },
    court: `Court ${1 + (i % 40)}`,
    caseNumber: `CR-${2020 + (i % 7)}-${String(i).padStart(6, '0')}`,
    hearingDate: day(330, 60),
    reportDueDate: day(300, 25),
    reportType: 'full',
    stage: 'convicted',
    charges: [{ offence: pick(OFFENCES), offenceDate, plea: 'guilty' }],
  };
}

/**
 * The store at `cases` cases, twice in the same run: as a plaintext file and encrypted under a
 * store key (SQLCipher 4 settings, as every protected store is), with the ratios of the two.
 * The goal for encryption is under 1.3 times the plaintext figures.
 */
export async function benchStore(cases = Number(process.env.BENCH_CASES ?? 100_000)): Promise<string[]> {
  const plain = await benchOneStore(cases, undefined);
  const encrypted = await benchOneStore(cases, randomBytes(32));
  const ratio = (name: string, goal = true) => {
    const a = plain.figures.get(name)!;
    const b = encrypted.figures.get(name)!;
    return `  ${`encrypted / plaintext, ${name}`.padEnd(48)} ${(b / a).toFixed(2)}×${goal ? ' (goal < 1.30×)' : ''}`;
  };
  return [...plain.out, '', ...encrypted.out, '', 'Encryption at rest, same run:', ratio('save latency p95'), ratio('search latency p95'), ratio('save latency p50', false), ratio('search latency p50', false), ratio('backup', false)];
}

async function benchOneStore(cases: number, key: Buffer | undefined): Promise<{ out: string[]; figures: Map<string, number> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bench-'));
  const now = () => new Date('2026-11-26T10:00:00Z');
  const core = openCore({ dataDir, now, logger: { error: () => undefined }, ...(key ? { key } : {}) });
  const figures = new Map<string, number>();
  const out: string[] = [`Store benchmark at ${cases.toLocaleString('en')} cases, ${key ? 'encrypted (SQLCipher 4, AES-256)' : 'plaintext'} (${os.cpus().length} cores, Node ${process.version})`];
  try {
    const rand = rng(42);
    const repo = new CaseRepository(core.db);
    const seedStart = performance.now();
    const batch = 5_000;
    for (let start = 0; start < cases; start += batch) {
      core.db.transaction(() => {
        for (let i = start; i < Math.min(cases, start + batch); i++) repo.create(syntheticCase(i, rand), { actor: 'bench', at: now().toISOString() });
      })();
    }
    out.push(line('seeding (repository, batched transactions)', performance.now() - seedStart, ms));

    // Import throughput: whole case files through the API, each in its own transaction, as `psr import` does.
    const importCount = 2_000;
    const files = Array.from({ length: importCount }, (_, i) => ({ format: 'psr-case-file', formatVersion: 1, case: syntheticCase(cases + i, rand) }));
    const [, importMs] = await timeAsync(async () => {
      for (const file of files) {
        const r = await core.dispatch('caseFile.import', { file }, { actor: 'bench', door: 'cli' });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
      }
    });
    out.push(line('import throughput (case files per second)', (importCount / importMs) * 1000, (n) => `${n.toFixed(0)}/s`));

    // Save latency: autosave-like updates of one case through the full API path (validation, audit, fsync).
    const target = (await core.dispatch('cases.list', { query: 'okafor', limit: 1 }, { actor: 'bench', door: 'cli' })) as { ok: true; value: { items: { id: string }[] } };
    const id = target.value.items[0]!.id;
    let record = (await core.dispatch('cases.get', { id }, { actor: 'bench', door: 'cli' })) as { ok: true; value: { version: number; details: CaseDetails } };
    const saves: number[] = [];
    for (let i = 0; i < 1_000; i++) {
      const details = { ...record.value.details, charges: [{ ...record.value.details.charges[0]!, offence: `Theft from a shop (revision ${i})` }] };
      const [result, t] = await timeAsync(() => core.dispatch('cases.update', { id, version: record.value.version, details }, { actor: 'bench', door: 'cli' }));
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      record = result as typeof record;
      saves.push(t);
    }
    figures.set('save latency p50', percentile(saves, 50));
    figures.set('save latency p95', percentile(saves, 95));
    out.push(line('save latency p50', percentile(saves, 50), ms));
    out.push(line('save latency p95', percentile(saves, 95), ms, 5));

    // Search latency: what officers type: name prefixes, full names, case-number fragments.
    const queries = ['okaf', 'müller', 'nguyen thi', 'smi', 'garcia', 'CR-2024-0001', '004217', 'kowalski piotr', 'haddad-osei', 'z', 'Tanaka Yuki', 'CR-2021'];
    const searches: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const query of queries) {
        const [result, t] = await timeAsync(() => core.dispatch('cases.list', { query, limit: 50 }, { actor: 'bench', door: 'cli' }));
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        searches.push(t);
      }
    }
    figures.set('search latency p50', percentile(searches, 50));
    figures.set('search latency p95', percentile(searches, 95));
    out.push(line('search latency p50', percentile(searches, 50), ms));
    out.push(line('search latency p95', percentile(searches, 95), ms, 20));

    // The automatic backup: one VACUUM INTO, on the app's thread (main/store/backup.ts).
    const [backup, backupMs] = await timeAsync(() => core.dispatch('store.backupNow', {}, { actor: 'bench', door: 'cli' }));
    if (!backup.ok) throw new Error(JSON.stringify(backup.error));
    figures.set('backup', backupMs);
    out.push(line('backup of the whole store (VACUUM INTO, checked)', backupMs, ms));

    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.statSync(core.dbFile).size;
    out.push(line('database size', bytes / 1024 / 1024, (n) => `${n.toFixed(1)} MB`, 500));
  } finally {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { out, figures };
}
