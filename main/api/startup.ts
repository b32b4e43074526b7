import fs from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError } from '../contract/errors';
import { DEFAULT_BACKUPS_KEPT, rotatingBackup, type RotatingBackupResult } from '../store/backup';
import { openDatabase, schemaVersion } from '../store/connection';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import { refuseDamagedDatabase } from '../store/recovery';
import type { Logger } from './dispatch';

// What happens to the store when the app starts: a damaged file is refused (naming the latest good
// backup) before anything writes to it; a sound one is opened, migrated, then backed up.

export interface StartupStoreOptions {
  nativeBinding?: string;
  /** How many automatic backups to keep; false turns the start-up backup off. */
  backupsKept?: number | false;
  now?: () => Date;
}

// Answers from SQLite and the file system meaning "this folder or file cannot be written here".
const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_IOERR_WRITE']);

function notWritable(dataDir: string, e: unknown): AppError | null {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string' || !NOT_WRITABLE.has(code)) return null;
  return new AppError(
    'storage',
    `The data folder ${dataDir} cannot be written to (${(e as Error).message}), so the app cannot save there. Check the folder's permissions, or that the disk is not read-only or full. Nothing has been changed.`,
    { key: 'errors.dataDirNotWritable', params: { dir: dataDir } },
  );
}

/** Creates the data folder if needed; a folder that cannot be created is a clear `storage` error. */
export function ensureDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (e) {
    throw notWritable(dataDir, e) ?? e;
  }
}

export function openStoreAtStart(dbFile: string, dataDir: string, options: StartupStoreOptions = {}): Database {
  const native = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  try {
    refuseDamagedDatabase(dbFile, dataDir, native);
    return openDatabase(dbFile, native);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw notWritable(dataDir, e) ?? e;
  }
}

/**
 * Opens an existing store for reading only: nothing is created, migrated or written, and the
 * dispatch refuses every writing call (see dispatch.ts). A damaged file is refused as at start.
 */
export function openStoreReadOnly(dbFile: string, dataDir: string, options: StartupStoreOptions = {}): Database {
  const native = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  if (!fs.existsSync(dbFile)) throw new AppError('not_found', `There is no store at ${dbFile} to open for reading.`, { key: 'errors.noStoreToRead' });
  refuseDamagedDatabase(dbFile, dataDir, native);
  const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true, ...native });
  const found = schemaVersion(db);
  if (found !== LATEST_SCHEMA_VERSION) {
    db.close();
    throw new AppError('storage', `The data file ${dbFile} has schema ${found} and this app reads schema ${LATEST_SCHEMA_VERSION}; open it once with write access to bring it up to date. The file has not been changed.`, {
      key: 'errors.readOnlySchema',
      params: { found, expected: LATEST_SCHEMA_VERSION },
    });
  }
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Starts the automatic backup in the background (SQLite's online backup API is asynchronous) and
 * resolves with what it did. A failure is logged, not thrown: the officer can still work, and the
 * next start tries again. A backup cut short because the store was closed is not a failure.
 */
export function startupBackup(db: Database, dataDir: string, options: StartupStoreOptions, logger: Logger, isClosed: () => boolean): Promise<RotatingBackupResult | null> {
  if (options.backupsKept === false) return Promise.resolve(null);
  return rotatingBackup(db, dataDir, {
    keep: options.backupsKept ?? DEFAULT_BACKUPS_KEPT,
    ...(options.now ? { now: options.now } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  }).catch((e: unknown) => {
    if (!isClosed()) logger.error('the automatic backup at start failed', e);
    return null;
  });
}
