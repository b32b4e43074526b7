import fs from 'node:fs';
import path from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';

// Page object for the Report page: choose a template, read the preview, export the DOCX.

export class ReportScreen {
  constructor(private readonly page: Page) {}

  /** From the case page, follow the link to its report. */
  async openFromCase(caseNumber: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'This case' }).getByRole('link', { name: 'Report', exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: `Report for case ${caseNumber}` }).waitFor();
  }

  get preview(): Locator {
    return this.page.getByRole('article', { name: 'Report preview' });
  }

  async waitForPreview(): Promise<void> {
    await this.preview.waitFor();
  }

  /** The section titles of the preview, in order (h2 in the preview). */
  sectionHeadings(): Promise<string[]> {
    return this.preview.getByRole('heading', { level: 2 }).allInnerTexts();
  }

  /** Tabs from the template choice to the export button: the page works without a mouse. */
  async tabFromTemplateToExport(): Promise<boolean> {
    await this.page.getByLabel('Report template').focus();
    await this.page.keyboard.press('Tab');
    return this.page.getByRole('button', { name: 'Export DOCX' }).evaluate((el) => el === document.activeElement);
  }

  async chooseTemplate(title: string): Promise<void> {
    await this.page.getByLabel('Report template').selectOption({ label: title });
  }

  /** Presses Export DOCX from the keyboard, saves the download in `dir` and returns its path and suggested name. */
  async export(dir: string): Promise<{ file: string; suggestedName: string }> {
    const button = this.page.getByRole('button', { name: 'Export DOCX' });
    await button.focus();
    const [download]: [Download, void] = await Promise.all([this.page.waitForEvent('download'), this.page.keyboard.press('Enter')]);
    const suggestedName = download.suggestedFilename();
    const file = path.join(dir, suggestedName);
    await download.saveAs(file);
    if (!fs.existsSync(file)) throw new Error(`The download was not saved to ${file}.`);
    return { file, suggestedName };
  }

  /** The content hash shown after export. */
  contentHash(): Promise<string> {
    return this.page.locator('.content-hash').innerText();
  }

  exportStatus(): Promise<string> {
    return this.page.locator('.report-export-status').innerText();
  }
}
