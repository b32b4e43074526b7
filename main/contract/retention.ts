import { z } from 'zod';
import { entry } from './entry';
import { entityId, singleLine } from './text';

// How long a closed case is kept, and its erasure (docs/retention.md). A case is closed when its
// report has been issued or the court's request was withdrawn; the jurisdiction's `retentionDays`
// run from then. A case closed longer than that is listed for erasure, and erasing it removes the
// case and everything recorded for it, from the store and from every backup the app keeps. It
// cannot be undone: only one audit row says who erased which case id, and when.

/** Why a case was closed: two words, never typed text. */
export const closeReasons = ['report_issued', 'withdrawn'] as const;
export const CloseReason = z.enum(closeReasons);
export type CloseReason = z.infer<typeof CloseReason>;

const timestamp = z.iso.datetime({ offset: true });

export const CaseClosure = z.strictObject({
  caseId: entityId,
  caseNumber: z.string(),
  closedAt: timestamp,
  reason: CloseReason,
});
export type CaseClosure = z.infer<typeof CaseClosure>;

/** One case closed longer than the retention period: its number and court, nothing about the person. */
export const DueForErasure = z.strictObject({
  id: entityId,
  caseNumber: z.string(),
  court: z.string(),
  closedAt: timestamp,
  reason: CloseReason,
  /** Whole days since the retention period ended (0 on the day it ends). */
  daysPastRetention: z.number().int().min(0),
});
export type DueForErasure = z.infer<typeof DueForErasure>;

export const ErasureResult = z.strictObject({
  caseId: entityId,
  erasedAt: timestamp,
  /** The kept backups (named inside the data folder) the case was also erased from. */
  backupsErased: z.array(z.string()),
  /** Kept backups the case could not be erased from (unreadable, or not writable): they still hold it. */
  backupsFailed: z.array(z.strictObject({ backup: z.string(), reason: z.string() })),
  /** Backups older than the retention period, removed. */
  backupsRemoved: z.array(z.string()),
});
export type ErasureResult = z.infer<typeof ErasureResult>;

/** Listing and erasing take a senior officer or an administrator: the service's retention policy is theirs to carry out. */
const RETENTION_OFFICERS = ['senior_probation_officer', 'administrator'] as const;

export const retentionEntries = {
  'cases.close': entry({
    // After the report is issued (report_issued) or the court's request withdrawn (withdrawn).
    input: z.strictObject({ caseId: entityId, reason: CloseReason }),
    output: CaseClosure,
    access: 'any',
    writes: true,
    roles: ['probation_officer', 'senior_probation_officer', 'administrator'],
  }),
  'cases.dueForErasure': entry({
    input: z.strictObject({}),
    output: z.strictObject({ retentionDays: z.number().int().nullable(), items: z.array(DueForErasure) }),
    access: 'any',
    writes: false,
    roles: RETENTION_OFFICERS,
  }),
  'cases.erase': entry({
    // confirm: the case number typed again, as the list shows it.
    input: z.strictObject({ caseId: entityId, confirm: singleLine(64) }),
    output: ErasureResult,
    access: 'any',
    writes: true,
    roles: RETENTION_OFFICERS,
  }),
} as const;
