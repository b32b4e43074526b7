import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Database } from './sqlite';
import { AppError } from '../contract/errors';

// The store's issuing keys (made by migration 0006): the current one signs; every one, retired
// included, is trusted when this store verifies a document.

interface Row {
  fingerprint: string;
  public_key: string;
  private_key: string;
  created_at: string;
  retired_at: string | null;
}

export interface PublicSigningKey {
  fingerprint: string;
  publicKeyPem: string;
  createdAt: string;
  retiredAt: string | null;
}

export class SigningKeyRepository {
  constructor(private readonly db: Database) {}

  /** The key that signs what this store exports now. */
  current(): { fingerprint: string; privateKey: KeyObject; publicKey: KeyObject } {
    const row = this.db.prepare(`SELECT * FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1`).get() as Row | undefined;
    if (!row) throw new AppError('storage', 'This store has no issuing key.', { key: 'errors.noSigningKey' });
    return { fingerprint: row.fingerprint, privateKey: createPrivateKey(row.private_key), publicKey: createPublicKey(row.public_key) };
  }

  /** Every public key of this store, newest first. */
  publicKeys(): PublicSigningKey[] {
    const rows = this.db.prepare(`SELECT fingerprint, public_key, created_at, retired_at FROM signing_keys ORDER BY created_at DESC`).all() as Row[];
    return rows.map((r) => ({ fingerprint: r.fingerprint, publicKeyPem: r.public_key, createdAt: r.created_at, retiredAt: r.retired_at }));
  }

  trusted(): KeyObject[] {
    return this.publicKeys().map((k) => createPublicKey(k.publicKeyPem));
  }
}
