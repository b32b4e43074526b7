import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible, startE2E, type E2E } from './support/browser';

// On first start the app asks who is using it; every screen and the history then name that person,
// never the operating-system user.

let e2e: E2E | null = null;
afterEach(async () => {
  await e2e?.close();
  e2e = null;
});

describe('who is using the app', () => {
  it('asks on first start, by keyboard, refusing a blank name, and then names the person on every page', async () => {
    e2e = await startE2E({ firstStart: true });
    const { page } = e2e;
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Who is using this app?');
    await expectAccessible(page, 'who is using the app');
    await page.getByRole('button', { name: 'Start using the app' }).press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Enter the full name.');
    await page.getByLabel('Full name').fill('Officer Maria Santos');
    await page.getByLabel('Role').selectOption('senior_probation_officer');
    await page.getByLabel('Team (optional)').fill('North team');
    // A new store is protected from its first start: the passphrase is asked for, twice.
    await page.getByLabel('New passphrase').fill('too short');
    await page.getByLabel('Full name').press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('at least 10 characters');
    await page.getByLabel('New passphrase').fill('north team lantern');
    await page.getByLabel('Type the passphrase again').fill('north team lantern');
    await page.getByLabel('Full name').press('Enter');
    await expect.poll(() => page.locator('.app-person').textContent()).toContain('Officer Maria Santos, Senior probation officer');
    await expect.poll(() => page.getByRole('button', { name: 'Lock' }).count()).toBe(1);
    // A reload keeps the same person: the door remembers whom its session acts for.
    await page.reload();
    await expect.poll(() => page.locator('.app-person').textContent()).toContain('Officer Maria Santos');
    expect(fs.readFileSync(path.join(e2e.mode.gate.dataDir, 'psr.sqlite')).includes('Maria Santos')).toBe(false);
  });

  it('lets a second person add themselves, and each then chooses their own name', async () => {
    e2e = await startE2E();
    const { page } = e2e;
    await expect.poll(() => page.locator('.app-person').textContent()).toContain('Officer Jane Doyle');
    await page.getByRole('button', { name: 'Change person' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Who is using this app?');
    await page.getByRole('button', { name: 'Add someone else' }).click();
    await page.getByLabel('Full name').fill('Officer Sam Lee');
    await page.getByRole('button', { name: 'Add and continue' }).click();
    await expect.poll(() => page.locator('.app-person').textContent()).toContain('Officer Sam Lee, Probation officer');
    await page.getByRole('button', { name: 'Change person' }).click();
    await expectAccessible(page, 'who is using the app');
    await page.getByRole('button', { name: 'Officer Jane Doyle' }).click();
    await expect.poll(() => page.locator('.app-person').textContent()).toContain('Officer Jane Doyle');
  });
});
