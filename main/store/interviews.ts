import type { Database } from './sqlite';
import { Interview } from '../contract/interview';
import { diffJson } from '../domain/diff';
import type { WriteMeta } from './audit';
import { parseStored } from './stored';
import { saveVersioned } from './versioned';

export type InterviewStatus = 'in_progress' | 'complete';

export interface StoredInterview {
  caseId: string;
  version: number;
  interview: Interview;
  status: InterviewStatus;
  completedAt: string | null;
  updatedAt: string;
  updatedBy: string;
}

interface Row {
  case_id: string;
  version: number;
  form_id: string;
  form_version: number;
  answers: string;
  status: InterviewStatus;
  completed_at: string | null;
  updated_at: string;
  updated_by: string;
}

function toStored(row: Row, parse = true): StoredInterview {
  const answers = parse ? parseStored(Interview.shape.answers, row.answers, 'interviews', row.case_id, 'answers') : (JSON.parse(row.answers) as Interview['answers']);
  return {
    caseId: row.case_id,
    version: row.version,
    interview: { formId: row.form_id, formVersion: row.form_version, answers },
    status: row.status,
    completedAt: row.completed_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export class InterviewRepository {
  constructor(private readonly db: Database) {}

  find(caseId: string): StoredInterview | null {
    const row = this.db.prepare(`SELECT * FROM interviews WHERE case_id = ?`).get(caseId) as Row | undefined;
    return row ? toStored(row) : null;
  }

  /**
   * Saves over `expectedVersion` (0 when there is no interview yet). A stale version is a conflict
   * naming the current version, and nothing changes.
   */
  save(caseId: string, expectedVersion: number, interview: Interview, status: InterviewStatus, meta: WriteMeta): StoredInterview {
    return this.db.transaction(() => {
      // The row a save replaces is only compared with what is saved, never handed on unless equal to
      // it, so its schema check (1 ms at 300 answers, on every autosave) is not needed here.
      const row = this.db.prepare(`SELECT * FROM interviews WHERE case_id = ?`).get(caseId) as Row | undefined;
      const current = row ? toStored(row, false) : null;
      const changes = diffJson(current?.interview, interview);
      if (current?.status !== status) changes.push({ path: '$.status', ...(current ? { before: current.status } : {}), after: status });
      const completedAt = status === 'complete' ? (current?.status === 'complete' ? current.completedAt : meta.at) : null;
      return saveVersioned(this.db, {
        entity: 'interview',
        id: caseId,
        expectedVersion,
        meta,
        current,
        changes,
        write: (version) =>
          this.db
            .prepare(
              `INSERT INTO interviews (case_id, version, form_id, form_version, answers, status, completed_at, updated_at, updated_by)
               VALUES (@caseId, @version, @formId, @formVersion, @answers, @status, @completedAt, @at, @actor)
               ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, form_id = excluded.form_id, form_version = excluded.form_version,
                 answers = excluded.answers, status = excluded.status, completed_at = excluded.completed_at,
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
            )
            .run({
              caseId,
              version,
              formId: interview.formId,
              formVersion: interview.formVersion,
              answers: JSON.stringify(interview.answers),
              status,
              completedAt,
              at: meta.at,
              actor: meta.actor,
            }),
        written: (version) => ({ caseId, version, interview, status, completedAt, updatedAt: meta.at, updatedBy: meta.actor }),
      });
    }).immediate();
  }
}
