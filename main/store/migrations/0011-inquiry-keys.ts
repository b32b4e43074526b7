import type { Migration } from './types';

// Each person's key for receiving inquiries: an age X25519 identity, kept in the store (encrypted
// with it), whose public recipient ("age1…") the person gives to screeners (main/api/inquirySeal.ts).
export const migration: Migration = {
  version: 11,
  name: 'inquiry-keys',
  up(db) {
    db.exec(`
      CREATE TABLE inquiry_keys (
        person_id  TEXT PRIMARY KEY NOT NULL REFERENCES people (id),
        identity   TEXT NOT NULL CHECK (identity LIKE 'AGE-SECRET-KEY-1%'),
        recipient  TEXT NOT NULL UNIQUE CHECK (recipient LIKE 'age1%'),
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
