import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { displayName, type CaseDetails, type CaseRecord, type CaseSort, type CaseSummary } from '../contract/case';
import { AppError } from '../contract/errors';
import { diffJson } from '../domain/diff';
import { appendAudit, type WriteMeta } from './audit';

interface CaseRow {
  id: string;
  version: number;
  court: string;
  case_number: string;
  person_name: string;
  hearing_date: string;
  report_due_date: string;
  report_type: CaseSummary['reportType'];
  stage: CaseSummary['stage'];
  details: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

function toRecord(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    version: row.version,
    details: JSON.parse(row.details) as CaseDetails,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

function columns(details: CaseDetails) {
  return {
    court: details.court,
    case_number: details.caseNumber,
    person_name: displayName(details.person),
    hearing_date: details.hearingDate,
    report_due_date: details.reportDueDate,
    report_type: details.reportType,
    stage: details.stage,
    details: JSON.stringify(details),
  };
}

/** Each sort order and the index that delivers it without sorting. */
const SORTS: Record<CaseSort, { orderBy: string; index: string }> = {
  due_date: { orderBy: 'c.report_due_date ASC, c.case_number ASC', index: 'cases_by_due_date' },
  due_date_desc: { orderBy: 'c.report_due_date DESC, c.case_number DESC', index: 'cases_by_due_date' },
  last_saved: { orderBy: 'c.updated_at DESC, c.case_number ASC', index: 'cases_by_updated' },
  case_number: { orderBy: 'c.case_number ASC', index: 'cases_by_number' },
};

/**
 * Above this many matches it is cheaper to walk the sort order's index and keep the rows that
 * match than to fetch every match and sort them (measured in bench/store.ts at 100,000 cases).
 */
const WALK_INDEX_ABOVE = 1_500;

/**
 * Turns what a user typed into a safe FTS5 query: every word must match; the last one may be
 * unfinished, so it matches as a prefix. Punctuation separates words, as it does in the index
 * ("CR-2026-01" -> cr 2026 01*). Quotes keep FTS5 syntax (OR, NEAR, *) as plain words.
 */
export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu)?.slice(0, 12);
  if (!words) return null;
  return words.map((w, i) => (i === words.length - 1 ? `"${w}"*` : `"${w}"`)).join(' ');
}

export interface CaseListQuery {
  query?: string;
  sort?: CaseSort;
  limit?: number;
  offset?: number;
}

export class CaseRepository {
  constructor(private readonly db: Database) {}

  /** Creates a case at version 1. A second case with the same court and number is refused. */
  create(details: CaseDetails, meta: WriteMeta): CaseRecord {
    return this.db.transaction(() => {
      this.refuseDuplicate(details, null);
      const id = randomUUID();
      this.db
        .prepare(
          `INSERT INTO cases (id, version, court, case_number, person_name, hearing_date, report_due_date, report_type, stage, details, created_at, created_by, updated_at, updated_by)
           VALUES (@id, 1, @court, @case_number, @person_name, @hearing_date, @report_due_date, @report_type, @stage, @details, @at, @actor, @at, @actor)`,
        )
        .run({ id, ...columns(details), at: meta.at, actor: meta.actor });
      appendAudit(this.db, meta, { entity: 'case', entityId: id, action: 'create', version: 1, changes: diffJson(undefined, details) });
      return this.get(id);
    }).immediate();
  }

  /** Saves `details` over version `expectedVersion`; a stale version is a conflict and changes nothing. */
  update(id: string, expectedVersion: number, details: CaseDetails, meta: WriteMeta): CaseRecord {
    return this.db.transaction(() => {
      const current = this.find(id);
      if (!current) throw new AppError('not_found', `No case with id ${id}.`, { path: '$.id', key: 'errors.caseNotFound', params: { id } });
      if (current.version !== expectedVersion) {
        throw new AppError(
          'conflict',
          `This case was saved by someone else in the meantime (now version ${current.version}; you edited version ${expectedVersion}). Nothing was saved.`,
          { path: '$.version', currentVersion: current.version, key: 'errors.conflict', params: { current: current.version, yours: expectedVersion } },
        );
      }
      this.refuseDuplicate(details, id);
      const changes = diffJson(current.details, details);
      if (changes.length === 0) return current;
      const version = current.version + 1;
      this.db
        .prepare(
          `UPDATE cases SET version = @version, court = @court, case_number = @case_number, person_name = @person_name,
             hearing_date = @hearing_date, report_due_date = @report_due_date, report_type = @report_type, stage = @stage,
             details = @details, updated_at = @at, updated_by = @actor
           WHERE id = @id AND version = @expected`,
        )
        .run({ id, expected: expectedVersion, version, ...columns(details), at: meta.at, actor: meta.actor });
      appendAudit(this.db, meta, { entity: 'case', entityId: id, action: 'update', version, changes });
      return this.get(id);
    }).immediate();
  }

  find(id: string): CaseRecord | null {
    const row = this.db.prepare(`SELECT * FROM cases WHERE id = ?`).get(id) as CaseRow | undefined;
    return row ? toRecord(row) : null;
  }

  get(id: string): CaseRecord {
    const found = this.find(id);
    if (!found) throw new AppError('not_found', `No case with id ${id}.`, { path: '$.id', key: 'errors.caseNotFound', params: { id } });
    return found;
  }

  list({ query, sort = 'due_date', limit = 50, offset = 0 }: CaseListQuery): { total: number; items: CaseSummary[] } {
    const match = query ? ftsQuery(query) : null;
    const select = `c.id, c.version, c.case_number, c.court, c.person_name, c.hearing_date, c.report_due_date, c.report_type, c.stage, c.updated_at`;
    const { orderBy, index } = SORTS[sort];
    let rows: CaseRow[];
    let total: number;
    if (match) {
      total = (this.db.prepare(`SELECT count(*) AS n FROM cases_fts WHERE cases_fts MATCH @match`).get({ match }) as { n: number }).n;
      const sql =
        total > WALK_INDEX_ABOVE
          ? `SELECT ${select} FROM cases c INDEXED BY ${index}
             WHERE c.rowid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH @match)
             ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`
          : `SELECT ${select} FROM cases_fts f JOIN cases c ON c.rowid = f.rowid WHERE cases_fts MATCH @match
             ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`;
      rows = this.db.prepare(sql).all({ match, limit, offset }) as CaseRow[];
    } else if (query && query.trim() !== '') {
      // Only punctuation was typed: nothing can match.
      return { total: 0, items: [] };
    } else {
      total = (this.db.prepare(`SELECT count(*) AS n FROM cases`).get() as { n: number }).n;
      rows = this.db
        .prepare(`SELECT ${select} FROM cases c ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`)
        .all({ limit, offset }) as CaseRow[];
    }
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        version: r.version,
        caseNumber: r.case_number,
        court: r.court,
        personName: r.person_name,
        hearingDate: r.hearing_date,
        reportDueDate: r.report_due_date,
        reportType: r.report_type,
        stage: r.stage,
        updatedAt: r.updated_at,
      })),
    };
  }

  private refuseDuplicate(details: CaseDetails, exceptId: string | null): void {
    const other = this.db
      .prepare(`SELECT id FROM cases WHERE court = ? AND case_number = ? AND id IS NOT ?`)
      .get(details.court, details.caseNumber, exceptId) as { id: string } | undefined;
    if (other) {
      throw new AppError('duplicate', `${details.court} already has a case numbered ${details.caseNumber} (id ${other.id}).`, {
        path: '$.caseNumber',
        key: 'errors.duplicateCase',
        params: { court: details.court, caseNumber: details.caseNumber },
      });
    }
  }
}
