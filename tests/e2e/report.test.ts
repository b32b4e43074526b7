import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { womanWithTwoDependants } from '../fixtures/interviews';
import { expectAccessible, startE2E, type E2E } from './support/browser';
import { CaseListScreen } from './support/pages';
import { ReportScreen } from './support/reportPages';

let e2e: E2E;
let downloads: string;
beforeAll(async () => {
  e2e = await startE2E();
  downloads = tempDir('psr-e2e-downloads-');
});
afterAll(async () => {
  await e2e?.close();
  if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
});

describe('an officer previews and exports the report in the browser', () => {
  it('opens the report from the case, reads the preview and downloads a DOCX without the not-for-disclosure answers', async () => {
    const { page, mode } = e2e;
    const c = womanWithTwoDependants('CR-2026-0901');
    const ctx = { actor: 'officer.e2e', door: 'cli' as const };
    const created = await mode.core.dispatch('cases.create', { details: c.details }, ctx);
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const saved = await mode.core.dispatch('interview.save', { caseId: (created.value as { id: string }).id, version: 0, interview: c.interview }, ctx);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));

    const list = new CaseListScreen(page);
    const report = new ReportScreen(page);
    // The list was loaded before the case was made: load it again.
    await page.reload();
    await list.open();
    await list.openCase('CR-2026-0901');
    await report.openFromCase('CR-2026-0901');
    await report.waitForPreview();

    const preview = report.preview;
    await expect.poll(() => preview.innerText()).toContain('CR-2026-0901');
    const headings = await report.sectionHeadings();
    expect(headings.slice(0, 2)).toEqual(['Front sheet', 'Sources of information']);
    expect(headings).toEqual(expect.arrayContaining(['Circumstances and needs: women', 'Impact of custody on dependants and on a pregnancy', 'Completion']));
    const text = await preview.innerText();
    expect(text).toContain('DRAFT - NOT FOR USE IN COURT');
    expect(text).toContain('do not bind the court');
    expect(text).toContain("Author's assessment");
    expect(text).toContain('No proposal has been recorded yet.');
    for (const secret of c.secrets) expect(text).not.toContain(secret);
    expect(await preview.locator('table thead th').count()).toBeGreaterThan(0);
    expect(await preview.locator('ol.report-numbered > li').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the report page');
    expect(await report.tabFromTemplateToExport()).toBe(true);

    const { file, suggestedName } = await report.export(downloads);
    expect(suggestedName).toBe('CR-2026-0901-full-report-draft.docx');
    await expect.poll(() => report.contentHash()).toMatch(/^[0-9a-f]{64}$/);
    expect(await report.exportStatus()).toContain('No characters were left out.');

    const parts = unzipSync(fs.readFileSync(file));
    expect(strFromU8(parts['word/document.xml']!)).toContain('CR-2026-0901');
    const all = Object.values(parts).map((d) => strFromU8(d)).join('\n');
    for (const secret of c.secrets) expect(all).not.toContain(secret);
    expect(all).toContain(await report.contentHash());
    await expectAccessible(page, 'the report page after export');

    // PSR_REPORT_SCREENSHOT=<folder> keeps pictures of the page for a person to look at.
    const shots = process.env.PSR_REPORT_SCREENSHOT;
    if (shots) {
      for (const [i, y] of [0, 1300, 2600, 3900].entries()) {
        await page.screenshot({ path: `${shots}/report-page-${i}.png`, fullPage: true, clip: { x: 0, y, width: 1280, height: 1300 } });
      }
    }
  });
});
