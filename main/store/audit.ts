import type { Database } from './sqlite';
import { AuditEntry } from '../contract/api';
import { auditChanges } from '../domain/auditChanges';
import type { Change } from '../domain/diff';
import { auditRowHash, nextLink, type StoredAuditRow } from './auditChain';
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

/**
 * Appends one audit row, chained to the last one (main/store/auditChain.ts). The changes are kept
 * in the audit's text-free form (main/domain/auditChanges.ts): the field and the kind and size of
 * its value, never the words typed. Every caller writes inside its own transaction, so the row
 * read as the last one is still the last when this one is written; a call outside one gets its own.
 */
export function appendAudit(db: Database, meta: WriteMeta, row: AuditRow): void {
  const write = () => {
    const { id, prevHash } = nextLink(db);
    const stored = {
      id,
      at: meta.at,
      actor: meta.actor,
      entity: row.entity,
      entity_id: row.entityId,
      action: row.action,
      version: row.version,
      changes: JSON.stringify(auditChanges(row.entity, row.changes)),
      prev_hash: prevHash,
    };
    db.prepare(
      `INSERT INTO audit (id, at, actor, entity, entity_id, action, version, changes, prev_hash, hash)
       VALUES (@id, @at, @actor, @entity, @entity_id, @action, @version, @changes, @prev_hash, @hash)`,
    ).run({ ...stored, hash: auditRowHash(stored) });
  };
  if (db.inTransaction) write();
  else db.transaction(write).immediate();
}

export function auditFor(db: Database, entity: string, entityId: string): AuditEntry[] {
  const rows = db
    .prepare(`SELECT id, at, actor, entity, entity_id, action, version, changes FROM audit WHERE entity = ? AND entity_id = ? ORDER BY id`)
    .all(entity, entityId) as StoredAuditRow[];
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
