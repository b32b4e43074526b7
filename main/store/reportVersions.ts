import { randomUUID } from 'node:crypto';
import type { Database } from './sqlite';
import type { z } from 'zod';
import { AppError } from '../contract/errors';
import type { ReviewComment} from '../contract/lifecycle';
import { VersionPerson, type ReportVersion, type VersionState } from '../contract/lifecycle';
import { appendAudit, type WriteMeta } from './audit';
import { parseStored } from './stored';

// A case's report versions and its reviewer's comments (main/contract/lifecycle.ts). The rules of
// who may take which step live in domain/report/lifecycle.ts; this only writes what was decided,
// audited, in one transaction each. The triggers of migration 8 refuse any change to an issued
// version, whatever the code does.

interface VersionRow {
  case_id: string;
  number: number;
  state: VersionState;
  template_id: string | null;
  author: string;
  submitted: string | null;
  returned: string | null;
  countersigned: string | null;
  issued: string | null;
  snapshot: string | null;
  content_hash: string | null;
  amends: number | null;
  amend_reason: string | null;
  created_at: string;
}

interface CommentRow {
  id: string;
  case_id: string;
  version_number: number;
  section_id: string | null;
  body: string;
  by_person: string;
  addressed: string | null;
  addressed_note: string | null;
}

const person = (row: { case_id: string }, column: string, value: string | null) =>
  value === null ? null : parseStored(VersionPerson, value, 'report_versions', row.case_id, column);

function toVersion(r: VersionRow): ReportVersion {
  return {
    caseId: r.case_id,
    number: r.number,
    state: r.state,
    templateId: r.template_id,
    author: parseStored(VersionPerson, r.author, 'report_versions', r.case_id, 'author'),
    submitted: person(r, 'submitted', r.submitted),
    returned: person(r, 'returned', r.returned),
    countersigned: person(r, 'countersigned', r.countersigned),
    issued: person(r, 'issued', r.issued),
    contentHash: r.content_hash,
    amends: r.amends === null ? null : { number: r.amends, reason: r.amend_reason ?? '' },
  };
}

function toComment(r: CommentRow): ReviewComment {
  return {
    id: r.id,
    caseId: r.case_id,
    versionNumber: r.version_number,
    sectionId: r.section_id,
    body: r.body,
    by: parseStored(VersionPerson, r.by_person, 'review_comments', r.id, 'by_person'),
    addressed: r.addressed === null ? null : parseStored(VersionPerson, r.addressed, 'review_comments', r.id, 'addressed'),
    addressedNote: r.addressed_note,
  };
}

/** A step's record on the version: who took it, and the snapshot and hash where the step fixes them. */
export interface VersionStep {
  state: VersionState;
  by: VersionPerson;
  templateId?: string;
  snapshot?: unknown;
  contentHash?: string;
}

const STEP_COLUMN: Partial<Record<VersionState, 'submitted' | 'returned' | 'countersigned' | 'issued'>> = {
  submitted: 'submitted',
  returned: 'returned',
  countersigned: 'countersigned',
  issued: 'issued',
};

export class ReportVersionRepository {
  constructor(private readonly db: Database) {}

  list(caseId: string): ReportVersion[] {
    return (this.db.prepare(`SELECT * FROM report_versions WHERE case_id = ? ORDER BY number`).all(caseId) as VersionRow[]).map(toVersion);
  }

  latest(caseId: string): ReportVersion | null {
    const row = this.db.prepare(`SELECT * FROM report_versions WHERE case_id = ? ORDER BY number DESC LIMIT 1`).get(caseId) as VersionRow | undefined;
    return row ? toVersion(row) : null;
  }

  find(caseId: string, number: number): ReportVersion | null {
    const row = this.db.prepare(`SELECT * FROM report_versions WHERE case_id = ? AND number = ?`).get(caseId, number) as VersionRow | undefined;
    return row ? toVersion(row) : null;
  }

  get(caseId: string, number: number): ReportVersion {
    const found = this.find(caseId, number);
    if (!found) throw new AppError('not_found', `This case has no report version ${number}.`, { path: '$.version', key: 'errors.versionNotFound', params: { version: number } });
    return found;
  }

  /** What the version was when it was submitted or issued, as `schema` reads it; null while it is a draft never submitted. */
  snapshot<T>(caseId: string, number: number, schema: z.ZodType<T>): T | null {
    const row = this.db.prepare(`SELECT snapshot FROM report_versions WHERE case_id = ? AND number = ?`).get(caseId, number) as { snapshot: string | null } | undefined;
    return row?.snapshot ? parseStored(schema, row.snapshot, 'report_versions', `${caseId}#${number}`, 'snapshot') : null;
  }

  /** The case's author: the person who edits its draft. */
  authorOf(caseId: string): string | null {
    return (this.db.prepare(`SELECT author_id FROM cases WHERE id = ?`).get(caseId) as { author_id: string | null } | undefined)?.author_id ?? null;
  }

  /** Makes `personId` the case's author, audited with who was before. */
  assign(caseId: string, personId: string, meta: WriteMeta): void {
    this.db.transaction(() => {
      const before = this.authorOf(caseId);
      if (before === personId) return;
      this.db.prepare(`UPDATE cases SET author_id = ? WHERE id = ?`).run(personId, caseId);
      appendAudit(this.db, meta, { entity: 'case', entityId: caseId, action: 'assign', version: null, changes: [{ path: '$.author', before, after: personId }] });
    }).immediate();
  }

