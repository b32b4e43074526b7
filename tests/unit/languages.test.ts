import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedLanguages } from '../../main/contract/languages';
import { Jurisdiction } from '../../main/contract/jurisdiction';
import { templatePlaceholders } from '../../main/domain/report/templateText';
import { loadCatalogue } from '../../main/loaders/catalogue';
import { listReportTemplates } from '../../main/loaders/reportTemplates';
import { allTemplateTexts, inlineTextFiles, inlineTexts, loadTemplateTranslation } from '../../main/loaders/translations';
import { dateShape, formatDateText, parseDateText } from '../../renderer/src/components/dateText';
import { formatFact } from '../../main/domain/options/text';
import { parseSchedules } from '../../main/domain/options/schedule';
import { translator } from '../../main/contract/messages';

// The product speaks the six official languages of the United Nations (docs/languages.md): every
// text of every data file is in each, so no officer meets an English question in a Chinese form
// and no court an English heading in a French report.

const ROOT = path.resolve(__dirname, '../..');
const templatesDir = path.join(ROOT, 'templates');
const others = shippedLanguages.filter((l) => l !== 'en');
const mustaches = (s: string) => [...new Set(s.match(/{{[^}]+}}/g) ?? [])].sort();

describe('every localized text of the data files is in all six languages', () => {
  const texts = inlineTextFiles(templatesDir).flatMap((file) => inlineTexts(file, JSON.parse(fs.readFileSync(path.join(templatesDir, file), 'utf8'))));

  it('finds the interview forms’, options’ and option rules’ texts', () => {
    expect(texts.length).toBeGreaterThan(700);
    expect(new Set(texts.map((t) => t.file.split('/')[0]))).toEqual(new Set(['forms', 'options']));
  });

  it.each(shippedLanguages)('has every form question, option wording and rule explanation in %s, with the same placeholders as English', (language) => {
    const missing = texts.filter((t) => !t.byLanguage[language]?.trim()).map((t) => `${t.file}#${t.pointer}${t.part ? `@${t.part}` : ''}`);
    expect(missing).toEqual([]);
    const changed = texts.filter((t) => mustaches(t.byLanguage[language]!).join() !== mustaches(t.byLanguage.en!).join()).map((t) => `${t.file}#${t.pointer}`);
    expect(changed).toEqual([]);
  });

  const english = allTemplateTexts(listReportTemplates());
  it.each(others)('has every report template text in the %s dictionary, with the same placeholders', (language) => {
    const translation = loadTemplateTranslation(language);
    expect(translation, `templates/reports/i18n/${language}.json`).not.toBeNull();
    expect(english.filter((text) => translation!.texts[text] === undefined)).toEqual([]);
    expect(english.filter((text) => templatePlaceholders(translation!.texts[text]!).join() !== templatePlaceholders(text).join())).toEqual([]);
    // Nothing stale: every entry is a text some template still has.
    expect(Object.keys(translation!.texts).filter((text) => !english.includes(text))).toEqual([]);
    expect(translation!.direction).toBe(language === 'ar' ? 'rtl' : 'ltr');
  });

  it('reads conditions in every language: vague terms, time limits, reviews and day names, one file each', () => {
    const catalogue = loadCatalogue(path.join(templatesDir, 'options'));
    expect([...catalogue.languages.keys()].sort()).toEqual([...shippedLanguages].sort());
  });

  it('words the default service, its marking and the words to avoid in every language', () => {
    const jurisdiction = Jurisdiction.parse(JSON.parse(fs.readFileSync(path.join(templatesDir, 'jurisdictions/default.json'), 'utf8')));
    for (const language of shippedLanguages) expect(jurisdiction.avoidWords?.[language]?.length, language).toBeGreaterThanOrEqual(5);
    for (const language of others) {
      const own = jurisdiction.languages?.[language];
      expect(own && [own.name, own.serviceName, own.protectiveMarking, own.logoAltText].every(Boolean), language).toBe(true);
    }
  });
});

describe('the screens are laid out for either direction', () => {
  it('uses only logical CSS properties, so Arabic mirrors the whole layout', () => {
    const css = fs.readFileSync(path.join(ROOT, 'renderer/src/styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const physical = css.match(/(?<![\w-])(margin|padding|border)-(left|right)\b|(?<![\w-])(left|right)\s*:|text-align:\s*(left|right)|float:\s*(left|right)/g) ?? [];
    expect(physical).toEqual([]);
  });
});

describe('dates are typed the way the app’s language writes them', () => {
  it.each([
    ['en', '12/25/2026'],
    ['fr', '25/12/2026'],
    ['es', '25/12/2026'],
    ['ru', '25.12.2026'],
    ['zh', '2026/12/25'],
    ['ar', '25/12/2026'],
  ])('writes 2026-12-25 in %s as %s and reads it back', (language, written) => {
    expect(formatDateText('2026-12-25', language)).toBe(written);
    expect(parseDateText(written, language)).toBe('2026-12-25');
    expect(dateShape(language).order).toHaveLength(3);
  });

  it('reads one-digit days and months, any separator, Arabic-Indic digits and the stored form; refuses a date that does not exist', () => {
    expect(parseDateText('5.3.2027', 'ru')).toBe('2027-03-05');
    expect(parseDateText('٢٥/١٢/٢٠٢٦', 'ar')).toBe('2026-12-25');
    expect(parseDateText('2026-12-25', 'fr')).toBe('2026-12-25');
    expect(parseDateText('31/02/2026', 'fr')).toBeNull();
    expect(parseDateText('25/12/26', 'fr')).toBeNull();
  });
});

describe('the facts an option’s explanation cites are in the explanation’s language', () => {
  it('words a plea, needs and an answer in French, Chinese and Arabic, never as English ids', () => {
    expect(formatFact('not_guilty', 'plea', 'fr')).toBe(translator('fr')('enum.plea.not_guilty').toLocaleLowerCase('fr'));
    expect(formatFact(['accommodation', 'finance'], 'needs', 'zh')).toBe(`${translator('zh')('need.accommodation')}、${translator('zh')('need.finance')}`);
    expect(formatFact('no', 'consentTreatment', 'ar')).toBe(translator('ar')('report.docx.no'));
    expect(formatFact([], 'needs', 'ru')).toBe(translator('ru')('options.noValues'));
    expect(formatFact('substance_use', 'needs', 'en')).toBe('substance use');
  });
});

describe('a schedule in a condition is read in the report’s language', () => {
  const catalogue = loadCatalogue(path.join(templatesDir, 'options'));
  it.each([
    ['zh', '周二和周四 20:00-23:00', ['tue', 'thu']],
    ['zh', '每周一至周五 21:00至06:00', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['fr', 'de 21:00 à 06:00, du lundi au vendredi', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['es', 'de 21:00 a 06:00, de lunes a viernes', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['ru', 'с 21:00 до 06:00, с понедельника по пятницу', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['ar', 'من 21:00 إلى 06:00، من الاثنين إلى الجمعة', ['mon', 'tue', 'wed', 'thu', 'fri']],
  ] as const)('in %s, "%s" names %j', (language, text, days) => {
    const schedules = parseSchedules(text, catalogue.languages.get(language)!);
    expect(schedules.length).toBe(1);
    expect(schedules[0]!.days).toEqual(days);
  });
});
