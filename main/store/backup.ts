import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from './files';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { SqliteThread, type OffThreadConnection } from './offThread';
import { isPlaintextFile, openSqlite, type Database, type SqliteAccess } from './sqlite';

export interface BackupResult {
  path: string;
  bytes: number;
  integrity: 'ok';
}

/** How a store file is opened: the native binding and, for an encrypted store, its key. */
export type NativeOptions = SqliteAccess;

/**
 * Copies the live store with `VACUUM INTO` (one read transaction, so consistent while saves
 * continue; under the store's key, so an encrypted store's backup is encrypted too: SQLite's
 * online backup API refuses to copy an encrypted database), then opens the copy and runs
 * integrity_check so a backup is only reported once it is proven. Both run on a worker thread
 * with its own connection (main/store/offThread.ts): the app goes on answering while a large
 * store is copied. `thread` lends one already started; without it one is started for the copy.
 */
export async function backupDatabase(
  db: Database,
  target: string,
  {
    overwrite = false,
    nativeBinding,
    key,
    shownAs,
    thread,
  }: { overwrite?: boolean; /** How messages name the file (relative to the data folder). */ shownAs?: string; thread?: SqliteThread | null } & NativeOptions = {},
): Promise<BackupResult> {
  const out = path.resolve(target);
  const named = shownAs ?? out;
  if (fs.existsSync(out) && !overwrite) {
    throw new AppError('refused', `${named} already exists; choose another file or allow overwriting.`, { path: '$.path' });
  }
  const dir = path.dirname(out);
  if (!fs.existsSync(dir)) throw new AppError('invalid_input', `The folder ${dir} does not exist.`, { path: '$.path' });
  const partial = `${out}.partial-${process.pid}`;
  try {
    // Made 0600 before SQLite writes a page into it: a backup holds everything the store does.
    fs.writeFileSync(partial, '', { mode: PRIVATE_FILE_MODE });
    makePrivate(partial);
    await withThread(thread, (t) => (t ? copyOffThread(t, db.name, partial, { nativeBinding, key }) : copyOnThisThread(db, partial, { nativeBinding, key })));
    if (overwrite) fs.renameSync(partial, out);
    else {
      // link fails if the file appeared since the check above: never replace one we were told to keep.
      fs.linkSync(partial, out);
      fs.rmSync(partial, { force: true });
    }
  } catch (e) {
    fs.rmSync(partial, { force: true });
    if (e instanceof AppError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new AppError('refused', `${named} already exists; choose another file or allow overwriting.`, { path: '$.path' });
    }
    throw new AppError('storage', `The backup to ${named} failed: ${(e as Error).message}`, { path: '$.path' });
  }
  return { path: out, bytes: fs.statSync(out).size, integrity: 'ok' };
}

/**
 * Runs `fn` with a worker thread: the one lent, else one started here and ended after. Where no
 * worker can start (a runtime without them), `fn` gets null and does the work on this thread.
 */
export async function withThread<T>(lent: SqliteThread | null | undefined, fn: (thread: SqliteThread | null) => Promise<T>): Promise<T> {
  if (lent !== undefined) return fn(lent);
  const thread = await SqliteThread.start().catch(() => null);
  try {
    return await fn(thread);
  } finally {
    await thread?.close();
  }
}

function checkedCopy(result: unknown): void {
  if (result !== 'ok') throw new AppError('storage', `The backup failed its integrity check: ${String(result)}`);
}

async function copyOffThread(thread: SqliteThread, file: string, partial: string, access: SqliteAccess): Promise<void> {
  const source = await thread.open(file, { readonly: true, fileMustExist: true, ...access });
  try {
    await source.run('VACUUM INTO ?', partial);
  } finally {
    await source.close();
  }
  // VACUUM INTO writes a rollback-journal file: one self-contained file, no -wal or -shm beside it.
  const copy = await thread.open(partial, { fileMustExist: true, ...access });
  try {
    await copy.all('PRAGMA journal_mode = DELETE');
    const rows = await copy.all<{ integrity_check: string }>('PRAGMA integrity_check');
    checkedCopy(rows.length === 1 ? rows[0]!.integrity_check : rows.map((r) => r.integrity_check).join('; '));
  } finally {
    await copy.close();
  }
}

