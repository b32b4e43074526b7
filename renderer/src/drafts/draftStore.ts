// The unsaved copy of a document, kept on this computer until the store has acknowledged it. It
// lives in localStorage, so it survives a reload, closing the window and a renderer crash, and is
// keyed by the kind of document, the case and the signed-in person, so nobody is offered another
// person's words. It records the version it was typed over (with that version's content, for a
// three-way merge) and the saves sent over it whose acknowledgement has not come back.

import { seal, unseal } from './draftKey';

export type DraftKind = 'interview' | 'proposal' | 'case' | 'reportText';

export interface SentSave<T> {
  /** Sent with the save, so a repeat of it is recognised by the store instead of refused. */
  saveId: string;
  doc: T;
}

export interface DraftRecord<T> {
  format: 1;
  /** The version the copy was typed over (0: nothing stored yet) and its content. */
  baseVersion: number;
  base: T;
  /** What the officer typed. */
  mine: T;
  /**
   * Saves sent over `baseVersion` whose acknowledgement never arrived, oldest first; empty when
   * every save was acknowledged. Any of them may have reached the store before a reload.
   */
  sent: SentSave<T>[];
  /** When it was last written (ISO), to say how old a restored copy is. */
  at: string;
}

export interface DraftKey {
  kind: DraftKind;
  caseId: string;
  actor: string;
}

const storageKey = ({ kind, caseId, actor }: DraftKey) => `psr.draft.v1.${kind}.${encodeURIComponent(actor)}.${caseId}`;

export function readDraft<T>(key: DraftKey): DraftRecord<T> | null {
  try {
    const stored = localStorage.getItem(storageKey(key));
    if (!stored) return null;
    // Sealed on an encrypted store (draftKey.ts): unreadable until the person has signed in again.
    const raw = unseal(stored);
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as Partial<DraftRecord<T>>;
    if (parsed.format !== 1 || typeof parsed.baseVersion !== 'number' || parsed.mine === undefined || parsed.base === undefined) return null;
    return { format: 1, baseVersion: parsed.baseVersion, base: parsed.base, mine: parsed.mine, sent: Array.isArray(parsed.sent) ? parsed.sent : [], at: parsed.at ?? '' };
  } catch {
    return null;
  }
}

/** false when the copy could not be kept (storage full or disabled): the page says so. */
export function writeDraft<T>(key: DraftKey, record: Omit<DraftRecord<T>, 'format' | 'at'>): boolean {
  try {
    const sealed = seal(JSON.stringify({ format: 1, ...record, at: new Date().toISOString() }));
    // Locked (no key on an encrypted store): nothing is written in the clear.
    if (sealed === null) return false;
    localStorage.setItem(storageKey(key), sealed);
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(key: DraftKey): void {
  try {
    localStorage.removeItem(storageKey(key));
  } catch {
    // Storage disabled: there is nothing to clear.
  }
}

/** A fresh id for one save (the contract allows 1 to 64 of [A-Za-z0-9_-]). */
export function newSaveId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * Changes the unsaved copy from another page (ticking options for the proposal): starts one over
 * the stored version if there is none, and keeps its base, so the page that saves it can still
 * merge it three ways. Returns what the copy now holds.
 */
export function updateDraft<T>(key: DraftKey, stored: { version: number; doc: T }, change: (mine: T) => T): T {
  const record = readDraft<T>(key);
  const base = record ?? { baseVersion: stored.version, base: stored.doc, mine: stored.doc, sent: [] };
  const mine = change(base.mine);
  writeDraft(key, { baseVersion: base.baseVersion, base: base.base, mine, sent: base.sent });
  return mine;
}

/**
 * Takes over, once, a copy an earlier version of the app kept under its own key, so an upgrade
 * loses nothing typed. Where the version it was typed over is not the stored one, its content is
 * unknown: `unknownBase` (empty) stands in, so every part both sides changed is put to the officer.
 */
export function adoptEarlierCopy<T>(key: DraftKey, earlierKey: string, stored: { version: number; doc: T }, unknownBase: T, parse: (raw: unknown) => { baseVersion: number; mine: T } | null): void {
  try {
    const raw = localStorage.getItem(earlierKey);
    if (raw === null) return;
    const earlier = parse(JSON.parse(raw));
    if (earlier && !readDraft(key)) {
      const base = earlier.baseVersion === stored.version ? stored.doc : unknownBase;
      if (!writeDraft(key, { baseVersion: earlier.baseVersion, base, mine: earlier.mine, sent: [] })) return;
    }
    localStorage.removeItem(earlierKey);
  } catch {
    // Unreadable: left where it is.
  }
}
