import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { FIXED_ZIP_DATE } from './package';
import { canonicalJson } from './canonical';

// The issuing signature (docs/ARCHITECTURE.md, signed documents): a court clerk must be able to
// tell whether a file is exactly what the service issued. Each store has an Ed25519 key pair
// (Node's own crypto). An exported document carries a signed statement (who, when, which case and
// version, the content hash) and a digest of each of its parts, signed with the store's key, and
// the public key with its fingerprint, so `psr verify` can say what changed.
//
// Where it is carried, in formats that leave the document valid and unchanged for its readers:
// - DOCX: the signed statement with a digest of every other part (uncompressed bytes) is the
//   package part psr/signature.json, which Word and LibreOffice ignore; the Ed25519 signature over
//   it is the ZIP archive's comment. LibreOffice cannot open a package whose comment is longer
//   than a few hundred bytes, so the comment holds only the signature.
// - PDF: a comment line after the final %%EOF ("%PSR-SIGNATURE <base64>"), which PDF readers
//   ignore. The one part is the file's bytes before that line.
// The OOXML and PDF standard signature formats need an X.509 certificate chain and a CMS library,
// which a local, offline store does not have; this format is documented in docs/ARCHITECTURE.md.

export const SIGNATURE_FORMAT = 'psr-signature';
const MARKER = 'PSR-SIGNATURE ';
const PDF_MARKER = `\n%${MARKER}`;

/** What the service states about the document it signs. */
export interface SignedStatement {
  service: string;
  caseNumber: string;
  templateId: string;
  /** draft: exported for checking, not for court; issued: the version the court receives. */
  status: 'draft' | 'issued';
  /** The report version (1, 2, ...) when issued. */
  reportVersion?: number;
  /** The person who exported or issued it. */
  signedBy: string;
  signedAt: string;
  contentHash: string;
}

interface Payload {
  format: typeof SIGNATURE_FORMAT;
  formatVersion: 1;
  kind: 'docx' | 'pdf';
  statement: SignedStatement;
  /** sha256 (hex) of each part by name; for a PDF one part, "document". */
  parts: Record<string, string>;
  key: { algorithm: 'Ed25519'; publicKey: string; fingerprint: string };
}

interface Envelope {
  payload: Payload;
  signature: string;
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** The public key's fingerprint: sha256 of its DER (SPKI) form, in hex, grouped for reading aloud. */
export function fingerprintOf(publicKey: KeyObject): string {
  return (sha256(publicKey.export({ type: 'spki', format: 'der' })).match(/.{4}/g) ?? []).join(' ');
}

export function kindOf(bytes: Uint8Array): 'docx' | 'pdf' | undefined {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'docx';
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') return 'pdf';
  return undefined;
}

/** The end-of-central-directory record: its offset and the comment's length. */
function endOfCentralDirectory(bytes: Uint8Array): { at: number; commentLength: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      const commentLength = view.getUint16(at + 20, true);
      if (at + 22 + commentLength === bytes.length) return { at, commentLength };
    }
  }
  return undefined;
}

const SIGNATURE_PART = 'psr/signature.json';
const CONTENT_TYPES = '[Content_Types].xml';

/** sha256 of every part but the signature's own, by name. */
function partDigests(files: Record<string, Uint8Array>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(files)
      .filter((n) => n !== SIGNATURE_PART)
      .sort()
      .map((name) => [name, sha256(files[name]!)]),
  );
}

function encode(envelope: Envelope): string {
  return MARKER + Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64');
}

/** Signs a DOCX or PDF the export wrote; the document reads exactly as before in Word, LibreOffice and PDF readers. */
export function signDocument(bytes: Uint8Array, statement: SignedStatement, key: SigningKey): Uint8Array {
  const kind = kindOf(bytes);
  if (!kind) throw new Error('Only a DOCX or a PDF can be signed.');
  const base: Omit<Payload, 'parts' | 'archive'> = {
    format: SIGNATURE_FORMAT,
    formatVersion: 1,
    kind,
    statement,
    key: { algorithm: 'Ed25519', publicKey: key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), fingerprint: fingerprintOf(key.publicKey) },
  };
  if (kind === 'docx') {
    const files = unzipSync(bytes);
    delete files[SIGNATURE_PART];
    const types = strFromU8(files[CONTENT_TYPES]!);
    if (!types.includes('Extension="json"')) files[CONTENT_TYPES] = strToU8(types.replace(/(<Types[^>]*>)/, '$1<Default Extension="json" ContentType="application/json"/>'));
    const payload: Payload = { ...base, parts: partDigests(files) };
    files[SIGNATURE_PART] = strToU8(JSON.stringify(payload));
    const out: Zippable = {};
    for (const name of [CONTENT_TYPES, ...Object.keys(files).filter((n) => n !== CONTENT_TYPES)]) out[name] = [files[name]!, { mtime: FIXED_ZIP_DATE, level: 6 }];
    const zip = zipSync(out);
    const comment = Buffer.from(MARKER + sign(null, Buffer.from(canonicalJson(payload)), key.privateKey).toString('base64'), 'latin1');
    const signed = new Uint8Array(zip.length + comment.length);
    signed.set(zip);
    signed.set(comment, zip.length);
    new DataView(signed.buffer).setUint16(zip.length - 2, comment.length, true);
    return signed;
  }
  // The marker line always starts with its own newline, so the document is exactly the bytes before it.
  const payload: Payload = { ...base, parts: { document: sha256(bytes) } };
  const envelope = encode({ payload, signature: sign(null, Buffer.from(canonicalJson(payload)), key.privateKey).toString('base64') });
  return Buffer.concat([Buffer.from(bytes), Buffer.from(`\n%${envelope}\n`, 'latin1')]);
}

