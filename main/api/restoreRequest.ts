import fs from 'node:fs';
import path from 'node:path';
import { restoreBackup, type RestoreResult } from '../store/recovery';
import type { NativeOptions } from '../store/backup';
import { writePrivateFile } from '../store/files';

// A restore chosen in the app happens at the next start, before the store is opened: the open
// file cannot be swapped underneath a running connection.

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