function copyOnThisThread(db: Database, partial: string, access: SqliteAccess): Promise<void> {
  db.prepare('VACUUM INTO ?').run(partial);
  const check = openSqlite(partial, { fileMustExist: true, ...access });
  try {
    check.pragma('journal_mode = DELETE');
    checkedCopy(check.pragma('integrity_check', { simple: true }));
  } finally {
    check.close();
  }
  return Promise.resolve();
}

// ---------------------------------------------------------------------------------------------
// Automatic, rotating backups in <dataDir>/backups, one per start of the app.

export const BACKUP_DIR_NAME = 'backups';
export const DEFAULT_BACKUPS_KEPT = 10;
const BACKUP_NAME = /^psr-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})\.sqlite$/;

export interface BackupInfo {
  path: string;
  /** When the backup was made (from its name, UTC). */
  createdAt: string;
  bytes: number;
}

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, BACKUP_DIR_NAME);
}

/** psr-YYYYMMDD-HHMMSS-mmm.sqlite in UTC: names sort in the order the backups were made. */
export function backupFileName(at: Date): string {
  const iso = at.toISOString(); // 2026-11-26T10:00:00.000Z
  return `psr-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${iso.slice(20, 23)}.sqlite`;
}

/** The automatic backups, newest first. Files that are not named like one are never touched. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .flatMap((name) => {
      const m = BACKUP_NAME.exec(name);
      if (!m) return [];
      const [, y, mo, d, h, mi, s, ms] = m;
      const file = path.join(dir, name);
      return [{ path: file, createdAt: `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`, bytes: fs.statSync(file).size }];
    })
    .sort((a, b) => b.path.localeCompare(a.path));
}

export interface RotatingBackupResult {
  /** The new backup, or null when the store had not changed since the newest backup. */
  created: BackupResult | null;
  removed: string[];
}

/**
 * Which automatic backups are kept: the newest `last`, plus the newest of each day for `days` days
 * and the newest of each month for `months` months, so a burst of starts (each with a small change)
 * can push out only recent copies, never the only copy of last week's or last month's work.
 */
export interface RetentionPolicy {
  last: number;
  days: number;
  months: number;
}
export const DEFAULT_RETENTION: RetentionPolicy = { last: DEFAULT_BACKUPS_KEPT, days: 30, months: 12 };

/** The backups (newest first) the policy keeps on `now`. Days and months are UTC, as the names are. */
export function backupsToKeep(backups: readonly BackupInfo[], now: Date, policy: RetentionPolicy = DEFAULT_RETENTION): Set<string> {
  const keep = new Set(backups.slice(0, policy.last).map((b) => b.path));
  const dayCutoff = new Date(now.getTime() - policy.days * 86_400_000).toISOString();
  const monthCutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - policy.months + 1, 1)).toISOString();
  const days = new Set<string>();
  const months = new Set<string>();
  for (const b of backups) {
    const day = b.createdAt.slice(0, 10);
    const month = b.createdAt.slice(0, 7);
    if (b.createdAt >= dayCutoff && !days.has(day)) {
      days.add(day);
      keep.add(b.path);
    }
    if (b.createdAt >= monthCutoff && !months.has(month)) {
      months.add(month);
      keep.add(b.path);
    }
  }
  return keep;
}

/** Removes the automatic backups the policy does not keep; returns their paths. */
export function pruneBackups(dataDir: string, now: Date, policy: RetentionPolicy = DEFAULT_RETENTION): string[] {
  const all = listBackups(dataDir);
  const keep = backupsToKeep(all, now, policy);
  const removed: string[] = [];
  for (const old of all) {
    if (keep.has(old.path)) continue;
    fs.rmSync(old.path, { force: true });
    removed.push(old.path);
  }
  return removed;
}

/**
 * Backs the store up into <dataDir>/backups and prunes by the retention policy (the newest `keep`,
 * one a day for 30 days, one a month for a year). A start with nothing changed since the newest
 * backup adds no copy, so opening the app (or the CLI) many times in a row never rotates out an
 * older backup that holds different work.
 */
export async function rotatingBackup(
  db: Database,
  dataDir: string,
  { keep = DEFAULT_BACKUPS_KEPT, now = () => new Date(), nativeBinding, key, thread }: { keep?: number; now?: () => Date; thread?: SqliteThread | null } & NativeOptions = {},
): Promise<RotatingBackupResult> {
  // One at a time per folder: the start's own backup may still be copying on its thread when the
  // officer asks for one, and the two must not pick the same name or prune under each other.
  const folder = path.resolve(dataDir);
  const run = (rotating.get(folder) ?? Promise.resolve()).then(() => withThread(thread, (t) => rotateWith(db, dataDir, { keep, now, nativeBinding, key }, t)));
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  rotating.set(folder, settled);
  void settled.then(() => {
    if (rotating.get(folder) === settled) rotating.delete(folder);
  });
  return run;
}

