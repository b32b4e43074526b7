import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors';
import { latestGoodBackup, listBackups, verifyBackup, type BackupInfo, type NativeOptions } from './backup';
import { wrongKey } from './connection';
import { makePrivate } from './files';
import { withStoreAlone } from './lock';
import { accessOf, isPlaintextFile, openSqlite } from './sqlite';

// What happens when the data file itself is damaged: the app refuses to open it (never "repairs"
// it), names the newest good backup, and restoring that backup first moves the damaged file aside
// under a new name, so nothing that might still be rescued is ever overwritten.

/** SQLite's answers for a file that is not, or no longer, a sound database. */
const CORRUPTION_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

/**
 * Reads the whole data file on a read-only handle and reports what is wrong with it, or null when
 * it is sound (or does not exist yet). Other failures (permissions, a locked file) are not
 * corruption and are thrown as they are.
 */
export function findDamage(file: string, access: NativeOptions = {}): string | null {
  if (!fs.existsSync(file)) return null;
  if (fs.statSync(file).size === 0) return null; // an empty file is a new database to SQLite
  // Without a key, a file that is not plaintext SQLite reads as damage; the doors never get here
  // for an encrypted store without its key (a store with a keyring is refused as locked first).
  // A plaintext store is checked as it is (a key is applied when it is converted, not before).
  const plaintext = isPlaintextFile(file);
  const probe = openSqlite(file, { readonly: true, fileMustExist: true, ...accessOf(plaintext ? { nativeBinding: access.nativeBinding } : access) });
  try {
    const rows = probe.pragma('quick_check') as Array<{ quick_check: string }>;
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    return problems.length === 0 ? null : problems.slice(0, 3).join('; ');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    // A plaintext store given a key is read as it is (and converted later); an encrypted one that
    // does not open under this key is the wrong key, never "damage".
    if (code === 'SQLITE_NOTADB' && access.key && !plaintext) throw wrongKey(file);
    if (typeof code === 'string' && CORRUPTION_CODES.has(code)) return (e as Error).message;
    throw e;
  } finally {
    probe.close();
  }
}

export class CorruptDatabaseError extends AppError {
  readonly file: string;
  readonly damage: string;
  readonly latestBackup: BackupInfo | null;
  constructor(file: string, damage: string, latestBackup: BackupInfo | null) {
    const offer = latestBackup
      ? `The latest good backup is ${latestBackup.path} (made ${latestBackup.createdAt}). Restoring it keeps the damaged file aside, renamed, and loses only what was saved after that backup.`
      : `No good backup was found in ${path.join(path.dirname(file), 'backups')}. Keep the file as it is and ask for help to rescue it.`;
    super('storage', `The data file ${file} is damaged and was not opened (${damage}). Nothing has been changed. ${offer}`);
    this.name = 'CorruptDatabaseError';
    this.file = file;
    this.damage = damage;
    this.latestBackup = latestBackup;
  }
}

/**
 * Throws CorruptDatabaseError, naming the newest good backup, when the data file is damaged, or is
 * empty or missing although backups exist: SQLite would start such a file as a new, empty store,
 * and the officer would meet an app with no cases (and the next backup would keep the empty store).
 */
export function refuseDamagedDatabase(file: string, dataDir: string, options: NativeOptions = {}): void {
  const damage = findDamage(file, options) ?? (listBackups(dataDir).length > 0 ? missingOrEmpty(file) : null);
  if (damage !== null) throw new CorruptDatabaseError(file, damage, latestGoodBackup(dataDir, options));
}

function missingOrEmpty(file: string): string | null {
  if (!fs.existsSync(file)) return 'the data file is missing, although there are backups';
  if (fs.statSync(file).size === 0) return 'the data file is empty (0 bytes), although there are backups';
  return null;
}

export interface RestoreResult {
  restoredFrom: string;
  /** Where the files that were in the way now are (the database and its -wal/-shm companions). */
  keptAside: string[];
}

function stamp(at: Date): string {
  return at.toISOString().replaceAll(':', '').replaceAll('.', '').replace('T', '-');
}

/** Moves `from` to `to` without ever replacing an existing file (link then unlink, or an exclusive copy). */
function moveAsideExclusive(from: string, to: string): void {
  try {
    fs.linkSync(from, to); // fails with EEXIST rather than overwrite
    fs.unlinkSync(from);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw e;
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
    fs.unlinkSync(from);
  }
}

export interface RestoreOptions extends NativeOptions {
  reason?: 'corrupt' | 'replaced';
  now?: () => Date;
  /** The caller already holds the store's lock alone (the app's own start); otherwise it is taken here. */
  locked?: boolean;
}

/**
 * Replaces the data file with a checked backup, holding the store's lock alone: a store another
 * process has open is refused (StoreInUseError), since it would go on writing into the file moved
 * aside. The file that was there (damaged or not) is kept aside as `<file>.<reason>-<timestamp>`
 * with its -wal and -shm beside it under the names SQLite looks for (`<aside>-wal`), so the kept
 * file still opens with everything that was saved in it; a stale -wal is never replayed onto the
 * restored file.
 */
export function restoreBackup(dbFile: string, backupFile: string, options: RestoreOptions = {}): RestoreResult {
  if (options.locked) return restoreLocked(dbFile, backupFile, options);
  return withStoreAlone(path.dirname(dbFile), () => restoreLocked(dbFile, backupFile, options), { nativeBinding: options.nativeBinding });
}

function restoreLocked(dbFile: string, backupFile: string, { reason = 'replaced', now = () => new Date(), ...options }: RestoreOptions): RestoreResult {
  const native = accessOf(options);
  verifyBackup(backupFile, native);
  const staging = `${dbFile}.restoring-${process.pid}`;
  fs.rmSync(staging, { force: true });
  fs.copyFileSync(backupFile, staging, fs.constants.COPYFILE_EXCL);
  makePrivate(staging);
  const fd = fs.openSync(staging, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    verifyBackup(staging, native);
  } catch (e) {
    fs.rmSync(staging, { force: true });
    throw e;
  }

  let aside = `${dbFile}.${reason}-${stamp(now())}`;
  for (let n = 2; ['', '-wal', '-shm'].some((end) => fs.existsSync(`${aside}${end}`)); n++) aside = `${dbFile}.${reason}-${stamp(now())}-${n}`;
  const keptAside: string[] = [];
  // The database first: a move cut short leaves no database beside a -wal it does not own, and a
  // missing data file beside backups is refused at the next start.
  for (const end of ['', '-wal', '-shm']) {
    if (!fs.existsSync(`${dbFile}${end}`)) continue;
    moveAsideExclusive(`${dbFile}${end}`, `${aside}${end}`);
    keptAside.push(`${aside}${end}`);
  }
  fs.renameSync(staging, dbFile);
  return { restoredFrom: backupFile, keptAside };
}

/** Restores the newest backup that passes its check; refuses clearly when there is none. */
export function restoreLatestBackup(dbFile: string, dataDir: string, options: RestoreOptions = {}): RestoreResult {
  const latest = latestGoodBackup(dataDir, accessOf(options));
  if (!latest) throw new AppError('not_found', `There is no good backup in ${path.join(dataDir, 'backups')} to restore.`);
  return restoreBackup(dbFile, latest.path, options);
}
