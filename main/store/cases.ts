import { randomUUID } from 'node:crypto';
import type { Database } from './sqlite';
import { CaseDetails, displayName, type CaseRecord, type CaseReportState, type CaseSort, type CaseSummary } from '../contract/case';
import { AppError } from '../contract/errors';
import { diffJson } from '../domain/diff';
import { caseSearchText, matchesSearch, searchWords } from '../domain/searchText';
import type { CloseReason } from '../contract/retention';
import { appendAudit, type WriteMeta } from './audit';
import { parseStored } from './stored';
import { saveVersioned } from './versioned';

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
  state: CaseReportState;
  author_name: string | null;
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
    details: parseStored(CaseDetails, row.details, 'cases', row.id, 'details'),
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
    search_text: caseSearchText(displayName(details.person), details.caseNumber),
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
 * A search counts its matches up to this many; a search matching more says "more than 10,000"
 * (the words typed are too few to find one case) and its page is found by walking the list's
 * order and keeping the rows whose words match, which stops after the page (a few thousand rows
 * at most), instead of reading every match to count and sort them.
 */
export const SEARCH_COUNT_CAP = 10_000;
/** A walk that has not filled the page after this many candidate rows gives way to reading every match. */
const WALK_ROWS_MAX = 50_000;

/** The words a search looks for (main/domain/searchText.ts), at most 12. */
const queryWords = (text: string) => searchWords(text).slice(0, 12);

/**
 * Turns what a user typed into a safe FTS5 query: every word must match; the last one may be
 * unfinished, so it matches as a prefix. Punctuation separates words, as it does in the index
 * ("CR-2026-01" -> cr 2026 01*). Quotes keep FTS5 syntax (OR, NEAR, *) as plain words.
 */
export function ftsQuery(text: string, { lastAsPrefix = true }: { lastAsPrefix?: boolean } = {}): string | null {
  const words = queryWords(text);
  if (words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 && lastAsPrefix ? `"${w}"*` : `"${w}"`)).join(' ');
}

export interface CaseListQuery {
  query?: string;
  sort?: CaseSort;
  limit?: number;
  offset?: number;
  /** Only cases in one of these report states. */
  state?: readonly CaseReportState[];
  /** Only cases this person writes (cases.author_id). */
  authorId?: string;
}

/**
 * The state a case shows in the list (none before any version, then the latest version's state),
 * kept in cases.list_state by triggers, with a count of cases per author and state beside it
 * (migration 15): a state filter reads its page from an index and its total from the counts.
 */
const STATE_SQL = `c.list_state`;

function stateCondition(states: readonly CaseReportState[]): string {
  return states.length === 1 ? `c.list_state = '${states[0]}'` : `c.list_state IN (${states.map((s) => `'${s}'`).join(', ')})`;
}

export class CaseRepository {
  constructor(private readonly db: Database) {}

  /** Creates a case at version 1. A second case with the same court and number is refused. */
  create(details: CaseDetails, meta: WriteMeta): CaseRecord {
    return this.db.transaction(() => {
      this.refuseDuplicate(details, null);
      const id = randomUUID();
      return saveVersioned(this.db, {
        entity: 'case',
        id,
        expectedVersion: 0,
        meta,
        current: null,
        changes: diffJson(undefined, details),
        write: (version) =>
          this.db
            .prepare(
              `INSERT INTO cases (id, version, court, case_number, person_name, search_text, hearing_date, report_due_date, report_type, stage, details, created_at, created_by, updated_at, updated_by)
               VALUES (@id, @version, @court, @case_number, @person_name, @search_text, @hearing_date, @report_due_date, @report_type, @stage, @details, @at, @actor, @at, @actor)`,
            )
            .run({ id, version, ...columns(details), at: meta.at, actor: meta.actor }),
        written: (version) => ({ id, version, details, createdAt: meta.at, createdBy: meta.actor, updatedAt: meta.at, updatedBy: meta.actor }),
      });
    }).immediate();
  }

