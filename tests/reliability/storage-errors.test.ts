import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../main/api/app';
import { createDispatch } from '../../main/api/dispatch';
import { createHandlers } from '../../main/api/handlers';
import { loadForms } from '../../main/loaders/forms';
import { loadJurisdiction } from '../../main/loaders/dataFiles';
import type { CaseRecord } from '../../main/contract/case';
import { caseDetails, storeSnapshot, tempDir, testCore, TODAY, type TestCore } from '../support/core';

const root = path.resolve(import.meta.dirname, '../..');
const cores: TestCore[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.cleanup();
  for (const d of dirs.splice(0)) {
    if (fs.existsSync(d)) execFileSync('chmod', ['-R', 'u+w', d]);
    fs.rmSync(d, { recursive: true, force: true });
  }
});

async function coreWithCases(n: number): Promise<{ core: TestCore; ids: string[] }> {
  const core = testCore();
  cores.push(core);
  await core.startupBackup;
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) ids.push((await core.call('cases.create', { details: caseDetails({ caseNumber: `CR-2026-${1000 + i}` }) })).id);
  return { core, ids };
}

describe('a full disk', () => {
  it('gives a clear storage error, saves nothing, and loses nothing already saved', async () => {
    const { core, ids } = await coreWithCases(3);
    const saved = storeSnapshot(core);
    // The disk "fills up": the store may not grow by a single page.
    const pages = core.db.pragma('page_count', { simple: true }) as number;
    core.db.pragma(`max_page_count = ${pages}`);

    const manyCharges = Array.from({ length: 100 }, (_, i) => ({ offence: `Offence ${i} ${'w'.repeat(250)}`, offenceDate: '2026-08-02', plea: 'guilty' as const }));
    const created = await core.raw('cases.create', { details: caseDetails({ caseNumber: 'CR-2026-2000', charges: manyCharges }) });
    const current = await core.call('cases.get', { id: ids[0] ?? '' });
    const updated = await core.raw('cases.update', { id: current.id, version: current.version, details: { ...current.details, charges: manyCharges } });
    for (const result of [created, updated]) {
      expect(result).toEqual({ ok: false, error: { code: 'storage', message: 'The disk is full: nothing was saved. Free some space and save again.', key: 'errors.diskFull' } });
    }
    expect(storeSnapshot(core)).toBe(saved);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');

    // Space is freed: the same save now goes through, on the version the officer was editing.
    core.db.pragma('max_page_count = 1073741823');
    const retried = await core.call('cases.update', { id: current.id, version: current.version, details: { ...current.details, charges: manyCharges } });
    expect(retried.version).toBe(current.version + 1);
  });
});

describe('a read-only data folder', () => {
  it('refuses a save with a clear storage error and keeps every saved case (read-only connection)', async () => {
    const { core, ids } = await coreWithCases(2);
    const saved = storeSnapshot(core);
    core.close();
    // SQLite's own read-only mode: the honest way for root to meet a store it may not write to.
    const db = new BetterSqlite3(core.dbFile, { readonly: true, fileMustExist: true });
    try {
      const dispatch = createDispatch(createHandlers({ db, jurisdiction: loadJurisdiction(), forms: loadForms(), dataDir: core.dataDir, appVersion: 'test', now: () => TODAY }), { logger: { error: () => undefined } });
      const ctx = { actor: 'officer.test', door: 'ipc' as const };
      const got = await dispatch('cases.get', { id: ids[0] }, ctx);
      expect(got.ok).toBe(true);
      const record = (got as { value: CaseRecord }).value;
      const results = [
        await dispatch('cases.update', { id: record.id, version: record.version, details: { ...record.details, court: 'Another Court' } }, ctx),
        await dispatch('cases.create', { details: caseDetails({ caseNumber: 'CR-2026-3000' }) }, ctx),
      ];
      for (const result of results) {
        expect(result).toEqual({ ok: false, error: { code: 'storage', message: 'The data folder cannot be written to: nothing was saved. Check its permissions and save again.', key: 'errors.notWritable' } });
      }
    } finally {
      db.close();
    }
    const reopened = testCore({ dataDir: core.dataDir });
    cores.push(reopened);
    expect(storeSnapshot(reopened)).toBe(saved);
  });

  it('is reported clearly to an ordinary user at start, and the store is left as it was', async () => {
    // Root ignores file permissions, so as root the officer is played by "nobody" (uid 65534) via setpriv.
    const asRoot = process.getuid?.() === 0;
    const ordinaryUser = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    if (asRoot) expect(spawnSync(ordinaryUser[0] ?? '', [...ordinaryUser.slice(1), 'id', '-u'], { encoding: 'utf8' }).stdout.trim()).toBe('65534');

    const dataDir = tempDir('psr-readonly-');
    dirs.push(dataDir);
    const { core } = await coreWithCases(2);
    const saved = storeSnapshot(core);
    core.close();
    fs.copyFileSync(path.join(core.dataDir, DB_FILE_NAME), path.join(dataDir, DB_FILE_NAME));
    fs.chmodSync(path.join(dataDir, DB_FILE_NAME), 0o444);
    fs.chmodSync(dataDir, 0o555);
    const before = fs.readFileSync(path.join(dataDir, DB_FILE_NAME));

    const command = [...ordinaryUser, process.execPath, '--import', 'tsx', path.join(import.meta.dirname, 'readonly-officer.ts')];
    const run = spawnSync(command[0] ?? '', command.slice(1), {
      cwd: root,
      env: { ...process.env, PSR_DATA_DIR: dataDir, HOME: '/tmp' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const told = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { stage: string; code?: string; message?: string; result?: { ok: boolean; error?: { code: string; message: string } } };
    const error = told.stage === 'open' ? { code: told.code, message: told.message } : told.result?.error;
    expect(told.stage, run.stderr).not.toBe('crash');
    expect(error?.code, JSON.stringify(told)).toBe('storage');
    expect(error?.message).toMatch(/cannot be written to/);

    expect(fs.readFileSync(path.join(dataDir, DB_FILE_NAME)).equals(before)).toBe(true);
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, DB_FILE_NAME), 0o644);
    const reopened = testCore({ dataDir });
    cores.push(reopened);
    expect(storeSnapshot(reopened)).toBe(saved);
    console.log(`read-only folder as uid ${asRoot ? 65534 : process.getuid?.()}: refused at the ${told.stage} stage: ${error?.message}`);
  });
});
