import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../store/sqlite';
import { AppError } from '../contract/errors';
import { restoreBackup, type RestoreResult } from '../store/recovery';
import { BACKUP_DIR_NAME, listBackups, rotatingBackup, verifyBackup, type NativeOptions } from '../store/backup';
import { writePrivateFile } from '../store/files';

// The backups an officer sees and chooses in the app. A restore chosen in the app happens at the
// next start, before the store is opened: the open file cannot be swapped underneath a running
// connection. A page (browser mode included) is told backups by name inside the data folder
// ("backups/psr-....sqlite"), never by a path of the machine.

/** An automatic backup's name as the API gives it: relative to the data folder, with "/". */
export function backupName(file: string): string {
  return `${BACKUP_DIR_NAME}/${path.basename(file)}`;
}

export function listAppBackups(dataDir: string) {
  return listBackups(dataDir).map((b) => ({ ...b, path: backupName(b.path) }));
}

export async function backupNowInApp(db: Database, dataDir: string, now: () => Date, access: NativeOptions = {}) {
  const result = await rotatingBackup(db, dataDir, { now, ...access });
  return { created: result.created && { ...result.created, path: backupName(result.created.path) }, removed: result.removed.map(backupName) };
}

/** Checks one of the app's own backups, named as listAppBackups names it, and asks for it at the next start. */
export function requestRestoreInApp(dataDir: string, backup: string, access: NativeOptions = {}) {
  const chosen = listBackups(dataDir).find((b) => backupName(b.path) === backup);
  if (!chosen) throw new AppError('not_found', `${backup} is not one of this app's backups.`, { path: '$.backup', key: 'errors.notABackup' });
  const checked = verifyBackup(chosen.path, { shownAs: backupName(chosen.path), ...access });
  requestRestore(dataDir, backupName(chosen.path));
  return { backup: backupName(chosen.path), createdAt: chosen.createdAt, schemaVersion: checked.schemaVersion, restartNeeded: true as const };
}

const REQUEST_FILE = 'restore-request.json';

export function requestRestore(dataDir: string, backupFile: string): void {
  writePrivateFile(path.join(dataDir, REQUEST_FILE), JSON.stringify({ backup: backupFile, requestedAt: new Date().toISOString() }));
}

/**
 * Carries out a pending restore, if one was asked for. The request is removed whatever happens, so a
 * backup that fails its check cannot stop the app from starting on the current file.
 */
export function applyPendingRestore(dbFile: string, dataDir: string, options: NativeOptions & { locked?: boolean } = {}): RestoreResult | null {
  const file = path.join(dataDir, REQUEST_FILE);
  if (!fs.existsSync(file)) return null;
  let backup: unknown;
  try {
    backup = (JSON.parse(fs.readFileSync(file, 'utf8')) as { backup?: unknown }).backup;
  } finally {
    fs.rmSync(file, { force: true });
  }
  if (typeof backup !== 'string') return null;
  // The request names the backup relative to the data folder (older requests: an absolute path).
  return restoreBackup(dbFile, path.resolve(dataDir, backup), { reason: 'replaced', ...options });
}
