import { describe, expect, it } from 'vitest';
import { createKeyring, setPassphrase, unwrapStoreKey, WrongPassphrase, sameKey } from '../../../main/store/keyring.js';

// Small scrypt parameters keep the test quick; the product uses SCRYPT (128 MiB).
const FAST = { N: 2 ** 10, r: 8, p: 1 } as const;

describe('the keyring that holds the store key', () => {
  it('opens with the right passphrase and gives back the same store key', () => {
    const { keyring, storeKey } = createKeyring('p-amina', 'correct horse battery', FAST);
    expect(sameKey(unwrapStoreKey(keyring, 'p-amina', 'correct horse battery'), storeKey)).toBe(true);
  });

  it('refuses a wrong passphrase, an unknown person and an empty passphrase alike', () => {
    const { keyring } = createKeyring('p-amina', 'correct horse battery', FAST);
    expect(() => unwrapStoreKey(keyring, 'p-amina', 'correct horse batterz')).toThrow(WrongPassphrase);
    expect(() => unwrapStoreKey(keyring, 'p-nobody', 'correct horse battery')).toThrow(WrongPassphrase);
    expect(() => unwrapStoreKey(keyring, 'p-amina', '')).toThrow(WrongPassphrase);
  });

  it('lets a second person recover the store key after the first forgets, without re-encrypting', () => {
    const first = createKeyring('p-amina', 'first secret', FAST);
    const both = setPassphrase(first.keyring, first.storeKey, 'p-senior', 'second secret', FAST);
    const recovered = unwrapStoreKey(both, 'p-senior', 'second secret');
    const reset = setPassphrase(both, recovered, 'p-amina', 'new first secret', FAST);
    expect(sameKey(unwrapStoreKey(reset, 'p-amina', 'new first secret'), first.storeKey)).toBe(true);
    expect(() => unwrapStoreKey(reset, 'p-amina', 'first secret')).toThrow(WrongPassphrase);
  });

  it('will not wrap a key that is not this store\'s', () => {
    const a = createKeyring('p-amina', 'secret a', FAST);
    const b = createKeyring('p-other', 'secret b', FAST);
    expect(() => setPassphrase(a.keyring, b.storeKey, 'p-senior', 'x', FAST)).toThrow(/not this store/);
  });

  it('binds each wrap to its person: a wrap moved to another person opens nothing', () => {
    const { keyring } = createKeyring('p-amina', 'secret', FAST);
    const moved = { ...keyring, wraps: keyring.wraps.map((w) => ({ ...w, personId: 'p-mallory' })) };
    expect(() => unwrapStoreKey(moved, 'p-mallory', 'secret')).toThrow(WrongPassphrase);
  });
});

describe('setting a passphrase', () => {
  it('refuses an empty one instead of wrapping the key under it', () => {
    expect(() => createKeyring('p-amina', '', FAST)).toThrow(/cannot be empty/);
  });
});
