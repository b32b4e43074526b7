import type { CaseDetails } from '../contract/case';
import type { Answer, Interview } from '../contract/interview';
import type { OptionRef, Proposal } from '../contract/options';
import type { ReportText } from '../contract/reportText';

// Three-way merge of two saves made over the same version (docs/ARCHITECTURE.md, "nothing is
// silently overwritten"). A document is split into parts (one interview answer, one case field,
// one proposal condition); a part changed on one side only is taken from that side, a part changed
// on both sides to different values is a conflict the officer decides. Nothing is discarded unseen.

export type Parts = ReadonlyMap<string, unknown>;

export interface PartConflict {
  /** Which part: an answer's field id, a case field's path, "condition:c2". */
  key: string;
  /** undefined where the part did not exist on that side. */
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

export interface PartsMerge {
  /** Every part both sides agree on or only one side changed; conflicting parts hold mine. */
  merged: Map<string, unknown>;
  conflicts: PartConflict[];
  /** Parts taken from theirs without asking (changed on their side only). */
  fromTheirs: string[];
}

export type Choice = 'mine' | 'theirs';

/** Deep equality of JSON values; key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameJson(x, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ak = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bk = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Merges parts: theirs' order first, then parts only mine has. A part removed on one side and
 * untouched on the other is removed; removed on one side and changed on the other is a conflict.
 */
export function mergeParts(base: Parts, mine: Parts, theirs: Parts): PartsMerge {
  const merged = new Map<string, unknown>();
  const conflicts: PartConflict[] = [];
  const fromTheirs: string[] = [];
  const keys = [...new Set([...theirs.keys(), ...mine.keys(), ...base.keys()])];
  for (const key of keys) {
    const b = base.get(key);
    const m = mine.get(key);
    const t = theirs.get(key);
    let value: unknown;
    if (sameJson(m, t)) value = m;
    else if (sameJson(b, m)) {
      value = t;
      fromTheirs.push(key);
    } else if (sameJson(b, t)) value = m;
    else {
      conflicts.push({ key, base: b, mine: m, theirs: t });
      value = m;
    }
    if (value !== undefined) merged.set(key, value);
  }
  return { merged, conflicts, fromTheirs };
}

/** The merged parts with each conflict settled by the officer's choice; a conflict left unchosen is refused. */
export function resolveParts(merge: PartsMerge, choices: Readonly<Record<string, Choice>>): Map<string, unknown> {
  const out = new Map(merge.merged);
  for (const c of merge.conflicts) {
    const choice = choices[c.key];
    if (choice === undefined) throw new Error(`No choice made for "${c.key}".`);
    const value = choice === 'mine' ? c.mine : c.theirs;
    if (value === undefined) out.delete(c.key);
    else out.set(c.key, value);
  }
  return out;
}

/** How one kind of document is split into parts and put back together. */
export interface Mergeable<T> {
  toParts(doc: T): Parts;
  fromParts(parts: Parts, like: T): T;
}

export interface DocumentMerge<T> {
  /** The merged document; conflicting parts hold mine until the officer chooses. */
  merged: T;
  conflicts: PartConflict[];
  fromTheirs: string[];
  /** The same merge with the officer's choices applied. */
  resolve(choices: Readonly<Record<string, Choice>>): T;
}

export function mergeDocuments<T>(kind: Mergeable<T>, base: T, mine: T, theirs: T): DocumentMerge<T> {
  const result = mergeParts(kind.toParts(base), kind.toParts(mine), kind.toParts(theirs));
  return {
    merged: kind.fromParts(result.merged, theirs),
    conflicts: result.conflicts,
    fromTheirs: result.fromTheirs,
    resolve: (choices) => kind.fromParts(resolveParts(result, choices), theirs),
  };
}

/** The parts two versions differ in (what a restored copy changes against the store's version). */
export function differingParts<T>(kind: Mergeable<T>, a: T, b: T): string[] {
  const pa = kind.toParts(a);
  const pb = kind.toParts(b);
  return [...new Set([...pa.keys(), ...pb.keys()])].filter((k) => !sameJson(pa.get(k), pb.get(k)));
}

// ---------------------------------------------------------------------------------------------
// The documents an officer edits

/** One part per answer (a repeatable group is one answer); the form id and version are one more. */
export const interviewParts: Mergeable<Interview> = {
  toParts(doc) {
    const parts = new Map<string, unknown>(Object.entries(doc.answers));
    parts.set('$form', { formId: doc.formId, formVersion: doc.formVersion });
    return parts;
  },
  fromParts(parts, like) {
    const form = (parts.get('$form') as { formId: string; formVersion: number } | undefined) ?? { formId: like.formId, formVersion: like.formVersion };
    const answers: Record<string, Answer> = {};
    for (const [k, v] of parts) if (k !== '$form') answers[k] = v as Answer;
    return { formId: form.formId, formVersion: form.formVersion, answers };
  },
};

/** One part per field of the person and the case; the charges are one part (rows have no id). */
export const caseDetailsParts: Mergeable<CaseDetails> = {
  toParts(doc) {
    const parts = new Map<string, unknown>();
    for (const [k, v] of Object.entries(doc.person)) if (v !== undefined) parts.set(`person.${k}`, v);
    for (const [k, v] of Object.entries(doc)) if (k !== 'person' && v !== undefined) parts.set(k, v);
    return parts;
  },
  fromParts(parts) {
    const person: Record<string, unknown> = {};
    const rest: Record<string, unknown> = {};
    for (const [k, v] of parts) {
      if (k.startsWith('person.')) person[k.slice('person.'.length)] = v;
      else rest[k] = v;
    }
    return { ...rest, person } as unknown as CaseDetails;
  },
};

const refPart = (ref: OptionRef) => `selected:${ref.type}:${ref.id}`;

/**
 * Selected options, conditions and acknowledgements merge one by one (they have ids); the
 * rationale is one part and so is the list of alternatives set aside (its rows have no id).
 */
export const proposalParts: Mergeable<Proposal> = {
  toParts(doc) {
    const parts = new Map<string, unknown>();
    for (const ref of doc.selected) parts.set(refPart(ref), ref);
    parts.set('rationale', doc.rationale);
    for (const c of doc.conditions) parts.set(`condition:${c.id}`, c);
    for (const a of doc.acknowledgements) parts.set(`acknowledgement:${a.checkId}`, a);
    parts.set('alternatives', doc.alternatives);
    return parts;
  },
  fromParts(parts) {
    const out: Proposal = { selected: [], rationale: '', alternatives: [], conditions: [], acknowledgements: [] };
    for (const [k, v] of parts) {
      if (k.startsWith('selected:')) out.selected.push(v as Proposal['selected'][number]);
      else if (k === 'rationale') out.rationale = v as string;
      else if (k.startsWith('condition:')) out.conditions.push(v as Proposal['conditions'][number]);
      else if (k.startsWith('acknowledgement:')) out.acknowledgements.push(v as Proposal['acknowledgements'][number]);
      else if (k === 'alternatives') out.alternatives = v as Proposal['alternatives'];
    }
    return out;
  },
};

/**
 * The report in the officer's own words: each section's text (with what was drafted for it) is
 * one part, so two windows writing different sections never conflict; each acknowledgement of
 * an analysis check is one more, by its check id.
 */
export const reportTextParts: Mergeable<ReportText> = {
  toParts(doc) {
    const parts = new Map<string, unknown>();
    for (const [id, section] of Object.entries(doc.sections)) parts.set(`section:${id}`, section);
    for (const a of doc.acknowledgements) parts.set(`acknowledgement:${a.checkId}`, a);
    return parts;
  },
  fromParts(parts) {
    const out: ReportText = { sections: {}, acknowledgements: [] };
    for (const [k, v] of parts) {
      if (k.startsWith('section:')) out.sections[k.slice('section:'.length)] = v as ReportText['sections'][string];
      else if (k.startsWith('acknowledgement:')) out.acknowledgements.push(v as ReportText['acknowledgements'][number]);
    }
    return out;
  },
};