  /** The first version of a case's report, as a draft by `author`. */
  private create(caseId: string, number: number, author: VersionPerson, amends: { number: number; reason: string } | null, meta: WriteMeta): void {
    this.db
      .prepare(`INSERT INTO report_versions (case_id, number, state, author, amends, amend_reason, created_at) VALUES (?, ?, 'draft', ?, ?, ?, ?)`)
      .run(caseId, number, JSON.stringify(author), amends?.number ?? null, amends?.reason ?? null, meta.at);
    this.db.prepare(`UPDATE cases SET report_state = 'draft' WHERE id = ?`).run(caseId);
    appendAudit(this.db, meta, {
      entity: 'reportVersion',
      entityId: caseId,
      action: amends ? 'amend' : 'start',
      version: number,
      changes: [{ path: '$.state', after: 'draft' }, ...(amends ? [{ path: '$.amends', after: amends }] : [])],
    });
  }

  /**
   * Records a step on the case's latest version (creating version 1 when there is none), with the
   * comment that goes with it, in one transaction. `expected` is the state the step was decided
   * on: if another window moved the version meanwhile, nothing is written.
   */
  step(caseId: string, expected: VersionState | null, step: VersionStep, author: VersionPerson, comment: { sectionId: string | null; body: string } | null, meta: WriteMeta): ReportVersion {
    return this.db.transaction(() => {
      let current = this.latest(caseId);
      if ((current?.state ?? null) !== expected) throw conflict();
      if (!current) {
        this.create(caseId, 1, author, null, meta);
        current = this.get(caseId, 1);
      }
      const column = STEP_COLUMN[step.state];
      const sets = [`state = @state`];
      if (column) sets.push(`${column} = @by`);
      if (step.templateId !== undefined) sets.push(`template_id = @template`);
      if (step.snapshot !== undefined) sets.push(`snapshot = @snapshot`);
      if (step.contentHash !== undefined) sets.push(`content_hash = @hash`);
      this.db.prepare(`UPDATE report_versions SET ${sets.join(', ')} WHERE case_id = @caseId AND number = @number`).run({
        state: step.state,
        by: JSON.stringify(step.by),
        template: step.templateId ?? null,
        snapshot: step.snapshot === undefined ? null : JSON.stringify(step.snapshot),
        hash: step.contentHash ?? null,
        caseId,
        number: current.number,
      });
      this.db.prepare(`UPDATE cases SET report_state = ? WHERE id = ?`).run(step.state, caseId);
      if (comment) this.insertComment(caseId, current.number, comment, step.by);
      appendAudit(this.db, meta, {
        entity: 'reportVersion',
        entityId: caseId,
        action: step.state,
        version: current.number,
        changes: [
          { path: '$.state', before: current.state, after: step.state },
          ...(step.templateId ? [{ path: '$.templateId', after: step.templateId }] : []),
          ...(step.contentHash ? [{ path: '$.contentHash', after: step.contentHash }] : []),
          ...(comment ? [{ path: '$.comment', after: { sectionId: comment.sectionId, length: comment.body.length } }] : []),
        ],
      });
      return this.get(caseId, current.number);
    }).immediate();
  }

  /** Starts the version after an issued one, from what was issued, with the reason. */
  amend(caseId: string, issuedNumber: number, author: VersionPerson, reason: string, meta: WriteMeta): ReportVersion {
    return this.db.transaction(() => {
      const current = this.latest(caseId);
      if (!current || current.number !== issuedNumber || current.state !== 'issued') throw conflict();
      this.create(caseId, issuedNumber + 1, author, { number: issuedNumber, reason }, meta);
      return this.get(caseId, issuedNumber + 1);
    }).immediate();
  }

  comments(caseId: string): ReviewComment[] {
    return (this.db.prepare(`SELECT * FROM review_comments WHERE case_id = ? ORDER BY version_number, rowid`).all(caseId) as CommentRow[]).map(toComment);
  }

  private insertComment(caseId: string, versionNumber: number, comment: { sectionId: string | null; body: string }, by: VersionPerson): string {
    const id = randomUUID();
    this.db
      .prepare(`INSERT INTO review_comments (id, case_id, version_number, section_id, body, by_person) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(id, caseId, versionNumber, comment.sectionId, comment.body.trim(), JSON.stringify(by));
    return id;
  }

  /** A reviewer's comment on the version under review, anchored to a section or to the whole report. */
  comment(caseId: string, versionNumber: number, comment: { sectionId: string | null; body: string }, by: VersionPerson, meta: WriteMeta): void {
    this.db.transaction(() => {
      const id = this.insertComment(caseId, versionNumber, comment, by);
      appendAudit(this.db, meta, { entity: 'reportVersion', entityId: caseId, action: 'comment', version: versionNumber, changes: [{ path: `$.comments.${id}`, after: { sectionId: comment.sectionId, length: comment.body.length } }] });
    }).immediate();
  }

  /** The author marks a comment addressed, with what they did; once. */
  address(caseId: string, commentId: string, by: VersionPerson, note: string | null, meta: WriteMeta): void {
    this.db.transaction(() => {
      const done = this.db
        .prepare(`UPDATE review_comments SET addressed = ?, addressed_note = ? WHERE id = ? AND case_id = ? AND addressed IS NULL`)
        .run(JSON.stringify(by), note, commentId, caseId);
      if (done.changes !== 1) throw conflict();
      appendAudit(this.db, meta, { entity: 'reportVersion', entityId: caseId, action: 'address', version: null, changes: [{ path: `$.comments.${commentId}.addressed`, after: true }] });
    }).immediate();
  }
}

function conflict(): AppError {
  return new AppError('conflict', 'The report moved on in another window: nothing was changed. Look at it again and retry.', { key: 'errors.lifecycle.movedOn' });
}
