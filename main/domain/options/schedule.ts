import { weekDays, type Schedule, type WeekDay } from '../../contract/options';
import type { ConditionLanguage } from './catalogue';

// Weekly time windows: reading "21:00-06:00, Monday to Friday" out of a condition's words, and
// finding where two sets of windows overlap. Times are minutes of the week, Monday 00:00 = 0.

const WEEK = 7 * 1440;
const DAY_NAMES: Record<WeekDay, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const pad = (n: number) => String(n).padStart(2, '0');

function clock(h: number, m: number, meridiem: string | undefined): string | null {
  let hour = h;
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    const pm = meridiem.toLowerCase().startsWith('p');
    hour = (h % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || m > 59) return null;
  return `${pad(hour)}:${pad(m)}`;
}

/** The days a text names: single days, ranges ("Monday to Friday", "Mon-Fri"), "weekdays", "daily". */
export function parseDays(text: string, lang: ConditionLanguage): WeekDay[] | null {
  const lower = text.toLowerCase();
  const alternation = lang.dayWords.map((d) => escape(d.word)).join('|');
  const joiners = lang.rangeWords.map(escape).join('|');
  // Chinese writes its words without spaces ("周二和周四"): there a day name is found wherever it stands.
  const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(alternation);
  const [before, after] = unspaced ? ['', ''] : ['(?<![\\p{L}])', '(?![\\p{L}])'];
  const wordRe = new RegExp(`${before}(${alternation})${after}`, 'giu');
  const rangeRe = new RegExp(`${before}(${alternation})\\s*(?:${joiners})\\s*(${alternation})${after}`, 'giu');
  const lookup = (w: string) => lang.dayWords.find((d) => d.word === w.toLowerCase())?.days ?? [];
  const found = new Set<WeekDay>();
  let rest = lower;
  for (const m of lower.matchAll(rangeRe)) {
    const from = lookup(m[1]!);
    const to = lookup(m[2]!);
    // A range joins two single days; "weekdays to weekends" is not a range.
    if (from.length === 1 && to.length === 1) {
      let i = weekDays.indexOf(from[0] as WeekDay);
      const end = weekDays.indexOf(to[0] as WeekDay);
      for (let guard = 0; guard < 7; guard++) {
        found.add(weekDays[i]!);
        if (i === end) break;
        i = (i + 1) % 7;
      }
      rest = rest.replace(m[0], ' ');
    }
  }
  for (const m of rest.matchAll(wordRe)) for (const d of lookup(m[1]!)) found.add(d as WeekDay);
  return found.size === 0 ? null : weekDays.filter((d) => found.has(d));
}

/** Every time window written in a text; days named anywhere in it apply to each (every day if none). */
export function parseSchedules(text: string, lang: ConditionLanguage): Schedule[] {
  const joiners = lang.rangeWords.map(escape).join('|');
  const time = '(\\d{1,2})(?:[:.h](\\d{2}))?\\s*([ap]\\.?m\\.?)?';
  const re = new RegExp(`(?<![\\d:])${time}\\s*(?:${joiners})\\s*${time}(?![\\d])`, 'giu');
  const out: Schedule[] = [];
  const days = parseDays(text, lang) ?? [...weekDays];
  for (const m of text.matchAll(re)) {
    // Bare numbers ("1 to 3") are not times: each end needs minutes or am/pm.
    if ((m[2] === undefined && m[3] === undefined) || (m[5] === undefined && m[6] === undefined)) continue;
    const start = clock(Number(m[1]), Number(m[2] ?? 0), m[3]);
    const end = clock(Number(m[4]), Number(m[5] ?? 0), m[6]);
    if (start && end && start !== end) out.push({ days, start, end });
  }
  return out;
}

type Interval = [number, number];

function intervals(s: Schedule): Interval[] {
  const out: Interval[] = [];
  const start = minutes(s.start);
  let end = minutes(s.end);
  if (end <= start) end += 1440; // past midnight
  for (const day of s.days) {
    const base = weekDays.indexOf(day) * 1440;
    const a = base + start;
    const b = base + end;
    if (b <= WEEK) out.push([a, b]);
    else out.push([a, WEEK], [0, b - WEEK]); // Sunday night runs into Monday morning
  }
  return out;
}

export interface Overlap {
  a: Schedule;
  b: Schedule;
  /** Where they first meet, e.g. "Monday 22:00". */
  at: string;
  /** Where `at` falls, by day id and HH:MM, for messages in any language. */
  atDay: WeekDay;
  atTime: string;
}

function at(minuteOfWeek: number): string {
  const day = weekDays[Math.floor(minuteOfWeek / 1440) % 7]!;
  const m = minuteOfWeek % 1440;
  return `${DAY_NAMES[day]} ${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** The first overlap between two sets of windows, or null. */
export function firstOverlap(as: readonly Schedule[], bs: readonly Schedule[]): Overlap | null {
  let best: (Omit<Overlap, 'atDay' | 'atTime'> & { t: number }) | null = null;
  for (const a of as) {
    for (const b of bs) {
      for (const [a1, a2] of intervals(a)) {
        for (const [b1, b2] of intervals(b)) {
          const from = Math.max(a1, b1);
          if (from < Math.min(a2, b2) && (best === null || from < best.t)) best = { a, b, at: at(from), t: from };
        }
      }
    }
  }
  if (!best) return null;
  const m = best.t % 1440;
  return { a: best.a, b: best.b, at: best.at, atDay: weekDays[Math.floor(best.t / 1440) % 7]!, atTime: `${pad(Math.floor(m / 60))}:${pad(m % 60)}` };
}

/** "21:00-06:00 Monday to Friday" as the officer would write it. */
export function describeSchedule(s: Schedule): string {
  const idx = s.days.map((d) => weekDays.indexOf(d)).sort((x, y) => x - y);
  const contiguous = idx.every((v, i) => i === 0 || v === idx[i - 1]! + 1);
  const days =
    idx.length === 7 ? 'every day' : contiguous && idx.length > 2 ? `${DAY_NAMES[weekDays[idx[0]!]!]} to ${DAY_NAMES[weekDays[idx[idx.length - 1]!]!]}` : idx.map((i) => DAY_NAMES[weekDays[i]!]).join(', ');
  return `${s.start}-${s.end} ${days}${s.label ? ` (${s.label})` : ''}`;
}
