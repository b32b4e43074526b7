import { afterEach, describe, expect, it } from 'vitest';
import { auditFor } from '../../main/store/audit';
import { auditRowHash, nextLink, verifyAuditChain } from '../../main/store/auditChain';
import { caseDetails, testCore, type TestCore } from '../support/core';

// The audit is most of a large store's file: each row keeps its changes as compact triples. A row
// written in the earlier form (an array of change objects) reads exactly as it always did, and
// both kinds stay in one unbroken chain.

let core: TestCore;
afterEach(() => core.cleanup());

describe('an audit row as stored', () => {
  it('keeps every change’s field, kind and length in far fewer bytes than the change objects', async () => {
    core = testCore();
    const created = await core.call('cases.create', { details: caseDetails({ caseNumber: 'CR-2026-0500' }) });
    const stored = core.db.prepare(`SELECT changes FROM audit WHERE entity = 'case' AND entity_id = ?`).pluck().get(created.id) as string;
    const [entry] = auditFor(core.db, 'case', created.id);
    expect(entry!.changes).toContainEqual({ path: '$.caseNumber', after: { kind: 'text', length: 12 } });
    expect(entry!.changes).toContainEqual({ path: '$.stage', after: { kind: 'value', value: 'convicted' } });
    expect(stored).not.toContain('CR-2026-0500');
    expect(stored.length).toBeLessThan(JSON.stringify(entry!.changes).length / 2);
  });

  it('reads a row written in the earlier form as it always did, in the same chain', async () => {
    core = testCore();
    const created = await core.call('cases.create', { details: caseDetails({ caseNumber: 'CR-2026-0501' }) });
    const changes = [
      { path: '$.court', before: { kind: 'text', length: 5 }, after: { kind: 'text', length: 9 } },
      { path: '$.charges', after: { kind: 'empty', of: 'list' } },
      { path: '$.reportType', before: { kind: 'value', value: 'full' } },
    ];
    const { id, prevHash } = nextLink(core.db);
    const row = { id, at: '2026-11-20T10:00:00.000Z', actor: 'officer.test', entity: 'case', entity_id: created.id, action: 'update', version: 2, changes: JSON.stringify(changes), prev_hash: prevHash };
    core.db
      .prepare(`INSERT INTO audit (id, at, actor, entity, entity_id, action, version, changes, prev_hash, hash) VALUES (@id, @at, @actor, @entity, @entity_id, @action, @version, @changes, @prev_hash, @hash)`)
      .run({ ...row, hash: auditRowHash(row) });
    await core.call('cases.update', { id: created.id, version: 1, details: caseDetails({ caseNumber: 'CR-2026-0501', court: 'Another court' }) }).catch(() => undefined);
    const entries = auditFor(core.db, 'case', created.id);
    expect(entries.find((e) => e.id === id)?.changes).toEqual(changes);
    expect(verifyAuditChain(core.db)).toMatchObject({ ok: true });
  });
});
