import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interview } from '../../main/contract/interview';
import { expectAccessible, startE2E, type E2E } from './support/browser';
import { caseFor, createCase, isoDaysFromNow, openInterview, tabTo, InterviewScreen } from './support/interviewPages';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

/** What the store holds now, read through the API as another window would. */
async function stored(caseId: string): Promise<{ version: number; interview: Interview }> {
  const result = await e2e.mode.core.dispatch('interview.open', { caseId }, { actor: 'officer.e2e', door: 'http' });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as { version: number; interview: Interview };
}

const yearsAgo = (years: number, extraDays = 0) => isoDaysFromNow(-Math.round(years * 365.25) - extraDays);

describe('an officer records an interview', () => {
  it('asks a woman about her two dependants, one of them newborn, and the caregiving section is required', async () => {
    const { page } = e2e;
    const id = await createCase(e2e, caseFor({ caseNumber: 'CR-E2E-WOMAN' }));
    const iv = new InterviewScreen(page);
    await iv.openFromCase(id, 'CR-E2E-WOMAN');

    expect(await iv.sectionTitles()).toContain('Dependants and caregiving');
    expect(await iv.sectionStatus('Dependants and caregiving')).toBe('Incomplete');
    await iv.goToSection('Dependants and caregiving');
    // Required for a woman: no "(optional)" on pregnancy and breastfeeding.
    await iv.question('Are they pregnant?').waitFor();
    expect(await iv.question(/^Are they pregnant\?/).innerText()).not.toContain('(optional)');

    await iv.choose('Do they have children or other people who depend on them?', 'Yes');
    await iv.addRow('Dependant');
    const baby = iv.row('Dependant', 1);
    await iv.choose('Relationship', 'Their child', baby);
    await iv.type('First name or initial', 'N.', baby);
    await iv.type('Age in years', '0', baby);
    await iv.choose('Lives with them', 'Yes', baby);
    await iv.type('Who looks after them now', 'Her mother, while she is at work', baby);
    await iv.type('Who would look after them if custody were imposed', 'No one identified', baby);
    await iv.addRow('Dependant');
    const older = iv.row('Dependant', 2);
    await iv.choose('Relationship', 'Their child', older);
    await iv.type('Age in years', '7', older);
    await iv.choose('Lives with them', 'Yes', older);
    await iv.type('Who looks after them now', 'Herself', older);
    await iv.type('Who would look after them if custody were imposed', 'Grandmother, temporarily', older);
    await iv.choose('Are they the main carer for any of them?', 'Yes');
    await iv.type('What would custody mean for the dependants?', 'The baby is breastfed; separation would harm both children.');
    await iv.choose('Are they pregnant?', 'No');
    await iv.choose('Are they breastfeeding?', 'Yes');
    await iv.type('Your view of the children’s best interests', 'Both children are best served by their mother staying at home.');

    await expect.poll(() => iv.sectionStatus('Dependants and caregiving')).toBe('Complete');
    await iv.waitSaved();
    const { interview } = await stored(id);
    const people = interview.answers['dependants.people'] as { rows: Array<Record<string, { value?: unknown; notForDisclosure?: boolean }>> };
    expect(people.rows).toHaveLength(2);
    expect(people.rows.map((r) => r.ageYears?.value)).toEqual([0, 7]);
    // A child's name is kept out of exports unless the officer says otherwise.
    expect(people.rows[0]?.firstName).toMatchObject({ value: 'N.', notForDisclosure: true });
  });

  it('asks a 19-year-old care leaver about maturity, which is required for a young adult', async () => {
    const { page } = e2e;
    const id = await createCase(e2e, caseFor({ caseNumber: 'CR-E2E-YOUNG', person: { givenNames: 'Tyler', familyName: 'Reid', gender: 'male', dateOfBirth: yearsAgo(19, 150) } }));
    const iv = await openInterview(page, id);
    // The way to the first gap: informed participation comes first.
    await page.getByRole('button', { name: 'Go to the first missing required answer' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('q-participation-interviewDate');
    expect(await iv.currentSection()).toBe('Informed participation');
    expect(await iv.sectionStatus('Maturity')).toBe('Incomplete');
    // For a man the women-specific questions are available but not required.
    expect(await iv.sectionStatus('Gender-responsive needs')).toBe('Not applicable');

    await iv.goToSection('Maturity');
    await iv.choose('Thinking ahead and weighing consequences', 'Some difficulty');
    await iv.choose('Impulse control', 'Some difficulty');
    await iv.choose('Susceptibility to pressure from peers', 'High');
    await iv.type('Emotional and developmental maturity', 'Presents as younger than his age; acted with older peers.');
    expect(await iv.field('Leaving-care personal adviser').count()).toBe(0);
    await iv.choose('Were they in care as a child?', 'Yes, and receives leaving-care support');
    await iv.type('Leaving-care personal adviser', 'Personal adviser at the leaving-care team');
    await iv.choose('Schooling', 'Left early');
    // Declining is an answer, not a gap: the section is complete and nothing is counted against him.
    await iv.question(/^Had special educational needs support\?/).waitFor();
    await page.getByRole('checkbox', { name: 'Declined to answer: Had special educational needs support?' }).check();
    await expect.poll(() => iv.sectionStatus('Maturity')).toBe('Complete');
    await iv.waitSaved();
    const answers = (await stored(id)).interview.answers;
    expect(answers['maturity.careLeaver']).toMatchObject({ status: 'answered', value: 'care_leaver_supported' });
    expect(answers['maturity.specialEducationalNeeds']).toEqual({ status: 'declined' });

    // "None disclosed" cannot stand with another experience: ticking one clears the other.
    await iv.goToSection('Victimisation and trauma');
    await iv.tick('Have they experienced any of these?', 'Domestic abuse');
    await iv.tick('Have they experienced any of these?', 'None disclosed');
    expect(await iv.question(/^Have they experienced any of these\?/).getByRole('checkbox', { name: 'Domestic abuse' }).isChecked()).toBe(false);
    await iv.tick('Have they experienced any of these?', 'Traumatic loss or bereavement');
    expect(await iv.question(/^Have they experienced any of these\?/).getByRole('checkbox', { name: 'None disclosed' }).isChecked()).toBe(false);
  });

  it('does not ask for the account of the alleged offence before a finding of guilt, and the API refuses one', async () => {
    const { page } = e2e;
    const id = await createCase(
      e2e,
      caseFor({ caseNumber: 'CR-E2E-PRETRIAL', stage: 'pre_trial', reportType: 'pre_trial', charges: [{ offence: 'Burglary', offenceDate: isoDaysFromNow(-20), plea: 'not_entered' }] }),
    );
    const iv = await openInterview(page, id);
    await page.getByText(/presumption of innocence/).first().waitFor();
    const titles = await iv.sectionTitles();
    expect(titles).not.toContain('Offence analysis');
    expect(await page.getByText('Their account of the offence, in their words').count()).toBe(0);
    await iv.question('Was it explained that they will not be asked about the alleged offence?').waitFor();

    const refused = await page.evaluate(async (caseId) => {
      const response = await fetch('/api/interview.save', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-psr-token': sessionStorage.getItem('psr.token') ?? '' },
        body: JSON.stringify({ caseId, version: 0, interview: { formId: 'pre-trial', formVersion: 1, answers: { 'offence.ownAccount': { status: 'answered', value: 'I was there.' } } } }),
      });
      return (await response.json()) as { ok: boolean; error?: { code: string; message: string } };
    }, id);
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('refused');
    expect(refused.error?.message).toMatch(/presumption of innocence/);
    expect((await stored(id)).interview.answers['offence.ownAccount']).toBeUndefined();
  });

  it('shows that child justice applies instead of the form when main refuses the interview', async () => {
    const { page } = e2e;
    const id = await createCase(e2e, caseFor({ caseNumber: 'CR-E2E-CHILD' }));
    // A child's case cannot be created at all, so main's refusal of the interview is played back here.
    await page.route('**/api/interview.open', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { code: 'out_of_scope', key: 'errors.childJustice', message: 'Child justice applies.' } }),
      }),
    );
    try {
      await page.evaluate((caseId) => {
        window.history.pushState(null, '', `/cases/${caseId}/interview`);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, id);
      const alert = page.getByRole('alert').filter({ hasText: 'Child justice applies' });
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/Refer the case to the youth justice service/);
      expect(await page.locator('#section-heading').count()).toBe(0);
    } finally {
      await page.unroute('**/api/interview.open');
    }
  });

  it('autosaves what was typed, and it is still there after a reload', async () => {
    const { page } = e2e;
    const id = await createCase(e2e, caseFor({ caseNumber: 'CR-E2E-RELOAD' }));
    const iv = await openInterview(page, id);
    await iv.type('Language the interview was held in', 'Yoruba, with some English');
    expect(await iv.waitSaved()).toMatch(/^Saved at \d\d:\d\d$/);
    await page.reload();
    await iv.ready();
    expect(await iv.field('Language the interview was held in').inputValue()).toBe('Yoruba, with some English');

    // The connection drops: the page says so, keeps retrying, and saves once it is back.
    await e2e.context.setOffline(true);
    await iv.type('Date of the interview', isoDaysFromNow(-1));
    await iv.saveStatus().filter({ hasText: 'Offline, retrying…' }).waitFor();
    await e2e.context.setOffline(false);
    await iv.waitSaved();
    expect((await stored(id)).interview.answers['participation.interviewDate']).toMatchObject({ value: isoDaysFromNow(-1) });

    // Reloading straight after typing, before the idle save: the answer survives all the same.
    await iv.choose('Was an interpreter used?', 'Yes');
    await iv.type('Interpreter’s name', 'Ms A. Adeyemi');
    await page.reload();
    await iv.ready();
    expect(await iv.field('Interpreter’s name').inputValue()).toBe('Ms A. Adeyemi');
    await expect.poll(async () => (await stored(id)).interview.answers['participation.interpreterName']).toMatchObject({ value: 'Ms A. Adeyemi' });
  });

  it('completes a section with the keyboard alone', async () => {
    const { page } = e2e;
    const id = await createCase(e2e, caseFor({ caseNumber: 'CR-E2E-KEYS', person: { gender: 'male', givenNames: 'Piotr', familyName: 'Kowalski' } }));
    await openInterview(page, id);
    const iv = new InterviewScreen(page);
    expect(await iv.sectionStatus('Accommodation and safety of the home')).toBe('Incomplete');

    await tabTo(page, /^Accommodation and safety of the home/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('section-heading');
    await tabTo(page, 'Own home');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown'); // moves to and selects "Private rented"
    await tabTo(page, 'Yes');
    await page.keyboard.press('Space');
    await tabTo(page, 'None known');
    await page.keyboard.press('Space');
    await tabTo(page, 'Who else lives there (optional)');
    await page.keyboard.type('Partner and her son, aged 12');
    await tabTo(page, 'Yes'); // at risk of losing it (optional): skipped
    await tabTo(page, 'Yes'); // needs help with housing
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight'); // "No"
    await tabTo(page, /^Declined to answer/);

    await expect.poll(() => iv.sectionStatus('Accommodation and safety of the home')).toBe('Complete');
    await iv.waitSaved();
    const { interview } = await stored(id);
    expect(interview.answers['home.situation']).toMatchObject({ value: 'private_rent' });
    expect(interview.answers['home.housingSupportNeeded']).toMatchObject({ value: false });
    expect(interview.answers['home.household']).toMatchObject({ value: 'Partner and her son, aged 12' });
  });

  it('passes axe on every section of the full form, with errors and answer details showing', async () => {
    const { page } = e2e;
    const id = await createCase(e2e, caseFor({ caseNumber: 'CR-E2E-AXE', person: { dateOfBirth: yearsAgo(22) } }));
    const iv = await openInterview(page, id);
    await iv.page.getByText('Source and disclosure').first().click();
    await iv.page.locator('.interview-section').getByRole('radio', { name: 'Verified' }).first().check();
    await iv.markComplete();
    await iv.errorSummary().waitFor();
    const summary = await iv.errorSummary().innerText();
    expect(summary).toMatch(/Record informed participation first/);

    await iv.goToSection('Dependants and caregiving');
    await iv.choose('Do they have children or other people who depend on them?', 'Yes');
    await iv.addRow('Dependant');
    const titles = await iv.sectionTitles();
    expect(titles).toHaveLength(19);
    for (const title of titles) {
      await iv.goToSection(title);
      await expectAccessible(page, `the interview section "${title}"`);
    }
  });
});
