import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ReportTemplate } from '../contract/report';
import { languageTag } from '../contract/text';
import { AppError } from '../contract/errors';
import { jurisdictionWords, type Jurisdiction } from '../contract/jurisdiction';
import { mapTemplateTexts, templateTexts, translateTemplate, type TemplateTranslation } from '../domain/report/templateText';
import { loadDataFile, templatesDir } from './dataFiles';

// Where the data files keep their words in each language, and how to find a text a language lacks
// (docs/languages.md). Forms, options and option rules hold their texts inline, one key per
// language (`{"en": "...", "fr": "..."}`; an option's wording is `{"en": {"name": ...}}`); report
// templates are written in English and translated by a dictionary per language in
// templates/reports/i18n/; the condition checks have one file per language
// (templates/options/conditions.<language>.json).

/** A text of a data file in every language it has: `pointer` is the JSON pointer of its `{en: ...}` object. */
export interface InlineText {
  file: string;
  pointer: string;
  /** For an option's wording, the part (`name`, `summary`, `report`); absent for a plain text. */
  part?: string;
  byLanguage: Record<string, string | undefined>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every localized text of one parsed data file. */
export function inlineTexts(file: string, json: unknown): InlineText[] {
  const out: InlineText[] = [];
  const walk = (node: unknown, pointer: string) => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${pointer}/${i}`));
    if (!isRecord(node)) return;
    const en = node.en;
    if (typeof en === 'string' && Object.values(node).every((v) => typeof v === 'string')) {
      out.push({ file, pointer, byLanguage: node as Record<string, string> });
      return;
    }
    if (isRecord(en) && Object.values(en).every((v) => typeof v === 'string') && Object.keys(node).every((k) => languageTag.safeParse(k).success)) {
      for (const part of Object.keys(en)) {
        out.push({ file, pointer, part, byLanguage: Object.fromEntries(Object.entries(node).map(([l, w]) => [l, isRecord(w) && typeof w[part] === 'string' ? w[part] : undefined])) });
      }
      return;
    }
    for (const [k, v] of Object.entries(node)) walk(v, `${pointer}/${escape(k)}`);
  };
  walk(json, '');
  return out;
}

/** The data files that hold inline localized texts, relative to the templates folder. */
export function inlineTextFiles(root = templatesDir()): string[] {
  const list = (dir: string): string[] =>
    fs
      .readdirSync(path.join(root, dir), { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? list(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name).split(path.sep).join('/')] : []))
      .sort();
  return [...list('forms'), ...list('options').filter((f) => /\/(options\.[a-z-]+|rules)\.json$/.test(f))];
}

export const TemplateTranslationFile = z.strictObject({
  format: z.literal('psr-template-translation'),
  formatVersion: z.literal(1),
  language: languageTag,
  /** Locale for dates and numbers, when it is not the language itself. */
  locale: languageTag.optional(),
  direction: z.enum(['ltr', 'rtl']),
  /** The English text of a template -> its text in this language. */
  texts: z.record(z.string().min(1), z.string().min(1)),
});
export type TemplateTranslationFile = z.infer<typeof TemplateTranslationFile>;

export function templateTranslationsDir(root = templatesDir()): string {
  return path.join(root, 'reports', 'i18n');
}

const translationCache = new Map<string, TemplateTranslation | null>();

/** The report templates' dictionary for one language, or null when the service ships none. */
export function loadTemplateTranslation(language: string, dir = templateTranslationsDir()): TemplateTranslation | null {
  const file = path.join(dir, `${language}.json`);
  const cached = translationCache.get(file);
  if (cached !== undefined) return cached;
  const found = fs.existsSync(file) ? loadDataFile(file, TemplateTranslationFile) : null;
  if (found && found.language !== language) throw new Error(`${file}: its language is "${found.language}", not "${language}".`);
  const translation = found ? { language: found.language, ...(found.locale ? { locale: found.locale } : {}), direction: found.direction, texts: found.texts } : null;
  translationCache.set(file, translation);
  return translation;
}

/** Every text of the shipped report templates (test templates excluded), once each. */
export function allTemplateTexts(templates: ReportTemplate[]): string[] {
  return [...new Set(templates.filter((t) => !t.test).flatMap(templateTexts))];
}

const inLanguage = new WeakMap<ReportTemplate, Map<string, ReportTemplate>>();

/**
 * A shipped (English) template as it prints in `language`: translated by that language's
 * dictionary, then worded with the jurisdiction's own terms. The template's own language returns
 * it as it is (with the terms). A language with no dictionary is refused, naming it.
 */
export function templateInLanguage(template: ReportTemplate, language: string, jurisdiction?: Jurisdiction): ReportTemplate {
  const base = language.split('-')[0]!;
  const cacheKey = `${language}|${jurisdiction?.id ?? ''}`;
  let byLanguage = inLanguage.get(template);
  const cached = byLanguage?.get(cacheKey);
  if (cached) return cached;
  const terms = jurisdiction ? jurisdictionWords(jurisdiction, language).terms : {};
  let result: ReportTemplate;
  if (base === template.language.split('-')[0]) {
    result = Object.keys(terms).length ? mapTemplateTexts(template, (text) => terms[text] ?? text) : template;
  } else {
    const translation = loadTemplateTranslation(base);
    if (!translation) {
      throw new AppError('invalid_input', `The report templates have no translation into "${language}" (templates/reports/i18n/${base}.json).`, {
        path: '$.language',
        key: 'report.errors.noTranslation',
        params: { language },
      });
    }
    result = translateTemplate(template, language === base ? translation : { ...translation, language }, terms).template;
  }
  if (!byLanguage) inLanguage.set(template, (byLanguage = new Map()));
  byLanguage.set(cacheKey, result);
  return result;
}
