import type { Migration } from './types';

// The language each person works in (docs/languages.md): the screens follow it wherever they
// sign in. A setting of the person's, not part of their record, so choosing a language never
// makes a new version of the person.
export const migration: Migration = {
  version: 12,
  name: 'person-language',
  up(db) {
    db.exec(`
      CREATE TABLE person_settings (
        person_id  TEXT PRIMARY KEY NOT NULL REFERENCES people (id),
        language   TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 35),
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
