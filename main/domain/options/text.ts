import { hasMessage, translator } from '../../contract/messages';

// Rendering of catalogue messages. Placeholders are {{factName}}; the loader has already refused
// any placeholder that is not a known fact, so a missing value here is a bug, shown plainly.

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

// Templates split once into literal text and names (even indexes text, odd indexes names): the
// matcher renders thousands of messages per case, and re-scanning each template dominated.
const compiled = new Map<string, string[]>();

export function render(template: string, params: Readonly<Record<string, string | number>>): string {
  let parts = compiled.get(template);
  if (!parts) {
    if (compiled.size > 20_000) compiled.clear(); // bounded: templates come from the catalogue, but a service may reload it
    parts = template.split(PLACEHOLDER);
    compiled.set(template, parts);
  }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += (name in params ? String(params[name]) : `{{${name}}}`) + parts[i + 1]!;
  }
  return out;
}

/** "substance_use" -> "substance use": vocabulary values read as words in messages. */
export function words(value: string): string {
  return value.replaceAll('_', ' ');
}

/** Where the message catalogue words the values of a fact: "accommodation" is need.accommodation. */
const VALUE_WORDS: Readonly<Record<string, string>> = {
  needs: 'need',
  optionNeeds: 'need',
  needsAddressed: 'need',
  offenceCategories: 'offenceCategory',
  riskLevel: 'riskLevel',
  offenceSeriousness: 'chargeSeriousness',
  plea: 'enum.plea',
};
/** How a language separates the items of a list cited in a sentence. */
const LIST_SEPARATOR: Readonly<Record<string, string>> = { zh: '、', ja: '、', ar: '، ' };
/** Answers any fact may hold, worded in the catalogue. */
const ANSWER_WORDS: Readonly<Record<string, string>> = { yes: 'report.docx.yes', no: 'report.docx.no', declined: 'report.docx.declinedToAnswer' };

/**
 * A fact as it is cited in a message, in the message's language: lists joined as the language
 * joins them, vocabulary values in the catalogue's words (lower case, as they sit inside a
 * sentence), an id the catalogue does not word as plain words.
 */
export function formatFact(value: unknown, fact = '', language = 'en'): string | number {
  if (typeof value === 'number') return value;
  const t = translator(language);
  const word = (v: string) => {
    const key = ANSWER_WORDS[v] ?? (VALUE_WORDS[fact] && /^[a-z0-9_]+$/.test(v) ? `${VALUE_WORDS[fact]}.${v}` : undefined);
    return key && hasMessage(key, language.split('-')[0]) ? t(key).toLocaleLowerCase(language) : words(v);
  };
  if (Array.isArray(value)) return value.length === 0 ? t('options.noValues') : value.map((v) => word(String(v))).join(LIST_SEPARATOR[language.split('-')[0]!] ?? ', ');
  if (typeof value === 'boolean') return word(value ? 'yes' : 'no');
  return word(String(value));
}

/** The text for `language`, falling back to English (always present: the schemas require it). */
export function pick<T>(texts: Readonly<Record<string, T>>, language: string): T {
  return texts[language] ?? texts[language.split('-')[0]!] ?? (texts.en as T);
}
