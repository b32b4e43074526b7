import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../../main/contract/errors';
import { differingParts, mergeDocuments, type Choice, type Mergeable, type PartConflict } from '../../../main/domain/merge';
import { ApiCallError, type CallOptions } from '../api/client';
import { clearDraft, newSaveId, readDraft, writeDraft, type DraftKey, type SentSave } from './draftStore';

// One autosave for every document an officer types into (the interview, the proposal): saved
// after a pause, on leaving the page or the window, with a copy kept on this computer until the
// store acknowledges it. A save the store reports as stale is merged three ways (the version typed
// over, mine, theirs): what changed on one side only is taken without asking, what changed on both
// is put to the officer side by side. A save of one's own that got through before a reload is
// recognised (its content, or its saveId), never reported as someone else's.

export const IDLE_MS = 2_000;
const COPY_MS = 400;
const MAX_RETRY_MS = 30_000;

export interface Stored<T> {
  version: number;
  doc: T;
  updatedAt: string | null;
}

export interface Acknowledged {
  version: number;
  updatedAt: string;
}

export interface DraftDoor<T, R extends Acknowledged> {
  save(doc: T, version: number, saveId: string, options: CallOptions): Promise<R>;
  /** What the store holds now. */
  open(): Promise<Stored<T>>;
}

export type DraftStatus =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  /** The store would refuse it as it stands (an unfinished proposal): kept on this computer. */
  | { kind: 'incomplete' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'offline'; retryInMs: number }
  | { kind: 'conflict' }
  | { kind: 'error'; error: ApiError };

export interface Restored<T> {
  /** The parts the restored copy changes against the stored version. */
  parts: string[];
  /** When the copy was last written. */
  at: string;
  /** The stored version it differs from, to go back to on request. */
  stored: T;
}

export interface Conflict {
  conflicts: PartConflict[];
  /** Parts taken from the other save without asking. */
  fromTheirs: string[];
  theirsVersion: number;
}

export interface DraftOptions<T, R extends Acknowledged> {
  key: DraftKey;
  mergeable: Mergeable<T>;
  /** What the store held when the page opened. */
  stored: Stored<T>;
  door: DraftDoor<T, R>;
  /** The page's current content. */
  read(): T;
  /** Replaces the page's content (merged answers, the stored version on request). */
  show(doc: T): void;
  /** false for a document the store refuses as it stands; it is kept here until it can be saved. */
  savable?(doc: T): boolean;
  onSaved?(result: R): void;
}

export interface DraftAutosave<T> {
  /** What the page starts with: the stored version, the restored copy, or both merged. */
  start: T;
  status: DraftStatus;
  restored: Restored<T> | null;
  conflict: Conflict | null;
  /** Call on every change; cheap (it only sets timers). */
  changed(): void;
  /** Save now if anything changed (section change, blur, "Save now"). */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  /** Settles every part changed on both sides, then saves. */
  resolve(choices: Readonly<Record<string, Choice>>): Promise<void>;
  /** Puts the stored version back in place of the restored copy (and saves that). */
  discardRestored(): void;
  dismissRestored(): void;
  version(): number;
  /** Another call moved the stored version on without changing the content (interview.complete). */
  rebase(version: number): void;
  inConflict(): boolean;
}

interface Start<T> {
  doc: T;
  base: { version: number; doc: T };
  sent: SentSave<T>[];
  dirty: boolean;
  restored: Restored<T> | null;
  reconcile: boolean;
}

/** At most this many unacknowledged saves are remembered; older ones are long refused as stale. */
const SENT_KEPT = 5;

const same = <T>(m: Mergeable<T>, a: T, b: T) => differingParts(m, a, b).length === 0;

/** Where the page starts: the stored version, or the copy kept here, rebased or merged onto it. */
function startFrom<T>(key: DraftKey, mergeable: Mergeable<T>, stored: Stored<T>): Start<T> {
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

function isOffline(error: ApiError): boolean {
  return error.key === 'errors.offline' || (error.code === 'storage' && /reach/i.test(error.message));
}

const toApiError = (e: unknown): ApiError => (e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });

