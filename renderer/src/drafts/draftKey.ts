import { useMemo } from 'react';
import { gcm } from '@noble/ciphers/aes.js';
import { call } from '../api/client';

// On an encrypted store the unsaved copies this page keeps in localStorage are encrypted too
// (AES-256-GCM, with a key the app derives from the store key for the signed-in person and gives
// only after sign-in). The key lives in this page's memory only: a lock or a reload forgets it, and
// the copies stay unreadable until the same person signs in again. See docs/encryption-at-rest.md.

let key: Uint8Array | null = null;
/** True once the app said the store is encrypted: then no copy is ever written in the clear. */
let required = false;

export function forgetDraftKey(): void {
  key?.fill(0);
  key = null;
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** Asks the app for this person's draft key; null (the store is not encrypted) leaves copies plain. */
export async function loadDraftKey(): Promise<void> {
  const answer = await call('session.draftKey', {});
  forgetDraftKey();
  required = answer.key !== null;
  key = answer.key === null ? null : fromBase64(answer.key);
}

export function useDraftKey() {
  return useMemo(() => ({ load: loadDraftKey }), []);
}

export interface SealedCopy {
  sealed: 1;
  iv: string;
  data: string;
}

/** The text to keep: sealed under the key, plain on an unencrypted store, null when locked. */
export function seal(plain: string): string | null {
  if (!key) return required ? null : plain;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = gcm(key, iv).encrypt(new TextEncoder().encode(plain));
  return JSON.stringify({ sealed: 1, iv: toBase64(iv), data: toBase64(data) } satisfies SealedCopy);
}

/** The kept text, opened; null when it is sealed and the key is not here (or not the one it was sealed with). */
export function unseal(stored: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return null;
  }
  const copy = parsed as Partial<SealedCopy>;
  if (copy && typeof copy === 'object' && copy.sealed === 1 && typeof copy.iv === 'string' && typeof copy.data === 'string') {
    if (!key) return null;
    try {
      return new TextDecoder().decode(gcm(key, fromBase64(copy.iv)).decrypt(fromBase64(copy.data)));
    } catch {
      return null;
    }
  }
  // A plain copy: read as it is, unless the store is encrypted (then it is an older copy from before).
  return stored;
}
