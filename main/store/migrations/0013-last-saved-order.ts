import type { Migration } from './types';

// The case list sorted by last saved breaks ties by case number; the index had only the time, so
// SQLite sorted each page's ties in memory (1.5 s a page at 1,000,000 cases). The index now holds
// the whole order, so a page is read straight from it.
export const migration: Migration = {
  version: 13,
  name: 'last-saved-order',
  up(db) {
    db.exec(`
      DROP INDEX cases_by_updated;
      CREATE INDEX cases_by_updated ON cases (updated_at DESC, case_number ASC);
    `);
  },
};
