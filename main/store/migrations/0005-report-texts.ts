import type { Migration } from './types';

// The report in the officer's own words: one text per case (every section the officer wrote, with
// what "Start from the recorded facts" drafted, and the acknowledged analysis checks), versioned on
// its own so writing the report never conflicts with the interview or the proposal, and audited.
export const migration: Migration = {
  version: 5,
  name: 'report-texts',
  up(db) {
    db.exec(`
      CREATE TABLE report_texts (
        case_id    TEXT PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        version    INTEGER NOT NULL CHECK (version >= 1),
        text       TEXT NOT NULL CHECK (json_valid(text)),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        save_id    TEXT CHECK (save_id IS NULL OR (length(save_id) BETWEEN 1 AND 64 AND save_id NOT GLOB '*[^A-Za-z0-9_-]*'))
      ) STRICT;
    `);
  },
};
