import type { AuditChange, AuditValue } from '../contract/audit';
import { jsonPath } from '../contract/errors';
import { countGraphemes } from './forms/graphemes';
import { diffJson, type Change } from './diff';

// What the audit log keeps of a save (docs/audit.md): which field changed, and the kind and size
// of what it held before and after. The words themselves (answers, report sections, names,
// addresses, reasons, notes) stay in their own tables, where a correction or an erasure can reach
// them; a log nobody may edit must not hold a second copy of them.
//
// A string is kept as it was only at a path listed below, each a choice from a fixed list, a date
// set by the court, an id or a hash. Anything else a person could have typed, including a date of
// birth, is its length only. Numbers, yes/no and null are not free text and are kept.

const KEPT_STRINGS: Readonly<Record<string, readonly RegExp[]>> = {
  case: [/^\$\.(reportType|stage|hearingDate|reportDueDate|author|inquiry\.preparedAt|closed)$/, /^\$\.charges\[\d+\]\.(offenceDate|plea|category|seriousness)$/],
  interview: [/^\$\.(status|formId)$/],
  reportVersion: [/^\$\.(state|templateId|contentHash)$/, /^\$\.(comment|comments\.[0-9a-f-]+)\.sectionId$/],
  reportText: [/^\$\.templateId$/],
  person: [/^\$\.role$/],
};

/** How the audit describes one value at `path` of an `entity`'s record. */
export function auditValue(entity: string, path: string, value: unknown): AuditValue {
  if (typeof value === 'string') {
    return (KEPT_STRINGS[entity] ?? []).some((re) => re.test(path)) ? { kind: 'value', value } : { kind: 'text', length: countGraphemes(value) };
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return { kind: 'value', value };
  if (Array.isArray(value)) return { kind: 'empty', of: 'list' };
  if (typeof value === 'object') return { kind: 'empty', of: 'record' };
  // Not a JSON value (a function, a symbol, a bigint): nothing of it is kept.
  return { kind: 'value', value: null };
}

/**
 * The audit's form of a list of changes: one entry per changed leaf, each side described by
 * `auditValue`. A change whose value is a record or a list (a new person, an inquiry's summary) is
 * listed leaf by leaf. Anything that is not a list of changes is read as one change of the whole
 * record, so an old or damaged row still becomes text-free.
 */
export function auditChanges(entity: string, changes: unknown): AuditChange[] {
  const list: unknown[] = Array.isArray(changes) ? changes : [{ path: '$', after: changes }];
  const out: AuditChange[] = [];
  for (const item of list) {
    const change: Change = isChange(item) ? item : { path: '$', after: item };
    for (const leaf of leafChanges(change)) {
      const described: AuditChange = { path: leaf.path };
      if (leaf.before !== undefined) described.before = auditValue(entity, leaf.path, leaf.before);
      if (leaf.after !== undefined) described.after = auditValue(entity, leaf.path, leaf.after);
      out.push(described);
    }
  }
  return out;
}

/** A record as the audit would describe it, leaf by leaf, in the record's own shape. */
export function auditView(entity: string, value: unknown, at: PropertyKey[] = []): unknown {
  if (Array.isArray(value) && value.length > 0) return value.map((v, i) => auditView(entity, v, [...at, i]));
  if (isPlainObject(value) && Object.keys(value).length > 0) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, auditView(entity, v, [...at, k])]));
  return auditValue(entity, jsonPath(at), value);
}

function leafChanges(change: Change): Change[] {
  const { path, before, after } = change;
  if (!isContainer(before) && !isContainer(after)) return [change];
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    return diffJson(before, after).flatMap((c) => leafChanges({ ...c, path: path + c.path.slice(1) }));
  }
  // One side is a container and the other is not (or a list became a record): each side on its own.
  return [
    ...(before === undefined ? [] : leaves(path, before).map(([p, v]): Change => ({ path: p, before: v }))),
    ...(after === undefined ? [] : leaves(path, after).map(([p, v]): Change => ({ path: p, after: v }))),
  ];
}

/** Every leaf of a value with its path; an empty list or record is a leaf of its own. */
function leaves(path: string, value: unknown): Array<[string, unknown]> {
  if (Array.isArray(value) && value.length > 0) return value.flatMap((v, i) => leaves(`${path}[${i}]`, v));
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    return Object.keys(value)
      .sort()
      .flatMap((k) => leaves(path + jsonPath([k]).slice(1), value[k]));
  }
  return [[path, value]];
}

function isContainer(v: unknown): v is unknown[] | Record<string, unknown> {
  return Array.isArray(v) || isPlainObject(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isChange(v: unknown): v is Change {
  return isPlainObject(v) && typeof v['path'] === 'string' && /^\$/.test(v['path']);
}
