import { createHash, generateKeyPairSync } from 'node:crypto';
import type { Migration } from './types';

// The store's issuing key pair (Ed25519): every document the service exports is signed with it, so
// a court clerk can check that a file is exactly what was issued (main/export/signature.ts). Made
// here, once per store, so a read-only store can still sign. A retired key stays, so documents
// signed with it still verify against the store.
export const migration: Migration = {
  version: 6,
  name: 'signing-keys',
  up(db) {
    db.exec(`
      CREATE TABLE signing_keys (
        fingerprint TEXT PRIMARY KEY NOT NULL,
        public_key  TEXT NOT NULL,
        private_key TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        retired_at  TEXT
      ) STRICT;
    `);
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const der = publicKey.export({ type: 'spki', format: 'der' });
    const fingerprint = (createHash('sha256').update(der).digest('hex').match(/.{4}/g) ?? []).join(' ');
    db.prepare(`INSERT INTO signing_keys (fingerprint, public_key, private_key, created_at) VALUES (?, ?, ?, ?)`).run(
      fingerprint,
      publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      new Date().toISOString(),
    );
  },
};
