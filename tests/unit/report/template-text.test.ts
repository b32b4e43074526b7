import { describe, expect, it } from 'vitest';
import { listReportTemplates } from '../../../main/loaders/reportTemplates';
import { loadJurisdiction } from '../../../main/loaders/dataFiles';
import { templateInLanguage } from '../../../main/loaders/translations';
import { templateTexts, translateTemplate } from '../../../main/domain/report/templateText';
import { Jurisdiction } from '../../../main/contract/jurisdiction';

// A report template is written once in English and printed in the court's language through its
// dictionary; the jurisdiction's own terms win over the dictionary (docs/languages.md).

const template = listReportTemplates().find((t) => t.id === 'full-report')!;

describe('a report template in another language', () => {
  it('translates every text and leaves ids, bindings and conditions as they are', () => {
    const french = templateInLanguage(template, 'fr');
    expect(french).toMatchObject({ id: 'full-report', language: 'fr', direction: 'ltr', stages: template.stages });
    expect(french.sections.map((s) => s.id)).toEqual(template.sections.map((s) => s.id));
    expect(french.sections.map((s) => s.when)).toEqual(template.sections.map((s) => s.when));
    expect(templateTexts(french).filter((text) => templateTexts(template).includes(text) && /\p{L}{4,} \p{L}{4,}/u.test(text))).toEqual([]);
    expect(templateInLanguage(template, 'ar').direction).toBe('rtl');
  });

  it('lists the texts a dictionary lacks and prints them in English rather than failing', () => {
    const { template: partial, missing } = translateTemplate(template, { language: 'xx', direction: 'ltr', texts: { 'Front sheet': 'Feuille' } });
    expect(missing.length).toBe(templateTexts(template).length - 1);
    expect(partial.sections[0]!.title).toBe('Feuille');
    expect(partial.title).toBe(template.title);
  });

  it('words a legal term the way the jurisdiction does, over the dictionary, in English too', () => {
    const base = loadJurisdiction('default');
    const jurisdiction = Jurisdiction.parse({ ...base, id: 'with-terms', languages: { ...base.languages, fr: { ...base.languages?.fr, terms: { 'Front sheet': 'Fiche de synthèse' } }, en: { terms: { 'Front sheet': 'Cover sheet' } } } });
    expect(templateInLanguage(template, 'fr', jurisdiction).sections[0]!.title).toBe('Fiche de synthèse');
    expect(templateInLanguage(template, 'en-GB', jurisdiction).sections[0]!.title).toBe('Cover sheet');
  });

  it('refuses a language it has no dictionary for, naming the language', () => {
    expect(() => templateInLanguage(template, 'de')).toThrow(/no translation into "de"/);
  });
});
