import { jsonPath } from '../contract/errors';

export interface Change {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** The leaf-level differences between two JSON values, for the audit log ("what changed"). */
export function diffJson(before: unknown, after: unknown, at: PropertyKey[] = []): Change[] {
  if (Object.is(before, after)) return [];
  // A new record is listed field by field, as if it were filled in from empty.
  if (before === undefined && isPlainObject(after)) return diffJson({}, after, at);
  if (before === undefined && Array.isArray(after)) return diffJson([], after, at);
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  const bothObjects = isPlainObject(before) && isPlainObject(after);
  if (bothArrays) {
    const out: Change[] = [];
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) out.push(...diffJson(before[i], after[i], [...at, i]));
    return out;
  }
  if (bothObjects) {
    const out: Change[] = [];
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const k of [...keys].sort()) out.push(...diffJson(before[k], after[k], [...at, k]));
    return out;
  }
  const change: Change = { path: jsonPath(at) };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  return [change];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
