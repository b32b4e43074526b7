import { AppError } from '../contract/errors';
import type { VersionState } from '../contract/lifecycle';
import type { CloseReason } from '../contract/retention';

// When a case may be closed and when a closed case is due for erasure (docs/retention.md). Pure:
// the handler gives the facts and the clock's reading, this says yes or why not, so every door
// refuses with the same words.

const DAY_MS = 86_400_000;

/**
 * Why the case may not be closed for `reason`, or null when it may. A case is closed once: when
 * its report has been issued (the latest version is issued), or when the court's request was
 * withdrawn before a report was issued (an issued report reached the court: that case is closed
 * as issued, not withdrawn).
 */
export function closeRefusal(reason: CloseReason, state: VersionState | null, closedAt: string | null): AppError | null {
  if (closedAt !== null) {
    return new AppError('refused', `This case was already closed on ${closedAt.slice(0, 10)}.`, { key: 'errors.retention.alreadyClosed', params: { date: closedAt.slice(0, 10) } });
  }
  if (reason === 'report_issued' && state !== 'issued') {
    return new AppError('refused', `The case cannot be closed as issued: its report is ${state ?? 'not yet written'}. Issue the report first, or close the case as withdrawn.`, {
      path: '$.reason',
      key: 'errors.retention.notIssued',
      params: { state: state ?? 'none' },
    });
  }
  if (reason === 'withdrawn' && state === 'issued') {
    return new AppError('refused', 'The report was issued to the court: close the case as issued, not withdrawn.', { path: '$.reason', key: 'errors.retention.issuedNotWithdrawn' });
  }
  return null;
}

/** The moment before which a case must have been closed to be due for erasure on `now`. */
export function erasureCutoff(now: Date, retentionDays: number): string {
  return new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
}

/** Whole days since the retention period of a case closed at `closedAt` ended (negative before it ends). */
export function daysPastRetention(closedAt: string, now: Date, retentionDays: number): number {
  return Math.floor((now.getTime() - Date.parse(closedAt)) / DAY_MS) - retentionDays;
}

/** Why the case may not be erased on `now`, or null when it is due. */
export function erasureRefusal(closedAt: string | null, now: Date, retentionDays: number | undefined): AppError | null {
  if (retentionDays === undefined) {
    return new AppError('refused', 'This service has set no retention period (retentionDays in its jurisdiction settings), so no case is due for erasure.', { key: 'errors.retention.notSet' });
  }
  if (closedAt === null) {
    return new AppError('refused', 'This case is not closed, so it is not due for erasure.', { key: 'errors.retention.notClosed' });
  }
  if (closedAt > erasureCutoff(now, retentionDays)) {
    const due = new Date(Date.parse(closedAt) + retentionDays * DAY_MS).toISOString().slice(0, 10);
    return new AppError('refused', `This case is kept until ${due} (closed on ${closedAt.slice(0, 10)}, kept ${retentionDays} days): it is not due for erasure.`, {
      key: 'errors.retention.notDue',
      params: { due, closed: closedAt.slice(0, 10), days: retentionDays },
    });
  }
  return null;
}

/** Whether what was typed confirms the case number: the same characters, spaces around them aside. */
export function confirmsCaseNumber(typed: string, caseNumber: string): boolean {
  return typed.normalize('NFC').trim() === caseNumber.normalize('NFC').trim();
}
