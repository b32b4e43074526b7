import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReportChecks, ReportText } from '../../../../main/contract/reportText';
import type { ApiError } from '../../../../main/contract/errors';
import { ApiCallError, call } from '../../api/client';

/** How long after typing stops the checks run again. */
export const CHECKS_DELAY_MS = 400;

/**
 * The analysis checks, the readiness and the withheld items for the text as it is typed
 * (docs/DOMAIN.md, writing the report): asked of main a moment after typing stops and after each
 * save, so the page shows exactly what an export would check. An answer to an older text is dropped.
 */
export function useReportChecks(caseId: string, text: ReportText | undefined) {
  const [checks, setChecks] = useState<ReportChecks | null>(null);
  const [failed, setFailed] = useState<ApiError | null>(null);
  const asked = useRef(0);
  const latest = useRef(text);
  const started = useRef(false);
  latest.current = text;

  const run = useCallback(async () => {
    const n = ++asked.current;
    try {
      const found = await call('reportText.checks', latest.current ? { caseId, text: latest.current } : { caseId });
      if (n === asked.current) {
        setChecks(found);
        setFailed(null);
      }
    } catch (e) {
      if (n === asked.current) setFailed(e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });
    }
  }, [caseId]);

  useEffect(() => {
    // The first run is immediate; later ones wait for typing to stop.
    const timer = window.setTimeout(() => void run(), started.current ? CHECKS_DELAY_MS : 0);
    started.current = true;
    return () => window.clearTimeout(timer);
  }, [text, run]);

  return { checks, failed, refresh: run };
}
