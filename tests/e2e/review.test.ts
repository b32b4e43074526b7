import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Input, Method, Output } from '../../main/contract/api';
import type { ReportText } from '../../main/contract/reportText';
import { tempDir } from '../support/core';
import { womanWithTwoDependants } from '../fixtures/interviews';
import { actAs, E2E_OFFICER, expectAccessible, startE2E, type E2E, E2E_PASSPHRASE } from './support/browser';

// A report's life in the browser, by keyboard: the officer submits, a senior officer comments on a
// section and returns it, the officer marks the comment addressed beside its section and
// resubmits, the senior officer countersigns, and the officer issues a document with no DRAFT.

let e2e: E2E;
let downloads: string;
const SENIOR = { fullName: 'Officer Maria Santos', role: 'senior_probation_officer', team: 'City team', service: 'Probation Service' } as const;
beforeAll(async () => {
  e2e = await startE2E();
  downloads = tempDir('psr-e2e-review-');
});
afterAll(async () => {
  await e2e?.close();
  if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
});

let officerId = '';
async function dispatch<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const result = await e2e.mode.core.dispatch(method, input, { actor: E2E_OFFICER.fullName, door: 'cli', session: { personId: officerId } });
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as Output<M>;
}

/** A case the officer has written to the point the Write the report page calls ready. */
async function readyCase(caseNumber: string): Promise<string> {
  const c = womanWithTwoDependants(caseNumber);
  const record = await dispatch('cases.create', { details: c.details });
  await dispatch('interview.save', { caseId: record.id, version: 0, interview: c.interview });
  const proposal = { selected: [{ type: 'option' as const, id: 'sentencing.probation' }], rationale: 'A community order keeps her children at home.', alternatives: [], conditions: [], acknowledgements: [] };
  const saved = await dispatch('proposal.save', { caseId: record.id, version: 0, proposal });
  await dispatch('proposal.save', { caseId: record.id, version: 1, proposal: { ...proposal, acknowledgements: saved.checks.checks.map((k) => ({ checkId: k.id, reason: 'Weighed.' })) } });
  const { sections } = await dispatch('reportText.get', { caseId: record.id });
  const text: ReportText = {
    sections: Object.fromEntries(sections.filter((s) => s.applies).map((s) => [s.id, { text: `In my assessment the facts recorded for ${s.id} weigh towards supervision in the community.` }])),
    acknowledgements: [],
  };
  const open = await dispatch('reportText.checks', { caseId: record.id, text });
  await dispatch('reportText.save', { caseId: record.id, version: 0, text: { ...text, acknowledgements: open.analysis.map((k) => ({ checkId: k.id, reason: 'Weighed.' })) } });
  return record.id;
}

async function openReport(page: Page, caseId: string, caseNumber: string) {
  await page.goto(`${new URL(e2e.mode.server.url).origin}/cases/${caseId}/report`);
  await page.getByRole('heading', { level: 1, name: `Report for case ${caseNumber}` }).waitFor();
  await page.getByRole('article', { name: 'Report preview' }).waitFor();
}

/** Presses a button from the keyboard, as a person without a mouse does. */
async function press(page: Page, name: string) {
  const button = page.getByRole('button', { name, exact: true });
  await button.focus();
  await page.keyboard.press('Enter');
}

const stateLine = (page: Page) => page.locator('.review-state').innerText();

