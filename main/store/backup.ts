import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError } from '../contract/errors';

export interface BackupResult {
  path: string;
  bytes: number;
  integrity: 'ok';
}

/**
 * Copies the live store with SQLite's online backup API (consistent even while saves continue),
 * then opens the copy and runs integrity_check so a backup is only reported once it is proven.
 */
export async function backupDatabase(db: Database, target: string, { overwrite = false } = {}): Promise<BackupResult> {
  const out = path.resolve(target);
  if (fs.existsSync(out) && !overwrite) {
    throw new AppError('refused', `${out} already exists; choose another file or allow overwriting.`, { path: '$.path' });
  }
  const dir = path.dirname(out);
  if (!fs.existsSync(dir)) throw new AppError('invalid_input', `The folder ${dir} does not exist.`, { path: '$.path' });
  const partial = `${out}.partial-${process.pid}`;
  try {
    await db.backup(partial);
    const check = new BetterSqlite3(partial, { readonly: true, fileMustExist: true });
    try {
      const result = check.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new AppError('storage', `The backup failed its integrity check: ${String(result)}`);
    } finally {
      check.close();
    }
    fs.renameSync(partial, out);
  } catch (e) {
    fs.rmSync(partial, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('storage', `The backup to ${out} failed: ${(e as Error).message}`, { path: '$.path' });
  }
  return { path: out, bytes: fs.statSync(out).size, integrity: 'ok' };
}
