import type { Migration } from './types';

// The people who use the store, with their role, team and service: the audit and the documents
// name them (main/contract/people.ts).
export const migration: Migration = {
  version: 7,
  name: 'people',
  up(db) {
    db.exec(`
      CREATE TABLE people (
        id         TEXT PRIMARY KEY NOT NULL,
        version    INTEGER NOT NULL CHECK (version >= 1),
        full_name  TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
        role       TEXT NOT NULL CHECK (role IN ('probation_officer', 'senior_probation_officer', 'screener', 'administrator')),
        team       TEXT NOT NULL,
        service    TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
