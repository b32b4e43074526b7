import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openCore, type AppCore } from '../../main/api/app';
import { AppError } from '../../main/contract/errors';
import { backupFileName, backupsDir, backupsToKeep, latestGoodBackup, listBackups, pruneBackups, verifyBackup } from '../../main/store/backup';
import { CorruptDatabaseError, restoreBackup, restoreLatestBackup } from '../../main/store/recovery';
import { caseDetails, tempDir, TODAY } from '../support/core';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

let clock = TODAY.getTime();
/** Each start happens a minute after the last, as starts of the app do. */
function start(dataDir: string, backupsKept: number | false = 10): AppCore {
  clock += 60_000;
  const at = new Date(clock);
  return openCore({ dataDir, now: () => at, backupsKept, logger: { error: (m, e) => { throw new Error(`${m}: ${String(e)}`); } } });
}

async function addCase(core: AppCore, n: number): Promise<string> {
  const result = await core.dispatch('cases.create', { details: caseDetails({ caseNumber: `CR-2026-${String(n).padStart(4, '0')}` }) }, { actor: 'officer.test', door: 'cli' });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return (result.value as { id: string }).id;
}

function caseNumbersIn(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare('SELECT case_number FROM cases ORDER BY case_number').all() as Array<{ case_number: string }>).map((r) => r.case_number);
  } finally {
    db.close();
  }
}

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A data folder whose store holds `cases` cases, started again afterwards so the newest backup holds them too. */
async function folderWithCases(cases: number): Promise<string> {
  const dataDir = tempDir('psr-backup-');
  dirs.push(dataDir);
  const core = start(dataDir);
  await core.startupBackup;
  for (let i = 1; i <= cases; i++) await addCase(core, i);
  core.close();
  const again = start(dataDir);
  await again.startupBackup;
  again.close();
  return dataDir;
}

/** Overwrites the middle of the data file with noise, as a failing disk or a bad copy would. */
function damage(file: string): void {
  const size = fs.statSync(file).size;
  expect(size).toBeGreaterThan(4 * 4096);
  const fd = fs.openSync(file, 'r+');
  try {
    const noise = Buffer.alloc(2 * 4096, 0x5a);
    fs.writeSync(fd, noise, 0, noise.length, 4096);
  } finally {
    fs.closeSync(fd);
  }
}

