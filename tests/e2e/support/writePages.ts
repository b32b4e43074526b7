import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

// Page object for Write the report: tests read as what an officer does, by keyboard.

export class WriteScreen {
  constructor(private readonly page: Page) {}

  /** From any page of the case, follow "Write the report" in the case's navigation, by keyboard. */
  async openFromCaseNav(caseNumber: string): Promise<void> {
    const link = this.page.getByRole('navigation', { name: 'This case' }).getByRole('link', { name: 'Write the report', exact: true });
    await link.focus();
    await this.page.keyboard.press('Enter');
    await this.page.getByRole('heading', { level: 1, name: `Write the report for case ${caseNumber}` }).waitFor();
  }

  async open(baseUrl: string, caseId: string, caseNumber: string): Promise<void> {
    // The server address carries the session token in its fragment; the tab already holds it.
    await this.page.goto(`${new URL(baseUrl).origin}/cases/${caseId}/write`);
    await this.page.getByRole('heading', { level: 1, name: `Write the report for case ${caseNumber}` }).waitFor();
    await this.waitForChecks();
  }

  conflict(): Locator {
    return this.page.getByRole('region', { name: 'Someone else saved this report text' });
  }

  async keepOnConflict(part: string, side: 'mine' | 'theirs'): Promise<void> {
    await this.conflict().getByRole('group', { name: part }).getByLabel(side === 'mine' ? 'Keep mine' : /^Keep theirs/).check();
    await this.conflict().getByRole('button', { name: /^Save/ }).click();
  }

  async waitForChecks(): Promise<void> {
    await this.readinessPanel.waitFor();
  }

  /** The section the officer writes, found by its title. */
  section(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  textbox(title: string): Locator {
    return this.page.getByRole('textbox', { name: title, exact: true });
  }

  /** The recorded facts beside a section. */
  evidence(title: string): Locator {
    return this.page.getByRole('complementary', { name: `Recorded facts: ${title}`, exact: true });
  }

  /** Types at the end of a section's text, key by key. */
  async write(title: string, text: string): Promise<void> {
    await this.textbox(title).focus();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text);
  }

  /** Selects everything in a section and types over it. */
  async rewrite(title: string, text: string): Promise<void> {
    await this.textbox(title).focus();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(text);
  }

  text(title: string): Promise<string> {
    return this.textbox(title).inputValue();
  }

  /** Presses "Start from the recorded facts" in a section from the keyboard. */
  async startFromFacts(title: string): Promise<void> {
    await this.section(title).getByRole('button', { name: 'Start from the recorded facts' }).focus();
    await this.page.keyboard.press('Enter');
  }

  /** The inline question asked before a draft replaces what is written. */
  replaceQuestion(title: string): Locator {
    return this.section(title).getByRole('group', { name: /already has text/ });
  }

  async answerReplace(title: string, answer: 'Replace my text' | 'Keep my text'): Promise<void> {
    await this.replaceQuestion(title).getByRole('button', { name: answer }).focus();
    await this.page.keyboard.press('Enter');
  }

  /** The sentences of the checks shown beside a section. */
  sectionChecks(title: string): Promise<string[]> {
    return this.section(title).locator('.check').allInnerTexts();
  }

  get readinessPanel(): Locator {
    return this.page.getByRole('region', { name: 'Ready for a final report?' });
  }

  readiness(): Promise<string> {
    return this.readinessPanel.innerText();
  }

  announced(): Promise<string> {
    return this.page.getByTestId('ready-announcer').innerText();
  }

  /** Follows a blocker's link to its section, by keyboard. */
  async goToSectionFromReadiness(title: string): Promise<void> {
    await this.readinessPanel.getByRole('link', { name: `Go to ${title}` }).focus();
    await this.page.keyboard.press('Enter');
  }

  get checksSummary(): Locator {
    return this.page.getByRole('region', { name: 'Checks on your analysis' });
  }

  /** Acknowledges a check with a reason, by keyboard: the reason box takes focus when it opens, and Enter records it. */
  async acknowledge(where: Locator, checkText: RegExp, reason: string): Promise<void> {
    const check = where.locator('.check').filter({ hasText: checkText });
    await check.getByRole('button', { name: 'Acknowledge with a reason' }).focus();
    await this.page.keyboard.press('Enter');
    // The box takes focus once it is drawn; type only then, as a person would.
    const box = check.getByLabel('Your reason');
    await box.waitFor();
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await this.page.keyboard.type(reason);
    await this.page.keyboard.press('Enter');
  }

  async savedStatus(): Promise<string> {
    await this.page.locator('.save-status').filter({ hasText: /Saved at \d\d:\d\d/ }).waitFor();
    return this.page.locator('.save-status').innerText();
  }
}
