import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors';
import { contentFingerprintOffThread, latestGoodBackup, listBackups, verifyBackup, type BackupInfo, type NativeOptions } from './backup';
import { vouchedFor, type StoreCheckState } from './checkState';
import { wrongKey } from './connection';
import { makePrivate } from './files';
import { withStoreAlone } from './lock';
import type { SqliteThread } from './offThread';
import { accessOf, isPlaintextFile, openSqlite } from './sqlite';

// What happens when the data file itself is damaged: the app refuses to open it (never "repairs"
// it), names the newest good backup, and restoring that backup first moves the damaged file aside
// under a new name, so nothing that might still be rescued is ever overwritten.

/** SQLite's answers for a file that is not, or no longer, a sound database. */
const CORRUPTION_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

/**
 * Reads the data file on a read-only handle and reports what is wrong with it, or null when it is
 * sound (or does not exist yet): the whole file (`quick_check`), or with `whole: false` only its
 * header and schema, which is what a start reads of a file the app closed cleanly and nothing has
 * touched since (main/store/checkState.ts); the whole file is then checked off the app's thread.
 * Other failures (permissions, a locked file) are not corruption and are thrown as they are.
 */
export function findDamage(file: string, access: NativeOptions = {}, { whole = true }: { whole?: boolean } = {}): string | null {
  if (!fs.existsSync(file)) return null;
  if (fs.statSync(file).size === 0) return null; // an empty file is a new database to SQLite
  // Without a key, a file that is not plaintext SQLite reads as damage; the doors never get here
  // for an encrypted store without its key (a store with a keyring is refused as locked first).
  // A plaintext store is checked as it is (a key is applied when it is converted, not before).
  const plaintext = isPlaintextFile(file);
  const probe = openSqlite(file, { readonly: true, fileMustExist: true, ...accessOf(plaintext ? { nativeBinding: access.nativeBinding } : access) });
  try {
    if (!whole) {
      probe.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
      probe.pragma('user_version', { simple: true });
      return null;
    }
    const rows = probe.pragma('quick_check') as Array<{ quick_check: string }>;
    return problemsOf(rows.map((r) => r.quick_check));
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

const problemsOf = (answers: string[]): string | null => {
  const problems = answers.filter((r) => r !== 'ok');
  return problems.length === 0 ? null : problems.slice(0, 3).join('; ');
};

export interface WholeFileCheck {
  /** The content fingerprint the check read (main/store/backup.ts). */
  fingerprint: string;
  /** What quick_check found, or null when the file is sound. */
  damage: string | null;
  /** True when the content had not changed since a clean check, so it was not read again. */
  skipped: boolean;
}

/**
 * The whole-file check, on a worker thread's own read-only connection (one read transaction, so
 * the fingerprint and the check see the same content while the app goes on saving). A store
 * whose fingerprint matches the last clean check is not read again.
 */
export async function checkWholeFileOffThread(thread: SqliteThread, file: string, access: NativeOptions, last: StoreCheckState['checked']): Promise<WholeFileCheck> {
  const connection = await thread.open(file, { readonly: true, fileMustExist: true, ...accessOf(isPlaintextFile(file) ? { nativeBinding: access.nativeBinding } : access) });
  try {
    await connection.run('BEGIN');
    try {
      const fingerprint = await contentFingerprintOffThread(connection);
      if (last && last.damage === null && last.fingerprint === fingerprint) return { fingerprint, damage: null, skipped: true };
      const rows = await connection.all<{ quick_check: string }>('PRAGMA quick_check');
      return { fingerprint, damage: problemsOf(rows.map((r) => r.quick_check)), skipped: false };
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string' && CORRUPTION_CODES.has(code)) return { fingerprint: '', damage: (e as Error).message, skipped: false };
      throw e;
    } finally {
      await connection.run('COMMIT').catch(() => undefined);
    }
  } finally {
    await connection.close();
  }
}

export class CorruptDatabaseError extends AppError {
  readonly file: string;
  readonly damage: string;
  readonly latestBackup: BackupInfo | null;
  /**
   * `whileOpen`: found by the check after start, in a store the app has open. Writing is then
   * refused (nothing more goes into a damaged file) while the officer restores a backup.
   */
  constructor(file: string, damage: string, latestBackup: BackupInfo | null, { whileOpen = false }: { whileOpen?: boolean } = {}) {
    const offer = latestBackup
      ? `The latest good backup is ${latestBackup.path} (made ${latestBackup.createdAt}). Restoring it keeps the damaged file aside, renamed, and loses only what was saved after that backup.`
      : `No good backup was found in ${path.join(path.dirname(file), 'backups')}. Keep the file as it is and ask for help to rescue it.`;
    const backup = latestBackup ? `backups/${path.basename(latestBackup.path)}` : undefined;
    super(
      'storage',
      // Said to a page too (browser mode): the backup by its name in the data folder, no path of this machine.
      whileOpen
        ? `The check of the data file found damage (${damage}), so nothing more is saved to it. ${
            backup
              ? `The latest good backup is ${backup} (made ${latestBackup!.createdAt}): restore it from Backups. The damaged file is kept aside, renamed, and only what was saved after that backup is lost.`
              : 'No good backup was found. Keep the data folder as it is and ask for help to rescue it.'
          }`
        : `The data file ${file} is damaged and was not opened (${damage}). Nothing has been changed. ${offer}`,
      whileOpen
        ? backup
          ? { key: 'errors.storeDamagedWhileOpen', params: { backup, createdAt: latestBackup!.createdAt } }
          : { key: 'errors.storeDamagedWhileOpenNoBackup' }
        : {},
    );
    this.name = 'CorruptDatabaseError';
    this.file = file;
    this.damage = damage;
    this.latestBackup = latestBackup;
  }
}

/**
 * Throws CorruptDatabaseError, naming the newest good backup, when the data file is damaged (read
 * whole unless the app closed it cleanly and nothing touched it since), or is empty or missing
 * although backups exist: SQLite would start such a file as a new, empty store,
 * and the officer would meet an app with no cases (and the next backup would keep the empty store).
 */
export function refuseDamagedDatabase(file: string, dataDir: string, options: NativeOptions = {}, { whole = !vouchedFor(file, dataDir) }: { whole?: boolean } = {}): void {
  const damage = findDamage(file, options, { whole }) ?? (listBackups(dataDir).length > 0 ? missingOrEmpty(file) : null);
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
