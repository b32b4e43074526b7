import fs from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from './files';

// What the app knows about its data file between starts, so a start does no work that grows with
// the store (docs/ARCHITECTURE.md, "Work that grows with the store"):
//
// - `closed`: the file's size, times and inode as the app left it at its last clean close. A file
//   that still matches was not touched since by anything else (a copy, a sync tool, a crash), so
//   the start only looks at its header and schema; any other file is checked whole first, as before.
// - `checked`: the content fingerprint (main/store/backup.ts) of the last whole-file check, made
//   off the app's thread after start, and what it found. A store that has not changed since a
//   clean check is not checked again; one found damaged is checked whole, and refused, at the next start.

export const CHECK_STATE_FILE_NAME = 'store-check.json';

export interface FileStamp {
  size: string;
  mtimeNs: string;
  ctimeNs: string;
  ino: string;
}

export interface StoreCheckState {
  closed?: FileStamp;
  checked?: { fingerprint: string; at: string; damage: string | null };
}

const stateFile = (dataDir: string) => path.join(dataDir, CHECK_STATE_FILE_NAME);

export function fileStamp(file: string): FileStamp | null {
  const stat = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
  if (!stat) return null;
  return { size: String(stat.size), mtimeNs: String(stat.mtimeNs), ctimeNs: String(stat.ctimeNs), ino: String(stat.ino) };
}

/** The state as last written; a missing or unreadable record vouches for nothing. */
export function readCheckState(dataDir: string): StoreCheckState {
  try {
    const raw = JSON.parse(fs.readFileSync(stateFile(dataDir), 'utf8')) as StoreCheckState;
    return raw && typeof raw === 'object' ? raw : {};
  } catch {
    return {};
  }
}

export function writeCheckState(dataDir: string, state: StoreCheckState): void {
  writePrivateFile(stateFile(dataDir), `${JSON.stringify(state)}\n`);
}

const sameStamp = (a: FileStamp | undefined, b: FileStamp | null) => !!a && !!b && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino;

/**
 * True when the data file is exactly as this app closed it, with nothing left in a write-ahead log
 * and no damage found by the last check: the start may skip the whole-file check before opening.
 */
export function vouchedFor(dbFile: string, dataDir: string): boolean {
  const state = readCheckState(dataDir);
  if (state.checked && state.checked.damage !== null) return false;
  const wal = fs.statSync(`${dbFile}-wal`, { throwIfNoEntry: false });
  if (wal && wal.size > 0) return false;
  return sameStamp(state.closed, fileStamp(dbFile));
}

/** The store is open for writing: until it is closed cleanly again, the stamp vouches for nothing. */
export function forgetClosedStamp(dataDir: string): void {
  const state = readCheckState(dataDir);
  if (!state.closed) return;
  delete state.closed;
  writeCheckState(dataDir, state);
}

/**
 * File times are kept to a clock tick (4 ms here; more on some file systems): a write within the
 * same tick as the last one leaves them as they were. The stamp is taken at least this long after
 * the file's last write, so any write after it moves the times on.
 */
const TICK_MS = 10;

/** After a clean close (no write-ahead log left): the file as the app left it. */
export function recordClosedStamp(dbFile: string, dataDir: string): void {
  if (fs.existsSync(`${dbFile}-wal`)) return;
  const written = fs.statSync(dbFile, { throwIfNoEntry: false });
  if (!written) return;
  const since = Date.now() - Math.max(written.mtimeMs, written.ctimeMs);
  if (since < TICK_MS) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, TICK_MS - Math.max(0, since));
  const stamp = fileStamp(dbFile);
  if (!stamp) return;
  writeCheckState(dataDir, { ...readCheckState(dataDir), closed: stamp });
}

export function recordCheck(dataDir: string, checked: NonNullable<StoreCheckState['checked']>): void {
  const state = readCheckState(dataDir);
  // Damage found: the stamp must not vouch for the file at the next start.
  if (checked.damage !== null) delete state.closed;
  writeCheckState(dataDir, { ...state, checked });
}
