import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../main/contract/errors';
import { openDatabase, schemaVersion } from '../../main/store/connection';
import { LATEST_SCHEMA_VERSION, migrations } from '../../main/store/migrations';
import { tempDir } from '../support/core';

const dirs: string[] = [];
function dbFile(): string {
  const dir = tempDir('psr-migrate-');
  dirs.push(dir);
  return path.join(dir, 'psr.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('opening the store', () => {
  it('creates a new store at the latest schema with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(dbFile());
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('refuses a database written by a newer version of the app and leaves it byte-for-byte untouched', () => {
    const file = dbFile();
    const newer = new BetterSqlite3(file);
    newer.pragma('journal_mode = DELETE');
    newer.exec('CREATE TABLE future_things (x)');
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    newer.close();
    const before = sha(file);
    const files = fs.readdirSync(path.dirname(file));

    let thrown: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('newer_database');
    expect((thrown as AppError).message).toMatch(/newer version of this app/);
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(files);
  });

  it('runs all pending migrations in one transaction: a failing one leaves the store as it was', () => {
    const file = dbFile();
    openDatabase(file).close();
    const broken = [
      ...migrations,
      { version: LATEST_SCHEMA_VERSION + 1, name: 'adds-a-table', up: (db: BetterSqlite3.Database) => db.exec('CREATE TABLE half_done (x)') },
      { version: LATEST_SCHEMA_VERSION + 2, name: 'fails', up: (db: BetterSqlite3.Database) => db.exec('THIS IS NOT SQL') },
    ];
    expect(() => openDatabase(file, { migrations: broken })).toThrow();
    const db = new BetterSqlite3(file, { readonly: true });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'`).get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('migration 1: cases and the audit log', () => {
  it('creates searchable cases and an append-only audit log', () => {
    const file = dbFile();
    const db = openDatabase(file, { targetVersion: 0 });
    expect(schemaVersion(db)).toBe(0);
    db.close();

    const migrated = openDatabase(file, { targetVersion: 1 });
    expect(schemaVersion(migrated)).toBe(1);
    migrated
      .prepare(
        `INSERT INTO cases (id, version, court, case_number, person_name, hearing_date, report_due_date, report_type, stage, details, created_at, created_by, updated_at, updated_by)
         VALUES ('a', 1, 'Court', 'CR-1', 'Okafor, Amina', '2026-12-20', '2026-12-15', 'full', 'convicted', '{}', 't', 'u', 't', 'u')`,
      )
      .run();
    expect(migrated.prepare(`SELECT count(*) AS n FROM cases_fts WHERE cases_fts MATCH '"okafor"*'`).get()).toEqual({ n: 1 });
    migrated.prepare(`INSERT INTO audit (at, actor, entity, entity_id, action, version, changes) VALUES ('t', 'u', 'case', 'a', 'create', 1, '[]')`).run();
    expect(() => migrated.prepare(`UPDATE audit SET actor = 'someone else'`).run()).toThrow(/append-only/);
    expect(() => migrated.prepare(`DELETE FROM audit`).run()).toThrow(/append-only/);
    migrated.close();
  });
});

describe('migration 2: interviews', () => {
  it('keeps the cases already stored and gives each its own versioned interview', () => {
    const file = dbFile();
    const v1 = openDatabase(file, { targetVersion: 1 });
    v1.prepare(
      `INSERT INTO cases (id, version, court, case_number, person_name, hearing_date, report_due_date, report_type, stage, details, created_at, created_by, updated_at, updated_by)
       VALUES ('a', 3, 'Court', 'CR-1', 'Okafor, Amina', '2026-12-20', '2026-12-15', 'full', 'convicted', '{}', 't', 'u', 't', 'u')`,
    ).run();
    v1.close();

    const v2 = openDatabase(file, { targetVersion: 2 });
    expect(schemaVersion(v2)).toBe(2);
    expect(v2.prepare('SELECT id, version FROM cases').all()).toEqual([{ id: 'a', version: 3 }]);
    v2.prepare(`INSERT INTO interviews (case_id, version, form_id, form_version, answers, status, updated_at, updated_by) VALUES ('a', 1, 'full', 1, '{}', 'in_progress', 't', 'u')`).run();
    expect(() =>
      v2.prepare(`INSERT INTO interviews (case_id, version, form_id, form_version, answers, status, updated_at, updated_by) VALUES ('nobody', 1, 'full', 1, '{}', 'in_progress', 't', 'u')`).run(),
    ).toThrow(/FOREIGN KEY/);
    v2.close();
  });
});

describe('migration 3: programmes and proposals', () => {
  it('keeps cases and interviews, adds versioned programmes and one proposal per case', () => {
    const file = dbFile();
    const v2 = openDatabase(file, { targetVersion: 2 });
    v2.prepare(
      `INSERT INTO cases (id, version, court, case_number, person_name, hearing_date, report_due_date, report_type, stage, details, created_at, created_by, updated_at, updated_by)
       VALUES ('a', 2, 'Court', 'CR-1', 'Okafor, Amina', '2026-12-20', '2026-12-15', 'full', 'convicted', '{}', 't', 'u', 't', 'u')`,
    ).run();
    v2.prepare(`INSERT INTO interviews (case_id, version, form_id, form_version, answers, status, updated_at, updated_by) VALUES ('a', 4, 'full', 1, '{}', 'in_progress', 't', 'u')`).run();
    v2.close();

    const v3 = openDatabase(file, { targetVersion: 3 });
    expect(schemaVersion(v3)).toBe(3);
    expect(v3.prepare('SELECT id, version FROM cases').all()).toEqual([{ id: 'a', version: 2 }]);
    expect(v3.prepare('SELECT case_id, version FROM interviews').all()).toEqual([{ case_id: 'a', version: 4 }]);
    v3.prepare(`INSERT INTO programmes (id, version, name, kind, details, retired, created_at, created_by, updated_at, updated_by) VALUES ('p', 1, 'P', 'referral_mentoring', '{}', 0, 't', 'u', 't', 'u')`).run();
    expect(() => v3.prepare(`INSERT INTO programmes (id, version, name, kind, details, retired, created_at, created_by, updated_at, updated_by) VALUES ('q', 1, 'Q', 'k', 'not json', 0, 't', 'u', 't', 'u')`).run()).toThrow(/CHECK/);
    v3.prepare(`INSERT INTO proposals (case_id, version, proposal, updated_at, updated_by) VALUES ('a', 1, '{}', 't', 'u')`).run();
    expect(() => v3.prepare(`INSERT INTO proposals (case_id, version, proposal, updated_at, updated_by) VALUES ('a', 1, '{}', 't', 'u')`).run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => v3.prepare(`INSERT INTO proposals (case_id, version, proposal, updated_at, updated_by) VALUES ('nobody', 1, '{}', 't', 'u')`).run()).toThrow(/FOREIGN KEY/);
    v3.close();
  });
});

describe('migration 4: save ids', () => {
  it('keeps every versioned record and lets each remember the save id that made its version', () => {
    const file = dbFile();
    const v3 = openDatabase(file, { targetVersion: 3 });
    v3.prepare(
      `INSERT INTO cases (id, version, court, case_number, person_name, hearing_date, report_due_date, report_type, stage, details, created_at, created_by, updated_at, updated_by)
       VALUES ('a', 2, 'Court', 'CR-1', 'Okafor, Amina', '2026-12-20', '2026-12-15', 'full', 'convicted', '{}', 't', 'u', 't', 'u')`,
    ).run();
    v3.prepare(`INSERT INTO interviews (case_id, version, form_id, form_version, answers, status, updated_at, updated_by) VALUES ('a', 4, 'full', 1, '{}', 'in_progress', 't', 'u')`).run();
    v3.prepare(`INSERT INTO proposals (case_id, version, proposal, updated_at, updated_by) VALUES ('a', 3, '{}', 't', 'u')`).run();
    v3.prepare(`INSERT INTO programmes (id, version, name, kind, details, retired, created_at, created_by, updated_at, updated_by) VALUES ('p', 5, 'P', 'k', '{}', 0, 't', 'u', 't', 'u')`).run();
    v3.close();

    const v4 = openDatabase(file, { targetVersion: 4 });
    expect(schemaVersion(v4)).toBe(4);
    const tables = [['cases', 'id', 2], ['interviews', 'case_id', 4], ['proposals', 'case_id', 3], ['programmes', 'id', 5]] as const;
    for (const [table, key, version] of tables) {
      // Versions written before the upgrade carry no save id.
      expect(v4.prepare(`SELECT ${key} AS id, version, save_id FROM ${table}`).all()).toEqual([{ id: key === 'id' && table === 'programmes' ? 'p' : 'a', version, save_id: null }]);
      v4.prepare(`UPDATE ${table} SET save_id = 'tab-1_save-2'`).run();
      for (const bad of ['', 'x'.repeat(65), 'no spaces']) expect(() => v4.prepare(`UPDATE ${table} SET save_id = ?`).run(bad), `${table} ${bad}`).toThrow(/CHECK/);
    }
    v4.close();
  });
});
