import type { Locator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interview } from '../../main/contract/interview';
import { expectAccessible, startE2E, type E2E } from './support/browser';
import { caseFor, createCase, isoDaysFromNow, openInterview } from './support/interviewPages';

// What an officer types is never lost and never reported as someone else's save: reloads straight
// after typing, two tabs on one interview.

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

async function stored(caseId: string): Promise<{ version: number; interview: Interview }> {
  const result = await e2e.mode.core.dispatch('interview.open', { caseId }, { actor: 'officer.e2e', door: 'http' });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as { version: number; interview: Interview };
}

/** Autosave waits for a pause in typing: allow it a few seconds. */
const soon = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** The store takes each save at once, but its answer is slow to come back (a busy machine). */
async function slowAnswers(route: Route): Promise<void> {
  try {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await route.fulfill({ response });
  } catch {
    // The page that sent it was reloaded meanwhile: nobody is waiting for the answer.
  }
}

describe('a reload straight after typing', () => {
  it('never reports the officer’s own save as someone else’s, 30 times in a row, and every answer is stored', { timeout: 500_000 }, async () => {
    const { page, context } = e2e;
    const id = await createCase(e2e, caseFor({ caseNumber: 'CR-E2E-RELOAD30' }));
    const iv = await openInterview(page, id);
    const label = 'Language the interview was held in';
    await context.route('**/api/interview.save', slowAnswers);
    try {
      let falseConflicts = 0;
      for (let i = 1; i <= 30; i++) {
        // Typing, a pause long enough for the autosave to go out, more typing, and a reload a
        // second later, before the store's answer to that autosave has come back.
        const saveSent = page.waitForRequest('**/api/interview.save');
        await iv.type(label, `Language ${i}`);
        await saveSent;
        const text = `Language ${i}, and some English`;
        await iv.type(label, text);
        await page.waitForTimeout(1_000);
        await page.reload();
        await iv.ready();
        expect(await iv.field(label).inputValue()).toBe(text);
        await expect.poll(async () => (await stored(id)).interview.answers['participation.interviewLanguage'], { timeout: 10_000 }).toMatchObject({ value: text });
        await iv.saveStatus().filter({ hasText: /^Saved at \d\d:\d\d$|^$/ }).waitFor();
        if ((await page.getByRole('heading', { name: 'Someone else saved this interview' }).count()) > 0) falseConflicts += 1;
      }
      expect(falseConflicts).toBe(0);
    } finally {
      await context.unroute('**/api/interview.save', slowAnswers);
    }
    // Typing after all those reloads is still saved: autosave never stopped.
    await iv.type(label, 'Final answer');
    await iv.waitSaved();
    expect((await stored(id)).interview.answers['participation.interviewLanguage']).toMatchObject({ value: 'Final answer' });
    await expectAccessible(page, 'the interview after reloads');
  });
});

