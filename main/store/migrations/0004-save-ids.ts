import type { Migration } from './types';

// Each versioned record remembers the save id that produced its current version, so a save sent
// twice (a reload re-sending one whose answer the page never saw) is recognised, not refused as a
// conflict (main/store/versioned.ts). Null for versions written without one.
export const migration: Migration = {
  version: 4,
  name: 'save-ids',
  up(db) {
    for (const table of ['cases', 'interviews', 'proposals', 'programmes']) {
      db.exec(`ALTER TABLE ${table} ADD COLUMN save_id TEXT CHECK (save_id IS NULL OR (length(save_id) BETWEEN 1 AND 64 AND save_id NOT GLOB '*[^A-Za-z0-9_-]*'))`);
    }
  },
};
