import { jsonPath } from '../../contract/errors';
import type { DroppedCharacters } from '../../contract/report';

// Characters an XML 1.0 document cannot hold (C0 controls other than tab, line feed and carriage
// return; U+FFFE and U+FFFF; lone surrogates), and the C1 controls and DEL that XML discourages
// and no reader can show. They are dropped from the user's text, and each drop is reported with
// the JSON path it came from, so the export can say what it left out.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function codePoint(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Removes what XML cannot hold from one string; carriage returns become line feeds. */
export function cleanText(s: string): { text: string; dropped: string[] } {
  const normalised = s.replace(/\r\n?/g, '\n');
  const dropped: string[] = [];
  const text = normalised.replace(NOT_IN_XML, (ch) => {
    dropped.push(codePoint(ch));
    return '';
  });
  return { text, dropped };
}

/** A deep copy of `value` with every string cleaned, and the list of what was dropped where. */
export function cleanDeep<T>(value: T): { value: T; dropped: DroppedCharacters[] } {
  const dropped: DroppedCharacters[] = [];
  const walk = (v: unknown, path: PropertyKey[]): unknown => {
    if (typeof v === 'string') {
      const r = cleanText(v);
      if (r.dropped.length > 0) dropped.push({ path: jsonPath(path), codePoints: [...new Set(r.dropped)].sort(), count: r.dropped.length });
      return r.text;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[k] = walk(item, [...path, k]);
      return out;
    }
    return v;
  };
  return { value: walk(value, []) as T, dropped };
}
