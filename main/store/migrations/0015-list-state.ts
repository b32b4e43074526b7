import type { Migration } from './types';

// The state each case shows in the case list (none, draft, submitted, returned, countersigned,
// issued), kept in the row by triggers instead of worked out per row from the report's versions,
// and how many cases are in each state, per author: a list filtered by state reads its page from
// an index and its total from the kept counts, however many cases the store holds (a state filter
// over 1,000,000 cases counted and checked every row's versions, over a second a page).
export const migration: Migration = {
  version: 15,
  name: 'list-state',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN list_state TEXT NOT NULL DEFAULT 'none'
        CHECK (list_state IN ('none', 'draft', 'submitted', 'returned', 'countersigned', 'issued'));
      UPDATE cases SET list_state =
        CASE WHEN report_state <> 'draft' OR EXISTS (SELECT 1 FROM report_versions v WHERE v.case_id = cases.id) THEN report_state ELSE 'none' END;

      CREATE TRIGGER cases_list_state_on_report_state AFTER UPDATE OF report_state ON cases BEGIN
        UPDATE cases SET list_state =
          CASE WHEN NEW.report_state <> 'draft' OR EXISTS (SELECT 1 FROM report_versions v WHERE v.case_id = NEW.id) THEN NEW.report_state ELSE 'none' END
        WHERE id = NEW.id;
      END;
      CREATE TRIGGER cases_list_state_on_version AFTER INSERT ON report_versions BEGIN
        UPDATE cases SET list_state = report_state WHERE id = NEW.case_id AND list_state <> report_state;
      END;
      CREATE TRIGGER cases_list_state_on_version_gone AFTER DELETE ON report_versions BEGIN
        UPDATE cases SET list_state =
          CASE WHEN report_state <> 'draft' OR EXISTS (SELECT 1 FROM report_versions v WHERE v.case_id = OLD.case_id) THEN report_state ELSE 'none' END
        WHERE id = OLD.case_id;
      END;

      DROP INDEX IF EXISTS cases_by_state_due;
      CREATE INDEX cases_by_list_state_due ON cases (list_state, report_due_date, case_number);
      CREATE INDEX cases_by_author_state_due ON cases (author_id, list_state, report_due_date, case_number);

      -- author '' stands for cases nobody writes yet.
      CREATE TABLE case_state_counts (
        author     TEXT NOT NULL,
        list_state TEXT NOT NULL,
        n          INTEGER NOT NULL CHECK (n >= 0),
        PRIMARY KEY (author, list_state)
      ) STRICT;
      INSERT INTO case_state_counts (author, list_state, n)
        SELECT coalesce(author_id, ''), list_state, count(*) FROM cases GROUP BY 1, 2;

      CREATE TRIGGER case_state_counts_after_insert AFTER INSERT ON cases BEGIN
        INSERT INTO case_state_counts (author, list_state, n) VALUES (coalesce(NEW.author_id, ''), NEW.list_state, 1)
          ON CONFLICT (author, list_state) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER case_state_counts_after_delete AFTER DELETE ON cases BEGIN
        UPDATE case_state_counts SET n = n - 1 WHERE author = coalesce(OLD.author_id, '') AND list_state = OLD.list_state;
      END;
      CREATE TRIGGER case_state_counts_after_update AFTER UPDATE OF list_state, author_id ON cases
        WHEN OLD.list_state IS NOT NEW.list_state OR OLD.author_id IS NOT NEW.author_id BEGIN
        UPDATE case_state_counts SET n = n - 1 WHERE author = coalesce(OLD.author_id, '') AND list_state = OLD.list_state;
        INSERT INTO case_state_counts (author, list_state, n) VALUES (coalesce(NEW.author_id, ''), NEW.list_state, 1)
          ON CONFLICT (author, list_state) DO UPDATE SET n = n + 1;
      END;
    `);
  },
};
