import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../main/api/app';
import { caseDetails, tempDir, testCore, type TestCore } from '../support/core';
import { cli } from '../support/doors';

// What the store writes holds the most sensitive facts about a person: on POSIX only its user may
// read it. The data folder and the backups folder are 0700, every file in them 0600.

const posix = process.platform !== 'win32';
const dirs: string[] = [];
const cores: TestCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.cleanup();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** Every file and folder under `dir`, with its mode, written like "backups/x: 600". */
function modesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) out[name] = mode(path.join(dir, name)).toString(8);
  return out;
}

describe.runIf(posix)('the files the store writes', () => {
  it('are readable by their user only: folders 0700, database, WAL, SHM, backups and notes 0600', async () => {
    const parent = tempDir('psr-modes-');
    dirs.push(parent);
    const dataDir = path.join(parent, 'nested', 'psr-author');
    const core = testCore({ dataDir });
    cores.push(core);
    await core.startupBackup;
    await core.call('cases.create', { details: caseDetails() });
    const made = await core.call('store.backupNow', {});
    await core.call('store.requestRestore', { backup: made.created!.path });
    const out = path.join(parent, 'copy.sqlite');
    expect((await cli(core, 'backup', '--out', out)).code).toBe(0);

    expect(mode(dataDir).toString(8)).toBe('700');
    const modes = modesUnder(dataDir);
    for (const name of [DB_FILE_NAME, `${DB_FILE_NAME}-wal`, `${DB_FILE_NAME}-shm`, 'psr.lock', 'psr.lock.json', 'restore-request.json', made.created!.path]) {
      expect(modes[name], name).toBe('600');
    }
    expect(modes.backups).toBe('700');
    expect(Object.entries(modes).filter(([, m]) => m !== '600' && m !== '700')).toEqual([]);
    expect(mode(out).toString(8)).toBe('600');
  });

  it('are narrowed when an older version left the folder 0755 and its files 0644', async () => {
    const dataDir = tempDir('psr-modes-');
    dirs.push(dataDir);
    const first = testCore({ dataDir });
    await first.startupBackup;
    await first.call('cases.create', { details: caseDetails() });
    first.close();
    fs.chmodSync(dataDir, 0o755);
    for (const name of fs.readdirSync(dataDir, { recursive: true }) as string[]) {
      const file = path.join(dataDir, name);
      fs.chmodSync(file, fs.statSync(file).isDirectory() ? 0o755 : 0o644);
    }
    const again = testCore({ dataDir });
    cores.push(again);
    await again.startupBackup;
    await again.call('cases.create', { details: caseDetails({ caseNumber: 'CR-2' }) });
    expect(mode(dataDir).toString(8)).toBe('700');
    const modes = modesUnder(dataDir);
    for (const name of [DB_FILE_NAME, `${DB_FILE_NAME}-wal`, `${DB_FILE_NAME}-shm`]) expect(modes[name], name).toBe('600');
    expect(modes.backups).toBe('700');
    expect(Object.entries(modes).filter(([, m]) => m !== '600' && m !== '700')).toEqual([]);
  });
});
