import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../main/api/app';
import { TOKEN_HEADER } from '../../main/doors/http';
import { caseDetails, tempDir, testCore } from '../support/core';
import { bundleScript } from './bundle';

// One process owns a store at a time. Probed from outside, as an officer would meet it: the app
// (browser mode) runs in one process while psr commands and a second server start in others.

const root = path.resolve(import.meta.dirname, '../..');
let holderScript: string;
let cliScript: string;
const removers: Array<() => void> = [];
beforeAll(async () => {
  const [holder, cli] = await Promise.all([bundleScript(path.join(import.meta.dirname, 'browser-holder.ts')), bundleScript(path.join(import.meta.dirname, 'psr-cli.ts'))]);
  holderScript = holder.file;
  cliScript = cli.file;
  removers.push(holder.remove, cli.remove);
});
afterAll(() => removers.forEach((r) => r()));

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

interface Ready {
  stage: 'ready' | 'refused';
  port?: number;
  token?: string;
  pid?: number;
  code?: string;
  message?: string;
}

/** Starts browser mode in its own process and resolves with its first line (ready or refused). */
function startServer(dataDir: string): Promise<{ child: ChildProcess; first: Ready }> {
  const child = spawn(process.execPath, [holderScript], { cwd: root, env: { ...process.env, PSR_DATA_DIR: dataDir, PSR_NO_OPEN: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ child, first: JSON.parse(line) as Ready });
    });
    child.on('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`server exited ${code} before it said anything: ${err}`));
    });
  });
}

function psr(dataDir: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, [cliScript, '--data-dir', dataDir, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** One call to browser mode on a fresh connection (a kept-alive one may be closed by the server while the test waits on a command). */
function post(server: Ready, method: string, input: unknown): Promise<{ ok: boolean; value?: unknown }> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: server.port, path: `/api/${method}`, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), [TOKEN_HEADER]: server.token ?? '' } },
      (response) => {
        let text = '';
        response.on('data', (d: Buffer) => (text += d.toString()));
        response.on('end', () => resolve(JSON.parse(text) as { ok: boolean; value?: unknown }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
const save = (server: Ready, method: string, input: unknown) => post(server, method, input);

/** A data folder holding one case and an automatic backup of it. */
async function storeWithBackup(): Promise<string> {
  const dataDir = tempDir('psr-lock-');
  dirs.push(dataDir);
  const core = testCore({ dataDir });
  await core.startupBackup;
  await core.call('cases.create', { details: caseDetails({ caseNumber: 'CR-IN-BACKUP' }) });
  await core.call('store.backupNow', {});
  core.close();
  return dataDir;
}

describe('a store the app has open', () => {
  it('is refused to psr restore, a second server and a writing command, naming what holds it; reads still work', async () => {
    const dataDir = await storeWithBackup();
    const { first: server } = await startServer(dataDir);
    expect(server.stage).toBe('ready');
    const saved = await save(server, 'cases.create', { details: caseDetails({ caseNumber: 'CR-ACKNOWLEDGED' }) });
    expect(saved.ok).toBe(true);
    const holder = new RegExp(`in use by browser mode \\(process ${server.pid} on .+, since .+\\)`);

    const restore = psr(dataDir, 'restore', '--latest');
    expect(restore.code, restore.err).toBe(1);
    expect(restore.err).toMatch(holder);
    expect(restore.err).toMatch(/Nothing was changed/);

    const second = await startServer(dataDir);
    expect(second.first).toMatchObject({ stage: 'refused', code: 'refused' });
    expect(second.first.message).toMatch(holder);

    const caseFile = path.join(dataDir, 'case.json');
    fs.writeFileSync(caseFile, JSON.stringify({ format: 'psr-case', formatVersion: 1, case: caseDetails({ caseNumber: 'CR-FROM-CLI' }) }));
    const imported = psr(dataDir, 'import', caseFile);
    expect(imported.code, imported.err).toBe(1);
    expect(imported.err).toMatch(holder);

    // Reading beside the app is safe (SQLite's WAL lets other processes read): it sees the acknowledged save.
    const listed = psr(dataDir, 'case', 'list');
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toContain('CR-ACKNOWLEDGED');

    // The app keeps saving, and every acknowledged save is in the one data file.
    const more = await save(server, 'cases.create', { details: caseDetails({ caseNumber: 'CR-AFTER-REFUSALS' }) });
    expect(more.ok).toBe(true);
    const db = new BetterSqlite3(path.join(dataDir, DB_FILE_NAME), { readonly: true });
    expect((db.prepare('SELECT case_number FROM cases ORDER BY case_number').all() as Array<{ case_number: string }>).map((r) => r.case_number)).toEqual([
      'CR-ACKNOWLEDGED',
      'CR-AFTER-REFUSALS',
      'CR-IN-BACKUP',
    ]);
    db.close();
  });

  it('is free the moment the app is killed, and a restore then keeps the replaced file with its WAL, every save in it', async () => {
    const dataDir = await storeWithBackup();
    const { child, first: server } = await startServer(dataDir);
    expect((await save(server, 'cases.create', { details: caseDetails({ caseNumber: 'CR-ACKNOWLEDGED' }) })).ok).toBe(true);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // The save may still be only in the -wal: the killed app never checkpointed it.
    expect(fs.existsSync(path.join(dataDir, `${DB_FILE_NAME}-wal`))).toBe(true);

    const restore = psr(dataDir, '--json', 'restore', '--latest');
    expect(restore.code, restore.err).toBe(0);
    const result = JSON.parse(restore.out) as { keptAside: string[] };
    const aside = result.keptAside.find((f) => /psr\.sqlite\.replaced-[^/]*$/.test(f))!;
    expect(result.keptAside).toContain(`${aside}-wal`);
    // The kept file opens with its own WAL, so it holds the save acknowledged before the kill.
    const kept = new BetterSqlite3(aside, { readonly: true });
    expect((kept.prepare('SELECT case_number FROM cases ORDER BY case_number').all() as Array<{ case_number: string }>).map((r) => r.case_number)).toEqual(['CR-ACKNOWLEDGED', 'CR-IN-BACKUP']);
    kept.close();

    const restarted = await startServer(dataDir);
    expect(restarted.first.stage).toBe('ready');
    const list = (await post(restarted.first, 'cases.list', {})) as { value: { items: Array<{ caseNumber: string }> } };
    expect(list.value.items.map((c) => c.caseNumber)).toEqual(['CR-IN-BACKUP']);
  });
});
