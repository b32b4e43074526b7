import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../contract/errors';
import { writePrivateFile } from './files';
import { openSqlite, type Database } from './sqlite';

// One process owns a store at a time (the desktop app, browser mode, or a psr command that writes).
//
// The lock is an operating-system file lock, not a marker file: a small SQLite file in the data
// folder held in SQLite's exclusive locking mode (POSIX advisory locks on Linux and macOS, LockFileEx
// on Windows). The kernel releases it the moment its process ends, however it ends, so a crash or
// a power cut never leaves a stale lock that blocks the officer, and there is no timeout to wait
// out. Beside it, a small JSON file says who holds it, for the refusal's message only; it is never
// trusted to decide anything. As with SQLite itself, a data folder on a network share whose locks do
// not work is not supported.
//
// Within one process, openings of the same store share the one lock (SQLite coordinates their
// connections itself), unless one asks for it alone: a restore, or the app's own start, which may
// swap the file.

export const LOCK_FILE_NAME = 'psr.lock';
export const LOCK_OWNER_FILE_NAME = 'psr.lock.json';

export const storeHolders = ['desktop', 'browser', 'cli', 'restore'] as const;
export type StoreHolder = (typeof storeHolders)[number];

export interface LockOwner {
  holder: StoreHolder;
  pid: number;
  host: string;
  since: string;
}

const DESCRIBED: Record<StoreHolder, string> = {
  desktop: 'the desktop app',
  browser: 'browser mode',
  cli: 'a psr command',
  restore: 'a restore',
};

export class StoreInUseError extends AppError {
  readonly owner: LockOwner | null;
  constructor(dataDir: string, owner: LockOwner | null) {
    const who = owner ? `${DESCRIBED[owner.holder]} (process ${owner.pid} on ${owner.host}, since ${owner.since})` : 'another process';
    super('refused', `The data folder ${dataDir} is in use by ${who}. Only one program may use a store at a time: close it first. Nothing was changed.`, {
      key: owner ? `errors.storeInUseBy.${owner.holder}` : 'errors.storeInUse',
      params: owner ? { pid: owner.pid, host: owner.host, since: owner.since } : {},
    });
    this.name = 'StoreInUseError';
    this.owner = owner;
  }
}

export interface StoreLock {
  readonly dataDir: string;
  readonly owner: LockOwner;
  /** Lets the lock go; a second call does nothing. */
  release(): void;
}

interface Held {
  db: Database;
  owner: LockOwner;
  alone: boolean;
  count: number;
}

const heldHere = new Map<string, Held>();

function keyOf(dataDir: string): string {
  try {
    return fs.realpathSync(dataDir);
  } catch {
    return path.resolve(dataDir);
  }
}

/** Who holds the store's lock, as its holder wrote it down; null when unknown. */
export function lockOwner(dataDir: string): LockOwner | null {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_OWNER_FILE_NAME), 'utf8')) as Partial<LockOwner>;
    if (typeof raw.pid !== 'number' || typeof raw.host !== 'string' || typeof raw.since !== 'string' || !storeHolders.includes(raw.holder as StoreHolder)) return null;
    return { holder: raw.holder as StoreHolder, pid: raw.pid, host: raw.host, since: raw.since };
  } catch {
    return null;
  }
}

/**
 * Takes the store's lock for `holder`, or throws StoreInUseError naming who holds it. `alone`: refuse
 * even another opening in this process (a restore swaps the file under every connection).
 */
export function lockStore(dataDir: string, holder: StoreHolder, { alone = false, nativeBinding }: { alone?: boolean; nativeBinding?: string | undefined } = {}): StoreLock {
  const key = keyOf(dataDir);
  const here = heldHere.get(key);
  if (here) {
    if (alone || here.alone) throw new StoreInUseError(dataDir, here.owner);
    here.count++;
    return handle(dataDir, key, here);
  }
  let db: Database | null = null;
  try {
    // The lock file holds nothing: it stays plaintext, whatever the store's key.
    db = openSqlite(path.join(dataDir, LOCK_FILE_NAME), { timeout: 0, nativeBinding });
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = MEMORY');
    // The first write takes SQLite's exclusive lock, and exclusive locking mode keeps it until close.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS lock (x); COMMIT;');
  } catch (e) {
    db?.close();
    if ((e as { code?: unknown }).code === 'SQLITE_BUSY') throw new StoreInUseError(dataDir, lockOwner(dataDir));
    throw e;
  }
  const owner: LockOwner = { holder, pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  fs.chmodSync(path.join(dataDir, LOCK_FILE_NAME), 0o600);
  writePrivateFile(path.join(dataDir, LOCK_OWNER_FILE_NAME), `${JSON.stringify(owner)}\n`);
  const held: Held = { db, owner, alone, count: 1 };
  heldHere.set(key, held);
  return handle(dataDir, key, held);
}

function handle(dataDir: string, key: string, held: Held): StoreLock {
  let released = false;
  return {
    dataDir,
    owner: held.owner,
    release() {
      if (released) return;
      released = true;
      if (--held.count > 0) return;
      heldHere.delete(key);
      // The note goes first: once the lock is free, the next holder writes its own.
      if (lockOwner(dataDir)?.pid === process.pid) fs.rmSync(path.join(dataDir, LOCK_OWNER_FILE_NAME), { force: true });
      held.db.close();
    },
  };
}

/** Runs `fn` holding the store's lock alone (for a restore), releasing it afterwards. */
export function withStoreAlone<T>(dataDir: string, fn: () => T, options: { nativeBinding?: string | undefined } = {}): T {
  const lock = lockStore(dataDir, 'restore', { alone: true, nativeBinding: options.nativeBinding });
  try {
    return fn();
  } finally {
    lock.release();
  }
}
