import { z } from 'zod';
import { CaseDetails, Charge } from './case';
import { Interview } from './interview';
import { Programme, Proposal } from './options';
import { ReportText } from './reportText';

// The case file is how a screener hands an inquiry to an officer and how tests feed cases in.
// Every version ever published stays here so older files keep importing; `upgradeCaseFile` in
// domain/ lifts any version to the current one.

export const CASE_FILE_FORMAT = 'psr-case-file';

/** Versions 1 to 3 knew a charge as its wording, date and plea only. */
const LegacyCharge = Charge.omit({ category: true, seriousness: true });
const LegacyCaseDetails = CaseDetails.extend({
  charges: z.array(LegacyCharge).min(1, { message: 'At least one charge is needed.' }).max(100),
});

export const CaseFileV1 = z.strictObject({
  format: z.literal(CASE_FILE_FORMAT),
  formatVersion: z.literal(1),
  /** When and by which tool the file was written; informational only. */
  exportedAt: z.iso.datetime({ offset: true }).optional(),
  exportedBy: z.string().max(200).optional(),
  case: LegacyCaseDetails,
});
export type CaseFileV1 = z.infer<typeof CaseFileV1>;

/** Version 2 carries the interview as recorded so far. */
export const CaseFileV2 = z.strictObject({
  format: z.literal(CASE_FILE_FORMAT),
  formatVersion: z.literal(2),
  exportedAt: z.iso.datetime({ offset: true }).optional(),
  exportedBy: z.string().max(200).optional(),
  case: LegacyCaseDetails,
  interview: Interview.optional(),
});
export type CaseFileV2 = z.infer<typeof CaseFileV2>;

/** Version 3 adds the proposal: selected options, rationale, conditions and acknowledgements. */
export const CaseFileV3 = z.strictObject({
  format: z.literal(CASE_FILE_FORMAT),
  formatVersion: z.literal(3),
  exportedAt: z.iso.datetime({ offset: true }).optional(),
  exportedBy: z.string().max(200).optional(),
  case: LegacyCaseDetails,
  interview: Interview.optional(),
  proposal: Proposal.optional(),
});
export type CaseFileV3 = z.infer<typeof CaseFileV3>;

/**
 * Version 4: a charge may carry its offence category and seriousness, and the sender may include
 * the local programmes the matching used, so a store-less render matches them too.
 */
export const CaseFileV4 = z.strictObject({
  format: z.literal(CASE_FILE_FORMAT),
  formatVersion: z.literal(4),
  exportedAt: z.iso.datetime({ offset: true }).optional(),
  exportedBy: z.string().max(200).optional(),
  case: CaseDetails,
  interview: Interview.optional(),
  proposal: Proposal.optional(),
  programmes: z.array(Programme).max(5000).optional(),
});
export type CaseFileV4 = z.infer<typeof CaseFileV4>;

/** Version 5 adds the report in the officer's own words: the section texts and the acknowledged analysis checks. */
export const CaseFileV5 = z.strictObject({
  format: z.literal(CASE_FILE_FORMAT),
  formatVersion: z.literal(5),
  exportedAt: z.iso.datetime({ offset: true }).optional(),
  exportedBy: z.string().max(200).optional(),
  case: CaseDetails,
  interview: Interview.optional(),
  proposal: Proposal.optional(),
  reportText: ReportText.optional(),
  programmes: z.array(Programme).max(5000).optional(),
});
export type CaseFileV5 = z.infer<typeof CaseFileV5>;

export const caseFileSchemas = { 1: CaseFileV1, 2: CaseFileV2, 3: CaseFileV3, 4: CaseFileV4, 5: CaseFileV5 } as const;
export const CURRENT_CASE_FILE_VERSION = 5 as const;
export const CaseFile = CaseFileV5;
export type CaseFile = CaseFileV5;
