import { randomUUID } from 'node:crypto';
import type { Database } from './sqlite';
import { AppError } from '../contract/errors';
import { ProgrammeDetails } from '../contract/options';
import type { ProgrammeRecord } from '../contract/optionsApi';
import { diffJson } from '../domain/diff';
import type { WriteMeta } from './audit';
import { parseStored } from './stored';
import { saveVersioned } from './versioned';

// Local programmes. Versioned like cases: a stale version is a conflict naming the
// current one and nothing changes. Retiring keeps the row (and its details) readable for the
// reports that proposed it; every write is audited with what changed.

interface Row {
  id: string;
  version: number;
  details: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

function toRecord(row: Row): ProgrammeRecord {
  return {
    id: row.id,
    ...parseStored(ProgrammeDetails, row.details, 'programmes', row.id, 'details'),
    version: row.version,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function detailsOf(record: ProgrammeDetails & { id?: string; version?: number; createdAt?: string; createdBy?: string; updatedAt?: string; updatedBy?: string }): ProgrammeDetails {
  const { id: _id, version: _v, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...details } = record;
  return details;
}

export class ProgrammeRepository {
  constructor(private readonly db: Database) {}

  /** Every programme, retired ones included when asked (old reports still name them), by name. */
  list(includeRetired = true): ProgrammeRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM programmes ${includeRetired ? '' : 'WHERE retired = 0'} ORDER BY retired, name COLLATE NOCASE, id`)
      .all() as Row[];
    return rows.map(toRecord);
  }

  find(id: string): ProgrammeRecord | null {
    const row = this.db.prepare(`SELECT * FROM programmes WHERE id = ?`).get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  get(id: string): ProgrammeRecord {
    const found = this.find(id);
    if (!found) throw new AppError('not_found', `There is no programme with id ${id}.`, { path: '$.id', key: 'errors.programmeNotFound', params: { id } });
    return found;
  }

  create(details: ProgrammeDetails, meta: WriteMeta, id: string = randomUUID()): ProgrammeRecord {
    return this.db.transaction(() =>
      saveVersioned(this.db, {
        entity: 'programme',
        id,
        expectedVersion: 0,
        meta,
        current: null,
        changes: diffJson(undefined, details),
        write: (version) =>
          this.db
            .prepare(
              `INSERT INTO programmes (id, version, name, kind, details, retired, created_at, created_by, updated_at, updated_by)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(id, version, details.name, details.kind, JSON.stringify(details), details.retired ? 1 : 0, meta.at, meta.actor, meta.at, meta.actor),
        written: () => this.get(id),
      }),
    ).immediate();
  }

  /** Saves over `expectedVersion`; a stale version is a conflict naming the current one. */
  update(id: string, expectedVersion: number, details: ProgrammeDetails, meta: WriteMeta, action = 'update'): ProgrammeRecord {
    return this.db.transaction(() => {
      const current = this.get(id);
      return saveVersioned(this.db, {
        entity: 'programme',
        id,
        expectedVersion,
        meta,
        current,
        changes: diffJson(detailsOf(current), details),
        action,
        write: (version) =>
          this.db
            .prepare(`UPDATE programmes SET version = ?, name = ?, kind = ?, details = ?, retired = ?, updated_at = ?, updated_by = ? WHERE id = ?`)
            .run(version, details.name, details.kind, JSON.stringify(details), details.retired ? 1 : 0, meta.at, meta.actor, id),
        written: () => this.get(id),
      });
    }).immediate();
  }

  retire(id: string, expectedVersion: number, meta: WriteMeta): ProgrammeRecord {
    const current = this.get(id);
    return this.update(id, expectedVersion, { ...detailsOf(current), retired: true }, meta, 'retire');
  }
}
