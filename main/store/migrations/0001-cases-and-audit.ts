import type { Migration } from './types';

// Cases keep the searchable and sortable fields in columns and the whole record as JSON, so later
// capabilities can extend the record without a migration for every field.
export const migration: Migration = {
  version: 1,
  name: 'cases-and-audit',
  up(db) {
    db.exec(`
      CREATE TABLE cases (
        id              TEXT PRIMARY KEY NOT NULL,
        version         INTEGER NOT NULL CHECK (version >= 1),
        court           TEXT NOT NULL,
        case_number     TEXT NOT NULL,
        person_name     TEXT NOT NULL,
        hearing_date    TEXT NOT NULL,
        report_due_date TEXT NOT NULL,
        report_type     TEXT NOT NULL,
        stage           TEXT NOT NULL,
        details         TEXT NOT NULL CHECK (json_valid(details)),
        created_at      TEXT NOT NULL,
        created_by      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        updated_by      TEXT NOT NULL,
        UNIQUE (court, case_number)
      ) STRICT;
      CREATE INDEX cases_by_due_date ON cases (report_due_date, case_number);
      CREATE INDEX cases_by_updated ON cases (updated_at);
      CREATE INDEX cases_by_number ON cases (case_number);

      CREATE VIRTUAL TABLE cases_fts USING fts5(
        person_name, case_number,
        content = 'cases', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
        INSERT INTO cases_fts (rowid, person_name, case_number) VALUES (new.rowid, new.person_name, new.case_number);
      END;
      CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
        INSERT INTO cases_fts (cases_fts, rowid, person_name, case_number) VALUES ('delete', old.rowid, old.person_name, old.case_number);
      END;
      CREATE TRIGGER cases_fts_update AFTER UPDATE OF person_name, case_number ON cases BEGIN
        INSERT INTO cases_fts (cases_fts, rowid, person_name, case_number) VALUES ('delete', old.rowid, old.person_name, old.case_number);
        INSERT INTO cases_fts (rowid, person_name, case_number) VALUES (new.rowid, new.person_name, new.case_number);
      END;

      CREATE TABLE audit (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        action    TEXT NOT NULL,
        version   INTEGER,
        changes   TEXT NOT NULL CHECK (json_valid(changes))
      ) STRICT;
      CREATE INDEX audit_by_entity ON audit (entity, entity_id, id);
      CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
      CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
    `);
  },
};