export type VerifyOutcome =
  /** Signed, unchanged, and by a key the caller trusts (or no trusted key was given: `trusted` says which). */
  | { status: 'valid'; kind: 'docx' | 'pdf'; statement: SignedStatement; fingerprint: string; trusted: boolean | undefined }
  /** Signed, but changed since: which parts, or that the signature itself does not hold. */
  | { status: 'changed'; kind: 'docx' | 'pdf'; statement: SignedStatement; fingerprint: string; trusted: boolean | undefined; changed: string[]; added: string[]; removed: string[]; signatureHolds: boolean }
  | { status: 'unsigned'; kind: 'docx' | 'pdf' | undefined }
  | { status: 'unreadable'; kind: 'docx' | 'pdf' | undefined; reason: string };

function parsePayload(json: string, signature: string): Envelope | string {
  try {
    const payload = JSON.parse(json) as Payload;
    if (payload?.format !== SIGNATURE_FORMAT) return 'the signature is not in the expected format';
    return { payload, signature };
  } catch {
    return 'the signature cannot be read';
  }
}

function parseEnvelope(text: string): Envelope | string {
  try {
    const envelope = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as Envelope;
    if (envelope?.payload?.format !== SIGNATURE_FORMAT || typeof envelope.signature !== 'string') return 'the signature is not in the expected format';
    return envelope;
  } catch {
    return 'the signature cannot be read';
  }
}

/**
 * Whether a file is exactly what the service signed. `trusted` are the public keys the caller
 * keeps (a court's copy from `psr key export`, or the store's own); without any, the file is
 * checked against the key it carries and `trusted` is undefined.
 */
export function verifyDocument(bytes: Uint8Array, trusted: readonly KeyObject[] = []): VerifyOutcome {
  const kind = kindOf(bytes);
  let envelope: Envelope | string;
  let parts: Record<string, string>;
  if (kind === 'docx') {
    const eocd = endOfCentralDirectory(bytes);
    if (!eocd) return { status: 'unreadable', kind, reason: 'the file is not a complete ZIP archive' };
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes);
    } catch {
      return { status: 'unreadable', kind, reason: 'the archive cannot be opened' };
    }
    const stated = files[SIGNATURE_PART];
    if (!stated) return { status: 'unsigned', kind };
    const comment = Buffer.from(bytes.subarray(eocd.at + 22)).toString('latin1');
    envelope = parsePayload(strFromU8(stated), comment.startsWith(MARKER) ? comment.slice(MARKER.length) : '');
    parts = partDigests(files);
  } else if (kind === 'pdf') {
    const text = Buffer.from(bytes).toString('latin1');
    const at = text.lastIndexOf(PDF_MARKER);
    if (at < 0) return { status: 'unsigned', kind };
    envelope = parseEnvelope(text.slice(at + PDF_MARKER.length).trim());
    parts = { document: sha256(bytes.subarray(0, at)) };
  } else {
    return { status: 'unreadable', kind, reason: 'the file is neither a DOCX nor a PDF' };
  }
  if (typeof envelope === 'string') return { status: 'unreadable', kind, reason: envelope };
  const { payload } = envelope;
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: Buffer.from(payload.key.publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return { status: 'unreadable', kind, reason: 'the public key in the signature cannot be read' };
  }
  const fingerprint = fingerprintOf(publicKey);
  const signatureHolds = fingerprint === payload.key.fingerprint && verify(null, Buffer.from(canonicalJson(payload)), publicKey, Buffer.from(envelope.signature, 'base64'));
  const trust = trusted.length === 0 ? undefined : trusted.some((k) => fingerprintOf(k) === fingerprint);
  const signedParts = payload.parts ?? {};
  const changed = Object.keys(parts).filter((name) => name in signedParts && signedParts[name] !== parts[name]);
  const added = Object.keys(parts).filter((name) => !(name in signedParts));
  const removed = Object.keys(signedParts).filter((name) => !(name in parts));
  if (!signatureHolds || changed.length || added.length || removed.length) {
    return { status: 'changed', kind, statement: payload.statement, fingerprint, trusted: trust, changed, added, removed, signatureHolds };
  }
  return { status: 'valid', kind, statement: payload.statement, fingerprint, trusted: trust };
}
