import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { addFormatters, initOptions, resources } from '../../../main/contract/messages';

// Every string the user sees comes from the one message catalogue (main/contract/messages), the
// same files main and the CLI use; this only binds it to React.
export { resources };

export function initI18n(language = 'en') {
  void i18next.use(initReactI18next).init(initOptions(language));
  addFormatters(i18next);
  document.documentElement.lang = i18next.language;
  document.documentElement.dir = i18next.dir(i18next.language);
  return i18next;
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
