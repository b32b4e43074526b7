import { createHash } from 'node:crypto';
import type { Database } from './sqlite';
import type { AuditChainCheck } from '../contract/audit';

// The audit log as a hash chain (docs/audit.md). Each row carries the SHA-256 of its own content
// and of the row before it (`prev_hash`), so a row edited or removed in the file, by hand or by
// any tool, no longer matches: `verifyAuditChain` names the first row that does not hold. The hash
// has no secret in it: whoever can write the file can also rewrite every hash after the row they
// change. What the chain shows is that nobody edited single rows and left the rest as it was.

/** The `prev_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** A row of the audit table as stored, the columns the hash covers. */
export interface ChainedRow {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: string;
  action: string;
  version: number | null;
  /** The stored JSON text, exactly as in the column: any change to it breaks the hash. */
  changes: string;
  prev_hash: string;
}

/** A row as the audit table stores it, before its place in the chain. */
export type StoredAuditRow = Omit<ChainedRow, 'prev_hash'>;

/**
 * The canonical form a row's hash is taken over: JSON of an object whose keys are written in
 * sorted order, every value a string, a number or null, so the same row always gives the same
 * bytes whatever wrote it. Never change it without a migration that re-hashes every row.
 */
export function canonicalAuditRow(row: ChainedRow): string {
  return JSON.stringify({
    action: row.action,
    actor: row.actor,
    at: row.at,
    changes: row.changes,
    entity: row.entity,
    entity_id: row.entity_id,
    id: row.id,
    prev_hash: row.prev_hash,
    version: row.version,
  });
}

export function auditRowHash(row: ChainedRow): string {
  return createHash('sha256').update(canonicalAuditRow(row), 'utf8').digest('hex');
}

/** Where the next row goes: its id and the hash it follows. Call inside the write's transaction. */
export function nextLink(db: Database): { id: number; prevHash: string } {
  const last = db.prepare(`SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1`).get() as { id: number; hash: string | null } | undefined;
  return { id: (last?.id ?? 0) + 1, prevHash: last ? (last.hash ?? GENESIS_HASH) : GENESIS_HASH };
}

/**
 * Recomputes every row's hash and link, in id order, and names the first row that does not hold:
 * `changed` (its content is not what was hashed), `unlinked` (it does not follow the row before
 * it: a row was removed, or moved), `unchained` (it has no hash at all).
 */
export function verifyAuditChain(db: Database): AuditChainCheck {
  const rows = db.prepare(`SELECT id, at, actor, entity, entity_id, action, version, changes, prev_hash, hash FROM audit ORDER BY id`);
  let expected = GENESIS_HASH;
  let n = 0;
  for (const row of rows.iterate() as IterableIterator<Omit<ChainedRow, 'prev_hash'> & { prev_hash: string | null; hash: string | null }>) {
    if (row.hash === null || row.prev_hash === null) return { ok: false, firstBrokenId: row.id, reason: 'unchained' };
    if (row.prev_hash !== expected) return { ok: false, firstBrokenId: row.id, reason: 'unlinked' };
    if (auditRowHash({ ...row, prev_hash: row.prev_hash }) !== row.hash) return { ok: false, firstBrokenId: row.id, reason: 'changed' };
    expected = row.hash;
    n += 1;
  }
  return { ok: true, rows: n };
}
