import type { Database } from 'better-sqlite3';
import { DEFAULT_BACKUPS_KEPT, rotatingBackup, type RotatingBackupResult } from '../store/backup';
import { openDatabase } from '../store/connection';
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

export function openStoreAtStart(dbFile: string, dataDir: string, options: StartupStoreOptions = {}): Database {
  const native = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  refuseDamagedDatabase(dbFile, dataDir, native);
  return openDatabase(dbFile, native);
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