describe('two tabs on one interview', () => {
  it('merges answers to different questions without asking, and asks about the same question with both texts shown', async () => {
    const id = await createCase(e2e, caseFor({ caseNumber: 'CR-E2E-TWOTABS' }));
    const a = await openInterview(e2e.page, id);
    const tabB = await e2e.newTab();
    const b = await openInterview(tabB, id);
    const language = 'Language the interview was held in';
    const answers = async () => (await stored(id)).interview.answers;

    // Different questions: both answers are kept, nobody is asked anything.
    await a.type(language, 'English');
    await soon(async () => (await answers())['participation.interviewLanguage']).toMatchObject({ value: 'English' });
    await b.type('Date of the interview', isoDaysFromNow(-1));
    await soon(async () => (await answers())['participation.interviewDate']).toMatchObject({ value: isoDaysFromNow(-1) });
    expect((await answers())['participation.interviewLanguage']).toMatchObject({ value: 'English' });
    await soon(() => b.field(language).inputValue()).toBe('English');
    expect(await b.conflict().count()).toBe(0);

    // Tab A, still on the version before B's date, changes the language: merged again, not asked.
    await a.type(language, 'Welsh');
    await soon(async () => (await answers())['participation.interviewLanguage']).toMatchObject({ value: 'Welsh' });
    expect((await answers())['participation.interviewDate']).toMatchObject({ value: isoDaysFromNow(-1) });
    expect(await a.conflict().count()).toBe(0);

    // The same question in both: B is asked, with its own text and A's side by side.
    await b.type(language, 'Arabic');
    await b.conflict().waitFor();
    expect(await b.saveStatus().innerText()).toBe('Conflict: not saved');
    const question = b.conflictQuestion(language);
    expect(await question.innerText()).toMatch(/Keep mine\s+Arabic[\s\S]*Keep theirs \(version \d+\)\s+Welsh/);
    expect((await answers())['participation.interviewLanguage']).toMatchObject({ value: 'Welsh' });
    await soon(() => tabB.evaluate(() => document.activeElement?.id)).toBe('conflict-title');
    await expectAccessible(tabB, 'the conflict screen');
    // PSR_CONFLICT_SCREENSHOT=<file.png> keeps a picture of the conflict screen for review.
    if (process.env.PSR_CONFLICT_SCREENSHOT) await tabB.screenshot({ path: process.env.PSR_CONFLICT_SCREENSHOT, fullPage: true });

    // Nothing is saved until every question has a choice.
    await b.saveConflictChoices();
    await question.getByText('Choose which version to keep.').waitFor();
    await b.keepOnConflict(language, 'mine');
    await b.saveConflictChoices();
    await soon(async () => (await answers())['participation.interviewLanguage']).toMatchObject({ value: 'Arabic' });
    expect(await b.conflict().count()).toBe(0);
    expect((await answers())['participation.interviewDate']).toMatchObject({ value: isoDaysFromNow(-1) });

    // A, now behind, changes it again and keeps theirs: B's Arabic stays and A shows it.
    await a.type(language, 'Polish');
    await a.conflict().waitFor();
    await a.keepOnConflict(language, 'theirs');
    await a.saveConflictChoices();
    await soon(() => a.field(language).inputValue()).toBe('Arabic');
    await a.waitSaved();
    expect((await answers())['participation.interviewLanguage']).toMatchObject({ value: 'Arabic' });
    await tabB.close();
  });
});

