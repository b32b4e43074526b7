import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './sqlite';

// Irreversible erasure of one case (docs/retention.md). The row deletion works on any database file
// of this app, whatever its schema version: the live store and every backup the app keeps (an older
// backup may not have the newer tables yet). The caller runs it in its transaction, appends its
// audit row, and then VACUUMs, so the freed pages that held the text are gone from the file.

/**
 * The tables whose rows belong to a case, by the column naming it, children before parents so no
 * foreign key is broken on the way. The FTS index of names and numbers follows `cases` by its
 * delete trigger (migration 1) and is rebuilt below. The audit is kept: it is append-only.
 */
const CASE_TABLES: ReadonlyArray<{ table: string; column: string }> = [
  { table: 'review_comments', column: 'case_id' },
  { table: 'report_versions', column: 'case_id' },
  { table: 'report_texts', column: 'case_id' },
  { table: 'proposals', column: 'case_id' },
  { table: 'interviews', column: 'case_id' },
  { table: 'cases', column: 'id' },
];

export interface ErasedRows {
  /** Rows deleted, by table; tables this file does not have are left out. */
  deleted: Record<string, number>;
}

/**
 * Deletes the case `caseId` and every row that belongs to it. Run it inside a transaction, then
 * VACUUM (outside it). Issued report versions and review comments are protected by triggers that
 * refuse any DELETE (migration 8): erasure is the one deliberate exception, so those triggers are
 * dropped, the rows deleted and the triggers created again from their own stored SQL, all in the
 * caller's transaction, so no other statement ever sees the tables unprotected. Audit rows are
 * never touched.
 */
export function eraseCaseRows(db: Database, caseId: string): ErasedRows {
  if (!db.inTransaction) throw new Error('eraseCaseRows must run inside a transaction');
  const present = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as Array<{ name: string }>).map((r) => r.name);
  refuseUnknownCaseTables(db, present);
  const tables = CASE_TABLES.filter((t) => present.includes(t.table));
  const names = new Set(tables.map((t) => t.table));
  const guards = (db.prepare(`SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'trigger'`).all() as Array<{ name: string; tbl_name: string; sql: string }>).filter(
    (g) => names.has(g.tbl_name) && /\bBEFORE\s+DELETE\b/i.test(g.sql),
  );
  for (const g of guards) db.exec(`DROP TRIGGER "${g.name.replaceAll('"', '""')}"`);
  const deleted: Record<string, number> = {};
  for (const { table, column } of tables) deleted[table] = db.prepare(`DELETE FROM "${table}" WHERE "${column}" = ?`).run(caseId).changes;
  for (const g of guards) db.exec(g.sql);
  // The FTS index keeps a deleted row's words in its segments until they are merged; rebuilding it
  // from the cases table leaves none of the erased name behind.
  if (present.includes('cases_fts')) db.exec(`INSERT INTO cases_fts (cases_fts) VALUES ('rebuild')`);
  return { deleted };
}

/**
 * A table this module does not know that names a case (a `case_id` column, or a foreign key to
 * cases) would keep that case's rows after an "erasure": refused before anything is deleted, so a
 * new table cannot be forgotten here silently. The audit names cases by entity_id and is kept.
 */
function refuseUnknownCaseTables(db: Database, tables: readonly string[]): void {
  const known = new Set(CASE_TABLES.map((t) => t.table));
  for (const table of tables) {
    if (known.has(table) || table.startsWith('cases_fts')) continue;
    const quoted = `"${table.replaceAll('"', '""')}"`;
    const columns = db.pragma(`table_info(${quoted})`) as Array<{ name: string }>;
    const keys = db.pragma(`foreign_key_list(${quoted})`) as Array<{ table: string }>;
    if (columns.some((c) => c.name === 'case_id') || keys.some((k) => k.table === 'cases')) {
      throw new Error(`The table ${table} holds rows of a case but erasure does not know it: add it to CASE_TABLES in main/store/erasure.ts.`);
    }
  }
}

/** Whether the file's database still holds the case. */
export function holdsCase(db: Database, caseId: string): boolean {
  return db.prepare(`SELECT 1 FROM cases WHERE id = ?`).get(caseId) !== undefined;
}

/**
 * Rewrites the whole file without its free pages, so nothing of the erased rows stays in it. In WAL
 * mode VACUUM writes the new pages to the WAL; the checkpoint copies them over the file and empties
 * the WAL. Returns false when a reader kept the checkpoint from finishing (it completes later).
 */
export function vacuumFile(db: Database): boolean {
  db.exec('VACUUM');
  if (db.pragma('journal_mode', { simple: true }) !== 'wal') return true;
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
  return result?.busy === 0;
}

// ---------------------------------------------------------------------------------------------
// Backups older than the retention period. backup.ts lists backups by data folder and does not
// export its name pattern, so this lists a backups folder itself, by the same convention
// (psr-YYYYMMDD-HHMMSS-mmm.sqlite, UTC, in <dataDir>/backups): files named otherwise are never touched.

const BACKUP_NAME = /^psr-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})\.sqlite$/;

/** The automatic backups in the folder `dir`, with when each was made (from its name). */
export function backupFilesIn(dir: string): Array<{ path: string; createdAt: string }> {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).flatMap((name) => {
    const m = BACKUP_NAME.exec(name);
    if (!m) return [];
    const [, y, mo, d, h, mi, s, ms] = m;
    return [{ path: path.join(dir, name), createdAt: `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z` }];
  });
}

/**
 * Removes the automatic backups in `dir` (the backups folder) made more than `retentionDays` days
 * before `now`: a copy older than the retention period may hold cases that were due for erasure
 * long ago. Returns the removed paths.
 */
export function pruneOldBackups(dir: string, retentionDays: number, now: Date): string[] {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error(`retentionDays must be a whole number of at least 1, not ${retentionDays}`);
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const removed: string[] = [];
  for (const b of backupFilesIn(dir)) {
    if (b.createdAt >= cutoff) continue;
    // A rollback journal left beside it by an interrupted change goes with it.
    for (const f of [b.path, `${b.path}-journal`]) fs.rmSync(f, { force: true });
    removed.push(b.path);
  }
  return removed.sort();
}
