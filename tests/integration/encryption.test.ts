import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openCore } from '../../main/api/app';
import { gatedDispatch, refusalDelay, StoreGate } from '../../main/api/gate';
import type { DoorSession } from '../../main/api/types';
import { AppError } from '../../main/contract/errors';
import { runCli } from '../../main/doors/cli';
import { registerIpcDoor, type IpcInvokeEvent } from '../../main/doors/electron-ipc';
import { startBrowserServer, TOKEN_HEADER } from '../../main/doors/http';
import { listBackups } from '../../main/store/backup';
import { hasKeyring } from '../../main/store/keyringFile';
import { isPlaintextFile, openSqlite } from '../../main/store/sqlite';
import { caseDetails, tempDir, testCore, TODAY } from '../support/core';

// Encryption at rest and sign-in (docs/encryption-at-rest.md). Small scrypt parameters keep the
// tests quick; the product's are in main/store/keyring.ts.
const FAST = { N: 2 ** 10, r: 8, p: 1 } as const;
const PASS = 'amber lantern harbour';
const NAME = 'Zanele Quartermaine';
const SECRET_ANSWER = 'Xylophonist-Marguerite-Okonkwo';
const officer = { fullName: 'Officer Ingrid Vasquez', role: 'probation_officer', team: '', service: '' } as const;

