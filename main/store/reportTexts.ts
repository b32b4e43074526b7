import type { Database } from './sqlite';
import { ReportText } from '../contract/reportText';
import { diffJson } from '../domain/diff';
import type { WriteMeta } from './audit';
import { acknowledgementChanges } from './proposals';
import { parseStored } from './stored';
import { saveVersioned } from './versioned';

// One report text per case: the officer's own words for each section of the report, versioned on
// its own (docs/DOMAIN.md, writing the report). Every save is audited with what changed; each
// acknowledgement of an analysis check is written into the audit row with its reason, as the
// proposal's condition checks are.

export interface StoredReportText {
  caseId: string;
  version: number;
  text: ReportText;
  updatedAt: string;
  updatedBy: string;
}

interface Row {
  case_id: string;
  version: number;
  text: string;
  updated_at: string;
  updated_by: string;
}

export class ReportTextRepository {
  constructor(private readonly db: Database) {}

  find(caseId: string): StoredReportText | null {
    const row = this.db.prepare(`SELECT case_id, version, text, updated_at, updated_by FROM report_texts WHERE case_id = ?`).get(caseId) as Row | undefined;
    return row
      ? { caseId: row.case_id, version: row.version, text: parseStored(ReportText, row.text, 'report_texts', row.case_id, 'text'), updatedAt: row.updated_at, updatedBy: row.updated_by }
      : null;
  }

  /** Saves over `expectedVersion` (0 when there is none yet); a stale version is a conflict and nothing changes. */
  save(caseId: string, expectedVersion: number, text: ReportText, meta: WriteMeta): StoredReportText {
    return this.db.transaction(() => {
      const current = this.find(caseId);
      const changes = diffJson(current?.text, text);
      return saveVersioned(this.db, {
        entity: 'reportText',
        id: caseId,
        expectedVersion,
        meta,
        current,
        changes:
          changes.length === 0
            ? changes
            : [...changes, ...acknowledgementChanges(current?.text.acknowledgements, text.acknowledgements)],
        write: (version) =>
          this.db
            .prepare(
              `INSERT INTO report_texts (case_id, version, text, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, text = excluded.text, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
            )
            .run(caseId, version, JSON.stringify(text), meta.at, meta.actor),
        written: (version) => ({ caseId, version, text, updatedAt: meta.at, updatedBy: meta.actor }),
      });
    }).immediate();
  }
}