describe('the proposal keeps what was typed the same way', () => {
  async function dispatch<T>(method: string, input: unknown): Promise<T> {
    const result = await e2e.mode.core.dispatch(method as never, input as never, { actor: 'officer.e2e', door: 'cli' });
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as T;
  }
  const storedRationale = async (caseId: string) => (await dispatch<{ proposal: { rationale: string } | null }>('proposal.get', { caseId })).proposal?.rationale;

  async function openProposal(page: Page, caseId: string): Promise<Locator> {
    await page.evaluate((id) => {
      window.history.pushState(null, '', `/cases/${id}/proposal`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, caseId);
    await page.getByRole('heading', { level: 1, name: /^Proposal for case / }).waitFor();
    return page.getByRole('textbox', { name: 'Why you propose this' });
  }

  it('autosaves without a Save button press, and offers back what a crash or a closed window left unsaved, saying what differs', async () => {
    const caseId = await createCase(e2e, caseFor({ caseNumber: 'CR-E2E-PROPOSAL' }));
    const matched = await dispatch<{ items: Array<{ ref: unknown }> }>('options.match', { caseId });
    await dispatch('proposal.save', { caseId, version: 0, proposal: { selected: [matched.items[0]!.ref], rationale: 'First thoughts.', alternatives: [], conditions: [], acknowledgements: [] } });

    const tab = await e2e.newTab();
    let rationale = await openProposal(tab, caseId);
    await rationale.fill('Low risk; the offending is linked to debt.');
    await soon(() => storedRationale(caseId)).toBe('Low risk; the offending is linked to debt.');
    await tab.getByTestId('save-status').filter({ hasText: /^Saved at \d\d:\d\d$/ }).waitFor();

    // The renderer crashes while its saves cannot get through: the copy on this computer is all there is.
    const unreachable = (route: Route) => route.abort('internetdisconnected');
    await tab.route('**/api/proposal.save', unreachable);
    await rationale.fill('Low risk; debt advice and a women’s centre address both needs.');
    await tab.waitForTimeout(1_000);
    const crashed = new Promise((resolve) => tab.once('crash', resolve));
    const cdp = await e2e.context.newCDPSession(tab);
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    expect(await storedRationale(caseId)).toBe('Low risk; the offending is linked to debt.');

    const again = await e2e.newTab();
    rationale = await openProposal(again, caseId);
    expect(await rationale.inputValue()).toBe('Low risk; debt advice and a women’s centre address both needs.');
    const notice = again.getByRole('status').filter({ hasText: 'Your unsaved changes were restored' });
    await notice.waitFor();
    expect(await notice.getByRole('listitem').allInnerTexts()).toEqual(['Why you propose this']);
    await soon(() => storedRationale(caseId)).toBe('Low risk; debt advice and a women’s centre address both needs.');
    await expectAccessible(again, 'the proposal with a restored copy');

    // Closing the window while its saves cannot get through: the same.
    await again.route('**/api/proposal.save', unreachable);
    await rationale.fill('Closing the window now.');
    await again.waitForTimeout(600);
    await again.close();
    const third = await e2e.newTab();
    rationale = await openProposal(third, caseId);
    expect(await rationale.inputValue()).toBe('Closing the window now.');
    await soon(() => storedRationale(caseId)).toBe('Closing the window now.');
    await third.close();
  });
});

describe('two tabs on one case', () => {
  async function openCase(page: Page, caseId: string, caseNumber: string): Promise<void> {
    await page.evaluate((id) => {
      window.history.pushState(null, '', `/cases/${id}`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, caseId);
    await page.getByRole('heading', { level: 1, name: `Case ${caseNumber}` }).waitFor();
  }
  const details = async (id: string) => {
    const result = await e2e.mode.core.dispatch('cases.get', { id }, { actor: 'officer.e2e', door: 'http' });
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as { details: { court: string; hearingDate: string; person: { familyName: string } } }).details;
  };

  it('combines edits to different fields on save, and asks about a field both changed, showing both', async () => {
    const id = await createCase(e2e, caseFor({ caseNumber: 'CR-E2E-CASE2', hearingDate: isoDaysFromNow(30) }));
    const a = e2e.page;
    await openCase(a, id, 'CR-E2E-CASE2');
    const b = await e2e.newTab();
    await openCase(b, id, 'CR-E2E-CASE2');

    await a.getByLabel('Family name').fill('Okafor-Adeyemi');
    await a.getByRole('button', { name: 'Save case' }).click();
    await soon(async () => (await details(id)).person.familyName).toBe('Okafor-Adeyemi');
    await b.getByLabel('Hearing date').fill(isoDaysFromNow(31));
    await b.getByRole('button', { name: 'Save case' }).click();
    await soon(async () => (await details(id)).hearingDate).toBe(isoDaysFromNow(31));
    expect((await details(id)).person.familyName).toBe('Okafor-Adeyemi');
    await b.getByRole('status').filter({ hasText: 'Saved together with a change made elsewhere' }).getByText('Family name').waitFor();
    await soon(() => b.getByLabel('Family name').inputValue()).toBe('Okafor-Adeyemi');

    await a.reload();
    await a.getByRole('heading', { level: 1, name: 'Case CR-E2E-CASE2' }).waitFor();
    await a.getByLabel('Court', { exact: true }).fill('Crown Court at Riverside');
    await a.getByRole('button', { name: 'Save case' }).click();
    await soon(async () => (await details(id)).court).toBe('Crown Court at Riverside');
    await b.getByLabel('Court', { exact: true }).fill('Youth Court');
    await b.getByRole('button', { name: 'Save case' }).click();
    const panel = b.getByRole('region', { name: 'Someone else saved this case' });
    await panel.waitFor();
    expect(await panel.getByRole('group', { name: 'Court' }).innerText()).toMatch(/Keep mine\s+Youth Court[\s\S]*Keep theirs \(version \d+\)\s+Crown Court at Riverside/);
    await expectAccessible(b, 'the case conflict screen');
    await panel.getByRole('radio', { name: /^Keep theirs/ }).check();
    await panel.getByRole('button', { name: 'Save with this choice' }).click();
    await soon(() => panel.count()).toBe(0);
    await soon(() => b.getByLabel('Court', { exact: true }).inputValue()).toBe('Crown Court at Riverside');
    expect((await details(id)).court).toBe('Crown Court at Riverside');
    await b.close();
  });
});
