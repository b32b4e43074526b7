import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { womanWithTwoDependants } from '../fixtures/interviews';
import { expectAccessible, startE2E, type E2E } from './support/browser';
import { OptionsScreen, ProposalScreen } from './support/optionsPages';
import { WriteScreen } from './support/writePages';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

// What the officer writes, section by section, in her own words (none of the words the service avoids).
const written: Record<string, string> = {
  'Offence analysis': 'In my assessment the thefts were driven by debt after her benefit was stopped, and she accepts full responsibility for them.',
  'Previous offending and response to supervision': 'She has no previous convictions, so there is no record of how she responds to supervision.',
  'Circumstances and needs: women': 'She describes past abuse that still affects her; a women-only service would let her address it safely.',
  'Risk and protective factors': 'I judge the likelihood of further offending to be low. Her children, her tenancy and her wish to work protect against it.',
  'Impact of custody on dependants and on a pregnancy': 'She is the sole carer of two young children; custody would separate them and risk the loss of her home.',
  'Options considered': 'A fine would deepen her debt. A referral to a women’s centre meets her needs in the community.',
  Conclusion: 'I propose a referral to the women’s centre, which addresses the debt and the trauma behind the offending.',
};

describe('an officer writes the report in her own words beside the recorded facts', () => {
  it('writes every section by keyboard, drafts one from the facts and edits it, answers the checks and is ready for a final report, and the text survives a reload', async () => {
    const { page, mode } = e2e;
    const c = womanWithTwoDependants('CR-2026-0950');
    const ctx = { actor: 'officer.e2e', door: 'cli' as const };
    const created = await mode.core.dispatch('cases.create', { details: c.details }, ctx);
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const caseId = (created.value as { id: string }).id;
    const saved = await mode.core.dispatch('interview.save', { caseId, version: 0, interview: c.interview }, ctx);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));

    // The proposal first: the report is not final without one.
    const options = new OptionsScreen(page);
    await options.open(mode.server.url, caseId);
    await options.select("Referral to a women's centre");
    await options.toProposal();
    const proposal = new ProposalScreen(page);
    await proposal.writeRationale('The offending is linked to debt and past abuse; a women’s centre addresses both.');
    await proposal.save();
    await proposal.savedStatus();

    const write = new WriteScreen(page);
    await write.openFromCaseNav('CR-2026-0950');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await write.waitForChecks();
    expect(await write.readiness()).toMatch(/things stop a final report[\s\S]*The required section “Offence analysis” is not written/);
    // The facts the report never prints are shown to the officer, marked so.
    expect(await write.evidence('Impact of custody on dependants and on a pregnancy').innerText()).toContain('Not for disclosure: the report never prints this');
    expect(await write.section('Risk and protective factors').innerText()).toContain("Author's assessment");
    await expectAccessible(page, 'the Write the report page before writing');

    // A blocker's link takes the officer to the section's text.
    await write.goToSectionFromReadiness('Offence analysis');
    await expect.poll(() => write.textbox('Offence analysis').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(written['Offence analysis']!);

    for (const [title, words] of Object.entries(written)) if (title !== 'Offence analysis') await write.write(title, words);

    // A word the service avoids is flagged with its suggestion, and goes when it is rewritten.
    await write.write('Conclusion', ' She is not a criminal at heart.');
    await expect.poll(() => write.sectionChecks('Conclusion')).toEqual([expect.stringMatching(/“criminal” labels the person[\s\S]*Suggested instead: “the person”/)]);
    await write.rewrite('Conclusion', written.Conclusion!);
    await expect.poll(() => write.sectionChecks('Conclusion')).toEqual([]);

    // Start from the recorded facts, then make it the officer's own.
    await write.startFromFacts('Circumstances and needs');
    await expect.poll(() => write.text('Circumstances and needs')).toMatch(/^Amina has a council or housing association tenancy\./);
    await expect.poll(() => write.readiness()).toMatch(/still the text drafted from the facts, unedited/);
    // Asking again does not replace the text without asking.
    await write.startFromFacts('Circumstances and needs');
    await write.replaceQuestion('Circumstances and needs').waitFor();
    await write.answerReplace('Circumstances and needs', 'Keep my text');
    await expect.poll(() => write.textbox('Circumstances and needs').evaluate((el) => el === document.activeElement)).toBe(true);
    await write.write('Circumstances and needs', '\n\nIn my assessment her debt, not her character, explains the offending.');
    const circumstances = await write.text('Circumstances and needs');
    expect(circumstances).toMatch(/tenancy[\s\S]*In my assessment her debt/);

    // What is left is answered with a reason.
    await expect.poll(() => write.checksSummary.locator('.check').allInnerTexts()).toEqual([expect.stringMatching(/The assessed need “Trauma” is not addressed/)]);
    await write.acknowledge(write.checksSummary, /Trauma/, 'The women’s centre assesses trauma and sets its own plan.');
    await expect.poll(() => write.checksSummary.getByText('Acknowledged: The women’s centre assesses trauma and sets its own plan.').isVisible()).toBe(true);

    await expect.poll(() => write.readiness()).toMatch(/Ready for a final report$/);
    await expect.poll(() => write.announced()).toBe('The report is now ready for a final export.');
    expect(await write.savedStatus()).toMatch(/^Saved at \d\d:\d\d$/);
    await expectAccessible(page, 'the Write the report page when ready');

    // PSR_WRITE_SCREENSHOT=<folder> keeps pictures of the page, wide and at 320px, for a person to look at.
    const shots = process.env.PSR_WRITE_SCREENSHOT;
    if (shots) {
      fs.mkdirSync(shots, { recursive: true });
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
        window.scrollTo(0, 0);
      });
      await page.screenshot({ path: `${shots}/write-the-report.png` });
      await write.section('Circumstances and needs').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/write-the-report-section.png` });
      await page.setViewportSize({ width: 320, height: 900 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${shots}/write-the-report-320.png` });
      await write.section('Circumstances and needs').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/write-the-report-320-section.png` });
      await write.evidence('Circumstances and needs').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/write-the-report-320-evidence.png` });
      await page.setViewportSize({ width: 1280, height: 720 });
    }

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Write the report for case CR-2026-0950' }).waitFor();
    await write.waitForChecks();
    for (const [title, words] of Object.entries(written)) expect(await write.text(title)).toBe(words);
    expect(await write.text('Circumstances and needs')).toBe(circumstances);
    expect(await write.readiness()).toMatch(/Ready for a final report$/);
    expect(await write.checksSummary.getByText('Acknowledged: The women’s centre assesses trauma and sets its own plan.').isVisible()).toBe(true);
    expect(await page.locator('.banner').count()).toBe(0);

    // The Report page says so before export, and names the withheld facts the report relies on.
    await page.getByRole('navigation', { name: 'This case' }).getByRole('link', { name: 'Report', exact: true }).click();
    const before = page.getByRole('region', { name: 'Before you export' });
    await expect.poll(() => before.innerText()).toMatch(/Ready for a final report[\s\S]*Withheld facts the report relies on[\s\S]*Dependant 1: First name or initial \(in Impact of custody/);
  });

  it('keeps what two windows write in different sections without asking, and asks about the same section with both texts shown', async () => {
    const { page, mode } = e2e;
    const c = womanWithTwoDependants('CR-2026-0951');
    const ctx = { actor: 'officer.e2e', door: 'cli' as const };
    const created = await mode.core.dispatch('cases.create', { details: c.details }, ctx);
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const caseId = (created.value as { id: string }).id;
    const storedText = async () => {
      const r = await mode.core.dispatch('reportText.get', { caseId }, ctx);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return (r.value as { text: { sections: Record<string, { text: string }> } }).text.sections;
    };
    const soon = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

    const a = new WriteScreen(page);
    await a.open(mode.server.url, caseId, 'CR-2026-0951');
    const tabB = await e2e.newTab();
    const b = new WriteScreen(tabB);
    await b.open(mode.server.url, caseId, 'CR-2026-0951');

    await a.write('Offence analysis', 'Written in the first window.');
    await soon(async () => (await storedText())['offence-analysis']?.text).toBe('Written in the first window.');
    await b.write('Conclusion', 'Written in the second window.');
    await soon(async () => (await storedText()).conclusion?.text).toBe('Written in the second window.');
    expect((await storedText())['offence-analysis']?.text).toBe('Written in the first window.');
    await soon(() => b.text('Offence analysis')).toBe('Written in the first window.');
    expect(await b.conflict().count()).toBe(0);

    // The same section in both: the window behind is asked, with both texts side by side.
    await a.write('Conclusion', 'The first window disagrees.');
    await a.conflict().waitFor();
    expect(await a.conflict().getByRole('group', { name: 'Section: Conclusion' }).innerText()).toMatch(/Keep mine\s+The first window disagrees\.[\s\S]*Keep theirs \(version \d+\)\s+Written in the second window\./);
    await expectAccessible(page, 'the Write the report conflict screen');
    await a.keepOnConflict('Section: Conclusion', 'mine');
    await soon(async () => (await storedText()).conclusion?.text).toBe('The first window disagrees.');
    expect((await storedText())['offence-analysis']?.text).toBe('Written in the first window.');
    await tabB.close();
  });
});