const dirs: string[] = [];
const gates: StoreGate[] = [];
afterEach(() => {
  for (const g of gates.splice(0)) g.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function newGate(dataDir: string, extra: Partial<ConstructorParameters<typeof StoreGate>[0]> = {}): StoreGate {
  const gate = new StoreGate({ dataDir, kdfCost: FAST, now: () => TODAY, checkOutput: true, logger: { error: () => undefined }, wait: async () => undefined, ...extra });
  gates.push(gate);
  return gate;
}

function folder(): string {
  const dir = tempDir('psr-enc-');
  dirs.push(dir);
  return dir;
}

/** The store key the gate holds, for a test that opens a backup itself. */
function storeKeyOf(gate: StoreGate): Buffer {
  return (gate as unknown as { storeKey: Buffer }).storeKey;
}

/** Every printable run of 4+ bytes in a file, as `strings` shows them. */
function strings(file: string): string {
  return (fs.readFileSync(file).toString('latin1').match(/[\x20-\x7e]{4,}/g) ?? []).join('\n');
}

async function encryptedStoreWithCase(dataDir: string) {
  const gate = newGate(dataDir);
  const session: DoorSession = { personId: null };
  const me = await gate.setUp(session, { passphrase: PASS, details: { ...officer, role: 'senior_probation_officer' } });
  const core = gate.core!;
  const ctx = { actor: me.fullName, door: 'cli' as const, session };
  const created = await core.dispatch('cases.create', { details: caseDetails({ person: { givenNames: 'Zanele', familyName: 'Quartermaine' } }) }, ctx);
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const id = (created.value as { id: string }).id;
  const opened = await core.dispatch('interview.open', { caseId: id }, ctx);
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  return { gate, core, session, ctx, caseId: id };
}

describe('an encrypted store', () => {
  it('shows no name or answer to `strings`: not in the database, not in its WAL, not in a backup', async () => {
    const dataDir = folder();
    const { core, ctx, caseId } = await encryptedStoreWithCase(dataDir);
    const got0 = (await core.dispatch('cases.get', { id: caseId }, ctx)) as { ok: true; value: { version: number; details: ReturnType<typeof caseDetails> } };
    const details = { ...got0.value.details, charges: [{ offence: `Theft of a ${SECRET_ANSWER}`, offenceDate: '2026-08-02', plea: 'guilty' as const }] };
    const saved = await core.dispatch('cases.update', { id: caseId, version: got0.value.version, details }, ctx);
    expect(saved).toMatchObject({ ok: true });
    const backup = await core.dispatch('store.backupNow', {}, ctx);
    expect(backup.ok).toBe(true);
    const db = path.join(dataDir, DB_FILE_NAME);
    // The WAL holds the latest writes until a checkpoint: read it while the store is open.
    const files = [db, `${db}-wal`, ...listBackups(dataDir).map((b) => b.path)].filter((f) => fs.existsSync(f) && fs.statSync(f).size > 0);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const text = strings(file);
      expect(text, file).not.toContain('Quartermaine');
      expect(text, file).not.toContain(SECRET_ANSWER);
      expect(text, file).not.toContain('SQLite format 3');
    }
    // And the store itself still reads them back to the person signed in.
    const got = await core.dispatch('cases.get', { id: caseId }, ctx);
    expect(got.ok && (got.value as { details: { person: { familyName: string } } }).details.person.familyName).toBe('Quartermaine');
  });

  it('opens nothing for a wrong passphrase, a wrong key or no key, and says which field', async () => {
    const dataDir = folder();
    const { gate, core } = await encryptedStoreWithCase(dataDir);
    const personId = gate.state().people[0]!.id;
    gate.close();
    const again = newGate(dataDir);
    const session: DoorSession = { personId: null };
    const refused = await again.signIn(session, personId, 'amber lantern harbouR').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('locked');
    expect((refused as AppError).details.path).toBe('$.passphrase');
    expect(again.core).toBeNull();
    expect(session.personId).toBeNull();
    // Without the keyring's key, the file does not open at all: not as empty, not as damaged.
    expect(() => openCore({ dataDir })).toThrow(/encrypted/);
    try {
      openCore({ dataDir, key: randomBytes(32) });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('locked');
    }
    expect(isPlaintextFile(core.dbFile)).toBe(false);
  });

  it('answers each wrong passphrase in a row after a longer wait, and writes every attempt to the audit', async () => {
    const dataDir = folder();
    const first = await encryptedStoreWithCase(dataDir);
    const personId = first.gate.state().people[0]!.id;
    first.gate.close();
    const waits: number[] = [];
    const gate = newGate(dataDir, { wait: async (ms) => void waits.push(ms) });
    const session: DoorSession = { personId: null };
    for (let i = 0; i < 4; i++) await gate.signIn(session, personId, `wrong guess ${i}`).catch(() => undefined);
    await gate.signIn(session, personId, PASS);
    expect(waits).toEqual([refusalDelay(1), refusalDelay(2), refusalDelay(3), refusalDelay(4)]);
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
    const rows = gate.core!.db.prepare(`SELECT action, actor FROM audit WHERE entity = 'session' ORDER BY id`).all() as Array<{ action: string; actor: string }>;
    expect(rows.map((r) => r.action)).toEqual(['sign_in', 'sign_in_refused', 'sign_in_refused', 'sign_in_refused', 'sign_in_refused', 'sign_in']);
    // The audit never holds a passphrase, right or wrong.
    const all = JSON.stringify(gate.core!.db.prepare('SELECT * FROM audit').all());
    expect(all).not.toContain('wrong guess');
    expect(all).not.toContain(PASS);
  });

  it('keeps the wait and the unaudited refusals across processes, so starting psr again for each guess gains nothing', async () => {
    const dataDir = folder();
    const first = await encryptedStoreWithCase(dataDir);
    const personId = first.gate.state().people[0]!.id;
    first.gate.close();
    const one = newGate(dataDir);
    for (let i = 0; i < 2; i++) await one.signIn({ personId: null }, personId, `guess in process one ${i}`).catch(() => undefined);
    one.close();
    const waits: number[] = [];
    const two = newGate(dataDir, { wait: async (ms) => void waits.push(ms) });
    await two.signIn({ personId: null }, personId, PASS);
    expect(waits).toEqual([refusalDelay(2)]);
    const actions = (two.core!.db.prepare(`SELECT action FROM audit WHERE entity = 'session' ORDER BY id`).all() as Array<{ action: string }>).map((r) => r.action);
    expect(actions).toEqual(['sign_in', 'sign_in_refused', 'sign_in_refused', 'sign_in']);
    expect(fs.existsSync(path.join(dataDir, 'psr.attempts.json'))).toBe(false);
  });

  it('binds every session to the person who signed in: a session no one signed in to is refused, and no one can be chosen', async () => {
    const dataDir = folder();
    const { gate, core, ctx } = await encryptedStoreWithCase(dataDir);
    const other: DoorSession = { personId: null };
    const dispatch = gatedDispatch(gate, () => 10);
    const list = await dispatch('cases.list', {}, { actor: 'x', door: 'http', session: other });
    expect(list).toMatchObject({ ok: false, error: { code: 'locked', key: 'errors.signInFirst' } });
    const me = ctx.session.personId!;
    const chosen = await dispatch('session.choose', { personId: me }, { actor: 'x', door: 'http', session: other });
    expect(chosen.ok).toBe(false);
    expect(other.personId).toBeNull();
    // The audit's "who" is the person signed in, not the operating-system user.
    const row = core.db.prepare(`SELECT actor FROM audit WHERE entity = 'case' ORDER BY id DESC LIMIT 1`).get() as { actor: string };
    expect(row.actor).toBe(officer.fullName);
  });

  it('lets a screener sign in and still refuses them countersigning, at the IPC, HTTP and CLI doors alike', async () => {
    const dataDir = folder();
    const { gate, ctx, caseId } = await encryptedStoreWithCase(dataDir);
    const added = await gate.core!.dispatch('people.add', { details: { fullName: 'Screener Tomasz', role: 'screener', team: '', service: '' }, passphrase: 'screener passphrase one' }, ctx);
    expect(added.ok).toBe(true);
    const screenerId = (added as { value: { id: string } }).value.id;
    const dispatch = gatedDispatch(gate, () => 10);

    let listener: ((event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>) | null = null;
    registerIpcDoor({ handle: (_c, l) => (listener = l) }, dispatch, 'os-user');
    const ipc = (m: string, i: unknown) => listener!({ senderFrame: { url: 'app://psr/index.html' } }, m, i) as Promise<{ ok: boolean; error?: { code: string } }>;
    expect((await ipc('session.signIn', { personId: screenerId, passphrase: 'screener passphrase one' })).ok).toBe(true);
    expect(await ipc('report.countersign', { caseId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const staticDir = folder();
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
    const server = await startBrowserServer({ dispatch, actor: 'os-user', staticDir });
    try {
      const post = async (m: string, body: unknown) =>
        (await (await fetch(`http://127.0.0.1:${server.port}/api/${m}`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token }, body: JSON.stringify(body) })).json()) as { ok: boolean; error?: { code: string } };
      expect(await post('report.countersign', { caseId })).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect((await post('session.signIn', { personId: screenerId, passphrase: 'screener passphrase one' })).ok).toBe(true);
      expect(await post('report.countersign', { caseId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      await server.close();
    }
    gate.close();

    let err = '';
    const before = process.env.PSR_PASSPHRASE;
    process.env.PSR_PASSPHRASE = 'screener passphrase one';
    try {
      const code = await runCli(['--data-dir', dataDir, '--as', 'Screener Tomasz', 'report', 'countersign', caseId], { out: () => undefined, err: (t) => (err += t) });
      expect(code).toBe(1);
      expect(err).toMatch(/senior/i);
    } finally {
      if (before === undefined) delete process.env.PSR_PASSPHRASE;
      else process.env.PSR_PASSPHRASE = before;
    }
  });

  it('lets a second person recover the store with their own passphrase', async () => {
    const dataDir = folder();
    const { gate, ctx } = await encryptedStoreWithCase(dataDir);
    const added = await gate.core!.dispatch('people.add', { details: { fullName: 'Senior Officer Abebe', role: 'senior_probation_officer', team: '', service: '' }, passphrase: 'second person passphrase' }, ctx);
    const seniorId = (added as { value: { id: string } }).value.id;
    gate.close();
    const again = newGate(dataDir);
    const person = await again.signIn({ personId: null }, seniorId, 'second person passphrase');
    expect(person.fullName).toBe('Senior Officer Abebe');
    const cases = await again.core!.dispatch('cases.list', {}, { actor: 'x', door: 'cli', session: { personId: seniorId } });
    expect(cases).toMatchObject({ ok: true, value: { total: 1 } });
  });
});

describe('changing and resetting passphrases', () => {
  it('changes one’s own passphrase only with the current one, without re-encrypting the store, and audits it', async () => {
    const dataDir = folder();
    const { gate, session, core } = await encryptedStoreWithCase(dataDir);
    const db = path.join(dataDir, DB_FILE_NAME);
    const before = fs.readFileSync(db);
    const dispatch = gatedDispatch(gate, () => 10);
    const ctx = { actor: 'x', door: 'http' as const, session };
    const wrong = await dispatch('session.changePassphrase', { current: 'not my passphrase', next: 'a brand new passphrase' }, ctx);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'locked', path: '$.current' } });
    const short = await dispatch('session.changePassphrase', { current: PASS, next: 'short' }, ctx);
    expect(short).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('session.changePassphrase', { current: PASS, next: 'a brand new passphrase' }, ctx)).toMatchObject({ ok: true });
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    // The store's pages are the same key's: nothing was re-encrypted (only new pages were written).
    expect(fs.readFileSync(db).subarray(0, 16)).toEqual(before.subarray(0, 16));
    const personId = session.personId!;
    const actions = (core.db.prepare(`SELECT action FROM audit WHERE entity_id = ? ORDER BY id`).all(personId) as Array<{ action: string }>).map((r) => r.action);
    expect(actions).toContain('change_passphrase');
    gate.close();
    const again = newGate(dataDir);
    await expect(again.signIn({ personId: null }, personId, PASS)).rejects.toThrow(AppError);
    await expect(again.signIn({ personId: null }, personId, 'a brand new passphrase')).resolves.toMatchObject({ id: personId });
  });

  it('lets an administrator, and only an administrator, give someone a new passphrase', async () => {
    const dataDir = folder();
    const gate = newGate(dataDir);
    const session: DoorSession = { personId: null };
    await gate.setUp(session, { passphrase: PASS, details: { ...officer, fullName: 'Admin Ama', role: 'administrator' } });
    const core = gate.core!;
    const ctx = { actor: 'x', door: 'cli' as const, session };
    const added = (await core.dispatch('people.add', { details: { ...officer }, passphrase: 'first passphrase given' }, ctx)) as { ok: true; value: { id: string } };
    const officerSession: DoorSession = { personId: null };
    await gate.signIn(officerSession, added.value.id, 'first passphrase given');
    const refused = await core.dispatch('people.resetPassphrase', { personId: session.personId!, passphrase: 'taking over the admin' }, { actor: 'x', door: 'cli', session: officerSession });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.dispatch('people.resetPassphrase', { personId: added.value.id, passphrase: 'a reset passphrase' }, ctx)).toMatchObject({ ok: true });
    await expect(gate.signIn({ personId: null }, added.value.id, 'a reset passphrase')).resolves.toMatchObject({ fullName: officer.fullName });
  });
});

describe('erasing a case from an encrypted store', () => {
  it('removes it from the store and from the encrypted backups, which open only under the store key', async () => {
    const dataDir = folder();
    let clock = TODAY;
    const gate = newGate(dataDir, { now: () => clock });
    const session: DoorSession = { personId: null };
    const me = await gate.setUp(session, { passphrase: PASS, details: { ...officer, role: 'senior_probation_officer' } });
    const core = gate.core!;
    const ctx = { actor: me.fullName, door: 'cli' as const, session };
    const created = (await core.dispatch('cases.create', { details: caseDetails({ caseNumber: 'CR-2026-0777' }) }, ctx)) as { ok: true; value: { id: string } };
    const caseId = created.value.id;
    expect(await core.dispatch('cases.close', { caseId, reason: 'withdrawn' }, ctx)).toMatchObject({ ok: true });
    // A backup made inside the retention period, still holding the case.
    clock = new Date(TODAY.getTime() + 2000 * 86_400_000);
    expect(await core.dispatch('store.backupNow', {}, ctx)).toMatchObject({ ok: true });
    clock = new Date(TODAY.getTime() + 2200 * 86_400_000);
    const erased = await core.dispatch('cases.erase', { caseId, confirm: 'CR-2026-0777' }, ctx);
    expect(erased).toMatchObject({ ok: true, value: { backupsFailed: [] } });
    expect((erased as { value: { backupsErased: string[] } }).value.backupsErased.length).toBeGreaterThan(0);
    const backups = listBackups(dataDir);
    expect(backups.length).toBeGreaterThan(0);
    for (const b of backups) {
      expect(isPlaintextFile(b.path)).toBe(false);
      const db = openSqlite(b.path, { readonly: true, fileMustExist: true, key: storeKeyOf(gate) });
      try {
        expect(db.prepare('SELECT count(*) AS n FROM cases WHERE id = ?').get(caseId)).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    }
  });
});

describe('a store written before encryption', () => {
  it('is converted on the first sign-in: the plaintext database, WAL and backups are gone, and everything is still there', async () => {
    const dataDir = folder();
    const plain = testCore({ dataDir });
    await plain.call('cases.create', { details: caseDetails({ person: { familyName: NAME.split(' ')[1]! } }) });
    await plain.startupBackup;
    await plain.call('store.backupNow', {});
    const personId = plain.people.list()[0]!.id;
    plain.close();
    const db = path.join(dataDir, DB_FILE_NAME);
    expect(isPlaintextFile(db)).toBe(true);
    expect(strings(db)).toContain('Quartermaine');

    const gate = newGate(dataDir);
    expect(gate.state()).toMatchObject({ encrypted: false, people: [{ id: personId }] });
    await gate.setUp({ personId: null }, { passphrase: PASS, personId });
    expect(hasKeyring(dataDir)).toBe(true);
    expect(isPlaintextFile(db)).toBe(false);
    const backups = listBackups(dataDir);
    expect(backups.length).toBeGreaterThan(0);
    for (const file of [db, ...backups.map((b) => b.path)]) {
      expect(isPlaintextFile(file), file).toBe(false);
      expect(strings(file), file).not.toContain('Quartermaine');
    }
    expect(fs.readdirSync(dataDir).filter((f) => /encrypting/.test(f))).toEqual([]);
    const list = await gate.core!.dispatch('cases.list', {}, { actor: 'x', door: 'cli', session: { personId } });
    expect(list).toMatchObject({ ok: true, value: { total: 1 } });
  });
});

describe('the command line', () => {
  it('protects a store with psr protect, then opens it only with PSR_PASSPHRASE', async () => {
    const dataDir = folder();
    const plain = testCore({ dataDir });
    await plain.call('cases.create', { details: caseDetails({ person: { familyName: 'Quartermaine' } }) });
    plain.close();
    const run = async (args: string[], env: Record<string, string>) => {
      const saved = { ...process.env };
      Object.assign(process.env, env);
      let out = '';
      let err = '';
      try {
        const code = await runCli(['--data-dir', dataDir, ...args], { out: (t) => (out += t), err: (t) => (err += t) });
        return { code, out, err };
      } finally {
        for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    };
    expect((await run(['protect'], { PSR_NEW_PASSPHRASE: 'short' })).code).toBe(1);
    expect(hasKeyring(dataDir)).toBe(false);
    const protectedRun = await run(['protect'], { PSR_NEW_PASSPHRASE: PASS });
    expect(protectedRun.code, protectedRun.err).toBe(0);
    expect(protectedRun.out).toMatch(/This store (and its \d+ backups? )?(is|are) now encrypted/);
    expect(isPlaintextFile(path.join(dataDir, DB_FILE_NAME))).toBe(false);
    const wrong = await run(['case', 'list'], { PSR_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/passphrase/i);
    const right = await run(['case', 'list'], { PSR_PASSPHRASE: PASS });
    expect(right.code, right.err).toBe(0);
    expect(right.out).toContain('Quartermaine');
  });
});
