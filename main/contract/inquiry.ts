import { z } from 'zod';
import { CaseDetails, CaseRecord } from './case';
import { entry } from './entry';
import { Interview } from './interview';
import { Role } from './people';
import { entityId, singleLine } from './text';

// An inquiry (docs/DOMAIN.md section 1): a screener from a civil society organisation gathers the
// part of the interview the service opens to screeners (`screener` in the form data), exports it as
// a package, and the probation officer imports it as a new case. Each answer then names the
// screener and their organisation as its source, unless the screener recorded one.

export const INQUIRY_FORMAT = 'psr-inquiry';

/** Who prepared the inquiry, as the store they worked on knew them. */
export const InquiryScreener = z.strictObject({
  name: singleLine(200),
  role: Role,
  /** Their team and their service or organisation; either may be blank. */
  team: z.union([z.literal(''), singleLine(200)]),
  service: z.union([z.literal(''), singleLine(200)]),
});
export type InquiryScreener = z.infer<typeof InquiryScreener>;

/**
 * Version 1 of the package: the case as the court asked for it, and the interview's answers to the
 * questions open to screeners only. An answer the screener marked not for disclosure (or that the
 * form marks by default) keeps its mark, so the officer's store withholds it as the screener's did.
 */
export const InquiryPackageV1 = z.strictObject({
  format: z.literal(INQUIRY_FORMAT),
  version: z.literal(1),
  createdAt: z.iso.datetime({ offset: true }),
  screener: InquiryScreener,
  case: CaseDetails,
  /** The form's id and version, and the screener's answers. */
  interview: Interview,
});
export type InquiryPackageV1 = z.infer<typeof InquiryPackageV1>;

export const inquirySchemas = { 1: InquiryPackageV1 } as const;
export const CURRENT_INQUIRY_VERSION = 1 as const;
export const InquiryPackage = InquiryPackageV1;
export type InquiryPackage = InquiryPackageV1;

/** A person's inquiry address: an age X25519 recipient, as age writes it. */
export const AgeRecipient = z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, { message: 'An inquiry address starts with “age1” and is 62 characters long.' });

export const inquiryEntries = {
  'inquiry.export': entry({
    // With `recipient`, the package is also given sealed: signed with this store's key and
    // encrypted to that person, so only their store opens it (main/api/inquirySeal.ts).
    input: z.strictObject({ caseId: entityId, recipient: AgeRecipient.optional() }),
    output: z.strictObject({ fileName: z.string(), package: InquiryPackage, sealed: z.string().optional() }),
    access: 'any',
    writes: false,
    roles: ['screener', 'probation_officer', 'senior_probation_officer'],
  }),
  'inquiry.import': entry({
    // The package is checked by its own versioned schema inside the handler, so that problems are
    // named by their paths inside the package ($.case.caseNumber, $.interview.answers...).
    input: z.strictObject({ package: z.unknown() }),
    output: CaseRecord,
    access: 'any',
    writes: true,
    roles: ['probation_officer', 'senior_probation_officer'],
  }),
  'inquiry.address': entry({
    // The signed-in person's inquiry address, to give to screeners (made on first use).
    input: z.strictObject({}),
    output: z.strictObject({ recipient: AgeRecipient }),
    access: 'any',
    writes: true,
    roles: ['probation_officer', 'senior_probation_officer'],
  }),
} as const;
