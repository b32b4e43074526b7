import { z } from 'zod';

// Backups from the app itself (the UI and the CLI): list them, make one now, and ask for one to be
// restored at the next start (the store cannot be replaced while it is open).

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
