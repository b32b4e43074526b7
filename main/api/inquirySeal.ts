import { createPublicKey, sign, verify } from 'node:crypto';
import { armor, Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { z } from 'zod';
import { AppError } from '../contract/errors';
import { fingerprintOf } from '../export/signature';
import type { Database } from '../store/sqlite';
import type { SigningKeyRepository } from '../store/signingKeys';

// An inquiry package that travels to one person: signed with the sending store's issuing key
// (Ed25519), then encrypted to the receiving person's age X25519 recipient ("age1…") and armored,
// so it can be mailed or carried on a stick and only that person's store opens it. Importing
// checks both: it opens only with the importing person's identity, and the signature must match
// the package exactly. See docs/encryption-at-rest.md, "Inquiries to another person".

export const SEALED_FORMAT = 'psr-inquiry-sealed/1';
const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';

const Envelope = z.strictObject({
  format: z.literal(SEALED_FORMAT),
  /** The inquiry package as JSON text: the signature covers exactly these bytes. */
  package: z.string().max(8 * 1024 * 1024),
  signer: z.strictObject({ fingerprint: z.string().max(200), publicKeyPem: z.string().max(2000) }),
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(200),
});

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.trimStart().startsWith(ARMOR_BEGIN);
}

export class InquiryKeys {
  constructor(private readonly db: Database) {}

  /** This person's receiving identity, made on first use. */
  async forPerson(personId: string, at: string): Promise<{ identity: string; recipient: string }> {
    const row = this.db.prepare(`SELECT identity, recipient FROM inquiry_keys WHERE person_id = ?`).get(personId) as { identity: string; recipient: string } | undefined;
    if (row) return row;
    const identity = await generateX25519Identity();
    const recipient = await identityToRecipient(identity);
    this.db.prepare(`INSERT INTO inquiry_keys (person_id, identity, recipient, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (person_id) DO NOTHING`).run(personId, identity, recipient, at);
    return this.db.prepare(`SELECT identity, recipient FROM inquiry_keys WHERE person_id = ?`).get(personId) as { identity: string; recipient: string };
  }
}

export async function sealInquiry(pkg: unknown, recipient: string, keys: SigningKeyRepository): Promise<string> {
  const text = JSON.stringify(pkg);
  const key = keys.current();
  const envelope: z.infer<typeof Envelope> = {
    format: SEALED_FORMAT,
    package: text,
    signer: { fingerprint: key.fingerprint, publicKeyPem: key.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    signature: sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64'),
  };
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return armor.encode(await encrypter.encrypt(JSON.stringify(envelope)));
}

export interface OpenedInquiry {
  package: unknown;
  signer: { fingerprint: string; knownHere: boolean };
}

/** Opens a sealed package with the importing person's identity and checks its signature; refuses by name otherwise. */
export async function openSealedInquiry(sealed: string, identity: string, keys: SigningKeyRepository): Promise<OpenedInquiry> {
  let plain: string;
  try {
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity);
    plain = await decrypter.decrypt(armor.decode(sealed.trim()), 'text');
  } catch {
    throw new AppError('refused', 'This inquiry was not sealed to you (or it was damaged on the way): it cannot be opened with your key. Nothing was imported.', { path: '$.package', key: 'errors.inquiryNotForYou' });
  }
  let envelope: z.infer<typeof Envelope>;
  try {
    envelope = Envelope.parse(JSON.parse(plain));
  } catch {
    throw new AppError('invalid_input', 'This sealed inquiry is not in the form this app writes. Nothing was imported.', { path: '$.package', key: 'errors.inquirySealForm' });
  }
  let valid: boolean;
  try {
    valid = verify(null, Buffer.from(envelope.package, 'utf8'), createPublicKey(envelope.signer.publicKeyPem), Buffer.from(envelope.signature, 'base64'));
  } catch {
    valid = false;
  }
  // The fingerprint must be the key's own: a package cannot claim another store's name.
  if (!valid || fingerprintOf(createPublicKey(envelope.signer.publicKeyPem)) !== envelope.signer.fingerprint) {
    throw new AppError('refused', 'The signature of this inquiry does not match its contents: it was changed after it was sealed. Nothing was imported.', { path: '$.package', key: 'errors.inquiryBadSignature' });
  }
  const knownHere = keys.publicKeys().some((k) => k.fingerprint === envelope.signer.fingerprint);
  return { package: JSON.parse(envelope.package) as unknown, signer: { fingerprint: envelope.signer.fingerprint, knownHere } };
}
