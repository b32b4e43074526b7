import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../main/api/app';
import { jsonPath } from '../../main/contract/errors';
import type { ReportText } from '../../main/contract/reportText';
import { runCli } from '../../main/doors/cli';
import { auditFor } from '../../main/store/audit';
import { auditRowHash, verifyAuditChain } from '../../main/store/auditChain';
import { openDatabase } from '../../main/store/connection';
import { PeopleRepository } from '../../main/store/people';
import { womanWithTwoDependants } from '../fixtures/interviews';
import { tempDir, testCore, TODAY, type TestCore } from '../support/core';
import { cli } from '../support/doors';

// The audit log is a hash chain that keeps no typed text (docs/audit.md): each row is hashed with
// the row before it, so a row edited or removed in the file is named by `psr audit verify` and by
// audit.verify; and a row says which field changed and how long it was, never what was typed.

let core: TestCore;
const dirs: string[] = [];
beforeEach(() => {
  core = testCore();
});
afterEach(() => {
  core.cleanup();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const REPORT_SENTENCE = 'Mrs Okafor told me plainly that the theft was to feed her son, and I believe her.';

/** A case with its interview, its report text and its author: every kind of audited write. */
async function storeWithTypedText() {
  const fixture = womanWithTwoDependants();
  const record = await core.call('cases.create', { details: fixture.details });
  await core.call('interview.save', { caseId: record.id, version: 0, interview: fixture.interview });
  const { sections } = await core.call('reportText.get', { caseId: record.id });
  const text: ReportText = { sections: Object.fromEntries(sections.filter((s) => s.applies).map((s) => [s.id, { text: `${REPORT_SENTENCE} (${s.id})` }])), acknowledgements: [] };
  await core.call('reportText.save', { caseId: record.id, version: 0, text, saveId: 'first' });
  const rewritten = Object.keys(text.sections)[0]!;
  await core.call('reportText.save', { caseId: record.id, version: 1, text: { ...text, sections: { ...text.sections, [rewritten]: { text: 'A community order, for the reasons above.' } } }, saveId: 'second' });
  return { record, fixture, rewritten };
}

/** Opens the store's file with no app in between, as someone editing it by hand would. */
function tamper(sql: string): void {
  const db = new BetterSqlite3(path.join(core.dataDir, DB_FILE_NAME));
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

const auditIds = () => core.db.prepare('SELECT id FROM audit ORDER BY id').pluck().all() as number[];

describe('the audit log as a hash chain', () => {
  it('verifies on a fresh store and after every kind of write, through the API and the command line', async () => {
    expect(await core.call('audit.verify', {})).toEqual({ ok: true, rows: 1 }); // the store's first person
    await storeWithTypedText();
    const rows = auditIds().length;
    expect(rows).toBeGreaterThan(4);
    expect(await core.call('audit.verify', {})).toEqual({ ok: true, rows });
    const human = await cli(core, 'audit', 'verify');
    expect(human).toEqual({ code: 0, out: `INTACT: the audit log's ${rows} rows are as they were written: every hash and every link checked.\n`, err: '' });
    const json = await cli(core, '--json', 'audit', 'verify');
    expect(JSON.parse(json.out)).toEqual({ ok: true, rows });
  });

  it('names exactly the row whose actor was changed in the file, and exits 1', async () => {
    await storeWithTypedText();
    const edited = auditIds()[2]!;
    tamper(`DROP TRIGGER audit_is_append_only_update; UPDATE audit SET actor = 'someone else' WHERE id = ${edited}`);

    const human = await cli(core, 'audit', 'verify');
    expect(human.code).toBe(1);
    expect(human.out).toBe(`BROKEN: audit row ${edited} is not what was written: its content no longer matches its hash.\n`);
    const json = await cli(core, '--json', 'audit', 'verify');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toEqual({ ok: false, firstBrokenId: edited, reason: 'changed' });
    expect(await core.call('audit.verify', {})).toEqual({ ok: false, firstBrokenId: edited, reason: 'changed' });
  });

  it('names exactly the row whose changes were rewritten in the file', async () => {
    await storeWithTypedText();
    const edited = auditIds().at(-2)!;
    tamper(`DROP TRIGGER audit_is_append_only_update; UPDATE audit SET changes = '[{"path":"$.nothing"}]' WHERE id = ${edited}`);
    expect(await core.call('audit.verify', {})).toEqual({ ok: false, firstBrokenId: edited, reason: 'changed' });
    expect((await cli(core, 'audit', 'verify')).out).toContain(`audit row ${edited} `);
  });

  it('finds a deleted row at the row that followed it', async () => {
    await storeWithTypedText();
    const [, second, third] = auditIds() as [number, number, number];
    tamper(`DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit WHERE id = ${second}`);
    expect(await core.call('audit.verify', {})).toEqual({ ok: false, firstBrokenId: third, reason: 'unlinked' });
    const human = await cli(core, 'audit', 'verify');
    expect(human).toMatchObject({ code: 1, out: `BROKEN: audit row ${third} does not follow the row before it: a row before it was removed or replaced.\n` });
  });

  it('finds a deleted first row at the row that is now first', async () => {
    await storeWithTypedText();
    const [first, second] = auditIds() as [number, number];
    tamper(`DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit WHERE id = ${first}`);
    expect(await core.call('audit.verify', {})).toEqual({ ok: false, firstBrokenId: second, reason: 'unlinked' });
  });

  it('finds an edited row whose own hash was recomputed at the next row, but cannot tell a chain rewritten to its end', async () => {
    await storeWithTypedText();
    const ids = auditIds();
    const edited = ids[1]!;
    const rehash = (from: number) => {
      const db = new BetterSqlite3(path.join(core.dataDir, DB_FILE_NAME));
      db.exec(`DROP TRIGGER IF EXISTS audit_is_append_only_update`);
      db.prepare(`UPDATE audit SET actor = 'someone else' WHERE id = ?`).run(edited);
      // The chain's hash has no secret: anyone who can write the file can recompute it.
      const rows = db.prepare(`SELECT * FROM audit WHERE id >= ? ORDER BY id`).all(edited) as Array<Parameters<typeof auditRowHash>[0] & { hash: string }>;
      let prev = rows[0]!.prev_hash;
      for (const row of rows.filter((r) => r.id <= from)) {
        const hash = auditRowHash({ ...row, prev_hash: prev });
        db.prepare(`UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?`).run(prev, hash, row.id);
        prev = hash;
      }
      db.close();
    };
    rehash(edited);
    expect(await core.call('audit.verify', {})).toEqual({ ok: false, firstBrokenId: ids[2], reason: 'unlinked' });
    rehash(ids.at(-1)!);
    expect(await core.call('audit.verify', {})).toEqual({ ok: true, rows: ids.length });
  });

  it('names a row added by hand without a hash, and the store itself refuses to add one', async () => {
    await storeWithTypedText();
    expect(() => core.db.prepare(`INSERT INTO audit (at, actor, entity, entity_id, action, version, changes) VALUES ('t', 'u', 'case', 'a', 'create', 1, '[]')`).run()).toThrow(/hash/);
    tamper(`DROP TRIGGER audit_rows_are_chained; INSERT INTO audit (at, actor, entity, entity_id, action, version, changes) VALUES ('t', 'u', 'case', 'a', 'create', 1, '[]')`);
    expect(await core.call('audit.verify', {})).toEqual({ ok: false, firstBrokenId: auditIds().at(-1), reason: 'unchained' });
  });
});

describe('what the audit log keeps of a save', () => {
  it('holds none of the interview answers, report text, names or addresses typed, only which field changed and its length', async () => {
    const { record, fixture, rewritten } = await storeWithTypedText();
    const typed = [
      'She says she took baby formula because her benefit had been stopped.',
      'Quillon Marbery',
      'Tobiah',
      'Riverside GP surgery',
      'Nobody in the family',
      REPORT_SENTENCE,
      'A community order, for the reasons above.',
      fixture.details.person.familyName,
      fixture.details.person.givenNames,
      fixture.details.charges[0]!.offence,
      fixture.details.court,
      fixture.details.caseNumber,
      fixture.details.person.dateOfBirth,
    ];
    const everything = JSON.stringify(core.db.prepare('SELECT * FROM audit').all());
    for (const text of typed) expect(everything, text).not.toContain(text);

    // What it does keep: the field, the kind and length of each side, and the values that are no one's words.
    const [created] = auditFor(core.db, 'case', record.id);
    expect(created!.changes).toContainEqual({ path: '$.person.familyName', after: { kind: 'text', length: 'Okafor'.length } });
    expect(created!.changes).toContainEqual({ path: '$.reportDueDate', after: { kind: 'value', value: '2026-12-15' } });
    expect(created!.changes).toContainEqual({ path: '$.charges[0].plea', after: { kind: 'value', value: 'guilty' } });
    const texts = auditFor(core.db, 'reportText', record.id);
    expect(texts[1]!.changes).toEqual([{ path: jsonPath(['sections', rewritten, 'text']), before: { kind: 'text', length: `${REPORT_SENTENCE} (${rewritten})`.length }, after: { kind: 'text', length: 41 } }]);
    const [interview] = auditFor(core.db, 'interview', record.id);
    expect(interview!.changes).toContainEqual({ path: '$.answers["finance.monthlyIncome"].value', after: { kind: 'value', value: 950 } });
    expect(interview!.changes).toContainEqual({ path: '$.answers["history.hasPreviousConvictions"].value', after: { kind: 'value', value: true } });
  });
});

describe('a store from before the chain (schema 8)', () => {
  it('is migrated to a text-free audit log that verifies, and later writes continue the chain', async () => {
    const dataDir = tempDir('psr-audit-old-');
    dirs.push(dataDir);
    const file = path.join(dataDir, DB_FILE_NAME);
    const old = openDatabase(file, { targetVersion: 8 });
    const insert = old.prepare(`INSERT INTO audit (at, actor, entity, entity_id, action, version, changes) VALUES (?, 'officer.old', ?, ?, ?, ?, ?)`);
    insert.run('2026-01-01T09:00:00.000Z', 'person', 'p1', 'create', 1, JSON.stringify([{ path: '$', after: { fullName: 'Grace Mensah', role: 'screener', team: 'Outreach North', service: 'Hope Community Trust' } }]));
    insert.run('2026-01-02T09:00:00.000Z', 'case', 'c1', 'create', 1, JSON.stringify([{ path: '$.person.familyName', after: 'Okafor' }, { path: '$.stage', after: 'convicted' }]));
    insert.run('2026-01-03T09:00:00.000Z', 'case', 'c1', 'update', 2, JSON.stringify([{ path: '$.charges[0].offence', before: 'Theft from a shop', after: 'Theft of baby formula from a shop' }]));
    insert.run('2026-01-04T09:00:00.000Z', 'interview', 'c1', 'create', 1, JSON.stringify([{ path: '$.answers["offence.ownAccount"].value', after: 'She says she took it because her benefit had been stopped.' }]));
    insert.run('2026-01-05T09:00:00.000Z', 'reportVersion', 'c1', 'amend', 2, JSON.stringify([{ path: '$.state', after: 'draft' }, { path: '$.amends', after: { number: 1, reason: 'The court asked about her son.' } }]));
    insert.run('2026-01-06T09:00:00.000Z', 'case', 'c1', 'odd', null, JSON.stringify({ not: 'a list, written by hand' }));
    old.close();

    const db = openDatabase(file);
    const everything = JSON.stringify(db.prepare('SELECT * FROM audit').all());
    for (const text of ['Grace Mensah', 'Outreach North', 'Hope Community Trust', 'Okafor', 'Theft', 'baby formula', 'benefit', 'her son', 'written by hand']) expect(everything, text).not.toContain(text);
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 6 });
    expect(auditFor(db, 'person', 'p1')[0]!.changes).toEqual([
      { path: '$.fullName', after: { kind: 'text', length: 12 } },
      { path: '$.role', after: { kind: 'value', value: 'screener' } },
      { path: '$.service', after: { kind: 'text', length: 20 } },
      { path: '$.team', after: { kind: 'text', length: 14 } },
    ]);
    expect(auditFor(db, 'case', 'c1').map((e) => e.changes)).toEqual([
      [
        { path: '$.person.familyName', after: { kind: 'text', length: 6 } },
        { path: '$.stage', after: { kind: 'value', value: 'convicted' } },
      ],
      [{ path: '$.charges[0].offence', before: { kind: 'text', length: 17 }, after: { kind: 'text', length: 33 } }],
      [{ path: '$.not', after: { kind: 'text', length: 23 } }],
    ]);
    expect(auditFor(db, 'reportVersion', 'c1')[0]!.changes).toEqual([
      { path: '$.state', after: { kind: 'value', value: 'draft' } },
      { path: '$.amends.number', after: { kind: 'value', value: 1 } },
      { path: '$.amends.reason', after: { kind: 'text', length: 30 } },
    ]);
    // The log is append-only again once the migration has rewritten it.
    expect(() => db.prepare(`UPDATE audit SET actor = 'someone else'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM audit`).run()).toThrow(/append-only/);

    new PeopleRepository(db).add({ fullName: 'Officer New', role: 'probation_officer', team: 'North', service: 'Probation' }, { actor: 'officer.new', at: TODAY.toISOString() });
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 7 });
    db.close();

    let out = '';
    const code = await runCli(['--data-dir', dataDir, '--as', 'Officer New', 'audit', 'verify'], { out: (t) => (out += t), err: () => undefined });
    expect({ code, out }).toEqual({ code: 0, out: "INTACT: the audit log's 7 rows are as they were written: every hash and every link checked.\n" });
  });
});