export function useDraftAutosave<T, R extends Acknowledged>(options: DraftOptions<T, R>): DraftAutosave<T> {
  const opts = useRef(options);
  useEffect(() => {
    opts.current = options;
  });
  const { key, mergeable } = options;
  const [start] = useState(() => startFrom(key, mergeable, options.stored));
  const [status, setStatusState] = useState<DraftStatus>(start.dirty ? { kind: 'dirty' } : { kind: 'idle' });
  const statusKind = useRef<DraftStatus['kind']>(status.kind);
  const setStatus = useCallback((next: DraftStatus) => {
    statusKind.current = next.kind;
    setStatusState(next);
  }, []);
  const [restored, setRestored] = useState<Restored<T> | null>(start.restored);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const state = useRef({
    base: start.base,
    sent: start.sent,
    /** Changes made; savedSeq is the change the store holds. */
    seq: start.dirty ? 1 : 0,
    savedSeq: 0,
    /** Which change the last of `sent` carries. */
    sentSeq: start.sent.length > 0 ? 1 : -1,
    pending: null as Promise<void> | null,
    conflict: null as { theirs: Stored<T>; conflicts: PartConflict[] } | null,
    /** A merge is being worked out: saves wait for it (it saves the result itself). */
    reconciling: false,
    retryMs: 0,
  });
  const timers = useRef<{ idle?: number; copy?: number; retry?: number }>({});

  const keepCopy = useCallback(() => {
    window.clearTimeout(timers.current.copy);
    timers.current.copy = undefined;
    const s = state.current;
    if (s.seq === s.savedSeq && !s.conflict) return;
    writeDraft(opts.current.key, { baseVersion: s.base.version, base: s.base.doc, mine: opts.current.read(), sent: s.sent });
  }, []);

  const settled = useCallback(
    (at: string | null) => {
      const s = state.current;
      s.savedSeq = s.seq;
      s.sent = [];
      clearDraft(opts.current.key);
      setStatus(at ? { kind: 'saved', at } : { kind: 'idle' });
    },
    [setStatus],
  );

  // reconcile and save call each other: through a ref, so each sees the other's current version.
  const saveRef = useRef<(o?: { keepalive?: boolean; force?: boolean }) => Promise<void>>(async () => undefined);

  /** Settles the page onto `theirs`; true when the merged result still has to be saved. */
  const mergeOnto = useCallback(
    async (theirs: Stored<T>): Promise<boolean> => {
      const s = state.current;
      const { mergeable: m, door } = opts.current;
      if (s.sent.length > 0 && theirs.version !== s.base.version) {
        let mine = s.sent.some((x) => same(m, theirs.doc, x.doc));
        // The store may hold my save in its own normalised form: its saveId says whether it does.
        for (const x of [...s.sent].reverse()) {
          if (mine) break;
          try {
            mine = (await door.save(x.doc, s.base.version, x.saveId, {})).version === theirs.version;
          } catch {
            // Refused as stale: not one of mine.
          }
        }
        if (mine) {
          s.base = { version: theirs.version, doc: theirs.doc };
          s.sent = [];
        }
      }
      const merge = mergeDocuments(m, s.base.doc, opts.current.read(), theirs.doc);
      if (merge.fromTheirs.length > 0 || merge.conflicts.length > 0) opts.current.show(merge.merged);
      if (merge.conflicts.length > 0) {
        s.conflict = { theirs, conflicts: merge.conflicts };
        setConflict({ conflicts: merge.conflicts, fromTheirs: merge.fromTheirs, theirsVersion: theirs.version });
        setStatus({ kind: 'conflict' });
        keepCopy();
        return false;
      }
      s.base = { version: theirs.version, doc: theirs.doc };
      s.sent = [];
      if (same(m, merge.merged, theirs.doc)) {
        settled(theirs.updatedAt);
        return false;
      }
      s.seq += 1;
      s.reconciling = false;
      return true;
    },
    [keepCopy, settled, setStatus],
  );

  /** After a stale save or on opening over a newer version: recognise my own save, then merge. */
  const reconcile = useCallback(
    async (theirs: Stored<T>): Promise<void> => {
      const s = state.current;
      s.reconciling = true;
      try {
        if (await mergeOnto(theirs)) await saveRef.current({ force: true });
      } finally {
        s.reconciling = false;
      }
    },
    [mergeOnto],
  );

  const save = useCallback(
    async (o: { keepalive?: boolean; force?: boolean } = {}): Promise<void> => {
      const s = state.current;
      // One save at a time, in order: a later one waits for the one on the wire.
      while (s.pending) await s.pending;
      window.clearTimeout(timers.current.idle);
      if (s.conflict || s.reconciling) return;
      if (!o.force && s.seq === s.savedSeq) return;
      window.clearTimeout(timers.current.retry);
      const { door, read, savable } = opts.current;
      const doc = read();
      if (savable && !savable(doc)) {
        keepCopy();
        setStatus({ kind: 'incomplete' });
        return;
      }
      const seq = s.seq;
      // The same change sent again (a retry, a reload) keeps its id, so the store can recognise it.
      let sent = s.sent.at(-1);
      if (!sent || s.sentSeq !== seq) {
        sent = { saveId: newSaveId(), doc };
        s.sent = [...s.sent, sent].slice(-SENT_KEPT);
      }
      s.sentSeq = seq;
      keepCopy();
      setStatus({ kind: 'saving' });
      const attempt = (async () => {
        try {
          const result = await door.save(doc, s.base.version, sent.saveId, o.keepalive ? { keepalive: true } : {});
          s.base = { version: result.version, doc };
          s.sent = [];
          s.savedSeq = seq;
          s.retryMs = 0;
          if (s.seq === seq) clearDraft(opts.current.key);
          else keepCopy();
          setStatus({ kind: 'saved', at: result.updatedAt });
          opts.current.onSaved?.(result);
        } catch (e) {
          const error = toApiError(e);
          keepCopy();
          if (error.code === 'conflict') {
            s.pending = null;
            try {
              await reconcile(await door.open());
            } catch (again) {
              setStatus({ kind: 'error', error: toApiError(again) });
            }
          } else if (isOffline(error)) {
            s.retryMs = Math.min(MAX_RETRY_MS, s.retryMs ? s.retryMs * 2 : 1_000);
            setStatus({ kind: 'offline', retryInMs: s.retryMs });
            timers.current.retry = window.setTimeout(() => void saveRef.current({ force: true }), s.retryMs);
          } else {
            setStatus({ kind: 'error', error });
          }
        }
      })();
      s.pending = attempt;
      try {
        await attempt;
      } finally {
        if (s.pending === attempt) s.pending = null;
      }
    },
    [keepCopy, reconcile, setStatus],
  );
  saveRef.current = save;

  const changed = useCallback(() => {
    const s = state.current;
    s.seq += 1;
    // One re-render when the first change arrives, none for the keystrokes after it.
    if (statusKind.current === 'idle' || statusKind.current === 'saved' || statusKind.current === 'incomplete') setStatus({ kind: 'dirty' });
    window.clearTimeout(timers.current.idle);
    timers.current.idle = window.setTimeout(() => void saveRef.current(), IDLE_MS);
    timers.current.copy ??= window.setTimeout(keepCopy, COPY_MS);
  }, [keepCopy, setStatus]);

  // Opened over a newer version than the copy kept here, or with a copy to save: do it now.
  useEffect(() => {
    // Once, for the version the page opened with.
    if (start.reconcile) void reconcile(opts.current.stored);
    else if (start.dirty) void saveRef.current();
  }, [start, reconcile]);

  // Leaving the window or the page: keep a copy and save now.
  useEffect(() => {
    const onBlur = () => void saveRef.current();
    const onHide = () => {
      keepCopy();
      void saveRef.current({ keepalive: true });
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onHide();
    };
    window.addEventListener('blur', onBlur);
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [keepCopy]);

  // Leaving for another page of the app fires no blur or pagehide: keep a copy and save what is
  // still unsaved as the page goes, so nothing typed in the last seconds is lost.
  useEffect(() => {
    const t = timers.current;
    const s = state.current;
    return () => {
      window.clearTimeout(t.idle);
      window.clearTimeout(t.retry);
      if (s.seq !== s.savedSeq || s.conflict) keepCopy();
      window.clearTimeout(t.copy);
      if (s.seq !== s.savedSeq && !s.conflict) void saveRef.current();
    };
  }, [keepCopy]);

  const resolve = useCallback(
    async (choices: Readonly<Record<string, Choice>>) => {
      const s = state.current;
      const c = s.conflict;
      if (!c) return;
      const { mergeable: m, read, show } = opts.current;
      // What the page holds now (typing went on meanwhile), with each conflict settled as chosen.
      const parts = new Map(m.toParts(read()));
      for (const part of c.conflicts) {
        const choice = choices[part.key];
        if (choice === undefined) throw new Error(`No choice made for "${part.key}".`);
        if (choice === 'theirs') {
          if (part.theirs === undefined) parts.delete(part.key);
          else parts.set(part.key, part.theirs);
        }
      }
      show(m.fromParts(parts, c.theirs.doc));
      s.base = { version: c.theirs.version, doc: c.theirs.doc };
      s.sent = [];
      s.conflict = null;
      setConflict(null);
      s.seq += 1;
      await saveRef.current({ force: true });
    },
    [],
  );

  return useMemo(
    () => ({
      start: start.doc,
      status,
      restored,
      conflict,
      changed,
      flush: (o: { keepalive?: boolean } = {}) => saveRef.current(o),
      resolve,
      discardRestored: () => {
        if (!restored) return;
        opts.current.show(restored.stored);
        setRestored(null);
        changed();
        void saveRef.current();
      },
      dismissRestored: () => setRestored(null),
      version: () => state.current.base.version,
      rebase: (version: number) => {
        state.current.base = { ...state.current.base, version };
      },
      inConflict: () => state.current.conflict !== null,
    }),
    [start.doc, status, restored, conflict, changed, resolve],
  );
}
