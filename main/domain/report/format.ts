import type { BoundField } from '../../contract/report';

// Bound fields: a dotted path into the report context, formatted in the template's locale.
// Intl is part of the language (no I/O), so this stays pure and runs the same in the renderer.

/** The value at a dotted path, or undefined. */
export function valueAt(data: unknown, path: string): unknown {
  let v: unknown = data;
  for (const seg of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

export interface FormatContext {
  locale: string;
  values: Record<string, string>;
}

/**
 * Intl formatters by locale, built once: building one costs far more than using it, and a report
 * formats every date, number and language name it holds.
 */
function memoByLocale<T>(make: (locale: string) => T): (locale: string) => T {
  const made = new Map<string, T>();
  return (locale) => {
    let formatter = made.get(locale);
    if (formatter === undefined) {
      formatter = make(locale);
      made.set(locale, formatter);
    }
    return formatter;
  };
}
const dateFormat = memoByLocale((locale) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
const numberFormat = memoByLocale((locale) => new Intl.NumberFormat(locale));
const languageNames = memoByLocale((locale) => new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }));

export function formatDate(iso: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return dateFormat(locale).format(date);
}

/** "self_reported" -> the template's word for it, or a readable fallback ("Self reported"). */
export function formatEnumValue(value: string, fc: FormatContext): string {
  const word = fc.values[value];
  if (word !== undefined) return word;
  const spaced = value.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** "fr" -> "French" in an English report, "français" never: the name in the report's own language; an unknown tag as written. */
export function languageName(tag: string, locale: string): string {
  try {
    const name = languageNames(locale).of(tag);
    return name ?? tag;
  } catch {
    return tag;
  }
}

/** One or more lines of text for a bound value: lists give one line per item. */
export function formatValue(value: unknown, format: BoundField['format'], fc: FormatContext): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => formatValue(item, format === 'list' ? 'text' : format, fc));
  if (typeof value === 'boolean') return [formatEnumValue(value ? 'yes' : 'no', fc)];
  if (typeof value === 'number') return [format === 'number' || format === 'text' ? numberFormat(fc.locale).format(value) : String(value)];
  if (typeof value === 'string') {
    if (format === 'date') return [formatDate(value, fc.locale)];
    if (format === 'value') return [formatEnumValue(value, fc)];
    if (format === 'language') return [languageName(value, fc.locale)];
    return [value];
  }
  return [JSON.stringify(value)];
}

const RTL_SCRIPT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const LATIN_OR_DIGIT = /[A-Za-z0-9]/;

/** Text with Latin letters or digits and no right-to-left script: kept left-to-right inside RTL text. */
export function isLtrIsland(s: string): boolean {
  return !RTL_SCRIPT.test(s) && LATIN_OR_DIGIT.test(s);
}
