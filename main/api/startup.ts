import fs from 'node:fs';
import { AppError } from '../contract/errors';
import { backupsDir, DEFAULT_BACKUPS_KEPT, rotatingBackup, type RotatingBackupResult } from '../store/backup';
import { pruneOldBackups } from '../store/erasure';
import { openDatabase, openDatabaseReadOnly, schemaVersion } from '../store/connection';
import { encryptPlaintextStore, type ConversionResult } from '../store/encrypt';
import { ensurePrivateDir } from '../store/files';
import { lockOwner, lockStore, type StoreHolder, type StoreLock } from '../store/lock';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import { checkWholeFileOffThread, refuseDamagedDatabase, type RestoreResult, type WholeFileCheck } from '../store/recovery';
import { forgetClosedStamp, readCheckState, recordCheck, vouchedFor } from '../store/checkState';
import { SqliteThread } from '../store/offThread';
import { accessOf, openSqlite, type Database, type SqliteAccess } from '../store/sqlite';
import type { Logger } from './dispatch';
import { applyPendingRestore } from './restoreRequest';

// What happens to the store when the app starts: the store's lock is taken (one process owns a
// store at a time: main/store/lock.ts); a damaged, empty or missing file beside backups is refused
// (naming the latest good backup) before anything writes to it; a sound one is opened, migrated,
// then backed up.

export interface StartupStoreOptions extends SqliteAccess {
  /** Who opens the store, named to anyone refused while it is held. Default: a psr command. */
  holder?: StoreHolder;
  /**
   * Open for reading only, strictly: nothing is created, migrated, restored or backed up, no lock is
   * taken, and every writing call is refused at the dispatch (a copy opened to look at).
   */
  readOnly?: boolean;
  /**
   * The caller only reads (a psr command that reads beside a running app): no lock is taken when the
   * store is current; otherwise (missing, needs migrating) it is opened as the lock's holder after all.
   */
  onlyReads?: boolean;
  /** Carry out a restore asked for in the app (main/api/restoreRequest.ts); the lock is then taken alone. */
  applyPendingRestore?: boolean;
  /** How many automatic backups to keep; false turns the start-up backup off. */
  backupsKept?: number | false;
  now?: () => Date;
  /** Backups older than this many days are removed at start (the jurisdiction's retention period). */
  retentionDays?: number | undefined;
  /** Told when a plaintext store (or its backups) was converted to encrypted on this start. */
  onConverted?: (result: ConversionResult) => void;
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
    ensurePrivateDir(dataDir);
  } catch (e) {
    throw notWritable(dataDir, e) ?? e;
  }
}

export interface OwnedStore {
  db: Database;
  /** Null for a read-only opening beside the lock's holder. */
  lock: StoreLock | null;
  restored: RestoreResult | null;
}

/** Takes the lock (unless only reading), carries out a pending restore if asked, and opens the store. */
export function openOwnedStore(dbFile: string, dataDir: string, options: StartupStoreOptions = {}): OwnedStore {
  const native = accessOf(options);
  if (options.readOnly) return { db: openStoreReadOnly(dbFile, dataDir, options), lock: null, restored: null };
  if (options.onlyReads) {
    // A command that only reads beside a running app leaves the whole-file check to the app.
    refuseDamagedDatabase(dbFile, dataDir, native, { whole: !vouchedFor(dbFile, dataDir) && lockOwner(dataDir) === null });
    const db = readOnlyOrNull(dbFile, native);
    if (db) return { db, lock: null, restored: null };
  }
  let lock: StoreLock;
  try {
    lock = lockStore(dataDir, options.holder ?? 'cli', { alone: options.applyPendingRestore ?? false, ...native });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw notWritable(dataDir, e) ?? e;
  }
  try {
    const restored = options.applyPendingRestore ? applyPendingRestore(dbFile, dataDir, { ...native, locked: true }) : null;
    return { db: openStoreAtStart(dbFile, dataDir, options), lock, restored };
  } catch (e) {
    lock.release();
    throw e;
  }
}

function readOnlyOrNull(dbFile: string, native: SqliteAccess): Database | null {
  try {
    return openDatabaseReadOnly(dbFile, native);
  } catch {
    // A read-only handle cannot start a WAL index no one has made yet: open as the holder instead.
    return null;
  }
}