const rotating = new Map<string, Promise<void>>();

async function rotateWith(db: Database, dataDir: string, { keep, now, nativeBinding, key }: { keep: number; now: () => Date } & NativeOptions, thread: SqliteThread | null): Promise<RotatingBackupResult> {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`keep must be a whole number of at least 1, not ${keep}`);
  const dir = backupsDir(dataDir);
  ensurePrivateDir(dir);
  removeAbandonedPartials(dir);
  const existing = listBackups(dataDir);
  // Backups an older version made 0644 are narrowed too.
  for (const b of existing) makePrivate(b.path);
  const previous = existing[0];
  // A start with nothing changed since the newest backup adds no copy (an encrypted copy differs
  // byte for byte every time, so the check compares what the store holds, not the bytes).
  if (previous && (await sameFingerprint(db, previous.path, { nativeBinding, key }, thread))) {
    return { created: null, removed: pruneBackups(dataDir, now(), { ...DEFAULT_RETENTION, last: keep }) };
  }
  let at = now();
  // Two starts within the same millisecond must not collide; the later one moves on by a millisecond.
  while (fs.existsSync(path.join(dir, backupFileName(at)))) at = new Date(at.getTime() + 1);
  const name = backupFileName(at);
  const created = await backupDatabase(db, path.join(dir, name), { shownAs: path.join(BACKUP_DIR_NAME, name), nativeBinding, key, thread });
  const removed = pruneBackups(dataDir, at, { ...DEFAULT_RETENTION, last: keep });
  return { created, removed };
}

/**
 * A process that quit mid-backup (a short CLI command, a crash) leaves its partial copy behind,
 * and sometimes that copy's rollback journal (`.partial-<pid>-journal`) from the check.
 */
