import { z } from 'zod';
import { entry } from './entry';

// What the audit log keeps of a change (main/domain/auditChanges.ts, docs/audit.md): the field and
// the kind and size of what it held before and after, never the words a person typed. A value is
// kept only where it is not free text: numbers, yes/no, and the few fields that hold a choice from
// a fixed list, a date of the court's or an id.

export const AuditValue = z.discriminatedUnion('kind', [
  /** A string a person typed: only its length in characters is kept. */
  z.strictObject({ kind: z.literal('text'), length: z.number().int().nonnegative() }),
  /** A value that is not free text, kept as it was. */
  z.strictObject({ kind: z.literal('value'), value: z.union([z.string(), z.number(), z.boolean(), z.null()]) }),
  /** An empty list or record. */
  z.strictObject({ kind: z.literal('empty'), of: z.enum(['list', 'record']) }),
]);
export type AuditValue = z.infer<typeof AuditValue>;

export const AuditChange = z.strictObject({ path: z.string(), before: AuditValue.optional(), after: AuditValue.optional() });
export type AuditChange = z.infer<typeof AuditChange>;

/** Why a row breaks the chain: its content no longer matches its hash, it does not follow the row before it, or it has no hash. */
export const auditChainBreaks = ['changed', 'unlinked', 'unchained'] as const;

export const AuditChainCheck = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), rows: z.number().int().nonnegative() }),
  z.strictObject({ ok: z.literal(false), firstBrokenId: z.number().int(), reason: z.enum(auditChainBreaks) }),
]);
export type AuditChainCheck = z.infer<typeof AuditChainCheck>;

export const auditEntries = {
  'audit.verify': entry({
    // Recomputes every row's hash and link (main/store/auditChain.ts); reads only.
    input: z.strictObject({}),
    output: AuditChainCheck,
    access: 'any',
    writes: false,
  }),
} as const;
