import type { Block, Inline, ReportTemplate } from '../../contract/report';

// A report template is written once, in English, and printed in the court's language: every text
// it holds (labels, headings, fixed sentences, drafting phrases, guidance) is looked up in the
// language's dictionary (templates/reports/i18n/<language>.json), keyed by the English text, the
// way gettext keys a translation by its source. The structure (sections, bindings, conditions)
// stays in one file, so a change to it reaches every language at once, and a text a language lacks
// is found by `templateTexts` (tests and `npm run translations` use it). See docs/languages.md.

/** A text that only punctuates ("", ", ", " (", ")") needs no translation. */
export function needsTranslation(text: string): boolean {
  return /\p{L}/u.test(text);
}

type Visit = (text: string) => string;

function inlines(content: Inline[], visit: Visit): Inline[] {
  return content.map((inline) => (typeof inline === 'string' ? visit(inline) : inline));
}

function block(b: Block, visit: Visit): Block {
  switch (b.type) {
    case 'heading':
      return { ...b, text: visit(b.text) };
    case 'notBinding':
      return { ...b, text: visit(b.text) };
    case 'paragraph':
    case 'assessment':
      return { ...b, content: inlines(b.content, visit) };
    case 'fields':
      return { ...b, rows: b.rows.map((row) => ({ label: visit(row.label), content: inlines(row.content, visit) })) };
    case 'answers':
      return b.empty === undefined ? b : { ...b, empty: visit(b.empty) };
    case 'table':
      return { ...b, caption: visit(b.caption), empty: visit(b.empty), columns: b.columns.map((c) => ({ ...c, header: visit(c.header) })) };
    default:
      return b;
  }
}

function record<T extends Record<string, string>>(r: T, visit: Visit): T {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, visit(v)])) as T;
}

/** The template with every text passed through `visit`; ids, bindings and conditions untouched. */
export function mapTemplateTexts(template: ReportTemplate, visit: Visit): ReportTemplate {
  const v: Visit = (text) => (needsTranslation(text) ? visit(text) : text);
  const { values, items, amendment, ...fixed } = template.labels;
  return {
    ...template,
    title: v(template.title),
    subject: v(template.subject),
    labels: {
      ...record(fixed as Record<string, string>, v),
      ...(amendment ? { amendment: record(amendment as Record<string, string>, v) } : {}),
      values: record(values, v),
      items: record(items, v),
    } as ReportTemplate['labels'],
    ...(template.drafting
      ? {
          drafting: {
            phrases: Object.fromEntries(Object.entries(template.drafting.phrases).map(([id, byValue]) => [id, record(byValue, v)])),
            fallback: v(template.drafting.fallback),
            declined: v(template.drafting.declined),
          },
        }
      : {}),
    sections: template.sections.map((section) => ({
      ...section,
      title: v(section.title),
      ...(section.write ? { write: { ...section.write, ...(section.write.guidance !== undefined ? { guidance: v(section.write.guidance) } : {}) } } : {}),
      blocks: section.blocks.map((b) => block(b, v)),
    })),
  };
}

/** Every text of the template a translator must translate, once each, in the order they appear. */
export function templateTexts(template: ReportTemplate): string[] {
  const seen = new Set<string>();
  mapTemplateTexts(template, (text) => {
    seen.add(text);
    return text;
  });
  return [...seen];
}

/** The placeholders a text carries (`{name}`, `{version}`): a translation must keep exactly these. */
export function templatePlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{[a-zA-Z]+\}/g)].map((m) => m[0]))].sort();
}

export interface TemplateTranslation {
  language: string;
  locale?: string;
  direction: 'ltr' | 'rtl';
  /** English text -> the language's text. */
  texts: Record<string, string>;
}

/**
 * The template in another language: each text from the dictionary, then from the jurisdiction's
 * own terms for that language (a legal term that differs between services). A text the dictionary
 * lacks is listed in `missing` and printed in English, so a gap shows in the tests, never as a
 * broken report.
 */
export function translateTemplate(
  template: ReportTemplate,
  translation: TemplateTranslation,
  terms: Record<string, string> = {},
): { template: ReportTemplate; missing: string[] } {
  const missing: string[] = [];
  const translated = mapTemplateTexts(template, (text) => {
    const found = terms[text] ?? translation.texts[text];
    if (found === undefined) missing.push(text);
    return found ?? text;
  });
  const { locale: _englishLocale, ...rest } = translated;
  return {
    template: { ...rest, language: translation.language, ...(translation.locale ? { locale: translation.locale } : {}), direction: translation.direction },
    missing: [...new Set(missing)],
  };
}