function removeAbandonedPartials(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    const m = /\.partial-(\d+)(-journal|-wal|-shm)?$/.exec(name);
    if (!m || Number(m[1]) === process.pid || isRunning(Number(m[1]))) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What the store holds, cheaply: for every table its row count, the sum of its rows' versions and
 * the latest `updated_at` (where rows carry them), and the highest integer key (the audit's). Every
 * change this app makes adds or removes a row, raises a version or appends to the audit, so two
 * stores with the same fingerprint hold the same work. (A plain rowid is not used: VACUUM renumbers
 * it in tables keyed by text.)
 */
export function contentFingerprint(db: Database): string {
  const all = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Array<Record<string, unknown>>;
  const tables = (all(FINGERPRINT_TABLES) as Array<{ name: string }>).map((t) => t.name);
  const parts = tables.map((name) => [name, ...Object.values(all(fingerprintQuery(name, all(TABLE_COLUMNS, name) as ColumnInfo[]))[0]!)]);
  return fingerprintDigest(db.pragma('user_version', { simple: true }), parts);
}

/** contentFingerprint read on a worker thread's connection: the same figure, off the app's thread. */
export async function contentFingerprintOffThread(connection: OffThreadConnection): Promise<string> {
  const tables = (await connection.all<{ name: string }>(FINGERPRINT_TABLES)).map((t) => t.name);
  const parts: unknown[][] = [];
  for (const name of tables) {
    const columns = await connection.all<ColumnInfo>(TABLE_COLUMNS, name);
    parts.push([name, ...Object.values((await connection.all(fingerprintQuery(name, columns)))[0]!)]);
  }
  const [version] = await connection.all<{ user_version: number }>('PRAGMA user_version');
  return fingerprintDigest(version!.user_version, parts);
}

type ColumnInfo = { name: string; type: string; pk: number };
const FINGERPRINT_TABLES = `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`;
const TABLE_COLUMNS = `SELECT name, type, pk FROM pragma_table_info(?)`;

function fingerprintQuery(name: string, columns: ColumnInfo[]): string {
  const quoted = `"${name.replaceAll('"', '""')}"`;
  const has = (c: string) => columns.some((col) => col.name === c);
  const integerKey = columns.filter((c) => c.pk > 0).length === 1 && columns.some((c) => c.pk === 1 && c.type.toUpperCase() === 'INTEGER');
  const terms = ['count(*)', ...(integerKey ? ['max(rowid)'] : []), ...(has('version') ? ['total(version)'] : []), ...(has('updated_at') ? ['max(updated_at)'] : [])];
  return `SELECT ${terms.join(', ')} FROM ${quoted}`;
}

function fingerprintDigest(userVersion: unknown, parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify([userVersion, parts])).digest('hex');
}

async function sameFingerprint(db: Database, backupFile: string, access: SqliteAccess, thread: SqliteThread | null): Promise<boolean> {
  if (!thread) return sameFingerprintOnThisThread(db, backupFile, access);
  let live: OffThreadConnection | null = null;
  let other: OffThreadConnection | null = null;
  try {
    live = await thread.open(db.name, { readonly: true, fileMustExist: true, ...access });
    other = await thread.open(backupFile, { readonly: true, fileMustExist: true, ...access });
    return (await contentFingerprintOffThread(other)) === (await contentFingerprintOffThread(live));
  } catch {
    // A backup that cannot be read (damaged, another key) is never "the same": make a new one.
    return false;
  } finally {
    await other?.close().catch(() => undefined);
    await live?.close().catch(() => undefined);
  }
}

function sameFingerprintOnThisThread(db: Database, backupFile: string, access: SqliteAccess): boolean {
  let other: Database | null = null;
  try {
    other = openSqlite(backupFile, { readonly: true, fileMustExist: true, ...access });
    return contentFingerprint(other) === contentFingerprint(db);
  } catch {
    return false;
  } finally {
    other?.close();
  }
}

export interface VerifiedBackup {
  path: string;
  schemaVersion: number;
}

/**
 * Proves a backup can be restored: it opens as a database, passes integrity_check, and was not
 * written by a newer version of the app. Throws a `storage` or `newer_database` error saying which.
 */
export function verifyBackup(
  file: string,
  { maxSchemaVersion = LATEST_SCHEMA_VERSION, nativeBinding, key, shownAs }: { maxSchemaVersion?: number; /** How messages name the file. */ shownAs?: string } & NativeOptions = {},
): VerifiedBackup {
  const named = shownAs ?? file;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new AppError('not_found', `There is no backup file at ${named}.`, { path: '$.path' });
  }
  let check: Database;
  try {
    check = openSqlite(file, { readonly: true, fileMustExist: true, nativeBinding, key });
  } catch (e) {
    throw new AppError('storage', `The backup ${named} cannot be opened: ${(e as Error).message}`, { path: '$.path' });
  }
  try {
    let integrity: unknown;
    let schemaVersion: number;
    try {
      integrity = check.pragma('integrity_check', { simple: true });
      schemaVersion = check.pragma('user_version', { simple: true }) as number;
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_NOTADB' && !isPlaintextFile(file)) {
        throw new AppError('storage', `The backup ${named} is encrypted under another key, or damaged: it cannot be read with this store's key.`, { path: '$.path', key: 'errors.backupOtherKey' });
      }
      throw new AppError('storage', `The backup ${named} is not a readable database: ${(e as Error).message}`, { path: '$.path' });
    }
    if (integrity !== 'ok') {
      throw new AppError('storage', `The backup ${named} is damaged (integrity check: ${String(integrity)}); it cannot be restored.`, { path: '$.path' });
    }
    if (schemaVersion > maxSchemaVersion) {
      throw new AppError(
        'newer_database',
        `The backup ${named} was written by a newer version of this app (schema ${schemaVersion}; this app knows up to ${maxSchemaVersion}). Install the newer version to restore it.`,
        { path: '$.path' },
      );
    }
    if (schemaVersion < 1) {
      throw new AppError('storage', `The backup ${named} holds no data store of this app (schema version ${schemaVersion}).`, { path: '$.path' });
    }
    return { path: file, schemaVersion };
  } finally {
    check.close();
  }
}

/** The newest automatic backup that passes `verifyBackup`, or null. Damaged ones are skipped. */
export function latestGoodBackup(dataDir: string, options: { maxSchemaVersion?: number } & NativeOptions = {}): BackupInfo | null {
  for (const backup of listBackups(dataDir)) {
    try {
      verifyBackup(backup.path, options);
      return backup;
    } catch {
      // try the next older one
    }
  }
  return null;
}
