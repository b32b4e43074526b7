import type { Database } from './sqlite';
import { AppError } from '../contract/errors';
import type { Change } from '../domain/diff';
import { appendAudit, type WriteMeta } from './audit';

// The one versioned write every repository uses (docs/ARCHITECTURE.md, the store).
//
// Optimistic concurrency: a save names the version it was typed over. When that is still the
// current version the save is written as version + 1 with one audit row saying what changed; when
// nothing changed, nothing is written. When it is stale the save is a `conflict` naming the
// current version, and nothing is written.
//
// Save ids: a save may carry a `saveId` (1..64 of A-Z a-z 0-9 _ -), chosen by the page for that
// one save. The store records the save id that produced each version. A save whose version is
// stale but whose save id is the one that produced the current version, with the same content,
// is that same save sent again (a reload re-sent a save whose answer it never saw): it succeeds
// with the current version and writes nothing. The same id with other content is still a conflict.

export type VersionedEntity = 'case' | 'interview' | 'proposal' | 'programme' | 'reportText';

/** The table, its key column and its wording, per kind of record. */
const TABLES: Record<VersionedEntity, { table: string; key: string; conflictKey: string; conflict: (current: number, yours: number) => string }> = {
  case: {
    table: 'cases',
    key: 'id',
    conflictKey: 'errors.conflict',
    conflict: (c, y) => `This case was saved by someone else in the meantime (now version ${c}; you edited version ${y}). Nothing was saved.`,
  },
  interview: {
    table: 'interviews',
    key: 'case_id',
    conflictKey: 'errors.interviewConflict',
    conflict: (c, y) => `This interview was saved elsewhere in the meantime (now version ${c}; you edited version ${y}). Nothing was saved.`,
  },
  proposal: {
    table: 'proposals',
    key: 'case_id',
    conflictKey: 'errors.proposalConflict',
    conflict: (c, y) => `This proposal was saved elsewhere in the meantime (now version ${c}; you edited version ${y}). Nothing was saved.`,
  },
  reportText: {
    table: 'report_texts',
    key: 'case_id',
    conflictKey: 'errors.reportTextConflict',
    conflict: (c, y) => `This report text was saved elsewhere in the meantime (now version ${c}; you edited version ${y}). Nothing was saved.`,
  },
  programme: {
    table: 'programmes',
    key: 'id',
    conflictKey: 'errors.programmeConflict',
    conflict: (c, y) => `This programme was changed elsewhere in the meantime (now version ${c}; you edited version ${y}). Nothing was saved.`,
  },
};

export interface VersionedSave<R extends { version: number }> {
  entity: VersionedEntity;
  id: string;
  /** The version the save was typed over; 0 when there is no record yet. */
  expectedVersion: number;
  /** Who saves, when, and the page's id for this save (`meta.saveId`), if it sent one. */
  meta: WriteMeta;
  /** The record as stored now, or null when there is none. */
  current: R | null;
  /** What this save changes against `current`; empty means there is nothing to write. */
  changes: Change[];
  /** Writes the row at `version` (insert or update); the helper records the save id and the audit row. */
  write(version: number): void;
  /** Audit action; default `create` when there is no record yet, `update` otherwise. */
  action?: string;
  /** The record as just written at `version` (built from what was written, or read back). */
  written(version: number): R;
}

/** Runs one versioned save; call inside the repository's transaction. Returns the record as stored. */
export function saveVersioned<R extends { version: number }>(db: Database, save: VersionedSave<R>): R {
  const spec = TABLES[save.entity];
  const saveId = save.meta.saveId;
  const currentVersion = save.current?.version ?? 0;
  if (currentVersion !== save.expectedVersion) {
    if (save.current && saveId !== undefined && save.changes.length === 0 && producedBy(db, save.entity, save.id) === saveId) return save.current;
    throw new AppError('conflict', spec.conflict(currentVersion, save.expectedVersion), {
      path: '$.version',
      currentVersion,
      key: spec.conflictKey,
      params: { current: currentVersion, yours: save.expectedVersion },
    });
  }
  if (save.current && save.changes.length === 0) return save.current;
  const version = currentVersion + 1;
  save.write(version);
  db.prepare(`UPDATE ${spec.table} SET save_id = ? WHERE ${spec.key} = ?`).run(saveId ?? null, save.id);
  appendAudit(db, save.meta, { entity: save.entity, entityId: save.id, action: save.action ?? (save.current ? 'update' : 'create'), version, changes: save.changes });
  return save.written(version);
}

/** The save id that produced the current version of a record, if the save carried one. */
function producedBy(db: Database, entity: VersionedEntity, id: string): string | null {
  const { table, key } = TABLES[entity];
  const row = db.prepare(`SELECT save_id FROM ${table} WHERE ${key} = ?`).get(id) as { save_id: string | null } | undefined;
  return row?.save_id ?? null;
}
