import type { Page } from 'playwright-core';

// Page objects: tests read as what an officer does, not as selectors.

export interface CaseForm {
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  gender: string;
  court: string;
  caseNumber: string;
  hearingDate: string;
  stage: string;
  reportType: string;
  reportDueDate: string;
  charges: Array<{ offence: string; offenceDate: string; plea: string }>;
}

export class CaseListScreen {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search by name or case number').fill(text);
  }

  async sortBy(label: string): Promise<void> {
    await this.page.getByLabel('Sort by').selectOption({ label });
  }

  async filterByState(label: string): Promise<void> {
    await this.page.getByLabel('Report state').selectOption({ label });
  }

  async onlyMine(checked: boolean): Promise<void> {
    await this.page.getByRole('checkbox', { name: 'My cases only' }).setChecked(checked);
  }

  /** Each row's cell under the column headed `header`, top to bottom. */
  async column(header: string): Promise<string[]> {
    const headers = await this.page.locator('table.case-table thead th').allInnerTexts();
    const at = headers.indexOf(header);
    if (at < 0) return [];
    return this.page.locator(`table.case-table tbody tr > :nth-child(${at + 1})`).allInnerTexts();
  }

  /** The case numbers in the list as it is now, top to bottom (poll it: the list follows typing). */
  caseNumbers(): Promise<string[]> {
    return this.page.locator('table.case-table tbody tr th').allInnerTexts();
  }

  async openCase(caseNumber: string): Promise<void> {
    await this.page.getByRole('link', { name: caseNumber, exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: `Case ${caseNumber}` }).waitFor();
  }
}

export class CaseScreen {
  constructor(private readonly page: Page) {}

  async startNew(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'New case' }).waitFor();
  }

  async fill(form: CaseForm): Promise<void> {
    const p = this.page;
    await p.getByLabel('Given names').fill(form.givenNames);
    await p.getByLabel('Family name').fill(form.familyName);
    await p.getByLabel('Date of birth').fill(form.dateOfBirth);
    await p.getByLabel('Gender', { exact: true }).selectOption({ label: form.gender });
    await p.getByLabel('Court', { exact: true }).fill(form.court);
    await p.getByLabel('Case number').fill(form.caseNumber);
    await p.getByLabel('Hearing date').fill(form.hearingDate);
    await p.getByLabel('Stage').selectOption({ label: form.stage });
    await p.getByLabel('Report type').selectOption({ label: form.reportType });
    await p.getByLabel('Report due date').fill(form.reportDueDate);
    for (const [i, charge] of form.charges.entries()) {
      if (i > 0) await p.getByRole('button', { name: 'Add a charge' }).click();
      const group = p.getByRole('group', { name: `Charge ${i + 1}` });
      await group.getByLabel('Offence', { exact: true }).fill(charge.offence);
      await group.getByLabel('Offence date').fill(charge.offenceDate);
      await group.getByLabel('Plea').selectOption({ label: charge.plea });
    }
  }

  async create(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create case' }).click();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save case' }).click();
  }

  async savedStatus(): Promise<string> {
    await this.page.locator('.save-status').filter({ hasText: /Saved at \d\d:\d\d/ }).waitFor();
    return this.page.locator('.save-status').innerText();
  }

  errorSummary() {
    return this.page.getByRole('alert').filter({ hasText: /There (is a problem|are \d+ problems)/ });
  }
}
