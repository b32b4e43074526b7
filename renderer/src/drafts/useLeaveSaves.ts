import { useEffect, useRef, type MutableRefObject } from 'react';

export interface Timers {
  idle?: number;
  copy?: number;
  retry?: number;
}

/**
 * Leaving the window or the page keeps a copy and saves now (a last keepalive save on closing).
 * Leaving for another page of the app fires no blur or pagehide: the copy is kept and what is
 * still unsaved is saved as the page goes, so nothing typed in the last seconds is lost.
 */
export function useLeaveSaves(
  keepCopy: () => void,
  save: (options?: { keepalive?: boolean }) => Promise<void>,
  pending: () => { unsaved: boolean; conflict: boolean },
  timers: MutableRefObject<Timers>,
): void {
  const latest = useRef({ save, pending });
  useEffect(() => {
    latest.current = { save, pending };
  });

  useEffect(() => {
    const onBlur = () => void latest.current.save();
    const onHide = () => {
      keepCopy();
      void latest.current.save({ keepalive: true });
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

  useEffect(() => {
    const t = timers.current;
    return () => {
      window.clearTimeout(t.idle);
      window.clearTimeout(t.retry);
      const { unsaved, conflict } = latest.current.pending();
      if (unsaved || conflict) keepCopy();
      window.clearTimeout(t.copy);
      if (unsaved && !conflict) void latest.current.save();
    };
  }, [keepCopy, timers]);
}
