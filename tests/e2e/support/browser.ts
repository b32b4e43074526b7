import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../../main/doors/serve';
import { tempDir } from '../../support/core';
import { TOKEN_HEADER } from '../../../main/doors/http';
import { PersonDetails, type PersonDetailsInput } from '../../../main/contract/people';

// End-to-end tests drive Debian's Chromium against browser mode, on a data folder of their own.

export const CHROMIUM = process.env.PSR_CHROMIUM ?? '/usr/bin/chromium';

export interface E2E {
  mode: BrowserMode;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Opens a second tab already holding the session token, as a second window would. */
  newTab(): Promise<Page>;
  close(): Promise<void>;
}

/** The person a test's store is used by, added before the page opens (first start has its own test). */
export const E2E_OFFICER = { fullName: 'Officer Jane Doyle', role: 'probation_officer', team: 'City team', service: 'Probation Service' } as const;

/** The passphrase of a protected test store. */
export const E2E_PASSPHRASE = 'lantern harbour meadow';

/**
 * Browser mode on a store of its own, protected with E2E_PASSPHRASE for E2E_OFFICER (everyone a test
 * adds gets the same passphrase). `signedIn` (the default) signs the server's one session in before
 * any page opens, as a person would at the sign-in screen (that screen has its own test).
 */
export async function startBrowserE2E(dataDir: string, details: PersonDetailsInput = E2E_OFFICER, { signedIn = true } = {}): Promise<BrowserMode> {
  // Small scrypt parameters keep sign-ins quick; the product's are in main/store/keyring.ts.
  const mode = await startBrowserMode({ dataDir, kdfCost: { N: 2 ** 12, r: 8, p: 1 } });
  const person = await mode.gate.setUp({ personId: null }, { passphrase: E2E_PASSPHRASE, details: PersonDetails.parse(details) });
  if (signedIn) {
    const response = await fetch(`http://127.0.0.1:${mode.server.port}/api/session.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: mode.server.token },
      body: JSON.stringify({ personId: person.id, passphrase: E2E_PASSPHRASE }),
    });
    if (!response.ok) throw new Error(`could not sign in: ${await response.text()}`);
  }
  return mode;
}

export async function startE2E(options: { firstStart?: boolean; protected?: boolean; role?: (typeof E2E_OFFICER)['role'] | 'administrator' } = {}): Promise<E2E> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}; .ci/run installs Debian's chromium.`);
  const dataDir = tempDir('psr-e2e-');
  // `protected`: the page meets the sign-in screen; otherwise it opens signed in; `firstStart`: a new, empty store.
  const mode = options.firstStart
    ? await startBrowserMode({ dataDir, kdfCost: { N: 2 ** 12, r: 8, p: 1 } })
    : await startBrowserE2E(dataDir, { ...E2E_OFFICER, role: options.role ?? E2E_OFFICER.role }, { signedIn: !options.protected });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
  context.setDefaultTimeout(15_000);
  const open = async () => {
    const page = await context.newPage();
    await page.goto(mode.server.url);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    return page;
  };
  const page = await open();
  return {
    mode,
    browser,
    context,
    page,
    newTab: open,
    async close() {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await mode.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** axe-core on the current page: no serious or critical violation is acceptable. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `accessibility of ${label}`).toEqual([]);
}

/** Switches the window to `fullName` as a person does: Lock, then their name and passphrase. */
export async function actAs(page: Page, fullName: string): Promise<void> {
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel(fullName, { exact: true }).check();
  await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
  await page.getByLabel('Passphrase').press('Enter');
  await expect.poll(() => page.locator('.app-person').textContent()).toContain(fullName);
}
