import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../../main/doors/serve';
import { tempDir } from '../../support/core';

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

export async function startE2E(options: { firstStart?: boolean; protected?: boolean; role?: (typeof E2E_OFFICER)['role'] | 'administrator' } = {}): Promise<E2E> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}; .ci/run installs Debian's chromium.`);
  const dataDir = tempDir('psr-e2e-');
  // Small scrypt parameters keep a protected store's sign-ins quick; the product's are in keyring.ts.
  const mode = await startBrowserMode({ dataDir, kdfCost: { N: 2 ** 12, r: 8, p: 1 } });
  if (options.protected) {
    await mode.gate.setUp({ personId: null }, { passphrase: E2E_PASSPHRASE, details: { ...E2E_OFFICER, role: options.role ?? E2E_OFFICER.role } });
  } else if (!options.firstStart) {
    const added = await mode.core.dispatch('people.add', { details: E2E_OFFICER }, { actor: E2E_OFFICER.fullName, door: 'cli' });
    if (!added.ok) throw new Error(`could not add the test officer: ${JSON.stringify(added.error)}`);
  }
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

/** Switches the window to `fullName` as a person does: Change person, then their name. */
export async function actAs(page: Page, fullName: string): Promise<void> {
  await page.getByRole('button', { name: 'Change person' }).click();
  await page.getByRole('button', { name: fullName }).click();
  await expect.poll(() => page.locator('.app-person').textContent()).toContain(fullName);
}
