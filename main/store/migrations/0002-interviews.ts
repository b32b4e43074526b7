import type { Migration } from './types';

// One interview per case, versioned on its own so autosaving answers never conflicts with an
// edit of the case details. Answers are kept as JSON exactly as typed: a draft may be invalid.
export const migration: Migration = {
  version: 2,
  name: 'interviews',
  up(db) {
    db.exec(`
      CREATE TABLE interviews (
        case_id      TEXT PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        version      INTEGER NOT NULL CHECK (version >= 1),
        form_id      TEXT NOT NULL,
        form_version INTEGER NOT NULL,
        answers      TEXT NOT NULL CHECK (json_valid(answers)),
        status       TEXT NOT NULL CHECK (status IN ('in_progress', 'complete')),
        completed_at TEXT,
        updated_at   TEXT NOT NULL,
        updated_by   TEXT NOT NULL
      ) STRICT;
    `);
  },
};
