import { z } from 'zod';

// Backups from the app itself (the UI and the CLI): list them, make one now, and ask for one to be
// restored at the next start (the store cannot be replaced while it is open).

/**
 * The id a page gives one save, so the same save sent again (after a reload) is recognised, not
 * refused as a conflict: see main/store/versioned.ts for what the store does with it.
 */
export const saveId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'Must be 1 to 64 letters (A-Z, a-z), digits, "_" or "-".' })
  .optional();

export const BackupInfoSchema = z.strictObject({ path: z.string(), createdAt: z.string(), bytes: z.number().int() });

export const BackupNowOutput = z.strictObject({
  /** null when nothing changed since the newest backup, so no copy was needed. */
  created: z.strictObject({ path: z.string(), bytes: z.number().int(), integrity: z.literal('ok') }).nullable(),
  removed: z.array(z.string()),
});

export const RestoreRequestOutput = z.strictObject({
  backup: z.string(),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  restartNeeded: z.literal(true),
});
