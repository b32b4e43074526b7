import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../main/api/app';
import { auditView } from '../../main/domain/auditChanges';
import { verifyAuditChain } from '../../main/store/auditChain';
import { tempDir } from '../support/core';
import { bundleScript } from './bundle';
import { contentHash } from './canonical';
import { readStoredChanges } from '../../main/store/audit';

// The autosave writer is killed with SIGKILL at a random moment, 50 times, each run continuing from
// what the previous one left. Then the store must be sound, hold the last save it acknowledged and
// an audit row describing every one, and hold no save half written. The writer is bundled once so
// each start costs a third of a second.

const KILLS = 50;
const root = path.resolve(import.meta.dirname, '../..');
let writer: string;
let removeWriter = () => undefined as void;

interface Run {
  tries: string[];
  /** Each acknowledged save: its version, its content's hash, and the hash of the audit's view of that content. */
  acks: Array<{ version: number; hash: string; auditHash: string }>;
  caseId: string;
  startVersion: number;
}

let dataDir: string;
beforeAll(async () => {
  dataDir = tempDir('psr-crash-');
  const bundle = await bundleScript(path.join(import.meta.dirname, 'autosave-writer.ts'));
  writer = bundle.file;
  removeWriter = bundle.remove;
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  removeWriter();
});

// A small seeded generator, so a failing sequence of kill moments can be replayed (the seed is printed).
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts the writer, waits until it is saving, lets it run for `ms`, then SIGKILLs it. */
function runAndKill(run: number, ms: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer], {
      cwd: root,
      env: { ...process.env, PSR_DATA_DIR: dataDir, PSR_WRITER_RUN: String(run) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result: Run = { tries: [], acks: [], caseId: '', startVersion: 0 };
    let buffered = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, a, b, c] = line.split(' ');
        if (kind === 'ready') {
          result.caseId = a ?? '';
          result.startVersion = Number(b);
          setTimeout(() => {
            killed = true;
            child.kill('SIGKILL');
          }, ms);
        } else if (kind === 'try') result.tries.push(a ?? '');
        else if (kind === 'ack') result.acks.push({ version: Number(a), hash: b ?? '', auditHash: c ?? '' });
        else reject(new Error(`writer run ${run}: ${line}`));
      }
    });
    child.on('exit', (code, signal) => {
      // A line cut by the kill was never acknowledged as a whole line: ignore it.
      if (!killed || signal !== 'SIGKILL') reject(new Error(`writer run ${run} ended by itself (${code ?? signal}): ${stderr}`));
      else resolve(result);
    });
  });
}

/**
 * Rebuilds the audit's view of the case at every version from the audit log alone: create, then
 * each recorded change. The log keeps each field's kind and length, not the words typed, so this is
 * the case's shape (every field, every number, each text's length) rather than its text.
 */
function replayAudit(rows: Array<{ version: number; changes: string }>): Map<number, unknown> {
  const versions = new Map<number, unknown>();
  let doc: unknown = undefined;
  for (const row of rows) {
    for (const change of readStoredChanges(row.changes) as Array<{ path: string; after?: unknown }>) doc = setAt(doc, parsePath(change.path), change.after);
    versions.set(row.version, structuredClone(doc));
  }
  return versions;
}

function parsePath(p: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  re.lastIndex = 1; // after "$"
  for (let m = re.exec(p); m; m = re.exec(p)) out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3] ?? '""') as string)));
  return out;
}

function setAt(doc: unknown, at: Array<string | number>, value: unknown): unknown {
  if (at.length === 0) return value;
  const [head, ...rest] = at;
  const container = (doc ?? (typeof head === 'number' ? [] : {})) as Record<string | number, unknown>;
  let next = setAt(container[head as string], rest, value);
  // A record or list the log removed leaf by leaf is gone once its last leaf is (the audit's view
  // of an empty one is a leaf of its own, never an empty container).
  if (typeof next === 'object' && next !== null && Object.keys(next).length === 0) next = undefined;
  if (next === undefined && Array.isArray(container)) {
    container.length = Math.min(container.length, head as number); // trailing items removed
  } else if (next === undefined) {
    delete container[head as string];
  } else container[head as string] = next;
  return container;
}

