import type { Database } from './sqlite';
import { z } from 'zod';
import { AuditEntry } from '../contract/api';
import type { AuditChange, AuditValue } from '../contract/audit';
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
      changes: encodeChanges(auditChanges(row.entity, row.changes)),
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

// How a row's changes are stored: one [path, before, after] triple per change, a value written
// as its length (text), [the value] (a value that is not free text), {"e": "list" | "record"} (an
// empty one) or null (absent). The change's record, in a third of the bytes of the same objects
// written out: the audit is most of a large store's file. Rows written before this form (an array
// of { path, before, after } objects) read as they always did.

type StoredValue = number | [Extract<AuditValue, { kind: 'value' }>['value']] | { e: 'list' | 'record' } | null;

function encodeValue(v: AuditValue | undefined): StoredValue {
  if (v === undefined) return null;
  if (v.kind === 'text') return v.length;
  if (v.kind === 'value') return [v.value];
  return { e: v.of };
}

function decodeValue(v: unknown): unknown {
  if (v === null) return undefined;
  if (typeof v === 'number') return { kind: 'text', length: v };
  if (Array.isArray(v) && v.length === 1) return { kind: 'value', value: v[0] };
  if (v && typeof v === 'object' && 'e' in v) return { kind: 'empty', of: (v as { e: unknown }).e };
  return v; // not this form: the schema names what is wrong
}

export function encodeChanges(changes: AuditChange[]): string {
  return JSON.stringify(changes.map((c) => [c.path, encodeValue(c.before), encodeValue(c.after)]));
}

/** The stored changes, in either form, as the contract's change records. */
const StoredChanges = z.preprocess(
  (raw) =>
    Array.isArray(raw)
      ? raw.map((c: unknown) => {
          if (!Array.isArray(c) || c.length !== 3) return c;
          const [path, before, after] = c as [unknown, unknown, unknown];
          const b = decodeValue(before);
          const a = decodeValue(after);
          return { path, ...(b !== undefined ? { before: b } : {}), ...(a !== undefined ? { after: a } : {}) };
        })
      : raw,
  AuditEntry.shape.changes,
);

/** A row's stored changes, in either form, as change records (tests and tools reading the column). */
export function readStoredChanges(text: string): AuditChange[] {
  return parseStored(StoredChanges, text, 'audit', '?', 'changes');
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
    changes: parseStored(StoredChanges, r.changes, 'audit', String(r.id), 'changes'),
  }));
}
