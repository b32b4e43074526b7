import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type AppCore } from '../../main/api/app';
import { createDispatch, READ_ONLY_STORE } from '../../main/api/dispatch';
import type { Handlers } from '../../main/api/types';
import { contract, methods } from '../../main/contract/api';
import { runCli } from '../../main/doors/cli';
import { caseDetails, storeSnapshot, testCore, TODAY, type TestCore } from '../support/core';
import { httpDoor, ipcDoor } from '../support/doors';

// The contract marks every call that changes the store (`writes`). A store opened for reading only
// refuses each of those at the dispatch, before any handler runs, with the same answer at every door.

const cores: Array<TestCore | AppCore> = [];
afterEach(() => {
  for (const c of cores.splice(0)) {
    try {
      c.close();
    } catch {
      // already closed
    }
  }
});

const readOnlyCore = (dataDir: string) => openCore({ dataDir, readOnly: true, now: () => TODAY, logger: { error: () => undefined } });

describe('a store opened read-only', () => {
  it('refuses every writing call before its handler runs, and lets every reading call through', async () => {
    const ran: string[] = [];
    const handlers = new Proxy({} as Handlers, { get: (_t, name: string) => () => (ran.push(name), 'handled') });
    const dispatch = createDispatch(handlers, { isReadOnly: () => true });
    const ctx = { actor: 'officer.test', door: 'cli' as const };
    const writing = methods.filter((m) => contract[m].writes);
    expect(writing).toEqual(expect.arrayContaining(['cases.create', 'cases.update', 'caseFile.import', 'interview.save', 'proposal.save', 'programmes.import']));

    for (const method of writing) {
      expect(await dispatch(method, {}, ctx), method).toEqual({ ok: false, error: { ...READ_ONLY_STORE, params: { method } } });
    }
    expect(ran).toEqual([]);
    // A reading call still reaches its handler (and here fails only on its own empty input).
    await dispatch('app.info', {}, ctx);
    expect(ran).toEqual(['app.info']);
  });

  it('answers the same at the IPC, browser and command-line doors, reads still work, and the file is unchanged', async () => {
    const writable = testCore();
    cores.push(writable);
    const record = await writable.call('cases.create', { details: caseDetails() });
    const saved = storeSnapshot(writable);
    writable.close();
    const dbFile = writable.dbFile;
    const before = fs.readFileSync(dbFile);

    const core = readOnlyCore(writable.dataDir);
    cores.push(core);
    const asTest = { ...core, call: undefined, raw: undefined, cleanup: () => undefined } as unknown as TestCore;
    const update = { id: record.id, version: record.version, details: { ...record.details, court: 'Another Court' } };
    const expected = { ok: false, error: { ...READ_ONLY_STORE, params: { method: 'cases.update' } } };

    const viaIpc = await ipcDoor(asTest).invoke('cases.update', update);
    const server = await httpDoor(asTest);
    const viaHttp = await server.post('cases.update', JSON.stringify(update));
    await server.close();
    expect(viaIpc).toEqual(expected);
    expect(viaHttp.json).toEqual(expected);

    const file = path.join(writable.dataDir, 'case.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'psr-case-file', formatVersion: 1, case: caseDetails({ caseNumber: 'CR-2026-0999' }) }));
    let err = '';
    const code = await runCli(['--json', '--data-dir', writable.dataDir, 'import', file], { out: () => undefined, err: (t) => (err += t) }, (o) => readOnlyCore(o?.dataDir ?? ''));
    expect(code).toBe(1);
    expect(JSON.parse(err)).toEqual({ ok: false, error: { ...READ_ONLY_STORE, params: { method: 'caseFile.import' } } });

    const listed = await core.dispatch('cases.list', {}, { actor: 'officer.test', door: 'ipc' });
    expect(listed.ok && (listed.value as { total: number }).total).toBe(1);
    core.close();
    expect(fs.readFileSync(dbFile).equals(before)).toBe(true);
    const reopened = testCore({ dataDir: writable.dataDir });
    cores.push(reopened);
    expect(storeSnapshot(reopened)).toBe(saved);
    reopened.cleanup();
  });
});
