import { afterEach, describe, expect, it } from 'vitest';
import { caseFor, createCase, InterviewScreen, openInterview } from './support/interviewPages';
import { E2E_OFFICER, E2E_PASSPHRASE, expectAccessible, startE2E, type E2E } from './support/browser';

// An encrypted store in the browser: nothing shows until a passphrase is given, a wrong one is
// refused at its field, Lock takes the page down, and what was typed but not saved stays on this
// computer sealed, to be offered back after signing in again (docs/encryption-at-rest.md).

let e2e: E2E | null = null;
afterEach(async () => {
  await e2e?.close();
  e2e = null;
});

describe('signing in to an encrypted store', () => {
  it('refuses a wrong passphrase at its field, signs in with the right one, and locks by hand', async () => {
    e2e = await startE2E({ protected: true });
    const { page } = e2e;
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    expect(await page.locator('.app-person').count()).toBe(0);
    await expectAccessible(page, 'the sign-in screen');
    await page.getByLabel('Passphrase').fill('lantern harbour meadoW');
    await page.getByLabel('Passphrase').press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('That passphrase is not right');
    expect(await page.getByLabel('Passphrase').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the sign-in screen with a refusal');
    await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.app-person').textContent()).toContain(E2E_OFFICER.fullName);
    expect(await page.getByText('This store is not encrypted').count()).toBe(0);
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    expect(await page.locator('.app-person').count()).toBe(0);
  });

  it('keeps what was typed sealed on this computer while locked, and offers it back after signing in', async () => {
    e2e = await startE2E({ protected: true });
    const { page } = e2e;
    const id = await createCase(e2e, caseFor({ caseNumber: 'CR-E2E-SEALED' }));
    await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
    await page.getByLabel('Passphrase').press('Enter');
    await page.locator('.app-person').waitFor();
    let iv = await openInterview(page, id);
    // The save cannot get through: the copy on this computer is all there is.
    await page.route('**/api/interview.save', (route) => route.abort('internetdisconnected'));
    await iv.type('Language the interview was held in', 'Vantongeren dialect');
    await page.waitForTimeout(1_000);
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('psr.draft')).map((k) => localStorage.getItem(k) ?? ''));
    expect(kept.length).toBeGreaterThan(0);
    for (const copy of kept) {
      expect(copy).not.toContain('Vantongeren');
      expect(copy).toContain('"sealed":1');
    }
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    expect(await page.getByText('Vantongeren').count()).toBe(0);
    await page.unroute('**/api/interview.save');
    await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
    await page.getByLabel('Passphrase').press('Enter');
    iv = new InterviewScreen(page);
    await iv.ready();
    await expect.poll(() => iv.field('Language the interview was held in').inputValue()).toBe('Vantongeren dialect');
  });

  it('changes one’s passphrase on the Passphrases page, refusing a wrong current one at its field', async () => {
    e2e = await startE2E({ protected: true });
    const { page } = e2e;
    await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
    await page.getByLabel('Passphrase').press('Enter');
    await page.getByRole('link', { name: 'Passphrases' }).click();
    await page.getByRole('heading', { level: 1, name: 'Passphrases' }).waitFor();
    await expectAccessible(page, 'the passphrases page');
    await page.getByLabel('Your current passphrase').fill('not the current one');
    await page.getByLabel('New passphrase').fill('a fresher passphrase');
    await page.getByLabel('Type the passphrase again').fill('a fresher passphrase');
    await page.getByRole('button', { name: 'Change my passphrase' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('not your current passphrase');
    expect(await page.getByLabel('Your current passphrase').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Your current passphrase').fill(E2E_PASSPHRASE);
    await page.getByRole('button', { name: 'Change my passphrase' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your passphrase is changed' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('Passphrase').fill('a fresher passphrase');
    await page.getByLabel('Passphrase').press('Enter');
    await expect.poll(() => page.locator('.app-person').textContent()).toContain(E2E_OFFICER.fullName);
  });

  it('lets an administrator add a person with a first passphrase, who can then sign in', async () => {
    e2e = await startE2E({ protected: true, role: 'administrator' });
    const { page } = e2e;
    await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
    await page.getByLabel('Passphrase').press('Enter');
    await page.getByRole('link', { name: 'Passphrases' }).click();
    await page.getByRole('heading', { level: 1, name: 'Passphrases' }).waitFor();
    await page.getByLabel('Full name').fill('Officer Nia Brooks');
    await page.getByLabel('Their first passphrase').fill('nia first passphrase');
    await page.getByRole('button', { name: 'Add this person' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Officer Nia Brooks can now sign in' }).count()).toBe(1);
    await expectAccessible(page, 'the passphrases page of an administrator');
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('Officer Nia Brooks').check();
    await page.getByLabel('Passphrase').fill('nia first passphrase');
    await page.getByLabel('Passphrase').press('Enter');
    await expect.poll(() => page.locator('.app-person').textContent()).toContain('Officer Nia Brooks, Probation officer');
  });

  it('locks by itself after the jurisdiction’s idle minutes without a key press or click, and says why', async () => {
    e2e = await startE2E({ protected: true });
    const page = await e2e.context.newPage();
    // The page's clock is the test's, so ten minutes pass at once.
    await page.clock.install();
    await page.goto(e2e.mode.server.url);
    await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
    await page.getByLabel('Passphrase').press('Enter');
    await page.locator('.app-person').waitFor();
    await page.clock.fastForward('09:00');
    await page.keyboard.press('Shift');
    await page.clock.fastForward('09:00');
    // Activity nine minutes in kept it open.
    expect(await page.locator('.app-person').count()).toBe(1);
    await page.clock.fastForward('01:01');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('locked after 10 minutes');
    await page.close();
  });
});
