import { isCalendarDate } from '../../../main/contract/text';

// Dates as people of each language write them (25/12/2026, 2026/12/25, 25.12.2026), read back to
// the one form the app stores (YYYY-MM-DD). Pure: the date fields and their tests use it.

type Part = 'day' | 'month' | 'year';

/** The order of day, month and year in `language`, and what separates them. */
export function dateShape(language: string): { order: Part[]; separator: string } {
  const parts = new Intl.DateTimeFormat(`${language}-u-nu-latn`, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2026, 11, 25)));
  const order = parts.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type as Part);
  // Bidirectional marks (Arabic writes U+200F around its separators) are not typed by anyone.
  const literal = parts.find((p) => p.type === 'literal')?.value.replace(/[\u200e\u200f\u061c\s]/g, '') || '/';
  return { order: order.length === 3 ? order : ['day', 'month', 'year'], separator: literal.slice(0, 1) };
}

/** YYYY-MM-DD as `language` writes it with Latin digits ("25/12/2026"); anything else as it is. */
export function formatDateText(iso: string, language: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const { order, separator } = dateShape(language);
  const by = { year: m[1]!, month: m[2]!, day: m[3]! };
  return order.map((p) => by[p]).join(separator);
}

/** Arabic-Indic and Persian digits read as the digits they are. */
function latinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/**
 * What someone typed, as YYYY-MM-DD when it is a real date in `language`'s order (any separator,
 * one- or two-digit day and month, a four-digit year), or in the stored form itself; else null.
 */
export function parseDateText(text: string, language: string): string | null {
  const typed = latinDigits(text).trim();
  if (isCalendarDate(typed)) return typed;
  const groups = typed.split(/[^0-9]+/).filter(Boolean);
  if (groups.length !== 3) return null;
  const { order } = dateShape(language);
  const by: Partial<Record<Part, string>> = {};
  order.forEach((p, i) => (by[p] = groups[i]));
  if (!/^\d{4}$/.test(by.year ?? '') || !/^\d{1,2}$/.test(by.month ?? '') || !/^\d{1,2}$/.test(by.day ?? '')) return null;
  const iso = `${by.year}-${by.month!.padStart(2, '0')}-${by.day!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}
