import { z } from 'zod';
import { CaseDetails } from './case';

// The case file is how a screener hands an inquiry to an officer and how tests feed cases in.
// Every version ever published stays here so older files keep importing; `upgradeCaseFile` in
// domain/ lifts any version to the current one.

export const CASE_FILE_FORMAT = 'psr-case-file';

export const CaseFileV1 = z.strictObject({
  format: z.literal(CASE_FILE_FORMAT),
  formatVersion: z.literal(1),
  /** When and by which tool the file was written; informational only. */
  exportedAt: z.iso.datetime({ offset: true }).optional(),
  exportedBy: z.string().max(200).optional(),
  case: CaseDetails,
});
export type CaseFileV1 = z.infer<typeof CaseFileV1>;

export const caseFileSchemas = { 1: CaseFileV1 } as const;
export const CURRENT_CASE_FILE_VERSION = 1 as const;
export const CaseFile = CaseFileV1;
export type CaseFile = CaseFileV1;