export function openStoreAtStart(dbFile: string, dataDir: string, options: StartupStoreOptions = {}): Database {
  const native = accessOf(options);
  try {
    refuseDamagedDatabase(dbFile, dataDir, native);
    if (options.key) {
      const converted = encryptPlaintextStore(dbFile, dataDir, { ...native, key: options.key });
      if (converted.store || converted.backups.length > 0) options.onConverted?.(converted);
    }
    const db = openDatabase(dbFile, native);
    // Open for writing: until a clean close, the file is no longer the one the stamp vouched for.
    forgetClosedStamp(dataDir);
    return db;
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
  const native = accessOf(options);
  if (!fs.existsSync(dbFile)) throw new AppError('not_found', `There is no store at ${dbFile} to open for reading.`, { key: 'errors.noStoreToRead' });
  refuseDamagedDatabase(dbFile, dataDir, native);
  const db = openSqlite(dbFile, { readonly: true, fileMustExist: true, ...native });
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

export interface StartupBackground {
  /** The whole-file check made after start; null when it was not run, or could not run (logged). */
  check: Promise<WholeFileCheck | null>;
  /** The automatic backup; null when it was turned off, unchanged, skipped (damage) or failed (logged). */
  backup: Promise<RotatingBackupResult | null>;
  /** Ends the work under way (the store is closing): a copy cut short is removed at the next backup. */
  stop(): void;
}

/**
 * The work that grows with the store, once the store is open: the whole-file check (when the
 * content changed since the last clean one) and then the automatic backup (when the content
 * differs from the newest backup). Both run on one worker thread (main/store/offThread.ts), so the
 * app answers its first page, and every page after, while they run. Damage found is handed to
 * `onDamage` and recorded, and then no backup is made: a damaged store must never rotate good
 * backups out. A failure is logged, not thrown: the officer can still work, and the next start
 * tries again. Work cut short because the store was closed is not a failure.
 */
export function startBackgroundWork(
  db: Database,
  dataDir: string,
  options: StartupStoreOptions & { checkWholeFile?: boolean },
  logger: Logger,
  isClosed: () => boolean,
  onDamage: (damage: string) => void,
): StartupBackground {
  let thread: SqliteThread | null | undefined;
  let stopped = false;
  const access = accessOf(options);
  const ready = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
    if (isClosed() || stopped) return null;
    try {
      thread = await SqliteThread.start();
    } catch (e) {
      // A runtime without worker threads: the backup runs on this thread, as it always could.
      logger.error('the store check and backup could not start a worker thread; they run on the app thread', e);
      thread = null;
    }
    if (stopped) await thread?.close();
    return thread;
  });
  const check = ready.then(async (t) => {
    if (!t || options.checkWholeFile === false || isClosed()) return null;
    const result = await checkWholeFileOffThread(t, db.name, access, readCheckState(dataDir).checked);
    if (!result.skipped && !isClosed()) recordCheck(dataDir, { fingerprint: result.fingerprint, at: (options.now ?? (() => new Date()))().toISOString(), damage: result.damage });
    if (result.damage !== null && !isClosed()) onDamage(result.damage);
    return result;
  }).catch((e: unknown) => {
    if (!isClosed()) logger.error('the store check after start failed', e);
    return null;
  });
  const kept = options.backupsKept;
  const backup =
    kept === false
      ? check.then(() => null)
      : check.then(async (checked) => {
          if (isClosed() || (checked && checked.damage !== null)) return null;
          const t = await ready;
          if (isClosed()) return null;
          const result = await rotatingBackup(db, dataDir, {
            keep: kept ?? DEFAULT_BACKUPS_KEPT,
            ...(options.now ? { now: options.now } : {}),
            ...access,
            thread: t,
          });
          // A backup older than the retention period may hold a case erased since: it goes (docs/retention.md).
          if (!options.retentionDays) return result;
          const old = pruneOldBackups(backupsDir(dataDir), options.retentionDays, (options.now ?? (() => new Date()))());
          return { ...result, removed: [...result.removed, ...old] };
        }).catch((e: unknown) => {
          if (!isClosed()) logger.error('the automatic backup at start failed', e);
          return null;
        });
  // The thread ends when both are done.
  void backup.then(() => (thread ? thread.close() : undefined)).catch(() => undefined);
  return {
    check,
    backup,
    stop: () => {
      stopped = true;
      void thread?.close().catch(() => undefined);
    },
  };
}
