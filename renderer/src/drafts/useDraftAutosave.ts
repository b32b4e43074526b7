import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../../main/contract/errors';
import { mergeDocuments, type Choice, type PartConflict } from '../../../main/domain/merge';
import { ApiCallError } from '../api/client';
import { clearDraft, newSaveId, writeDraft } from './draftStore';
import { same, SENT_KEPT, startFrom } from './startFrom';
import { useLeaveSaves, type Timers } from './useLeaveSaves';
import type { Acknowledged, Conflict, DraftAutosave, DraftOptions, DraftStatus, Restored, Stored } from './types';

export type { Acknowledged, Conflict, DraftAutosave, DraftDoor, DraftOptions, DraftStatus, Restored, Stored } from './types';

// One autosave for every document an officer types into (the interview, the proposal): saved
// after a pause, on leaving the page or the window, with a copy kept on this computer until the
// store acknowledges it. A save the store reports as stale is merged three ways (the version typed
// over, mine, theirs): what changed on one side only is taken without asking, what changed on both
// is put to the officer side by side. A save of one's own that got through before a reload is
// recognised (its content, or its saveId), never reported as someone else's.

export const IDLE_MS = 2_000;
const COPY_MS = 400;
const MAX_RETRY_MS = 30_000;

// The API client gives a call that never reached the app this key (renderer/src/api/client.ts):
// known by its key, never by the words of a message.
function isOffline(error: ApiError): boolean {
  return error.key === 'errors.offline';
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
  const timers = useRef<Timers>({});

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

  useLeaveSaves(keepCopy, (o) => saveRef.current(o), () => {
    const s = state.current;
    return { unsaved: s.seq !== s.savedSeq, conflict: s.conflict !== null };
  }, timers);

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
