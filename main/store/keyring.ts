// The keyring: one random 32-byte store key, wrapped once per person with a key derived from that
// person's passphrase (scrypt, memory-hard). Changing a passphrase rewraps one entry and never
// re-encrypts the store; a second person's passphrase recovers the store when one is forgotten;
// if every passphrase is lost the store key is gone and nothing can be recovered.
// See docs/encryption-at-rest.md.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export const KEYRING_FORMAT = 'psr-keyring/1';
/** scrypt N=2^17, r=8, p=1: 128 MiB of memory per attempt, about 0.7 s on a shared 2-core machine (measured); this is the cost of every guess. */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 } as const;

export type ScryptCost = Pick<KdfParams, 'N' | 'r' | 'p'>;
export interface KdfParams { readonly name: 'scrypt'; readonly N: number; readonly r: number; readonly p: number; readonly salt: string }
export interface Wrap { readonly personId: string; readonly kdf: KdfParams; readonly iv: string; readonly tag: string; readonly wrapped: string }
/** check: HMAC of a constant under the store key, so a key can be recognised without opening the store. */
export interface Keyring { readonly format: typeof KEYRING_FORMAT; readonly check: string; readonly wraps: readonly Wrap[] }

export class WrongPassphrase extends Error {
  constructor(readonly personId: string) { super(`wrong passphrase for ${personId}`); }
}

function checkValue(storeKey: Buffer): Buffer {
  return createHmac('sha256', storeKey).update(`${KEYRING_FORMAT}:check`).digest();
}

function derive(passphrase: string, kdf: KdfParams): Buffer {
  if (passphrase.length === 0) throw new WrongPassphrase('');
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32,
    { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: SCRYPT.maxmem });
}

function wrap(personId: string, passphrase: string, storeKey: Buffer, params: ScryptCost): Wrap {
  // A new passphrase must not be empty; the sign-in screen names the field before this is reached.
  if (passphrase.length === 0) throw new Error('a passphrase cannot be empty');
  const kdf: KdfParams = { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: randomBytes(16).toString('base64') };
  const kek = derive(passphrase, kdf);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`${KEYRING_FORMAT}:${personId}`));
  const wrapped = Buffer.concat([cipher.update(storeKey), cipher.final()]);
  return { personId, kdf, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrapped: wrapped.toString('base64') };
}

/** A new keyring with a fresh random store key, wrapped for its first person. */
export function createKeyring(personId: string, passphrase: string, params: ScryptCost = SCRYPT): { keyring: Keyring; storeKey: Buffer } {
  const storeKey = randomBytes(32);
  return { keyring: { format: KEYRING_FORMAT, check: checkValue(storeKey).toString('base64'), wraps: [wrap(personId, passphrase, storeKey, params)] }, storeKey };
}

/** The store key, if this person's passphrase is right; WrongPassphrase otherwise (no other detail). */
export function unwrapStoreKey(keyring: Keyring, personId: string, passphrase: string): Buffer {
  const entry = keyring.wraps.find((w) => w.personId === personId);
  if (!entry) throw new WrongPassphrase(personId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', derive(passphrase, entry.kdf), Buffer.from(entry.iv, 'base64'));
    decipher.setAAD(Buffer.from(`${KEYRING_FORMAT}:${personId}`));
    decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(entry.wrapped, 'base64')), decipher.final()]);
  } catch {
    throw new WrongPassphrase(personId);
  }
}

/** Adds or replaces one person's wrap; the caller proves it holds the store key by passing it. */
export function setPassphrase(keyring: Keyring, storeKey: Buffer, personId: string, passphrase: string, params: ScryptCost = SCRYPT): Keyring {
  // Refuse a key that is not this store's: wrapping a wrong key would lock that person out.
  if (!sameKey(Buffer.from(keyring.check, 'base64'), checkValue(storeKey))) throw new Error('not this store\'s key');
  const wraps = keyring.wraps.filter((w) => w.personId !== personId);
  return { ...keyring, wraps: [...wraps, wrap(personId, passphrase, storeKey, params)] };
}

/** The SQLCipher key pragma value for a raw 32-byte key (no KDF inside SQLCipher: ours is scrypt). */
export function keyPragma(storeKey: Buffer): string {
  if (storeKey.length !== 32) throw new Error('a store key is 32 bytes');
  return `key="x'${storeKey.toString('hex')}'"`;
}

export function sameKey(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
