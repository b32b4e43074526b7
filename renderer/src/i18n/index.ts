import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { addFormatters, initOptions, languageName, resources } from '../../../main/contract/messages';
import { directionOf, shippedLanguageOf, type ShippedLanguage } from '../../../main/contract/languages';

// Every string the user sees comes from the one message catalogue (main/contract/messages), the
// same files main and the CLI use; this only binds it to React.
export { resources };

const REMEMBERED = 'psr.language';

/**
 * The language the screens open in before anyone signs in: the last one chosen on this machine,
 * else the browser's when the app speaks it, else English. A person's own choice, kept in the
 * store, takes over once they sign in (App.tsx).
 */
export function startLanguage(): ShippedLanguage {
  let remembered: string | null;
  try {
    remembered = localStorage.getItem(REMEMBERED);
  } catch {
    remembered = null;
  }
  const candidates = [remembered, ...(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language])];
  for (const c of candidates) {
    const found = c ? shippedLanguageOf(c) : undefined;
    if (found) return found;
  }
  return 'en';
}

function applyToPage(language: string) {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

export function initI18n(language: string = startLanguage()) {
  void i18next.use(initReactI18next).init(initOptions(language));
  addFormatters(i18next);
  applyToPage(i18next.language);
  i18next.on('languageChanged', applyToPage);
  return i18next;
}

/** Switches every screen to `language` (its direction too) and remembers it on this machine. */
export async function switchLanguage(language: ShippedLanguage): Promise<void> {
  try {
    localStorage.setItem(REMEMBERED, language);
  } catch {
    // A browser that refuses storage still switches; it forgets on reload.
  }
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

/** A language's name in that language ("français", "العربية"), as a language menu shows it. */
export function autonym(language: string): string {
  return languageName(language, language);
}

/**
 * Dates and times follow the person's own regional format (en-GB writes 20 Dec 2026) when it is a
 * variant of the interface language, and the interface language otherwise.
 */
export function formatLocale(language: string): string {
  const regional = typeof navigator === 'undefined' ? undefined : navigator.language;
  return regional && regional.split('-')[0] === language.split('-')[0] ? regional : language;
}

export function formatDate(iso: string, language: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(formatLocale(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(formatLocale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** HH:MM on a 24-hour clock, whatever the locale: the form a court record uses. */
export function formatTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(formatLocale(language), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/**
 * An identifier (a case number) set inside a sentence of a right-to-left language keeps the order
 * it was typed in ("RV-2026-0455/ع"): it is isolated (U+2068 ... U+2069) so the sentence around it
 * neither reorders it nor is reordered by it. Left-to-right screens need nothing.
 */
export function isolate(text: string): string {
  return directionOf(i18next.language) === 'rtl' ? `\u2068${text}\u2069` : text;
}
