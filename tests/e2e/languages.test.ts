import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interview } from '../../main/contract/interview';
import { translator } from '../../main/contract/messages';
import { expectAccessible, startE2E, type E2E } from './support/browser';
import { isoDaysFromNow } from './support/interviewPages';

// An officer works in their own language (docs/languages.md): the screens switch to Arabic, laid
// out right to left, and to Chinese; a case is created and an interview answer saved in each, the
// dates typed the way the language writes them, and axe finds nothing serious on the way.

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

async function storedInterview(caseId: string): Promise<Interview> {
  const result = await e2e.mode.core.dispatch('interview.open', { caseId }, { actor: 'officer.e2e', door: 'http' });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return (result.value as { interview: Interview }).interview;
}

const dateIn = (iso: string, language: 'ar' | 'zh') => {
  const [y, m, d] = iso.split('-');
  return language === 'zh' ? `${y}/${m}/${d}` : `${d}/${m}/${y}`;
};

describe.each([
  ['ar', 'rtl', 'RV-2026-0455/ع'],
  ['zh', 'ltr', 'ZH-2026-0017'],
] as const)('an officer working in %s', (language, direction, caseNumber) => {
  const t = translator(language);

  it(`switches the screens to ${language}, creates a case and saves an interview answer`, async () => {
    const { page } = e2e;
    await page.goto(e2e.mode.server.url);
    await page.getByRole('navigation', { name: /./ }).first().waitFor();
    // The switch names each language in itself, whatever the screens are in now.
    const current = page.locator('.app-header .language-switch select');
    await current.selectOption(language);
    await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join(' '))).toBe(`${language} ${direction}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, `case list in ${language}`);

    await page.getByRole('navigation', { name: t('app.mainNav') }).getByRole('link', { name: t('nav.newCase'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t('case.newTitle') }).waitFor();
    await page.getByLabel(t('fields.givenNames')).fill(language === 'ar' ? 'أمينة' : '明');
    await page.getByLabel(t('fields.familyName')).fill(language === 'ar' ? 'حداد' : '王');
    // Dates are typed as the language writes them, not as the browser would.
    await page.getByLabel(t('fields.dateOfBirth')).fill(dateIn('1990-04-12', language));
    await page.getByLabel(t('fields.gender'), { exact: true }).selectOption({ label: t('enum.gender.female') });
    await page.getByLabel(t('fields.preferredLanguage')).selectOption(language);
    await page.getByLabel(t('fields.court'), { exact: true }).fill('Central Criminal Court');
    await page.getByLabel(t('fields.caseNumber')).fill(caseNumber);
    await page.getByLabel(t('fields.hearingDate')).fill(dateIn(isoDaysFromNow(30), language));
    await page.getByLabel(t('fields.stage')).selectOption('convicted');
    await page.getByLabel(t('fields.reportType')).selectOption('full');
    await page.getByLabel(t('fields.reportDueDate')).fill(dateIn(isoDaysFromNow(20), language));
    await page.getByLabel(t('fields.courtLanguage')).selectOption(language);
    const charge = page.getByRole('group', { name: t('case.charge', { n: 1 }) });
    await charge.getByLabel(t('fields.offence'), { exact: true }).fill(language === 'ar' ? 'سرقة من متجر' : '盗窃');
    await charge.getByLabel(t('fields.offenceDate')).fill(dateIn(isoDaysFromNow(-60), language));
    await charge.getByLabel(t('fields.plea')).selectOption('guilty');
    await expectAccessible(page, `new case form in ${language}`);
    await page.getByRole('button', { name: t('case.create') }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').pop()!;

    const list = await e2e.mode.core.dispatch('cases.get', { id: caseId }, { actor: 'officer.e2e', door: 'http' });
    if (!list.ok) throw new Error(JSON.stringify(list.error));
    const details = (list.value as { details: { caseNumber: string; courtLanguage?: string; person: { dateOfBirth: string; preferredLanguage: string } } }).details;
    expect(details).toMatchObject({ caseNumber, courtLanguage: language, person: { dateOfBirth: '1990-04-12', preferredLanguage: language } });

    await page.evaluate((id) => {
      window.history.pushState(null, '', `/cases/${id}/interview`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, caseId);
    await page.locator('#section-heading').waitFor();
    const answer = page.locator('main textarea, main input[type="text"]:not(.input-date):not(.input-number)').first();
    await answer.fill(language === 'ar' ? 'يعيش مع أسرته منذ خمس سنوات.' : '与家人同住已有五年。');
    await expect.poll(async () => JSON.stringify((await storedInterview(caseId)).answers), { timeout: 15_000 }).toContain(language === 'ar' ? 'يعيش مع أسرته' : '与家人同住');
    await expectAccessible(page, `interview in ${language}`);
  });
});