  /** Saves `details` over version `expectedVersion`; a stale version is a conflict and changes nothing. */
  update(id: string, expectedVersion: number, details: CaseDetails, meta: WriteMeta): CaseRecord {
    return this.db.transaction(() => {
      const current = this.get(id);
      // A duplicate number is refused only for a save that will be written.
      if (current.version === expectedVersion) this.refuseDuplicate(details, id);
      return saveVersioned(this.db, {
        entity: 'case',
        id,
        expectedVersion,
        meta,
        current,
        changes: diffJson(current.details, details),
        write: (version) =>
          this.db
            .prepare(
              `UPDATE cases SET version = @version, court = @court, case_number = @case_number, person_name = @person_name, search_text = @search_text,
                 hearing_date = @hearing_date, report_due_date = @report_due_date, report_type = @report_type, stage = @stage,
                 details = @details, updated_at = @at, updated_by = @actor
               WHERE id = @id AND version = @expected`,
            )
            .run({ id, expected: expectedVersion, version, ...columns(details), at: meta.at, actor: meta.actor }),
        written: (version) => ({ ...current, version, details, updatedAt: meta.at, updatedBy: meta.actor }),
      });
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

  list({ query, sort = 'due_date', limit = 50, offset = 0, state, authorId }: CaseListQuery): { total: number; totalCapped?: true; items: CaseSummary[] } {
    const match = query ? ftsQuery(query) : null;
    const select = `c.id, c.version, c.case_number, c.court, c.person_name, c.hearing_date, c.report_due_date, c.report_type, c.stage, c.updated_at,
      ${STATE_SQL} AS state, p.full_name AS author_name`;
    const from = `cases c LEFT JOIN people p ON p.id = c.author_id`;
    const { orderBy, index } = SORTS[sort];
    // The state and author filters; both columns are indexed with the due date (migration 8).
    const filters: string[] = [];
    const states = state ? [...new Set(state)] : [];
    if (states.length > 0) filters.push(stateCondition(states));
    if (authorId !== undefined) filters.push(`c.author_id = @authorId`);
    const filterParams = authorId !== undefined ? { authorId } : {};
    const params = { limit, offset, ...filterParams };
    let rows: CaseRow[];
    let total: number;
    let totalCapped = false;
    if (match) {
      const inFts = `c.rowid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH @match)`;
      const where = [inFts, ...filters].join(' AND ');
      const cap = SEARCH_COUNT_CAP + 1;
      const countFts = (q: string) => (this.db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM cases_fts WHERE cases_fts MATCH @q LIMIT @cap)`).get({ q, cap }) as { n: number }).n;
      // The last word taken whole first: a prefix reads every word it begins (all of them, before
      // the first match), a whole word stops at the cap; its matches are among the prefix's.
      const whole = filters.length === 0 ? ftsQuery(query ?? '', { lastAsPrefix: false }) : null;
      const counted =
        whole !== null && whole !== match && countFts(whole) > SEARCH_COUNT_CAP
          ? cap
          : filters.length === 0
            ? countFts(match)
            : (this.db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM cases c WHERE ${where} LIMIT @cap)`).get({ match, cap, ...filterParams }) as { n: number }).n;
      totalCapped = counted > SEARCH_COUNT_CAP;
      total = totalCapped ? SEARCH_COUNT_CAP : counted;
      const walked = totalCapped ? this.walkForMatches({ select, index, orderBy, filters, filterParams, words: queryWords(query ?? ''), offset, limit }) : null;
      if (walked) rows = walked;
      else {
        const sql =
          total > WALK_INDEX_ABOVE
            ? `SELECT ${select} FROM cases c INDEXED BY ${index} LEFT JOIN people p ON p.id = c.author_id
               WHERE ${where} ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`
            : `SELECT ${select} FROM cases_fts f JOIN cases c ON c.rowid = f.rowid LEFT JOIN people p ON p.id = c.author_id
               WHERE cases_fts MATCH @match${filters.map((f) => ` AND ${f}`).join('')}
               ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`;
        rows = this.db.prepare(sql).all({ match, ...params }) as CaseRow[];
      }
    } else if (query && query.trim() !== '') {
      // Only punctuation was typed: nothing can match.
      return { total: 0, items: [] };
    } else {
      const where = filters.length > 0 ? `WHERE ${filters.join(' AND ')}` : '';
      // Without a search, the total is a count the store keeps (migrations 14 and 15), never a count of rows.
      total =
        filters.length === 0
          ? (this.db.prepare(`SELECT n FROM case_count WHERE id = 1`).get() as { n: number }).n
          : (this.db
              .prepare(
                `SELECT coalesce(sum(n), 0) AS n FROM case_state_counts WHERE 1 = 1${states.length > 0 ? ` AND list_state IN (${states.map((s) => `'${s}'`).join(', ')})` : ''}${authorId !== undefined ? ' AND author = @authorId' : ''}`,
              )
              .get(filterParams) as { n: number }).n;
      rows = this.db.prepare(this.pageSql({ select, from, where, sort, states, authorId, total, offset, limit })).all(params) as CaseRow[];
    }
    return {
      total,
      ...(totalCapped ? { totalCapped: true as const } : {}),
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
        state: r.state,
        authorName: r.author_name,
      })),
    };
  }

  /**
   * A page of a search that matches very many cases: the list's own order, walked from its index,
   * keeping the rows whose stored words match (the same words the index holds, so the same cases);
   * null when the page is not full within WALK_ROWS_MAX rows (then every match is read instead).
   */
  private walkForMatches(q: { select: string; index: string; orderBy: string; filters: string[]; filterParams: object; words: string[]; offset: number; limit: number }): CaseRow[] | null {
    // Only each row's id and words while walking; the page's rows are read whole afterwards.
    // Rows without every word somewhere in their text are passed over inside SQLite; the rest are
    // checked word by word here (a word typed may be the inside of a longer one).
    const contains = q.words.map((_, i) => `instr(c.search_text, @w${i}) > 0`);
    const walk = this.db
      .prepare(`SELECT c.rowid, c.search_text FROM cases c INDEXED BY ${q.index} WHERE ${[...contains, ...q.filters].join(' AND ')} ORDER BY ${q.orderBy} LIMIT @most`)
      .raw();
    const words = Object.fromEntries(q.words.map((w, i) => [`w${i}`, w]));
    const found: number[] = [];
    let skipped = 0;
    let candidates = 0;
    for (const [rowid, text] of walk.iterate({ ...q.filterParams, ...words, most: WALK_ROWS_MAX }) as IterableIterator<[number, string]>) {
      candidates += 1;
      if (!matchesSearch(text, q.words)) continue;
      if (skipped < q.offset) {
        skipped += 1;
        continue;
      }
      found.push(rowid);
      if (found.length >= q.limit) break;
    }
    // Too many candidates that were not matches: read every match instead.
    if (found.length < q.limit && candidates >= WALK_ROWS_MAX) return null;
    if (found.length === 0) return [];
    const rows = this.db.prepare(`SELECT c.rowid AS walk_rowid, ${q.select} FROM cases c LEFT JOIN people p ON p.id = c.author_id WHERE c.rowid IN (${found.map(() => '?').join(', ')})`).all(...found) as Array<CaseRow & { walk_rowid: number }>;
    const byRowid = new Map(rows.map((r) => [r.walk_rowid, r]));
    return found.map((r) => byRowid.get(r)!);
  }

  /**
   * The page query of a list without a search, read in its sort order from an index whatever the
   * store's size: by due date, one state's rows come in order from (list_state, due date), and
   * several states' are merged from one such walk each; in another order, a state that holds many
   * cases is found by walking the sort's own index and keeping its rows, and a state that holds
   * few is read from its index and sorted (few rows to sort).
   */
  private pageSql(q: { select: string; from: string; where: string; sort: CaseSort; states: CaseReportState[]; authorId: string | undefined; total: number; offset: number; limit: number }): string {
    const { orderBy, index } = SORTS[q.sort];
    const byDue = q.sort === 'due_date' || q.sort === 'due_date_desc';
    if (byDue && q.states.length > 1) {
      const author = q.authorId !== undefined ? ' AND c.author_id = @authorId' : '';
      const arms = q.states.map((state) => `SELECT ${q.select} FROM ${q.from} WHERE c.list_state = '${state}'${author}`);
      // A compound query orders by its result columns' names.
      return `${arms.join(' UNION ALL ')} ORDER BY ${orderBy.replaceAll('c.', '')} LIMIT @limit OFFSET @offset`;
    }
    if (!byDue && q.states.length > 0 && q.authorId === undefined) {
      const all = (this.db.prepare(`SELECT n FROM case_count WHERE id = 1`).get() as { n: number }).n;
      // Walking visits about (offset + limit) x all / total rows; sorting, total rows.
      if (q.total * q.total > (q.offset + q.limit) * all) {
        return `SELECT ${q.select} FROM cases c INDEXED BY ${index} LEFT JOIN people p ON p.id = c.author_id ${q.where} ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`;
      }
    }
    return `SELECT ${q.select} FROM ${q.from} ${q.where} ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`;
  }

  /** When and why the case was closed (migration 10), or nulls while it is open. */
  closure(id: string): { closedAt: string | null; reason: CloseReason | null } {
    const row = this.db.prepare(`SELECT closed_at, closed_reason FROM cases WHERE id = ?`).get(id) as { closed_at: string | null; closed_reason: CloseReason | null } | undefined;
    if (!row) throw new AppError('not_found', `No case with id ${id}.`, { path: '$.caseId', key: 'errors.caseNotFound', params: { id } });
    return { closedAt: row.closed_at, reason: row.closed_reason };
  }

  /**
   * Records that the case is closed, once, with an audit row naming only the reason: the rules of
   * when a case may be closed are main/domain/retention.ts, checked by the caller in the same
   * transaction. The case's version is not changed: closing edits none of its details.
   */
  close(id: string, reason: CloseReason, meta: WriteMeta): void {
    const changed = this.db.prepare(`UPDATE cases SET closed_at = ?, closed_reason = ? WHERE id = ? AND closed_at IS NULL`).run(meta.at, reason, id).changes;
    if (changed !== 1) throw new AppError('conflict', 'This case was closed elsewhere in the meantime.', { key: 'errors.retention.alreadyClosed', params: { date: meta.at.slice(0, 10) } });
    appendAudit(this.db, meta, { entity: 'case', entityId: id, action: 'close', version: null, changes: [{ path: '$.closed', after: reason }] });
  }

  /** The cases closed at or before `cutoff` (an ISO timestamp), longest closed first: their number and court only. */
  closedBefore(cutoff: string): Array<{ id: string; caseNumber: string; court: string; closedAt: string; reason: CloseReason }> {
    const rows = this.db
      .prepare(`SELECT id, case_number, court, closed_at, closed_reason FROM cases WHERE closed_at IS NOT NULL AND closed_at <= ? ORDER BY closed_at, case_number`)
      .all(cutoff) as Array<{ id: string; case_number: string; court: string; closed_at: string; closed_reason: CloseReason }>;
    return rows.map((r) => ({ id: r.id, caseNumber: r.case_number, court: r.court, closedAt: r.closed_at, reason: r.closed_reason }));
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
