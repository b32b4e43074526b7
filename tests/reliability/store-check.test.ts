import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openCore, type AppCore } from '../../main/api/app';
import { contentFingerprint, contentFingerprintOffThread, listBackups } from '../../main/store/backup';
import { CHECK_STATE_FILE_NAME, fileStamp, readCheckState, vouchedFor, writeCheckState } from '../../main/store/checkState';
import { SqliteThread } from '../../main/store/offThread';
import { CorruptDatabaseError } from '../../main/store/recovery';
import { openSqlite } from '../../main/store/sqlite';
import { caseDetails, tempDir, TODAY } from '../support/core';

// A start does no work that grows with the store before the first page: a file the app closed
// cleanly, untouched since, is opened after a look at its header and schema; the whole-file check
// and the backup run after start on a worker thread, and only when the content changed. Damage the
// check finds stops every save and names the backup to restore, and the next start refuses the file.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

let clock = TODAY.getTime();
const errors: string[] = [];
function start(dataDir: string): AppCore {
  clock += 60_000;
  const at = new Date(clock);
  return openCore({ dataDir, now: () => at, logger: { error: (m) => void errors.push(m) } });
}

async function addCase(core: AppCore, n: number) {
  return core.dispatch('cases.create', { details: caseDetails({ caseNumber: `CR-2026-${String(n).padStart(4, '0')}` }) }, { actor: 'officer.test', door: 'cli' });
}

function folder(): string {
  const dataDir = tempDir('psr-check-');
  dirs.push(dataDir);
  return dataDir;
}

/** Overwrites two pages in the middle of the file with noise, as a failing disk would. */
function damagePages(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(2 * 4096, 0x5a), 0, 2 * 4096, 4096);
  } finally {
    fs.closeSync(fd);
  }
}

describe('the store at start', () => {
  it('is read whole after start, not before it, and not again while its content is unchanged', async () => {
    const dataDir = folder();
    const dbFile = path.join(dataDir, DB_FILE_NAME);
    const first = start(dataDir);
    expect(await first.storeCheck).toMatchObject({ damage: null, skipped: false });
    await first.startupBackup;
    for (let i = 1; i <= 5; i++) expect((await addCase(first, i)).ok).toBe(true);
    first.close();
    expect(vouchedFor(dbFile, dataDir), 'a clean close vouches for the file as the app left it').toBe(true);

    // Unchanged since the check's fingerprint? The five cases were added after it: read again.
    const second = start(dataDir);
    expect(vouchedFor(dbFile, dataDir), 'a store open for writing is vouched for by nothing').toBe(false);
    expect(await second.storeCheck).toMatchObject({ damage: null, skipped: false });
    await second.startupBackup;
    second.close();

    const third = start(dataDir);
    expect(await third.storeCheck, 'nothing changed since the last clean check').toMatchObject({ damage: null, skipped: true });
    expect(await third.startupBackup, 'nor since the newest backup').toMatchObject({ created: null });
    third.close();
    expect(errors).toEqual([]);
  });

  it('finds damage that left the file’s times alone after start: every save is refused naming the backup, no backup is made, and the next start refuses the file', async () => {
    const dataDir = folder();
    const dbFile = path.join(dataDir, DB_FILE_NAME);
    const first = start(dataDir);
    for (let i = 1; i <= 40; i++) await addCase(first, i);
    await first.startupBackup;
    first.close();
    const again = start(dataDir);
    await again.startupBackup;
    await addCase(again, 41);
    again.close();
    const backupsBefore = listBackups(dataDir);
    expect(backupsBefore.length).toBeGreaterThan(0);

    // A fault below the file system: the pages change, and the record still matches the file.
    damagePages(dbFile);
    writeCheckState(dataDir, { ...readCheckState(dataDir), closed: fileStamp(dbFile)! });
    expect(vouchedFor(dbFile, dataDir)).toBe(true);

    const damaged = start(dataDir);
    const check = await damaged.storeCheck;
    expect(check?.damage).toEqual(expect.any(String));
    expect(damaged.damage()).toBeInstanceOf(CorruptDatabaseError);
    const refused = await addCase(damaged, 42);
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage', key: 'errors.storeDamagedWhileOpen', params: { backup: `backups/${path.basename(backupsBefore[0]!.path)}` } } });
    expect(JSON.stringify(refused), 'a page is never told a path of this machine').not.toContain(dataDir);
    expect(await damaged.startupBackup, 'a damaged store is never backed up over good backups').toBeNull();
    damaged.close();
    expect(listBackups(dataDir)).toEqual(backupsBefore);
    expect(readCheckState(dataDir).checked?.damage).toEqual(expect.any(String));
    expect(() => start(dataDir), 'the next start reads the file whole and refuses it').toThrow(CorruptDatabaseError);
  });

  it('reads a file whole before opening it when anything else touched it since the app closed it', () => {
    const dataDir = folder();
    const dbFile = path.join(dataDir, DB_FILE_NAME);
    const core = start(dataDir);
    core.close();
    expect(vouchedFor(dbFile, dataDir)).toBe(true);
    fs.appendFileSync(dbFile, Buffer.alloc(0));
    fs.utimesSync(dbFile, new Date(), new Date(Date.now() + 5_000));
    expect(vouchedFor(dbFile, dataDir), 'another modification time').toBe(false);
    writeCheckState(dataDir, { ...readCheckState(dataDir), closed: fileStamp(dbFile)! });
    fs.writeFileSync(`${dbFile}-wal`, Buffer.alloc(32));
    expect(vouchedFor(dbFile, dataDir), 'a write-ahead log left by a crash').toBe(false);
    fs.rmSync(`${dbFile}-wal`);
    fs.writeFileSync(path.join(dataDir, CHECK_STATE_FILE_NAME), 'not json');
    expect(vouchedFor(dbFile, dataDir), 'an unreadable record').toBe(false);
  });
});

describe('the worker thread', () => {
  it('reads the same content fingerprint as the app’s own connection', async () => {
    const dataDir = folder();
    const core = start(dataDir);
    for (let i = 1; i <= 3; i++) await addCase(core, i);
    await core.startupBackup;
    const thread = await SqliteThread.start();
    try {
      const connection = await thread.open(core.dbFile, { readonly: true, fileMustExist: true });
      expect(await contentFingerprintOffThread(connection)).toBe(contentFingerprint(core.db));
      await connection.close();
    } finally {
      await thread.close();
      core.close();
    }
  });

  it('keeps SQLite’s error code, so a damaged file reads as damage and not as a crash', async () => {
    const dataDir = folder();
    const file = path.join(dataDir, 'not-a-database.sqlite');
    fs.writeFileSync(file, 'PK\u0003\u0004 a zip file saved over the store'.repeat(300));
    expect(() => openSqlite(file).pragma('user_version')).toThrow();
    const thread = await SqliteThread.start();
    try {
      const connection = await thread.open(file, { readonly: true, fileMustExist: true });
      await expect(connection.all('PRAGMA quick_check')).rejects.toMatchObject({ code: 'SQLITE_NOTADB' });
    } finally {
      await thread.close();
    }
  });
});
