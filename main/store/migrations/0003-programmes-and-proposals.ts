import type { Migration } from './types';

// Local programmes a service adds to the options catalogue, and one proposal per case.
// Both are versioned for optimistic concurrency and audited. A programme is retired, never deleted,
// so a report that proposed it can still name it.
export const migration: Migration = {
  version: 3,
  name: 'programmes-and-proposals',
  up(db) {
    db.exec(`
      CREATE TABLE programmes (
        id         TEXT PRIMARY KEY NOT NULL,
        version    INTEGER NOT NULL CHECK (version >= 1),
        name       TEXT NOT NULL,
        kind       TEXT NOT NULL,
        details    TEXT NOT NULL CHECK (json_valid(details)),
        retired    INTEGER NOT NULL CHECK (retired IN (0, 1)),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX programmes_by_name ON programmes (retired, name COLLATE NOCASE);

      CREATE TABLE proposals (
        case_id    TEXT PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        version    INTEGER NOT NULL CHECK (version >= 1),
        proposal   TEXT NOT NULL CHECK (json_valid(proposal)),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
