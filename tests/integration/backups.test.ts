import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseDetails, storeSnapshot, testCore, type TestCore } from '../support/core';
import { cli } from '../support/doors';

let core: TestCore;
beforeEach(async () => {
  core = testCore();
  await core.startupBackup;
});
afterEach(() => core.cleanup());

describe('backups an officer makes and restores from the app', () => {
  it('makes a backup on demand, lists it, and makes none when nothing changed since', async () => {
    await core.call('cases.create', { details: caseDetails() });
    const made = await core.call('store.backupNow', {});
    expect(made.created?.integrity).toBe('ok');
    const list = await core.call('store.listBackups', {});
    expect(list[0]!.path).toBe(made.created!.path);
    const again = await core.call('store.backupNow', {});
    expect(again.created).toBeNull();
  });

  it('names backups inside the data folder, never by a path of the machine, in lists, results and errors', async () => {
    await core.call('cases.create', { details: caseDetails() });
    const made = await core.call('store.backupNow', {});
    expect(made.created!.path).toMatch(/^backups\/psr-\d{8}-\d{6}-\d{3}\.sqlite$/);
    const list = await core.call('store.listBackups', {});
    expect(list.map((b) => b.path)).toContain(made.created!.path);
    for (const b of list) expect(b.path.startsWith(core.dataDir)).toBe(false);
    expect((await core.call('store.requestRestore', { backup: made.created!.path })).backup).toBe(made.created!.path);
    // A damaged backup is refused by its name, not its place on the machine.
    fs.writeFileSync(path.join(core.dataDir, made.created!.path), 'not a database any more'.repeat(400));
    const refused = await core.raw('store.requestRestore', { backup: made.created!.path });
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage' } });
    expect(JSON.stringify(refused)).not.toContain(core.dataDir);
    expect(JSON.stringify(refused)).toContain(made.created!.path);
    // Its machine path is not one of the names the app gave.
    expect(await core.raw('store.requestRestore', { backup: path.join(core.dataDir, list[0]!.path) })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('only restores one of its own backups, and changes nothing when asked for another file', async () => {
    const before = storeSnapshot(core);
    const outside = path.join(core.dataDir, 'elsewhere.sqlite');
    fs.writeFileSync(outside, 'not a backup');
    const result = await core.raw('store.requestRestore', { backup: outside });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(fs.existsSync(path.join(core.dataDir, 'restore-request.json'))).toBe(false);
    expect(storeSnapshot(core)).toBe(before);
  });

  it('restores a chosen backup at the next start and keeps the replaced file aside', async () => {
    const first = await core.call('cases.create', { details: caseDetails() });
    const backup = (await core.call('store.backupNow', {})).created!;
    await core.call('cases.create', { details: caseDetails({ caseNumber: 'CR-AFTER-BACKUP' }) });
    const requested = await core.call('store.requestRestore', { backup: backup.path });
    expect(requested.restartNeeded).toBe(true);
    core.close();

    // A command-line run beside the app never swaps the file: only the app's own start restores.
    const listed = await cli(core, 'case', 'list');
    expect(listed.out).toContain('CR-AFTER-BACKUP');

    const reopened = testCore({ dataDir: core.dataDir, applyPendingRestore: true });
    try {
      expect(reopened.restored?.restoredFrom).toBe(path.join(core.dataDir, backup.path));
      expect(reopened.restored?.keptAside.some((f) => f.includes('.replaced-'))).toBe(true);
      const cases = await reopened.call('cases.list', {});
      expect(cases.items.map((c) => c.id)).toEqual([first.id]);
    } finally {
      reopened.close();
    }
  });
});

describe('psr backups and psr restore', () => {
  it('lists the backups and restores the latest, keeping the current file aside', async () => {
    const kept = await core.call('cases.create', { details: caseDetails() });
    await core.call('store.backupNow', {});
    await core.call('cases.create', { details: caseDetails({ caseNumber: 'CR-LOST' }) });
    const listed = await cli(core, 'backups');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/psr-\d{8}-\d{6}-\d{3}\.sqlite/);
    core.close();

    const restored = await cli(core, 'restore', '--latest');
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/^Restored .*\nKept the previous file aside as .*psr\.sqlite\.replaced-/);
    const reopened = testCore({ dataDir: core.dataDir });
    try {
      expect((await reopened.call('cases.list', {})).items.map((c) => c.id)).toEqual([kept.id]);
    } finally {
      reopened.close();
    }
  });

  it('refuses to restore without saying which backup', async () => {
    const result = await cli(core, 'restore');
    expect(result).toMatchObject({ code: 1, err: 'psr: Name a backup file, or use --latest.\n' });
  });
});
