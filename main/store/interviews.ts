import type { Database } from 'better-sqlite3';
import { AppError } from '../contract/errors';
import type { Interview } from '../contract/interview';
import { diffJson } from '../domain/diff';
import { appendAudit, type WriteMeta } from './audit';

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

function toStored(row: Row): StoredInterview {
  return {
    caseId: row.case_id,
    version: row.version,
    interview: { formId: row.form_id, formVersion: row.form_version, answers: JSON.parse(row.answers) as Interview['answers'] },
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
      const current = this.find(caseId);
      const currentVersion = current?.version ?? 0;
      if (currentVersion !== expectedVersion) {
        throw new AppError(
          'conflict',
          `This interview was saved elsewhere in the meantime (now version ${currentVersion}; you edited version ${expectedVersion}). Nothing was saved.`,
          { path: '$.version', currentVersion, key: 'errors.interviewConflict', params: { current: currentVersion, yours: expectedVersion } },
        );
      }
      const changes = diffJson(current?.interview, interview);
      if (current && changes.length === 0 && current.status === status) return current;
      const version = currentVersion + 1;
      const completedAt = status === 'complete' ? (current?.status === 'complete' ? current.completedAt : meta.at) : null;
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
        });
      if (current?.status !== status) changes.push({ path: '$.status', ...(current ? { before: current.status } : {}), after: status });
      appendAudit(this.db, meta, { entity: 'interview', entityId: caseId, action: current ? 'update' : 'create', version, changes });
      return this.find(caseId) as StoredInterview;
    }).immediate();
  }
}
