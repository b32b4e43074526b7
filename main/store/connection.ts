import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors';
import { ensurePrivateDir, makePrivate } from './files';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations';
import { openSqlite, type Database, type SqliteAccess } from './sqlite';

export interface OpenStoreOptions extends SqliteAccess {
  /** Stop migrating at this version; tests use it to build every earlier schema. */
  targetVersion?: number;
  migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) the store at `file`, refusing a database written by a newer version
 * of the app before anything is written to it, then runs every pending migration in one transaction.
 */
export function openDatabase(file: string, options: OpenStoreOptions = {}): Database {
  const list = options.migrations ?? migrations;
  const target = options.targetVersion ?? list.length;
  const access: SqliteAccess = { nativeBinding: options.nativeBinding, key: options.key };

  if (file !== ':memory:' && fs.existsSync(file)) {
    // Read the version on a read-only handle first: a newer database must be left byte-for-byte as it was.
    const probe = openSqlite(file, { readonly: true, fileMustExist: true, ...access });
    let found: number;
    try {
      found = probe.pragma('user_version', { simple: true }) as number;
    } catch (e) {
      probe.close();
      if (options.key && (e as { code?: string }).code === 'SQLITE_NOTADB') throw wrongKey(file);
      throw new AppError('storage', `The data file ${file} cannot be read as a database: ${(e as Error).message}`);
    }
    probe.close();
    if (found > list.length) {
      throw new AppError(
        'newer_database',
        `The data file ${file} was written by a newer version of this app (schema ${found}; this app knows up to ${list.length}). Install the newer version; the file has not been changed.`,
      );
    }
  } else if (file !== ':memory:') {
    ensurePrivateDir(path.dirname(file));
  }

  const db = openSqlite(file, access);
  try {
    // SQLite gives the -wal and -shm the database file's mode, so it is narrowed before WAL starts.
    if (file !== ':memory:') for (const f of [file, `${file}-wal`, `${file}-shm`]) makePrivate(f);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // FULL: an acknowledged save survives a power cut, not only a crash of the app.
    db.pragma('synchronous = FULL');
    migrate(db, list, target);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * Opens an existing, current store for reading only (a psr command that only reads, beside a
 * running app). Returns null when the file is missing or needs migrating: then only the lock's
 * holder may open it.
 */
export function openDatabaseReadOnly(file: string, options: SqliteAccess = {}): Database | null {
  if (!fs.existsSync(file)) return null;
  const db = openSqlite(file, { readonly: true, fileMustExist: true, ...options });
  try {
    db.pragma('busy_timeout = 5000');
    if (schemaVersion(db) !== LATEST_SCHEMA_VERSION || db.pragma('journal_mode', { simple: true }) !== 'wal') {
      db.close();
      return null;
    }
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** The store file is encrypted under another key: nothing was read and nothing has changed. */
export function wrongKey(file: string): AppError {
  return new AppError('locked', `The data file ${file} cannot be opened with this key; nothing has been read or changed.`);
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Database, list: readonly Migration[], target: number): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is numbered ${m.version}; expected ${i + 1}.`);
  });
  const current = schemaVersion(db);
  if (current >= target) return;
  const pending = list.filter((m) => m.version > current && m.version <= target);
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${target}`);
  }).immediate();
}

export { LATEST_SCHEMA_VERSION };
