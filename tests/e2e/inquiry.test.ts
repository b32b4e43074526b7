import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interview } from '../../main/contract/interview';
import type { Person } from '../../main/contract/people';
import type { BrowserMode } from '../../main/doors/serve';
import { tempDir } from '../support/core';
import { actAs, E2E_PASSPHRASE, expectAccessible, startBrowserE2E, startE2E, type E2E } from './support/browser';
import { caseFor, InterviewScreen } from './support/interviewPages';

// A screener from a civil society organisation gathers part of the interview on the screener's
// store and exports it as an inquiry; the probation officer opens a new case from it on the
// service's store, and sees the screener and their organisation as the source of each answer.
// Case files leave and enter through the same pages.

let e2e: E2E;
let officerStore: BrowserMode;
let officerDir: string;
let downloads: string;
let grace: Person;
let caseId: string;
const caseNumber = 'CR-E2E-INQUIRY';

beforeAll(async () => {
  e2e = await startE2E();
  downloads = tempDir('psr-e2e-inquiry-');
  const core = e2e.mode.core;
  const added = await core.dispatch('people.add', { details: { fullName: 'Grace Mensah', role: 'screener', team: 'Women’s outreach', service: 'Hope Community Trust' }, passphrase: E2E_PASSPHRASE }, { actor: 'setup', door: 'cli' });
  if (!added.ok) throw new Error(JSON.stringify(added.error));
  grace = added.value as Person;
  // The screener opened the case and recorded what they gathered (the interview page is tested elsewhere).
  const asGrace = { actor: grace.fullName, door: 'cli' as const, session: { personId: grace.id } };
  const created = await core.dispatch('cases.create', { details: caseFor({ caseNumber }) }, asGrace);
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  caseId = (created.value as { id: string }).id;
  const answers: Interview['answers'] = { 'home.situation': { status: 'answered', value: 'private_rent' }, 'work.status': { status: 'answered', value: 'part_time' } };
  const saved = await core.dispatch('interview.save', { caseId, version: 0, interview: { formId: 'full', formVersion: 1, answers }, saveId: 'e2e-inquiry' }, asGrace);
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));

  // The service's own store, where the officer works.
  officerDir = tempDir('psr-e2e-officer-');
  officerStore = await startBrowserE2E(officerDir, { fullName: 'Officer Sam Lee', role: 'probation_officer', team: 'City team', service: 'Probation Service' });
});
afterAll(async () => {
  await e2e?.close();
  await officerStore?.stop();
  for (const dir of [officerDir, downloads]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function goTo(page: Page, address: string, heading: string | RegExp): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, address);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

async function save(page: Page, button: string): Promise<string> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const file = path.join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

let inquiryFile: string;

describe('the screener', () => {
  it('exports the inquiry from the case page, and has no case file to export', async () => {
    const { page } = e2e;
    await actAs(page, 'Grace Mensah');
    await expect.poll(() => page.locator('.app-person').textContent()).toContain('Grace Mensah, Screener');
    await goTo(page, `/cases/${caseId}`, `Case ${caseNumber}`);
    expect(await page.getByRole('button', { name: 'Export case file' }).count()).toBe(0);
    await expectAccessible(page, 'the case page of a screener');
    inquiryFile = await save(page, 'Export inquiry');
    expect(path.basename(inquiryFile)).toMatch(new RegExp(`^inquiry-${caseNumber}-\\d{4}-\\d\\d-\\d\\d\\.json$`));
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'to your downloads' }).textContent()).toBe(`Saved ${path.basename(inquiryFile)} to your downloads.`);
    const pkg = JSON.parse(fs.readFileSync(inquiryFile, 'utf8')) as { format: string; screener: { name: string }; interview: Interview };
    expect(pkg).toMatchObject({ format: 'psr-inquiry', screener: { name: 'Grace Mensah' } });
    expect(Object.keys(pkg.interview.answers).sort()).toEqual(['home.situation', 'work.status']);
  });

  it('sees only the sections open to screeners in the interview, and no way to mark it complete', async () => {
    const { page } = e2e;
    const iv = new InterviewScreen(page);
    await page.getByRole('link', { name: 'Interview', exact: true }).click();
    await iv.ready();
    const titles = await iv.sectionTitles();
    expect(titles).toContain('Accommodation and safety of the home');
    expect(titles).toContain('Dependants and caregiving');
    expect(titles).not.toContain('Informed participation');
    expect(titles).not.toContain('Structured risk and needs assessment');
    expect(titles).not.toContain('Offence analysis');
    await expect.poll(() => page.getByRole('note').textContent()).toContain('You see the questions open to screeners.');
    expect(await page.getByRole('button', { name: 'Mark interview complete' }).count()).toBe(0);
    await iv.goToSection('Feasibility of community options');
    // Only the practical questions of this section are a screener's.
    expect(await iv.question('Getting to appointments').count()).toBe(1);
    expect(await iv.question('Would they agree to unpaid community work?').count()).toBe(0);
    await expectAccessible(page, 'the interview as a screener sees it');
  });
});

