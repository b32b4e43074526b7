import { z } from 'zod';
import { entry } from './entry';

// The store's issuing keys and the check a court clerk makes on a file (main/export/signature.ts).

export const PublicSigningKey = z.strictObject({
  /** sha256 of the public key (SPKI DER) in hex, in groups of four. */
  fingerprint: z.string(),
  publicKeyPem: z.string(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});

export const SignedStatement = z.strictObject({
  service: z.string(),
  caseNumber: z.string(),
  templateId: z.string(),
  status: z.enum(['draft', 'issued']),
  reportVersion: z.number().int().optional(),
  signedBy: z.string(),
  signedAt: z.string(),
  contentHash: z.string(),
});

const kind = z.enum(['docx', 'pdf']).optional();

export const VerifyOutcome = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('valid'), kind: z.enum(['docx', 'pdf']), statement: SignedStatement, fingerprint: z.string(), trusted: z.boolean().optional() }),
  z.strictObject({
    status: z.literal('changed'),
    kind: z.enum(['docx', 'pdf']),
    statement: SignedStatement,
    fingerprint: z.string(),
    trusted: z.boolean().optional(),
    changed: z.array(z.string()),
    added: z.array(z.string()),
    removed: z.array(z.string()),
    signatureHolds: z.boolean(),
  }),
  z.strictObject({ status: z.literal('unsigned'), kind }),
  z.strictObject({ status: z.literal('unreadable'), kind, reason: z.string() }),
]);
export type VerifyOutcomeOutput = z.infer<typeof VerifyOutcome>;

/** A document to check, as base64: at most 6 MB of file (DOCUMENT_LIMIT_BYTES in doors/input.ts), so it fits a browser-mode request. */
const fileBase64 = z.string().min(1).max(8_388_608).regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'Must be the file in base64.' });

export const signingEntries = {
  'signing.keys': entry({
    input: z.strictObject({}),
    output: z.array(PublicSigningKey),
    access: 'any',
    writes: false,
  }),
  'documents.verify': entry({
    // Checked against this store's keys: whether the file is exactly what this service signed.
    input: z.strictObject({ fileBase64 }),
    output: VerifyOutcome,
    access: 'any',
    writes: false,
  }),
} as const;
