import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, startE2E, type E2E } from './support/browser';
import { CaseListScreen, CaseScreen, type CaseForm } from './support/pages';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const amina: CaseForm = {
  givenNames: 'Amina',
  familyName: 'Okafor',
  dateOfBirth: '1990-04-12',
  gender: 'Female',
  court: "City Magistrates' Court",
  caseNumber: 'CR-2026-0415',
  hearingDate: '2026-12-20',
  stage: 'Convicted, awaiting sentence',
  reportType: 'Full written report',
  reportDueDate: '2026-12-15',
  charges: [
    { offence: 'Theft from a shop', offenceDate: '2026-08-02', plea: 'Guilty' },
    { offence: 'Failing to surrender', offenceDate: '2026-09-10', plea: 'Guilty' },
  ],
};

describe('an officer manages cases in the browser', () => {
  it('creates a case, finds it by search, edits it, reloads and sees the edit', async () => {
    const { page } = e2e;
    const list = new CaseListScreen(page);
    const form = new CaseScreen(page);
    await expectAccessible(page, 'the empty case list');

    await form.startNew();
    await form.fill(amina);
    await expectAccessible(page, 'the new case form');
    await form.create();
    await page.getByRole('heading', { level: 1, name: 'Case CR-2026-0415' }).waitFor();
    expect(await form.savedStatus()).toMatch(/^Saved at \d\d:\d\d$/);
    await expect.poll(() => page.locator('.last-saved').innerText()).toMatch(/Last saved .* \(version 1\)/);

    await form.startNew();
    await form.fill({ ...amina, givenNames: 'Jörg', familyName: 'Müller', gender: 'Male', caseNumber: 'T20260099', reportDueDate: '2026-12-01', charges: [amina.charges[0]!] });
    await form.create();
    await page.getByRole('heading', { level: 1, name: 'Case T20260099' }).waitFor();

    await list.open();
    await expect.poll(() => list.caseNumbers()).toEqual(['T20260099', 'CR-2026-0415']);
    // Each case's report state and author; neither report is started yet, and both are this officer's.
    expect(await list.column('Report')).toEqual(['Not yet written', 'Not yet written']);
    expect((await list.column('Author')).every((name) => name.length > 0 && name !== 'Not assigned')).toBe(true);
    await list.filterByState('Draft');
    await page.getByText('No case matches these filters.').waitFor();
    expect(page.url()).toMatch(/[?&]state=draft\b/);
    await list.filterByState('Not yet written');
    await expect.poll(() => list.caseNumbers()).toEqual(['T20260099', 'CR-2026-0415']);
    await list.onlyMine(true);
    await expect.poll(() => page.url()).toMatch(/[?&]mine=1\b/);
    await expect.poll(() => list.caseNumbers()).toEqual(['T20260099', 'CR-2026-0415']);
    await expectAccessible(page, 'the filtered case list');
    await list.onlyMine(false);
    await list.filterByState('All states');
    await list.sortBy('Report due date, latest first');
    await expect.poll(() => list.caseNumbers()).toEqual(['CR-2026-0415', 'T20260099']);
    await list.search('okaf');
    await expect.poll(() => list.caseNumbers()).toEqual(['CR-2026-0415']);
    await expectAccessible(page, 'the searched case list');

    await list.openCase('CR-2026-0415');
    await page.getByLabel('Hearing date').fill('2026-12-22');
    await page.getByLabel('Family name').fill('Okafor-Adeyemi');
    await form.save();
    await expect.poll(() => page.locator('.last-saved').innerText()).toMatch(/\(version 2\)/);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Case CR-2026-0415' }).waitFor();
    expect(await page.getByLabel('Family name').inputValue()).toBe('Okafor-Adeyemi');
    // Shown the way the screen's language writes it: English, in the browser's regional order.
    const written = await page.evaluate(() => new Intl.DateTimeFormat(navigator.language, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 11, 22))));
    expect(await page.getByLabel('Hearing date').inputValue()).toBe(written);
    expect(await page.getByRole('group', { name: 'Charge 2' }).getByLabel('Offence', { exact: true }).inputValue()).toBe('Failing to surrender');
  });

  it('shows every problem at once, keeps what was typed, and saves nothing until it is right', async () => {
    const { page } = e2e;
    const form = new CaseScreen(page);
    await form.startNew();
    await form.fill({ ...amina, caseNumber: 'CR-2026-0999', dateOfBirth: '2031-01-01', hearingDate: '2026-08-01', reportDueDate: '2026-07-30' });
    await form.create();
    const summary = form.errorSummary();
    await summary.waitFor();
    const text = await summary.innerText();
    expect(text).toContain('The date of birth cannot be in the future.');
    expect(text).toContain('The hearing date cannot be before the offence date of charge 1.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await expectAccessible(page, 'the form with errors');
    expect(await page.getByLabel('Case number').inputValue()).toBe('CR-2026-0999');
    expect(await page.getByLabel('Date of birth').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Date of birth').fill('1990-04-12');
    await page.getByLabel('Hearing date').fill('2026-12-20');
    await page.getByLabel('Report due date').fill('2026-12-10');
    await form.create();
    await page.getByRole('heading', { level: 1, name: 'Case CR-2026-0999' }).waitFor();
  });

  it('names the field in every problem with an empty new case, so the summary can be followed', async () => {
    const { page } = e2e;
    const form = new CaseScreen(page);
    await form.startNew();
    await form.create();
    const summary = form.errorSummary();
    await summary.waitFor();
    const items = await summary.getByRole('listitem').allInnerTexts();
    expect(items).toEqual([
      'Enter the given names.',
      'Enter the family name.',
      'Enter the date of birth.',
      'Choose the gender.',
      'Enter the court.',
      'Enter the case number.',
      'Enter the hearing date.',
      'Enter the date the report is due.',
      'Choose the report type.',
      'Choose the stage of the case.',
      'Enter the offence of charge 1.',
      'Enter the offence date of charge 1.',
      'Choose the plea for charge 1.',
    ]);
    // The message beside the field says the same, and the link in the summary goes to that field.
    expect(await page.locator('#f-person-dateOfBirth-error').innerText()).toBe('Enter the date of birth.');
    await summary.getByRole('link', { name: 'Enter the date of birth.' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-person-dateOfBirth');
    // Leave the unsaved form, so the next case starts on a fresh one.
    await new CaseListScreen(page).open();
  });

  it('refuses a case about a child, says child justice applies, and marks the date of birth', async () => {
    const { page } = e2e;
    const form = new CaseScreen(page);
    await form.startNew();
    await form.fill({ ...amina, caseNumber: 'YJ-1', dateOfBirth: '2010-05-01' });
    await form.create();
    await expect.poll(() => page.getByRole('alert').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/Child justice applies/)]));
    await expect.poll(() => page.getByLabel('Date of birth').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-person-dateOfBirth-error').innerText()).toMatch(/Under 18 .*child justice applies/);
    expect(await form.errorSummary().getByRole('link').allInnerTexts()).toEqual([expect.stringMatching(/Under 18 .*child justice applies/)]);
  });
});