describe('the officer, on the service’s store', () => {
  let page: Page;
  beforeAll(async () => {
    page = await e2e.context.newPage();
    await page.goto(officerStore.server.url);
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
  });

  it('is told exactly what is wrong with an inquiry that answers the officer’s questions, and nothing is imported', async () => {
    const pkg = JSON.parse(fs.readFileSync(inquiryFile, 'utf8')) as { interview: Interview };
    pkg.interview.answers['risk.level'] = { status: 'answered', value: 'low' };
    const tampered = path.join(downloads, 'tampered.json');
    fs.writeFileSync(tampered, JSON.stringify(pkg));
    await expectAccessible(page, 'the case list with its imports');
    await page.getByLabel('Import inquiry').setInputFiles(tampered);
    const summary = page.locator('.error-summary');
    await expect.poll(() => summary.textContent()).toContain('A screener does not answer this question: it is the officer’s. (at $.interview.answers.risk.level in tampered.json)');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await expectAccessible(page, 'the case list with an import refused');
    await expect.poll(() => page.getByRole('status').filter({ hasText: /cases?$/ }).first().textContent()).toBe('0 cases');
  });

  it('opens a new case from the inquiry, whose answers name the screener and their organisation as their source', async () => {
    await page.getByLabel('Import inquiry').setInputFiles(inquiryFile);
    await page.getByRole('heading', { level: 1, name: `Case ${caseNumber}` }).waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'inquiry' }).textContent()).toContain('This case was opened from a screener’s inquiry.');
    await expectAccessible(page, 'a case opened from an inquiry');

    const iv = new InterviewScreen(page);
    await page.getByRole('link', { name: 'Interview', exact: true }).click();
    await iv.ready();
    expect(await iv.sectionTitles()).toContain('Structured risk and needs assessment');
    await iv.goToSection('Accommodation and safety of the home');
    const source = page.locator('.question').filter({ hasText: 'Where do they live now?' }).locator('summary');
    await expect.poll(() => source.textContent()).toContain('(Third party: Grace Mensah, Women’s outreach, Hope Community Trust)');
    await source.click();
    await expect.poll(() => page.getByLabel('How the information was obtained').first().inputValue()).toMatch(/^Inquiry prepared \d{4}-\d\d-\d\d$/);
    await expectAccessible(page, 'an answer from an inquiry with its source');
  });

  it('exports the case as a case file and opens another case from a case file', async () => {
    await page.getByRole('link', { name: 'Case details', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Case ${caseNumber}` }).waitFor();
    expect(await page.getByRole('button', { name: 'Export inquiry' }).count()).toBe(0);
    const file = await save(page, 'Export case file');
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string; case: { caseNumber: string }; interview: Interview };
    expect(exported).toMatchObject({ format: 'psr-case-file', case: { caseNumber } });
    expect(exported.interview.answers['home.situation']).toMatchObject({ source: { kind: 'third_party', by: 'Grace Mensah, Women’s outreach, Hope Community Trust' } });

    // The same file again is refused, naming the case number; then the file of another case opens it.
    await goTo(page, '/', 'Cases');
    await page.getByLabel('Import case file').setInputFiles(file);
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain(caseNumber);
    const other = { ...exported, case: { ...exported.case, caseNumber: 'CR-E2E-CASEFILE' } };
    const otherFile = path.join(downloads, 'other-case.json');
    fs.writeFileSync(otherFile, JSON.stringify(other));
    await page.getByLabel('Import case file').setInputFiles(otherFile);
    await page.getByRole('heading', { level: 1, name: 'Case CR-E2E-CASEFILE' }).waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'case file' }).textContent()).toBe('This case was opened from a case file.');
  });
});

describe('an inquiry sealed to the officer', () => {
  it('is sealed in the screener’s page to the address the officer’s page shows, and opens on the officer’s store', async () => {
    // The officer's page shows their inquiry address.
    const officerPage = await e2e.context.newPage();
    await officerPage.goto(officerStore.server.url);
    await officerPage.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await officerPage.getByRole('button', { name: 'Show my inquiry address' }).click();
    const address = (await officerPage.locator('code.address').textContent())!.trim();
    expect(address).toMatch(/^age1[0-9a-z]{58}$/);
    await expectAccessible(officerPage, 'the case list with the inquiry address');

    // A second case the screener gathered.
    const core = e2e.mode.core;
    const asGrace = { actor: grace.fullName, door: 'cli' as const, session: { personId: grace.id } };
    const created = await core.dispatch('cases.create', { details: caseFor({ caseNumber: 'CR-E2E-SEALED', person: { familyName: 'Wanjiru-Sealed' } }) }, asGrace);
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const sealedCase = (created.value as { id: string }).id;

    const { page } = e2e;
    await goTo(page, `/cases/${sealedCase}`, 'Case CR-E2E-SEALED');
    await page.getByLabel('Seal to the officer’s inquiry address (recommended)').fill(address);
    await expectAccessible(page, 'the case page of a screener, sealing');
    const file = await save(page, 'Export inquiry');
    expect(path.basename(file)).toMatch(/\.age$/);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    expect(text).not.toContain('Wanjiru');

    await officerPage.getByLabel('Import inquiry').setInputFiles(file);
    await officerPage.getByRole('heading', { level: 1, name: /CR-E2E-SEALED/ }).waitFor();
    await officerPage.close();
  });
});
