import { differingParts, mergeDocuments, type Mergeable } from '../../../main/domain/merge';
import { clearDraft, readDraft, type DraftKey, type SentSave } from './draftStore';
import type { Restored, Stored } from './types';

// Where a page starts when it opens: the stored version, or the copy kept on this computer,
// rebased when a save it sent before a reload did reach the store, or merged when the store moved on.

export interface Start<T> {
  doc: T;
  base: { version: number; doc: T };
  sent: SentSave<T>[];
  dirty: boolean;
  restored: Restored<T> | null;
  reconcile: boolean;
}

/** At most this many unacknowledged saves are remembered; older ones are long refused as stale. */
export const SENT_KEPT = 5;

export const same = <T>(m: Mergeable<T>, a: T, b: T) => differingParts(m, a, b).length === 0;

/** Where the page starts: the stored version, or the copy kept here, rebased or merged onto it. */
export function startFrom<T>(key: DraftKey, mergeable: Mergeable<T>, stored: Stored<T>): Start<T> {
  const atStore = { version: stored.version, doc: stored.doc };
  const fresh: Start<T> = { doc: stored.doc, base: atStore, sent: [], dirty: false, restored: null, reconcile: false };
  const draft = readDraft<T>(key);
  if (!draft) return fresh;
  let base = { version: draft.baseVersion, doc: draft.base };
  let sent = draft.sent;
  // A save sent before the reload reached the store: the copy was in fact typed over that version.
  if (stored.version !== base.version && sent.some((x) => same(mergeable, stored.doc, x.doc))) {
    base = atStore;
    sent = [];
  }
  if (base.version === stored.version) {
    const parts = differingParts(mergeable, stored.doc, draft.mine);
    if (parts.length === 0) {
      clearDraft(key);
      return fresh;
    }
    // A save of exactly this copy may still be on its way: repeating it reuses its id.
    const last = sent.at(-1);
    const repeat = last && same(mergeable, last.doc, draft.mine) ? [last] : [];
    return { doc: draft.mine, base: atStore, sent: repeat, dirty: true, restored: { parts, at: draft.at, stored: stored.doc }, reconcile: false };
  }
  // Saved elsewhere since the copy was typed: both are merged once the page is up.
  const merged = mergeDocuments(mergeable, base.doc, draft.mine, stored.doc).merged;
  const parts = differingParts(mergeable, stored.doc, merged);
  return { doc: merged, base, sent, dirty: true, restored: parts.length ? { parts, at: draft.at, stored: stored.doc } : null, reconcile: true };
}
