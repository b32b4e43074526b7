import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupFileName, backupsDir, listBackups } from '../../main/store/backup';
import { tempDir, testCore, TODAY } from '../support/core';

// Backups older than the jurisdiction's retention period (default.json: 2190 days) may hold a case
// erased since; every start removes them (docs/retention.md).

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('a start of the app', () => {
  it('removes backups older than the retention period and keeps the younger ones', async () => {
    const dataDir = tempDir('psr-retention-');
    dirs.push(dataDir);
    const first = testCore({ dataDir });
    await first.startupBackup;
    first.close();
    const dir = backupsDir(dataDir);
    const newest = listBackups(dataDir)[0]!.path;
    const old = path.join(dir, backupFileName(new Date(TODAY.getTime() - 2191 * 86_400_000)));
    const young = path.join(dir, backupFileName(new Date(TODAY.getTime() - 2189 * 86_400_000)));
    fs.copyFileSync(newest, old);
    fs.copyFileSync(newest, young);
    const again = testCore({ dataDir });
    const result = await again.startupBackup;
    again.close();
    expect(result?.removed).toContain(old);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(young)).toBe(true);
  });
});
