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

  it('opens an older store, written before encryption, only once someone of it has set a passphrase, then encrypted', async () => {
    e2e = await startE2E({ firstStart: true });
    const { page } = e2e;
    // A store from before the upgrade: people, a case, no passphrase.
    const core = e2e.mode.gate.openUnprotected()!;
    await core.dispatch('people.add', { details: { fullName: 'Officer Sam Lee', role: 'probation_officer', team: '', service: '' } }, { actor: 'setup', door: 'cli' });
    await core.dispatch('people.add', { details: { fullName: 'Officer Ama Owusu', role: 'senior_probation_officer', team: '', service: '' } }, { actor: 'setup', door: 'cli' });
    const dbFile = path.join(e2e.mode.gate.dataDir, 'psr.sqlite');
    const onDisk = () => [dbFile, `${dbFile}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString('latin1')).join('');
    expect(onDisk()).toContain('Ama Owusu');
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Protect this store with a passphrase');
    expect(await page.locator('.app-person').count()).toBe(0);
    await expectAccessible(page, 'protecting an older store');
    await page.getByLabel('Officer Ama Owusu').check();
    await page.getByLabel('New passphrase').fill('owusu protects it');
    await page.getByLabel('Type the passphrase again').fill('owusu protects it');
    await page.getByRole('button', { name: 'Encrypt and sign in' }).click();
    await expect.poll(() => page.locator('.app-person').textContent()).toContain('Officer Ama Owusu, Senior probation officer');
    expect(onDisk()).not.toContain('Ama Owusu');
  });
});
