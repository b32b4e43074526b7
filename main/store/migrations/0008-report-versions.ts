import type { Migration } from './types';

// A report's life (main/contract/lifecycle.ts, docs/DOMAIN.md): who writes each case, its numbered
// report versions and the reviewer's comments. What a version was when it went for review or was
// issued is kept as a snapshot. The database itself refuses any change to an issued version, and
// any change to a comment but marking it addressed once, so no door and no hand-edited query can
// rewrite what a court received or what a reviewer said.
export const migration: Migration = {
  version: 8,
  name: 'report-versions',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN author_id TEXT REFERENCES people (id);
      ALTER TABLE cases ADD COLUMN report_state TEXT NOT NULL DEFAULT 'draft'
        CHECK (report_state IN ('draft', 'submitted', 'returned', 'countersigned', 'issued'));
      CREATE INDEX cases_by_state_due ON cases (report_state, report_due_date, case_number);
      CREATE INDEX cases_by_author_due ON cases (author_id, report_due_date, case_number);

      CREATE TABLE report_versions (
        case_id       TEXT NOT NULL REFERENCES cases (id),
        number        INTEGER NOT NULL CHECK (number >= 1),
        state         TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'countersigned', 'issued')),
        template_id   TEXT,
        author        TEXT NOT NULL CHECK (json_valid(author)),
        submitted     TEXT CHECK (submitted IS NULL OR json_valid(submitted)),
        returned      TEXT CHECK (returned IS NULL OR json_valid(returned)),
        countersigned TEXT CHECK (countersigned IS NULL OR json_valid(countersigned)),
        issued        TEXT CHECK (issued IS NULL OR json_valid(issued)),
        snapshot      TEXT CHECK (snapshot IS NULL OR json_valid(snapshot)),
        content_hash  TEXT CHECK (content_hash IS NULL OR (length(content_hash) = 64 AND content_hash NOT GLOB '*[^0-9a-f]*')),
        amends        INTEGER,
        amend_reason  TEXT,
        created_at    TEXT NOT NULL,
        PRIMARY KEY (case_id, number),
        CHECK (state <> 'issued' OR (issued IS NOT NULL AND snapshot IS NOT NULL AND content_hash IS NOT NULL AND template_id IS NOT NULL)),
        CHECK ((amends IS NULL) = (amend_reason IS NULL))
      ) STRICT;
      CREATE TRIGGER report_versions_issued_never_change BEFORE UPDATE ON report_versions
        WHEN OLD.state = 'issued'
        BEGIN SELECT RAISE(ABORT, 'An issued report version cannot be changed: amend it instead.'); END;
      CREATE TRIGGER report_versions_issued_never_deleted BEFORE DELETE ON report_versions
        WHEN OLD.state = 'issued'
        BEGIN SELECT RAISE(ABORT, 'An issued report version cannot be deleted.'); END;
      CREATE TRIGGER report_versions_number_kept BEFORE UPDATE OF case_id, number, author, amends, amend_reason, created_at ON report_versions
        BEGIN SELECT RAISE(ABORT, 'A report version keeps its number, author and reason.'); END;

      CREATE TABLE review_comments (
        id             TEXT PRIMARY KEY NOT NULL,
        case_id        TEXT NOT NULL,
        version_number INTEGER NOT NULL,
        section_id     TEXT,
        body           TEXT NOT NULL CHECK (length(trim(body)) > 0),
        by_person      TEXT NOT NULL CHECK (json_valid(by_person)),
        addressed      TEXT CHECK (addressed IS NULL OR json_valid(addressed)),
        addressed_note TEXT,
        FOREIGN KEY (case_id, version_number) REFERENCES report_versions (case_id, number)
      ) STRICT;
      CREATE INDEX review_comments_by_case ON review_comments (case_id, version_number);
      CREATE TRIGGER review_comments_only_addressed_once BEFORE UPDATE ON review_comments
        WHEN OLD.addressed IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.case_id IS NOT OLD.case_id OR NEW.version_number IS NOT OLD.version_number
          OR NEW.section_id IS NOT OLD.section_id OR NEW.body IS NOT OLD.body OR NEW.by_person IS NOT OLD.by_person
        BEGIN SELECT RAISE(ABORT, 'A review comment is kept as written: it can only be marked addressed, once.'); END;
      CREATE TRIGGER review_comments_never_deleted BEFORE DELETE ON review_comments
        BEGIN SELECT RAISE(ABORT, 'A review comment stays in the report''s history.'); END;
    `);
  },
};