describe('automatic backups at start', () => {
  it('copy the store through the online backup API into <dataDir>/backups, proven by integrity_check', async () => {
    const dataDir = tempDir('psr-backup-');
    dirs.push(dataDir);
    const first = start(dataDir);
    await first.startupBackup;
    for (let i = 1; i <= 3; i++) await addCase(first, i);
    first.close();
    const core = start(dataDir);
    const result = await core.startupBackup;
    core.close();
    expect(result?.created?.integrity).toBe('ok');
    const file = result?.created?.path ?? '';
    expect(path.dirname(file)).toBe(backupsDir(dataDir));
    expect(caseNumbersIn(file)).toEqual(['CR-2026-0001', 'CR-2026-0002', 'CR-2026-0003']);
    expect(listBackups(dataDir)[0]?.path).toBe(file);
    expect(fs.readdirSync(backupsDir(dataDir)).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('keep only the newest N, oldest removed first', async () => {
    const dataDir = tempDir('psr-backup-');
    dirs.push(dataDir);
    const made: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const core = start(dataDir, 3);
      const result = await core.startupBackup;
      if (result?.created) made.push(result.created.path);
      await addCase(core, i); // so the next start has something new to back up
      core.close();
    }
    expect(made).toHaveLength(5);
    expect(listBackups(dataDir).map((b) => b.path)).toEqual(made.slice(-3).reverse());
    expect(caseNumbersIn(made.at(-1) ?? '')).toHaveLength(4);
  });

  it('add no copy when nothing changed since the newest backup, so repeated starts do not push out older work', async () => {
    const dataDir = await folderWithCases(2);
    const first = start(dataDir, 2);
    await addCase(first, 3);
    first.close();
    const second = start(dataDir, 2);
    expect((await second.startupBackup)?.created).not.toBeNull();
    second.close();
    const before = listBackups(dataDir).map((b) => b.path);
    for (let i = 0; i < 3; i++) {
      const again = start(dataDir, 2);
      expect((await again.startupBackup)?.created).toBeNull();
      again.close();
    }
    expect(listBackups(dataDir).map((b) => b.path)).toEqual(before);
  });

  it('clear away a partial copy left by a process that quit mid-backup, and only that', async () => {
    const dataDir = await folderWithCases(1);
    const dir = backupsDir(dataDir);
    const abandoned = path.join(dir, 'psr-20261126-100000-000.sqlite.partial-999999999');
    const running = path.join(dir, `psr-20261126-100000-001.sqlite.partial-${process.ppid}`);
    fs.writeFileSync(abandoned, 'half a backup');
    fs.writeFileSync(running, 'a backup still being written by a live process');
    const core = start(dataDir);
    await core.startupBackup;
    core.close();
    expect(fs.existsSync(abandoned)).toBe(false);
    expect(fs.existsSync(running)).toBe(true);
  });

  it('clear away the rollback journal a half-written backup left beside it', async () => {
    const dataDir = await folderWithCases(1);
    const dir = backupsDir(dataDir);
    const journal = path.join(dir, 'psr-20261126-100000-000.sqlite.partial-999999999-journal');
    const live = path.join(dir, `psr-20261126-100000-001.sqlite.partial-${process.ppid}-journal`);
    fs.writeFileSync(journal, 'a journal nobody will finish');
    fs.writeFileSync(live, 'a journal of a live backup');
    const core = start(dataDir);
    await core.startupBackup;
    core.close();
    expect(fs.existsSync(journal)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
  });

  it('can be turned off', async () => {
    const dataDir = await folderWithCases(1);
    const count = listBackups(dataDir).length;
    const core = start(dataDir, false);
    await addCase(core, 2);
    expect(await core.startupBackup).toBeNull();
    core.close();
    expect(listBackups(dataDir)).toHaveLength(count);
  });
});

describe('how long backups are kept', () => {
  const now = new Date('2026-11-26T10:00:00Z');
  const at = (daysAgo: number, hour = 9) => new Date(Date.UTC(2026, 10, 26 - daysAgo, hour, 0, 0));

  /** A backups folder holding a named (empty) file for each moment: pruning reads names, not contents. */
  function folderWithBackupsAt(moments: Date[]): string {
    const dataDir = tempDir('psr-retention-');
    dirs.push(dataDir);
    fs.mkdirSync(backupsDir(dataDir));
    for (const m of moments) fs.writeFileSync(path.join(backupsDir(dataDir), backupFileName(m)), '');
    return dataDir;
  }
  const kept = (dataDir: string) => listBackups(dataDir).map((b) => b.createdAt);

  it('keeps the newest 10, one a day for 30 days and one a month for a year, and removes the rest', () => {
    // Three starts a day for 400 days.
    const moments = Array.from({ length: 400 }, (_, d) => [at(d, 8), at(d, 12), at(d, 17)]).flat().filter((m) => m <= now);
    const dataDir = folderWithBackupsAt(moments);
    pruneBackups(dataDir, now);
    const left = kept(dataDir);
    const newest10 = moments.sort((a, b) => b.getTime() - a.getTime()).slice(0, 10).map((m) => m.toISOString());
    expect(left.slice(0, 10)).toEqual(newest10);
    // Every one of the last 30 days still has its last backup of the day.
    for (let d = 0; d < 30; d++) expect(left, `day ${d}`).toContain(at(d, d === 0 ? 8 : 17).toISOString());
    // Every month of the last year has one, and nothing older than the year is left.
    const monthsLeft = new Set(left.map((c) => c.slice(0, 7)));
    for (let m = 0; m < 12; m++) expect(monthsLeft, `month ${m}`).toContain(new Date(Date.UTC(2026, 10 - m, 1)).toISOString().slice(0, 7));
    expect(left.every((c) => c >= '2025-12')).toBe(true);
    // And no more than that: 10 + 30 days + 12 months at most.
    expect(left.length).toBeLessThanOrEqual(10 + 30 + 12);
  });

  it('lets no burst of starts push out the only copy of last week or last month', () => {
    const lastMonth = at(40);
    const lastWeek = at(7);
    // Fifty starts in the last hour, each with a small change.
    const burst = Array.from({ length: 50 }, (_, i) => new Date(now.getTime() - (50 - i) * 60_000));
    const dataDir = folderWithBackupsAt([lastMonth, lastWeek, ...burst]);
    pruneBackups(dataDir, now);
    expect(kept(dataDir)).toEqual(expect.arrayContaining([lastWeek.toISOString(), lastMonth.toISOString()]));
    expect(kept(dataDir)).toHaveLength(12);
  });

  it('is worked out from the names alone', () => {
    const list = [at(0), at(1), at(400)].map((m) => ({ path: backupFileName(m), createdAt: m.toISOString(), bytes: 0 }));
    expect([...backupsToKeep(list, now, { last: 1, days: 30, months: 12 })]).toEqual([list[0]!.path, list[1]!.path]);
  });
});

describe('an empty or missing data file beside backups', () => {
  for (const [what, make] of [
    ['empty (0 bytes)', (file: string) => fs.writeFileSync(file, '')],
    ['missing', (file: string) => fs.rmSync(file)],
  ] as const) {
    it(`is refused as damaged when ${what}, naming the latest good backup, and no empty store is backed up`, async () => {
      const dataDir = await folderWithCases(4);
      const dbFile = path.join(dataDir, DB_FILE_NAME);
      for (const f of [`${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
      make(dbFile);
      const latest = latestGoodBackup(dataDir);
      const backupsBefore = listBackups(dataDir);

      let error: unknown;
      try {
        start(dataDir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CorruptDatabaseError);
      expect((error as CorruptDatabaseError).message).toMatch(new RegExp(`is damaged and was not opened \\(the data file is ${what === 'missing' ? 'missing' : 'empty'}`));
      expect((error as CorruptDatabaseError).latestBackup?.path).toBe(latest?.path);
      expect(listBackups(dataDir)).toEqual(backupsBefore);
      expect(fs.existsSync(dbFile)).toBe(what !== 'missing');
      if (what !== 'missing') expect(fs.statSync(dbFile).size).toBe(0);

      // Offered the backup, the officer gets every case back.
      restoreLatestBackup(dbFile, dataDir, { reason: 'corrupt' });
      expect(caseNumbersIn(dbFile)).toHaveLength(4);
    });
  }

  it('still starts a new store in a new data folder', async () => {
    const dataDir = tempDir('psr-backup-');
    dirs.push(dataDir);
    const core = start(dataDir);
    await core.startupBackup;
    core.close();
    expect(listBackups(dataDir)).toHaveLength(1);
  });
});

describe('restoring a backup', () => {
  it('checks the backup first: a damaged one or one from a newer app is refused and nothing changes', async () => {
    const dataDir = await folderWithCases(6);
    const dbFile = path.join(dataDir, DB_FILE_NAME);
    const good = listBackups(dataDir)[0]?.path ?? '';
    expect(caseNumbersIn(good)).toHaveLength(6);
    const before = sha(dbFile);

    const damaged = path.join(dataDir, 'damaged.sqlite');
    fs.copyFileSync(good, damaged);
    damage(damaged);
    expect(() => restoreBackup(dbFile, damaged)).toThrow(/damaged|not a readable database/);

    const newer = path.join(dataDir, 'newer.sqlite');
    fs.copyFileSync(good, newer);
    const db = new BetterSqlite3(newer);
    db.pragma('user_version = 99');
    db.close();
    expect(() => restoreBackup(dbFile, newer)).toThrow(/newer version of this app \(schema 99/);
    expect(() => verifyBackup(newer)).toThrow(expect.objectContaining({ code: 'newer_database' }));

    const notADatabase = path.join(dataDir, 'notes.sqlite');
    fs.writeFileSync(notADatabase, 'these are not the cases you are looking for'.repeat(200));
    expect(() => restoreBackup(dbFile, notADatabase)).toThrow(AppError);
    expect(() => restoreBackup(dbFile, path.join(dataDir, 'missing.sqlite'))).toThrow(/no backup file/);

    expect(sha(dbFile)).toBe(before);
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith(`${DB_FILE_NAME}.`))).toEqual([]);
  });

  it('puts the backed-up cases back and keeps the replaced store aside', async () => {
    const dataDir = await folderWithCases(2);
    const dbFile = path.join(dataDir, DB_FILE_NAME);
    const backup = listBackups(dataDir)[0]?.path ?? '';
    const core = start(dataDir);
    await core.startupBackup;
    await addCase(core, 3);
    core.close();
    const replaced = sha(dbFile);

    const result = restoreBackup(dbFile, backup, { now: () => new Date('2026-11-27T09:30:00Z') });
    expect(result.keptAside).toEqual([`${dbFile}.replaced-2026-11-27-093000000Z`]);
    expect(sha(result.keptAside[0] ?? '')).toBe(replaced);
    expect(caseNumbersIn(dbFile)).toEqual(['CR-2026-0001', 'CR-2026-0002']);
    const reopened = start(dataDir);
    await reopened.startupBackup;
    expect((await reopened.dispatch('cases.list', {}, { actor: 'a', door: 'cli' })).ok).toBe(true);
    reopened.close();
  });
});

describe('a damaged data file at start', () => {
  it('is refused with a clear error naming the latest good backup, and is left exactly as it was', async () => {
    const dataDir = await folderWithCases(8);
    const dbFile = path.join(dataDir, DB_FILE_NAME);
    const latest = latestGoodBackup(dataDir);
    expect(latest).not.toBeNull();
    const backupsBefore = listBackups(dataDir);
    damage(dbFile);
    const damaged = sha(dbFile);

    let error: unknown;
    try {
      start(dataDir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CorruptDatabaseError);
    const corrupt = error as CorruptDatabaseError;
    expect(corrupt.code).toBe('storage');
    expect(corrupt.message).toContain(`The data file ${dbFile} is damaged and was not opened`);
    expect(corrupt.message).toContain(`The latest good backup is ${latest?.path}`);
    expect(corrupt.message).toContain('Nothing has been changed');
    expect(corrupt.latestBackup?.path).toBe(latest?.path);
    expect(sha(dbFile)).toBe(damaged);
    expect(listBackups(dataDir), 'a damaged store is never backed up over good backups').toEqual(backupsBefore);
  });

  it('says so when there is no backup to offer', async () => {
    const dataDir = tempDir('psr-backup-');
    dirs.push(dataDir);
    const core = start(dataDir, false);
    for (let i = 1; i <= 8; i++) await addCase(core, i);
    core.close();
    damage(path.join(dataDir, DB_FILE_NAME));
    expect(() => start(dataDir)).toThrow(/No good backup was found/);
  });

  it('is refused when it is not a database at all', async () => {
    const dataDir = await folderWithCases(1);
    fs.writeFileSync(path.join(dataDir, DB_FILE_NAME), 'PK\u0003\u0004 a zip file saved over the store'.repeat(300));
    expect(() => start(dataDir)).toThrow(CorruptDatabaseError);
  });

  it('is kept aside under a timestamped name, never overwritten, when the latest backup is restored', async () => {
    const dataDir = await folderWithCases(8);
    const dbFile = path.join(dataDir, DB_FILE_NAME);
    const at = new Date('2026-11-27T08:00:00Z');
    const asides: string[] = [];
    for (const round of [1, 2]) {
      damage(dbFile);
      const damaged = sha(dbFile);
      expect(() => start(dataDir), `round ${round}`).toThrow(CorruptDatabaseError);
      const result = restoreLatestBackup(dbFile, dataDir, { reason: 'corrupt', now: () => at });
      const aside = result.keptAside[0] ?? '';
      expect(aside).toMatch(/psr\.sqlite\.corrupt-2026-11-27-080000000Z(-\d+)?$/);
      expect(sha(aside)).toBe(damaged);
      asides.push(aside);
      const core = start(dataDir);
      await core.startupBackup;
      const list = await core.dispatch('cases.list', {}, { actor: 'a', door: 'cli' });
      expect(list.ok && (list.value as { total: number }).total).toBe(8);
      core.close();
    }
    // The same clock both times: the second damaged file got a new name instead of replacing the first.
    expect(new Set(asides).size).toBe(2);
    for (const a of asides) expect(fs.existsSync(a)).toBe(true);
  });

  it('skips a damaged backup when choosing the latest good one', async () => {
    const dataDir = await folderWithCases(8);
    const core = start(dataDir);
    await addCase(core, 9);
    core.close();
    const again = start(dataDir);
    await again.startupBackup;
    again.close();
    const [newest, older] = listBackups(dataDir);
    damage(newest?.path ?? '');
    expect(latestGoodBackup(dataDir)?.path).toBe(older?.path);
  });
});
