import { auditChanges } from '../../domain/auditChanges';
import { auditRowHash, GENESIS_HASH, type StoredAuditRow } from '../auditChain';
import type { Migration } from './types';

// The audit log becomes a hash chain that keeps no typed text (docs/audit.md). Every row gets the
// hash of the row before it and its own; the changes already stored are rewritten to the
// text-free form first, so the chain is taken over what stays. The append-only trigger is dropped
// for this one rewrite and put back as it was; a new trigger refuses any row without its hash.
// secure_delete is on while the rows are rewritten, so the old text is overwritten in the pages
// it leaves rather than merely marked free (a backup taken before still holds it).
export const migration: Migration = {
  version: 9,
  name: 'audit-chain',
  up(db) {
    const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
    db.pragma('secure_delete = ON');
    try {
      db.exec(`
        DROP TRIGGER audit_is_append_only_update;
        ALTER TABLE audit ADD COLUMN prev_hash TEXT CHECK (prev_hash IS NULL OR (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'));
        ALTER TABLE audit ADD COLUMN hash TEXT CHECK (hash IS NULL OR (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'));
      `);
      const rows = db.prepare(`SELECT id, at, actor, entity, entity_id, action, version, changes FROM audit ORDER BY id`).all() as StoredAuditRow[];
      const update = db.prepare(`UPDATE audit SET changes = @changes, prev_hash = @prev_hash, hash = @hash WHERE id = @id`);
      let prev = GENESIS_HASH;
      for (const row of rows) {
        const chained = { ...row, changes: JSON.stringify(auditChanges(row.entity, JSON.parse(row.changes) as unknown)), prev_hash: prev };
        const hash = auditRowHash(chained);
        update.run({ id: row.id, changes: chained.changes, prev_hash: prev, hash });
        prev = hash;
      }
      db.exec(`
        CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit BEGIN
          SELECT RAISE(ABORT, 'the audit log is append-only');
        END;
        CREATE TRIGGER audit_rows_are_chained BEFORE INSERT ON audit
          WHEN NEW.prev_hash IS NULL OR NEW.hash IS NULL
          BEGIN SELECT RAISE(ABORT, 'an audit row carries the hash of the row before it and its own'); END;
        CREATE UNIQUE INDEX audit_chain_links ON audit (prev_hash);
      `);
    } finally {
      db.pragma(`secure_delete = ${secureDelete}`);
    }
  },
};
