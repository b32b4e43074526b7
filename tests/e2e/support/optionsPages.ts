import type { Locator, Page } from 'playwright-core';

// Page objects for the options, proposal and programmes pages: tests read as what an officer does.

export class OptionsScreen {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string, caseId: string): Promise<void> {
    // The server address carries the session token in its fragment; the tab already holds it.
    await this.page.goto(`${new URL(baseUrl).origin}/cases/${caseId}/options`);
    await this.page.getByRole('heading', { level: 1, name: /^Community options for case / }).waitFor();
  }

  /** One option's entry in the list, found by its heading. */
  option(name: string): Locator {
    return this.page.locator('li.option-item').filter({ has: this.page.getByRole('heading', { level: 2, name, exact: true }) });
  }

  async status(name: string): Promise<string> {
    return this.option(name).locator('.status-tag').innerText();
  }

  async reasons(name: string): Promise<string[]> {
    return this.option(name).locator('ul.reasons').first().locator('li').allInnerTexts();
  }

  async filterStatus(label: string): Promise<void> {
    await this.page.getByLabel('Status', { exact: true }).selectOption({ label });
  }

  async filterGroup(label: string): Promise<void> {
    await this.page.getByLabel('Group', { exact: true }).selectOption({ label });
  }

  async select(name: string): Promise<void> {
    await this.page.getByLabel(`Select ${name} for the proposal`).check();
  }

  async toProposal(): Promise<void> {
    await this.page.getByRole('link', { name: 'Go to the proposal' }).click();
    await this.page.getByRole('heading', { level: 1, name: /^Proposal for case / }).waitFor();
  }
}

export class ProposalScreen {
  constructor(private readonly page: Page) {}

  selectedOptions(): Promise<string[]> {
    return this.page.locator('ul.selected-options > li').allInnerTexts();
  }

  async writeRationale(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Why you propose this' }).fill(text);
  }

  rationale(): Promise<string> {
    return this.page.getByRole('textbox', { name: 'Why you propose this' }).inputValue();
  }

  async addCondition(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add a condition' }).click();
  }

  condition(n: number): Locator {
    return this.page.getByRole('group', { name: `Condition ${n}`, exact: true });
  }

  /** Types the wording key by key, as an officer does, so the checks run as it is typed. */
  async typeCondition(n: number, text: string): Promise<void> {
    const box = this.page.getByLabel(`Condition ${n} wording`);
    await box.fill('');
    await box.pressSequentially(text, { delay: 5 });
  }

  conditionText(n: number): Promise<string> {
    return this.page.getByLabel(`Condition ${n} wording`).inputValue();
  }

  async linkNeed(n: number, need: string): Promise<void> {
    const group = this.condition(n);
    if (!(await group.getByLabel('Recorded need it addresses').isVisible())) await group.getByText(`Condition ${n}: link, end and review (optional)`).click();
    await group.getByLabel('Recorded need it addresses').selectOption({ label: need });
  }

  checks(n: number): Promise<string[]> {
    return this.condition(n).locator('.check > p:first-child').allInnerTexts();
  }

  async noProblems(n: number): Promise<boolean> {
    return this.condition(n).locator('.check-ok').isVisible();
  }

  async acknowledge(n: number, checkText: RegExp, reason: string): Promise<void> {
    const check = this.condition(n).locator('.check').filter({ hasText: checkText });
    // By keyboard: the reason box takes focus when it opens, and Enter records it.
    await check.getByRole('button', { name: 'Acknowledge with a reason' }).press('Enter');
    await this.page.keyboard.type(reason);
    await this.page.keyboard.press('Enter');
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save proposal' }).click();
  }

  async savedStatus(): Promise<string> {
    await this.page.locator('.save-status').filter({ hasText: /Saved at \d\d:\d\d/ }).waitFor();
    return this.page.locator('.save-status').innerText();
  }
}

export class ProgrammesScreen {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Programmes' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Local programmes' }).waitFor();
  }

  async add(p: { name: string; provider: string; kind: string; needs: string[]; forWhom: string; location: string; places: string }): Promise<void> {
    const page = this.page;
    await page.getByLabel('Name', { exact: true }).fill(p.name);
    await page.getByLabel('Provider', { exact: true }).fill(p.provider);
    await page.getByLabel('Kind of option').selectOption({ label: p.kind });
    const needs = page.getByRole('group', { name: 'Needs it addresses' });
    for (const need of p.needs) await needs.getByLabel(need, { exact: true }).check();
    await page.getByLabel('For', { exact: true }).selectOption({ label: p.forWhom });
    await page.getByLabel('Location', { exact: true }).fill(p.location);
    await page.getByLabel('Places free now (optional)').fill(p.places);
    await page.getByRole('button', { name: 'Add programme' }).click();
    await page.getByRole('status').filter({ hasText: `${p.name} saved.` }).waitFor();
  }

  /** The rows of the list: name and status. */
  async rows(): Promise<string[][]> {
    const rows = this.page.locator('table.programme-table tbody tr');
    const out: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = await rows.nth(i).locator('th, td').allInnerTexts();
      out.push([cells[0]!, cells[4]!]);
    }
    return out;
  }

  async retire(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Retire ${name}` }).click();
    await this.page.getByRole('status').filter({ hasText: `${name} is retired.` }).waitFor();
  }
}
