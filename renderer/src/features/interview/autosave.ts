import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Output } from '../../../../main/contract/api';
import type { ApiError } from '../../../../main/contract/errors';
import type { Interview } from '../../../../main/contract/interview';
import { ApiCallError, call } from '../../api/client';

// Autosave of the interview draft: after 2 s without typing, on section change, when the window
// loses focus or the page is hidden or closed. Until the store has acknowledged a change it is also
// kept in this tab's sessionStorage, so a crash or a reload never loses what was typed. A stale
// version stops autosaving and asks the officer what to do; nothing is overwritten silently.

export const IDLE_MS = 2_000;
const BACKUP_MS = 1_000;
const MAX_RETRY_MS = 30_000;

export type SaveResult = Output<'interview.save'>;

export type AutosaveStatus =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'offline'; retryInMs: number }
  | { kind: 'conflict'; currentVersion: number }
  | { kind: 'error'; error: ApiError };

export interface UnsavedDraft {
  /** The version the answers were typed over. */
  baseVersion: number;
  interview: Interview;
  at: string;
}

const backupKey = (caseId: string) => `psr.interview.unsaved.${caseId}`;

export function readUnsaved(caseId: string): UnsavedDraft | null {
  try {
    const raw = sessionStorage.getItem(backupKey(caseId));
    return raw ? (JSON.parse(raw) as UnsavedDraft) : null;
  } catch {
    return null;
  }
}

function writeUnsaved(caseId: string, draft: UnsavedDraft): void {
  try {
    sessionStorage.setItem(backupKey(caseId), JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the server copy and the page are what is left.
  }
}

export function clearUnsaved(caseId: string): void {
  sessionStorage.removeItem(backupKey(caseId));
}

function isOffline(error: ApiError): boolean {
  return error.key === 'errors.offline' || (error.code === 'storage' && /reach/i.test(error.message));
}

export interface Autosave {
  status: AutosaveStatus;
  /** Call on every change; cheap (it only sets timers). */
  changed(): void;
  /** Save now if anything changed (section change, blur). */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  /** Keep my answers: save them over the version now in the store. */
  keepMine(currentVersion: number): Promise<void>;
  /** The form now shows what the store holds at `version` (opened, or their version reloaded). */
  acknowledge(version: number, updatedAt: string | null): void;
  version(): number;
  /** A stale save is waiting for the officer's choice. */
  inConflict(): boolean;
}

export function useAutosave(caseId: string, initialVersion: number, getInterview: () => Interview, onSaved: (result: SaveResult) => void): Autosave {
  const [status, setStatusState] = useState<AutosaveStatus>({ kind: 'idle' });
  const statusKind = useRef<AutosaveStatus['kind']>('idle');
  const setStatus = useCallback((next: AutosaveStatus) => {
    statusKind.current = next.kind;
    setStatusState(next);
  }, []);
  const state = useRef<{ version: number; seq: number; savedSeq: number; pending: Promise<void> | null; conflict: boolean; retryMs: number }>({
    version: initialVersion,
    seq: 0,
    savedSeq: 0,
    pending: null,
    conflict: false,
    retryMs: 0,
  });
  const timers = useRef<{ idle?: number; backup?: number; retry?: number }>({});
  const getRef = useRef(getInterview);
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    getRef.current = getInterview;
    onSavedRef.current = onSaved;
  });

  const backupNow = useCallback(() => {
    window.clearTimeout(timers.current.backup);
    const s = state.current;
    if (s.seq !== s.savedSeq) writeUnsaved(caseId, { baseVersion: s.version, interview: getRef.current(), at: new Date().toISOString() });
  }, [caseId]);

  const save = useCallback(
    async (options: { keepalive?: boolean; force?: boolean } = {}): Promise<void> => {
      const s = state.current;
      // One save at a time, in order: a later one waits for the one on the wire.
      while (s.pending) await s.pending;
      window.clearTimeout(timers.current.idle);
      if (s.conflict) return;
      if (!options.force && s.seq === s.savedSeq) return;
      window.clearTimeout(timers.current.retry);
      const seq = s.seq;
      const interview = getRef.current();
      setStatus({ kind: 'saving' });
      const attempt = (async () => {
        try {
          const result = await call('interview.save', { caseId, version: s.version, interview }, options.keepalive ? { keepalive: true } : {});
          s.version = result.version;
          s.savedSeq = seq;
          s.retryMs = 0;
          if (s.seq === s.savedSeq) clearUnsaved(caseId);
          else backupNow();
          setStatus({ kind: 'saved', at: result.updatedAt });
          onSavedRef.current(result);
        } catch (e) {
          const error: ApiError = e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) };
          backupNow();
          if (error.code === 'conflict') {
            s.conflict = true;
            setStatus({ kind: 'conflict', currentVersion: error.currentVersion ?? s.version });
          } else if (isOffline(error)) {
            s.retryMs = Math.min(MAX_RETRY_MS, s.retryMs ? s.retryMs * 2 : 1_000);
            setStatus({ kind: 'offline', retryInMs: s.retryMs });
            timers.current.retry = window.setTimeout(() => void save({ force: true }), s.retryMs);
          } else {
            setStatus({ kind: 'error', error });
          }
        }
      })();
      s.pending = attempt;
      try {
        await attempt;
      } finally {
        s.pending = null;
      }
    },
    [caseId, backupNow, setStatus],
  );

  const changed = useCallback(() => {
    const s = state.current;
    s.seq += 1;
    // One re-render when the first change arrives, none for the keystrokes after it.
    if (statusKind.current === 'idle' || statusKind.current === 'saved') setStatus({ kind: 'dirty' });
    window.clearTimeout(timers.current.idle);
    timers.current.idle = window.setTimeout(() => void save(), IDLE_MS);
    if (timers.current.backup === undefined) {
      timers.current.backup = window.setTimeout(() => {
        timers.current.backup = undefined;
        backupNow();
      }, BACKUP_MS);
    }
  }, [save, backupNow, setStatus]);

  // Leaving the window or the page: keep a copy and save now.
  useEffect(() => {
    const onBlur = () => void save();
    const onHide = () => {
      backupNow();
      void save({ keepalive: true });
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
  }, [save, backupNow]);

  // Leaving the interview for another page of the app fires no blur or pagehide: keep a copy and
  // save what is still unsaved as the page goes, so nothing typed in the last seconds is lost.
  const flush = useRef({ save, backupNow });
  flush.current = { save, backupNow };
  useEffect(() => {
    const t = timers.current;
    const s = state.current;
    return () => {
      window.clearTimeout(t.idle);
      window.clearTimeout(t.retry);
      window.clearTimeout(t.backup);
      if (s.seq !== s.savedSeq && !s.conflict) {
        flush.current.backupNow();
        void flush.current.save();
      }
    };
  }, []);

  return useMemo(
    () => ({
      status,
      changed,
      flush: (options: { keepalive?: boolean } = {}) => save(options),
      keepMine: async (currentVersion: number) => {
        const s = state.current;
        s.version = currentVersion;
        s.conflict = false;
        await save({ force: true });
      },
      acknowledge: (version: number, updatedAt: string | null) => {
        const s = state.current;
        window.clearTimeout(timers.current.idle);
        window.clearTimeout(timers.current.retry);
        s.version = version;
        s.savedSeq = s.seq;
        s.conflict = false;
        s.retryMs = 0;
        clearUnsaved(caseId);
        setStatus(updatedAt ? { kind: 'saved', at: updatedAt } : { kind: 'idle' });
      },
      version: () => state.current.version,
      inConflict: () => state.current.conflict,
    }),
    [status, changed, save, caseId, setStatus],
  );
}
