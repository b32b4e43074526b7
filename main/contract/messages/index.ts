import i18next, { type i18n, type InitOptions, type TFunction } from 'i18next';
import type { ApiIssue } from '../errors';
import ar from './ar';
import en from './en';
import es from './es';
import fr from './fr';
import ru from './ru';
import zh from './zh';

// The one message catalogue of the product: main's errors and checks, the CLI's output, the DOCX's
// fixed phrases and every screen take their words from here. Pure (no Node, no DOM), so the
// renderer, main and the CLI build their i18next instance from the same files. A language is one
// folder beside en/ with the same files, listed below; tests/unit/i18n.test.ts fails when one lacks a
// key (a key missing at run time would fall back to English).
export const catalogues = { ar, zh, en, fr, ru, es } as const;
export type Language = keyof typeof catalogues;
export const languages = Object.keys(catalogues) as Language[];
export const fallbackLanguage: Language = 'en';

export const resources = Object.fromEntries(languages.map((l) => [l, { translation: catalogues[l] }])) as {
  [L in Language]: { translation: (typeof catalogues)[L] };
};

/** The settings every instance shares; texts are plain (React and the DOCX escape on their own). */
export function initOptions(language: string = fallbackLanguage): InitOptions {
  return {
    resources,
    lng: language,
    fallbackLng: fallbackLanguage,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  };
}

/**
 * Adds the formatters the catalogue's texts use. `{{needs, ids(prefix: need)}}` turns a
 * comma-separated list of ids, as main sends them, into the words of each id joined the way the
 * language joins a list ("a, b and c"), so params never carry English words.
 */
export function addFormatters(instance: i18n): void {
  instance.services.formatter?.add('ids', (value: unknown, lng: string | undefined, options: { prefix?: string; type?: string; case?: string }) => {
    const ids = String(value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    // Only a plain id is looked up, and an unknown one is shown as it is: a param's text is never
    // read as a key or as nesting, whatever it holds.
    const word = (id: string) => {
      if (!options.prefix) return id;
      const key = `${options.prefix}.${id}`;
      if (!/^[A-Za-z0-9_-]+$/.test(id) || !instance.exists(key, { lng })) return id.replace(/_/g, ' ');
      return instance.t(key, { lng });
    };
    // `case: lower` for a label used inside a sentence ("linked to substance use"); a language
    // whose nouns keep their capital simply leaves the option out of its text.
    const words = ids.map((id) => (options.case === 'lower' ? word(id).toLocaleLowerCase(lng) : word(id)));
    const type = options.type === 'or' ? 'disjunction' : 'conjunction';
    return new Intl.ListFormat(lng ?? fallbackLanguage, { style: 'long', type }).format(words);
  });
  // `{{language, languageName}}`: a language tag as the language's name in the text's language.
  instance.services.formatter?.add('languageName', (value: unknown, lng: string | undefined) => languageName(String(value ?? ''), lng ?? fallbackLanguage));
  // `{{times, schedules}}`: weekly time windows sent as JSON (day ids, HH:MM times, the officer's
  // own label), worded as an officer writes them: "21:00-06:00 Monday to Friday (night shift)".
  instance.services.formatter?.add('schedules', (value: unknown, lng: string | undefined) => {
    let windows: Array<{ days: string[]; start: string; end: string; label?: string }>;
    try {
      windows = JSON.parse(String(value)) as typeof windows;
    } catch {
      return String(value);
    }
    const t = (key: string, params: Record<string, unknown> = {}) => instance.t(key, { ...params, lng });
    return windows
      .map((w) => {
        const idx = w.days
          .map((d) => WEEK_DAYS.indexOf(d))
          .filter((i) => i >= 0)
          .sort((x, y) => x - y);
        const contiguous = idx.every((v, i) => i === 0 || v === idx[i - 1]! + 1);
        const day = (i: number) => t(`conditions.day.${WEEK_DAYS[i]}`);
        const days =
          idx.length === 7 ? t('conditions.everyDay') : contiguous && idx.length > 2 ? t('conditions.dayRange', { from: day(idx[0]!), to: day(idx[idx.length - 1]!) }) : idx.map(day).join(', ');
        return t('conditions.window', { start: w.start, end: w.end, days, ...(w.label ? { label: w.label, context: 'label' } : {}) });
      })
      .join('; ');
  });
}

/** A language tag as the name of the language, in the language of the text ("fr" -> "French", "français" in French). */
export function languageName(tag: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

const WEEK_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const instances = new Map<string, i18n>();

/** A ready i18next instance for one language, made once (the CLI and the DOCX export use these). */
export function messages(language: string = fallbackLanguage): i18n {
  let instance = instances.get(language);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init(initOptions(language));
    addFormatters(instance);
    instances.set(language, instance);
  }
  return instance;
}

/** The translate function of one language. */
export function translator(language: string = fallbackLanguage): TFunction {
  return messages(language).t;
}

/** Whether the catalogue has a text for `key` in `language` (plural keys count by their suffixed forms). */
export function hasMessage(key: string, language: string = fallbackLanguage): boolean {
  const instance = messages(language);
  return instance.exists(key, { lng: language, fallbackLng: false }) || instance.exists(key, { lng: language, count: 2, fallbackLng: false });
}

/** The words for one problem: its key when it has one, else the text main built. */
export function messageText(t: TFunction, issue: Pick<ApiIssue, 'key' | 'params' | 'message'>): string {
  if (issue.key) return t(issue.key, { ...issue.params, defaultValue: issue.message });
  return issue.message;
}
