import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type AppCore } from '../../main/api/app';
import type { ApiResult } from '../../main/contract/errors';
import { caseDetails, tempDir } from '../support/core';
import { runCli } from '../../main/doors/cli';
import { startBrowserServer, TOKEN_HEADER, type BrowserServer } from '../../main/doors/http';
import { registerIpcDoor, type IpcInvokeEvent } from '../../main/doors/electron-ipc';
import fs from 'node:fs';
import path from 'node:path';

// Who is using the app: every door acts for one person of the store, and the audit and documents
// name that person, never the operating-system user. Before anyone is recorded, only the first
// start is possible, the same at every door.

let core: AppCore;
let dataDir: string;
let server: BrowserServer;
let ipc: (method: string, input: unknown) => Promise<ApiResult<unknown>>;

beforeEach(async () => {
  dataDir = tempDir('psr-people-');
  core = openCore({ dataDir, backupsKept: false, checkOutput: true, logger: { error: () => undefined } });
  const staticDir = tempDir('psr-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  server = await startBrowserServer({ dispatch: core.dispatch, actor: 'os-user', staticDir });
  let listener: ((event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>) | null = null;
  registerIpcDoor({ handle: (_c, l) => (listener = l) }, core.dispatch, 'os-user');
  ipc = (method, input) => listener!({ senderFrame: { url: 'app://psr/index.html' } }, method, input) as Promise<ApiResult<unknown>>;
});
afterEach(async () => {
  await server.close();
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function http(method: string, input: unknown): Promise<ApiResult<unknown>> {
  const r = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token }, body: JSON.stringify(input) });
  return (await r.json()) as ApiResult<unknown>;
}
async function cli(...args: string[]) {
  let out = '';
  let err = '';
  core.close();
  const code = await runCli(['--data-dir', dataDir, ...args], { out: (t) => (out += t), err: (t) => (err += t) });
  core = openCore({ dataDir, backupsKept: false, checkOutput: true, logger: { error: () => undefined } });
  return { code, out, err };
}

const officer = { fullName: 'Officer Jane Doyle', role: 'probation_officer', team: 'City', service: 'Probation Service' };

describe('before anyone uses the store', () => {
  it('refuses every call but the first start, the same at IPC, in browser mode and from the command line', async () => {
    const expected = { ok: false, error: { code: 'refused', key: 'errors.whoIsUsing' } };
    expect(await ipc('cases.list', {})).toMatchObject(expected);
    expect(await http('cases.list', {})).toMatchObject(expected);
    expect(await http('session.current', {})).toEqual({ ok: true, value: { person: null, people: 0 } });
    expect(await http('app.info', {})).toMatchObject({ ok: true, value: { actor: '' } });
    const listed = await cli('case', 'list');
    expect(listed.code).toBe(1);
    expect(listed.err).toContain('psr people add --name');
  });
});

describe('the first person', () => {
  it('adds themselves, is then the one the door acts for, and the audit names them, not the operating-system user', async () => {
    const added = (await http('people.add', { details: officer })) as { ok: true; value: { id: string; createdBy: string } };
    expect(added).toMatchObject({ ok: true, value: { fullName: 'Officer Jane Doyle', createdBy: 'Officer Jane Doyle' } });
    const created = await http('cases.create', { details: caseDetails() });
    expect(created).toMatchObject({ ok: true, value: { createdBy: 'Officer Jane Doyle' } });
    // The IPC door of a store with one person acts for that person too.
    expect(await ipc('app.info', {})).toMatchObject({ ok: true, value: { actor: 'Officer Jane Doyle' } });
    const actors = core.db.prepare('SELECT DISTINCT actor FROM audit').all() as Array<{ actor: string }>;
    expect(actors.map((a) => a.actor)).toEqual(['Officer Jane Doyle']);
  });

  it('refuses a blank name, naming the field, and records no one', async () => {
    const refused = await http('people.add', { details: { ...officer, fullName: '   ' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: '$.details.fullName', key: 'validation.person.fullName' }] } });
    expect(await ipc('people.add', { details: { ...officer, fullName: '   ' } })).toEqual(refused);
    expect(await http('session.current', {})).toMatchObject({ ok: true, value: { people: 0 } });
  });
});

describe('several people', () => {
  it('each door chooses its person; only an administrator adds people once the store has one', async () => {
    await http('people.add', { details: { ...officer, fullName: 'Admin Ade Bello', role: 'administrator' } });
    const second = (await http('people.add', { details: officer })) as { ok: true; value: { id: string } };
    expect(second.ok).toBe(true);
    // The IPC door has not chosen anyone, and there are two people: it must ask.
    expect(await ipc('cases.list', {})).toMatchObject({ ok: false, error: { key: 'errors.whoIsUsing' } });
    await ipc('session.choose', { personId: second.value.id });
    expect(await ipc('session.current', {})).toMatchObject({ ok: true, value: { person: { fullName: 'Officer Jane Doyle' }, people: 2 } });
    expect(await ipc('people.add', { details: { ...officer, fullName: 'Someone Else' } })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.needsRole', params: { role: 'administrator' } } });
    const asAdmin = await cli('--as', 'admin ade bello', 'people', 'add', '--name', 'Officer Sam Lee', '--role', 'senior_probation_officer');
    expect(asAdmin).toMatchObject({ code: 0 });
    expect(asAdmin.out).toContain('Added Officer Sam Lee (Senior probation officer)');
    const unknown = await cli('--as', 'Nobody', 'case', 'list');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No one called Nobody uses this store');
    const listed = await cli('--as', 'Officer Jane Doyle', 'people', 'list');
    expect(listed.out.split('\n').filter(Boolean)).toHaveLength(3);
  });
});
