import type { Migration } from './types';

// How long a case is kept (docs/retention.md): a case is closed once its report is issued or the
// court's request is withdrawn, and the jurisdiction's `retentionDays` run from that moment. A case
// closed longer than that is listed for erasure, and erasing it removes its rows for good
// (main/store/erasure.ts). The reason is one of two words, never typed text.
export const migration: Migration = {
  version: 10,
  name: 'case-retention',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN closed_at TEXT;
      ALTER TABLE cases ADD COLUMN closed_reason TEXT CHECK (closed_reason IS NULL OR closed_reason IN ('report_issued', 'withdrawn'));
      CREATE INDEX cases_by_closed ON cases (closed_at) WHERE closed_at IS NOT NULL;
    `);
  },
};