describe('a report’s review and issue in the browser', () => {
  it('goes from the officer to the reviewer and back, is countersigned, issued as DOCX and PDF, and amended, by keyboard', async () => {
    const { page } = e2e;
    const people = await e2e.mode.core.dispatch('people.list', {}, { actor: 'e2e', door: 'cli' });
    officerId = (people.ok ? (people.value as Output<'people.list'>) : []).find((p) => p.fullName === E2E_OFFICER.fullName)!.id;
    await e2e.mode.core.dispatch('people.add', { details: SENIOR, passphrase: E2E_PASSPHRASE }, { actor: 'e2e', door: 'cli' });
    const caseNumber = 'CR-2026-0950';
    const caseId = await readyCase(caseNumber);

    await page.reload();
    await openReport(page, caseId, caseNumber);
    await expect.poll(() => stateLine(page)).toContain('Not yet written');
    await press(page, 'Submit for review');
    await expect.poll(() => stateLine(page)).toContain('Version 1: Submitted for review');
    // The author cannot countersign their own report: the step is not offered.
    expect(await page.getByRole('button', { name: 'Countersign' }).count()).toBe(0);

    await actAs(page, SENIOR.fullName);
    await openReport(page, caseId, caseNumber);
    await expectAccessible(page, 'the report page for the reviewer');
    await page.getByLabel('Comment on', { exact: true }).selectOption({ label: 'Conclusion' });
    await page.getByLabel('Comment', { exact: true }).fill('Say how her debts bear on the order’s feasibility.');
    await press(page, 'Add comment');
    await expect.poll(() => page.getByRole('article', { name: 'Comment on Conclusion' }).innerText()).toContain('Say how her debts bear');
    await page.getByLabel('What needs changing (required to return it)').fill('One point to address.');
    await press(page, 'Return with comments');
    await expect.poll(() => stateLine(page)).toContain('Returned with comments');

    await actAs(page, E2E_OFFICER.fullName);
    await page.goto(`${new URL(e2e.mode.server.url).origin}/cases/${caseId}/write`);
    const conclusion = page.getByRole('region', { name: 'Conclusion' });
    await expect.poll(() => conclusion.innerText()).toContain('1 review comment on this section is not yet addressed.');
    await expectAccessible(page, 'the write page with review comments');
    await conclusion.getByLabel('What you changed (optional)').fill('Added a paragraph on her debts.');
    await conclusion.getByRole('button', { name: 'Mark addressed' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => conclusion.innerText()).toContain('Added a paragraph on her debts.');
    // The comment the report was returned with is on the report as a whole.
    const whole = page.getByRole('region', { name: 'Review comments on the report as a whole and on other sections' });
    await whole.getByRole('button', { name: 'Mark addressed' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => whole.getByRole('button', { name: 'Mark addressed' }).count()).toBe(0);

    await openReport(page, caseId, caseNumber);
    await press(page, 'Submit for review');
    await expect.poll(() => stateLine(page)).toContain('Submitted for review');

    await actAs(page, SENIOR.fullName);
    await openReport(page, caseId, caseNumber);
    await press(page, 'Countersign');
    await expect.poll(() => stateLine(page)).toContain('Countersigned');

    await actAs(page, E2E_OFFICER.fullName);
    await openReport(page, caseId, caseNumber);
    await press(page, 'Issue');
    await expect.poll(() => stateLine(page)).toContain('Version 1: Issued');
    const preview = page.getByRole('article', { name: 'Report preview' });
    await expect.poll(() => preview.innerText()).toContain(SENIOR.fullName);
    expect(await preview.innerText()).not.toContain('DRAFT');
    await expectAccessible(page, 'the issued report');

    const [download] = await Promise.all([page.waitForEvent('download'), press(page, 'Export DOCX')]);
    expect(download.suggestedFilename()).toMatch(/-v1\.docx$/);
    const [pdf] = await Promise.all([page.waitForEvent('download'), press(page, 'Export PDF')]);
    expect(pdf.suggestedFilename()).toMatch(/-v1\.pdf$/);

    // Amending starts version 2 as a draft whose report says what it amends and why.
    await page.getByLabel('Why the issued report is being amended').fill('The court asked about her new tenancy.');
    await press(page, 'Amend');
    await expect.poll(() => stateLine(page)).toContain('Version 2: Draft');
    await expect.poll(() => preview.innerText()).toContain('Amendment to version 1');
    expect(await preview.innerText()).toContain('The court asked about her new tenancy.');
    expect(await preview.innerText()).toContain('DRAFT');
    // Version 1 is still there to read and export exactly as issued.
    await page.getByLabel('Version shown').selectOption({ label: 'Version 1: Issued' });
    await expect.poll(() => preview.innerText()).not.toContain('DRAFT');
    await expectAccessible(page, 'the report page with two versions');
  });
});
