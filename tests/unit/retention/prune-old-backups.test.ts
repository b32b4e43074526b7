import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFileName } from '../../../main/store/backup';
import { pruneOldBackups } from '../../../main/store/erasure';
import { closeRefusal, confirmsCaseNumber, daysPastRetention, erasureRefusal } from '../../../main/domain/retention';

// Backups older than the retention period are removed; everything else in the folder is left as it was.

const NOW = new Date('2032-11-26T10:00:00.000Z');
const DAY = 86_400_000;
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-prune-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const backupMadeDaysAgo = (n: number, extra = '') => {
  const file = path.join(dir, backupFileName(new Date(NOW.getTime() - n * DAY)) + extra);
  fs.writeFileSync(file, 'x');
  return file;
};

describe('pruneOldBackups', () => {
  it('removes the backups made longer ago than the retention period and keeps the rest', () => {
    const old = backupMadeDaysAgo(2191);
    const edge = backupMadeDaysAgo(2190);
    const recent = backupMadeDaysAgo(3);
    expect(pruneOldBackups(dir, 2190, NOW)).toEqual([old]);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(edge)).toBe(true);
    expect(fs.existsSync(recent)).toBe(true);
  });

  it('takes the rollback journal left beside an old backup with it', () => {
    const old = backupMadeDaysAgo(4000);
    const journal = backupMadeDaysAgo(4000, '-journal');
    pruneOldBackups(dir, 2190, NOW);
    expect([fs.existsSync(old), fs.existsSync(journal)]).toEqual([false, false]);
  });

  it('never touches a file that is not named like an automatic backup, however old', () => {
    const other = path.join(dir, 'my-copy.sqlite');
    fs.writeFileSync(other, 'x');
    fs.utimesSync(other, new Date('2001-01-01'), new Date('2001-01-01'));
    expect(pruneOldBackups(dir, 1, NOW)).toEqual([]);
    expect(fs.existsSync(other)).toBe(true);
  });

  it('does nothing for a folder that does not exist, and refuses a retention period that is not a whole number of days', () => {
    expect(pruneOldBackups(path.join(dir, 'missing'), 30, NOW)).toEqual([]);
    expect(() => pruneOldBackups(dir, 0, NOW)).toThrow(/whole number/);
    expect(() => pruneOldBackups(dir, 1.5, NOW)).toThrow(/whole number/);
  });
});

describe('the retention rules', () => {
  it('close a case as issued only once its report is issued, and as withdrawn only before it is', () => {
    expect(closeRefusal('report_issued', 'issued', null)).toBeNull();
    expect(closeRefusal('report_issued', 'countersigned', null)?.details.key).toBe('errors.retention.notIssued');
    expect(closeRefusal('withdrawn', null, null)).toBeNull();
    expect(closeRefusal('withdrawn', 'submitted', null)).toBeNull();
    expect(closeRefusal('withdrawn', 'issued', null)?.details.key).toBe('errors.retention.issuedNotWithdrawn');
    expect(closeRefusal('withdrawn', null, '2026-01-01T00:00:00.000Z')?.details.key).toBe('errors.retention.alreadyClosed');
  });

  it('make a case due on the day its retention period ends, never before, and never without a period set', () => {
    const closed = '2026-11-26T10:00:00.000Z';
    expect(erasureRefusal(closed, new Date(Date.parse(closed) + 2190 * DAY - 1), 2190)?.details.key).toBe('errors.retention.notDue');
    expect(erasureRefusal(closed, new Date(Date.parse(closed) + 2190 * DAY), 2190)).toBeNull();
    expect(daysPastRetention(closed, new Date(Date.parse(closed) + 2195 * DAY), 2190)).toBe(5);
    expect(erasureRefusal(closed, NOW, undefined)?.details.key).toBe('errors.retention.notSet');
    expect(erasureRefusal(null, NOW, 2190)?.details.key).toBe('errors.retention.notClosed');
  });

  it('take the case number typed again, spaces around it aside, and nothing else', () => {
    expect(confirmsCaseNumber(' CR-2026-0415 ', 'CR-2026-0415')).toBe(true);
    expect(confirmsCaseNumber('cr-2026-0415', 'CR-2026-0415')).toBe(false);
    expect(confirmsCaseNumber('CR-2026-041', 'CR-2026-0415')).toBe(false);
  });
});
