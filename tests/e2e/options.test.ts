import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, Method, Output } from '../../main/contract/api';
import { caseDetails } from '../support/core';
import { actAs, expectAccessible, startE2E, type E2E, E2E_PASSPHRASE } from './support/browser';
import { OptionsScreen, ProgrammesScreen, ProposalScreen } from './support/optionsPages';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

async function dispatch<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const result = await e2e.mode.core.dispatch(method, input, { actor: 'officer.e2e', door: 'cli' });
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as Output<M>;
}

const answered = (value: string | number | boolean) => ({ status: 'answered' as const, value });

describe('an officer chooses community options and writes the proposal', () => {
  it('sees the matched options with their reasons, selects two, writes conditions checked as typed, and finds it all after a reload', async () => {
    const { page } = e2e;
    const record = await dispatch('cases.create', { details: caseDetails({ caseNumber: 'CR-2026-0777' }) });
    await dispatch('interview.save', {
      caseId: record.id,
      version: 0,
      interview: {
        formId: 'full',
        formVersion: 1,
        answers: {
          'finance.monthlyIncome': answered(450),
          'finance.monthlyEssentialOutgoings': answered(420),
          'finance.abilityToPay': answered('unable'),
          'home.safeAndStable': answered(false),
          'home.domesticAbuseInHousehold': answered('current'),
          'relationships.unhealthyRelationship': answered('concerns'),
        },
      },
    });

    const options = new OptionsScreen(page);
    await options.open(e2e.mode.server.url, record.id);
    expect(await options.status('Fine')).toBe('Not suitable');
    expect((await options.reasons('Fine')).join(' ')).toMatch(/not affordable \(unable without hardship\)/);
    expect(await options.status('House arrest (curfew)')).toBe('Not suitable');
    expect((await options.reasons('House arrest (curfew)')).join(' ')).toMatch(/domestic abuse in the household is recorded/);
    await expectAccessible(page, 'the options page');

    await options.filterStatus('Not suitable');
    await options.filterGroup('Sentencing');
    await expect.poll(() => page.locator('li.option-item .status-tag').allInnerTexts()).toEqual(expect.arrayContaining(['Not suitable']));
    expect(new Set(await page.locator('li.option-item .status-tag').allInnerTexts())).toEqual(new Set(['Not suitable']));
    await options.filterStatus('All');
    await options.filterGroup('All');

    await options.select('Conditional discharge');
    await options.select("Referral to a women's centre");
    await expect.poll(() => page.getByText('2 options selected').isVisible()).toBe(true);
    await options.toProposal();

    const proposal = new ProposalScreen(page);
    expect((await proposal.selectedOptions()).join('\n')).toMatch(/Conditional discharge[\s\S]*Referral to a women's centre/);
    await proposal.writeRationale('Low risk; the offending is linked to debt and an unhealthy relationship. A women\u2019s centre addresses both.');
    await proposal.addCondition();
    await proposal.typeCondition(1, 'Avoid bad company');
    await expect.poll(() => proposal.checks(1)).toEqual(expect.arrayContaining([expect.stringMatching(/“bad company” is vague/)]));
    await expectAccessible(page, 'the proposal page with a vague condition flagged');

    await proposal.typeCondition(1, 'Do not knowingly contact Jane Doe until 2027-06-30');
    await proposal.linkNeed(1, 'Relationships');
    await expect.poll(() => proposal.noProblems(1)).toBe(true);

    await proposal.addCondition();
    await proposal.typeCondition(2, 'Attend the Riverside women\u2019s centre weekly for 12 weeks');
    await expect.poll(() => proposal.checks(2)).toEqual([expect.stringMatching(/Not linked to a recorded need/)]);
    await proposal.acknowledge(2, /Not linked/, 'The centre sets its own plan after assessment.');
    await expect.poll(() => proposal.condition(2).getByText('Acknowledged: The centre sets its own plan after assessment.').isVisible()).toBe(true);
    await expectAccessible(page, 'the proposal page with conditions');

    await proposal.save();
    expect(await proposal.savedStatus()).toMatch(/^Saved at \d\d:\d\d$/);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Proposal for case CR-2026-0777/ }).waitFor();
    await page.getByRole('textbox', { name: 'Why you propose this' }).waitFor();
    expect(await proposal.rationale()).toMatch(/^Low risk; the offending/);
    expect(await proposal.conditionText(1)).toBe('Do not knowingly contact Jane Doe until 2027-06-30');
    expect(await proposal.conditionText(2)).toBe('Attend the Riverside women\u2019s centre weekly for 12 weeks');
    expect(await proposal.noProblems(1)).toBe(true);
    expect(await proposal.condition(2).getByText('Acknowledged: The centre sets its own plan after assessment.').isVisible()).toBe(true);
    expect((await proposal.selectedOptions()).join('\n')).toMatch(/Conditional discharge[\s\S]*Referral to a women's centre/);
    expect(await page.locator('.banner').count()).toBe(0);
  });

  it('lets an administrator add a local programme, offered first to a woman with its details, and retire it', async () => {
    const { page } = e2e;
    const record = await dispatch('cases.create', { details: caseDetails({ caseNumber: 'CR-2026-0778' }) });
    // Local programmes are the administrator's to manage.
    await dispatch('people.add', { details: { fullName: 'Ada Admin', role: 'administrator', team: 'Systems', service: 'Probation Service' }, passphrase: E2E_PASSPHRASE });
    await page.reload();
    await actAs(page, 'Ada Admin');
    const programmes = new ProgrammesScreen(page);
    await programmes.open();
    // The programme's own checks run as the officer types, before any save.
    await page.getByLabel('Lowest age (optional)').fill('30');
    await page.getByLabel('Highest age (optional)').fill('20');
    await expect.poll(() => page.locator('#prog-maxAge-error').innerText()).toBe('The upper age is below the lower age.');
    await expect.poll(() => page.getByLabel('Highest age (optional)').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Lowest age (optional)').fill('');
    await page.getByLabel('Highest age (optional)').fill('');
    await expect.poll(() => page.locator('#prog-maxAge-error').count()).toBe(0);
    await programmes.add({ name: 'Riverside Women\u2019s Centre', provider: 'Riverside Trust', kind: "Referral to a women's centre", needs: ['Trauma', 'Relationships'], forWhom: 'Women', location: '12 River Street', places: '4' });
    await expect.poll(() => programmes.rows()).toEqual([['Riverside Women\u2019s Centre', 'Active']]);
    await expectAccessible(page, 'the programmes page');

    const options = new OptionsScreen(page);
    await options.open(e2e.mode.server.url, record.id);
    const item = options.option('Riverside Women\u2019s Centre');
    await expect.poll(() => item.innerText()).toMatch(/Listed first[\s\S]*12 River Street[\s\S]*4 places free/);

    await programmes.open();
    await programmes.retire('Riverside Women\u2019s Centre');
    await expect.poll(() => programmes.rows()).toEqual([['Riverside Women\u2019s Centre', 'Retired']]);
    await options.open(e2e.mode.server.url, record.id);
    await expect.poll(() => options.option('Riverside Women\u2019s Centre').count()).toBe(0);
  });
});
