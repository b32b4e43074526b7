import type { Database } from './sqlite';
import { AuditEntry } from '../contract/api';
import type { Change } from '../domain/diff';
import { parseStored } from './stored';

export interface WriteMeta {
  actor: string;
  /** ISO timestamp of the write. */
  at: string;
  /** The page's id for this save, when it sent one (main/store/versioned.ts). */
  saveId?: string | undefined;
}

export interface AuditRow {
  entity: string;
  entityId: string;
  action: string;
  version: number | null;
  changes: Change[];
}

export function appendAudit(db: Database, meta: WriteMeta, row: AuditRow): void {
  db.prepare(
    `INSERT INTO audit (at, actor, entity, entity_id, action, version, changes) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(meta.at, meta.actor, row.entity, row.entityId, row.action, row.version, JSON.stringify(row.changes));
}

export function auditFor(db: Database, entity: string, entityId: string): AuditEntry[] {
  const rows = db
    .prepare(`SELECT id, at, actor, entity, entity_id, action, version, changes FROM audit WHERE entity = ? AND entity_id = ? ORDER BY id`)
    .all(entity, entityId) as Array<{
    id: number;
    at: string;
    actor: string;
    entity: string;
    entity_id: string;
    action: string;
    version: number | null;
    changes: string;
  }>;
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    version: r.version,
    changes: parseStored(AuditEntry.shape.changes, r.changes, 'audit', String(r.id), 'changes'),
  }));
}