/** The version a run is known to have left: its last acknowledged save, or where it started if it was killed before any. */
function settledVersion(run: Run | undefined): number {
  return run ? (run.acks.at(-1)?.version ?? run.startVersion) : 1;
}

describe('crash safety of autosave', () => {
  it(`keeps every acknowledged save and never half a save when the app is killed ${KILLS} times mid-stream`, async () => {
    const seed = Number(process.env.PSR_CRASH_SEED ?? Date.now() % 1_000_000);
    const random = prng(seed);
    const runs: Run[] = [];
    for (let run = 0; run < KILLS; run++) {
      const r = await runAndKill(run, 15 + Math.floor(random() * 250));
      // Each start sees what the last one acknowledged, or one save further if the kill came after
      // the commit but before the acknowledgement. A run killed before any acknowledgement can
      // still have committed one save, so "further" counts from what the previous run started with.
      const lastAck = runs.flatMap((x) => x.acks).at(-1)?.version ?? 1;
      expect(r.startVersion, `run ${run}, seed ${seed}`).toBeGreaterThanOrEqual(lastAck);
      expect(r.startVersion, `run ${run}, seed ${seed}`).toBeLessThanOrEqual(settledVersion(runs.at(-1)) + 1);
      runs.push(r);
    }

    const db = new BetterSqlite3(path.join(dataDir, DB_FILE_NAME));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const row = db.prepare('SELECT id, version, details, case_number, person_name FROM cases').get() as { id: string; version: number; details: string; case_number: string; person_name: string };
      const audit = db.prepare("SELECT version, changes FROM audit WHERE entity = 'case' AND entity_id = ? ORDER BY id").all(row.id) as Array<{ version: number; changes: string }>;
      const acks = runs.flatMap((r) => r.acks);
      const tries = runs.flatMap((r) => r.tries);
      expect(acks.length, 'the writer was killed before it could save anything').toBeGreaterThan(KILLS);
      const last = runs.at(-1) as Run;

      // Every acknowledged save is present: the store is at the last acknowledged version or one later...
      const lastAck = acks.at(-1)?.version ?? 1;
      expect(row.version).toBeGreaterThanOrEqual(lastAck);
      expect(row.version).toBeLessThanOrEqual(settledVersion(last) + 1);
      // ...and the audit log holds every version once, in order, each describing exactly the content
      // acknowledged (field by field, each text by its length), its hash chain unbroken by the kills.
      expect(audit.map((a) => a.version)).toEqual(Array.from({ length: row.version }, (_, i) => i + 1));
      expect(verifyAuditChain(db)).toEqual({ ok: true, rows: expect.any(Number) });
      const replayed = replayAudit(audit);
      const missing = acks.filter((a) => contentHash(replayed.get(a.version)) !== a.auditHash);
      expect(missing, `acknowledged saves the audit log does not describe (seed ${seed})`).toEqual([]);

      // No save is half written: the row is exactly one attempted save, the one its audit row describes.
      const details = JSON.parse(row.details) as { caseNumber: string; person: { familyName: string; givenNames: string } };
      const rowHash = contentHash(details);
      // The last acknowledged save, or one tried after it that committed before its run was killed
      // (a run killed early may have tried nothing, or tried one save that never committed).
      const lastAckHash = acks.at(-1)?.hash;
      const triedSince = lastAckHash === undefined ? tries : tries.slice(tries.lastIndexOf(lastAckHash) + 1);
      expect([lastAckHash, ...triedSince], `seed ${seed}`).toContain(rowHash);
      expect(contentHash(replayed.get(row.version))).toBe(contentHash(auditView('case', details)));
      expect(row.case_number).toBe(details.caseNumber);
      expect(row.person_name).toBe(`${details.person.familyName}, ${details.person.givenNames}`);

      console.log(
        `crash safety (seed ${seed}): ${KILLS} SIGKILLs, ${acks.length} saves acknowledged, ${acks.length - missing.length} found intact after the kills; ` +
          `${tries.length - acks.length} saves were in flight when killed, ${row.version - lastAck} of them had committed.`,
      );
    } finally {
      db.close();
    }
  });
});
