import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseDetails } from '../support/core';
import { expectAccessible, startE2E, type E2E } from './support/browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.mode.core.startupBackup;
});
afterAll(async () => e2e?.close());

describe('an officer looks after the backups', () => {
  it('backs up on demand and asks for a backup to be restored at the next start', async () => {
    const { page, mode } = e2e;
    await mode.core.dispatch('cases.create', { details: caseDetails() }, { actor: 'officer', door: 'http' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backups' }).click();
    await page.getByRole('heading', { level: 1, name: 'Backups' }).waitFor();

    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/Backup made \(\d+ bytes\) and checked\./);
    const restoreButtons = page.getByRole('button', { name: /^Restore the backup made / });
    await expect.poll(() => restoreButtons.count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the backups page');

    page.once('dialog', (dialog) => void dialog.accept());
    await restoreButtons.first().click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/will be restored when you next start the app/);
    expect(fs.existsSync(path.join(mode.core.dataDir, 'restore-request.json'))).toBe(true);
  });
});
