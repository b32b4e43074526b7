import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../contract/errors';
import { writePrivateFile } from './files';
import { KEYRING_FORMAT, type Keyring } from './keyring';

// The keyring file beside the store (<dataDir>/psr.keys, 0600). It holds each person's wrap of the
// store key and the name the sign-in screen shows for them; no key in it opens anything without a
// passphrase. Its presence is what makes a store encrypted: a door with no key is then refused.
// See docs/encryption-at-rest.md.

export const KEYRING_FILE_NAME = 'psr.keys';

const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
const KeyringFileSchema = z.strictObject({
  format: z.literal(KEYRING_FORMAT),
  check: Base64,
  wraps: z.array(
    z.strictObject({
      personId: z.string().min(1).max(100),
      kdf: z.strictObject({ name: z.literal('scrypt'), N: z.number().int().min(2 ** 10).max(2 ** 22), r: z.number().int().min(1).max(32), p: z.number().int().min(1).max(16), salt: Base64 }),
      iv: Base64,
      tag: Base64,
      wrapped: Base64,
    }),
  ),
  /** The name each person signs in as (shown before the store is open). */
  names: z.record(z.string(), z.string().max(200)),
});
export type KeyringFile = Keyring & { readonly names: Readonly<Record<string, string>> };

export function keyringPath(dataDir: string): string {
  return path.join(dataDir, KEYRING_FILE_NAME);
}

export function hasKeyring(dataDir: string): boolean {
  return fs.existsSync(keyringPath(dataDir));
}

export function readKeyring(dataDir: string): KeyringFile | null {
  const file = keyringPath(dataDir);
  if (!fs.existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('storage', `The keyring ${file} cannot be read (${(e as Error).message}). Nothing was changed; restore it from where you keep a copy.`, { key: 'errors.keyringUnreadable' });
  }
  const result = KeyringFileSchema.safeParse(parsed);
  if (!result.success) {
    throw new AppError('storage', `The keyring ${file} is not in the form this app writes. Nothing was changed; restore it from where you keep a copy.`, { key: 'errors.keyringUnreadable' });
  }
  return result.data;
}

/** Written whole to a temporary file and renamed over, so a crash never leaves half a keyring. */
export function writeKeyring(dataDir: string, keyring: KeyringFile): void {
  const file = keyringPath(dataDir);
  const next = `${file}.next-${process.pid}`;
  writePrivateFile(next, `${JSON.stringify(keyring, null, 2)}\n`);
  fs.renameSync(next, file);
}
