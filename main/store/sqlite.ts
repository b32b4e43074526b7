import fs from 'node:fs';
import SqliteCipher from 'better-sqlite3-multiple-ciphers';
import { keyPragma } from './keyring';

// The one place a SQLite file is opened. Every store file (the store, its backups, a copy under
// restore) goes through openSqlite, so a key given here is applied before the first page is read
// and nothing can open an encrypted file with the wrong settings. See docs/encryption-at-rest.md.

export type Database = SqliteCipher.Database;
export type Statement<P extends unknown[] = unknown[], R = unknown> = SqliteCipher.Statement<P, R>;

export interface SqliteAccess {
  /** Path to a native binding built for another runtime (Electron in development). */
  nativeBinding?: string | undefined;
  /** The raw 32-byte store key; absent for a plaintext file (the lock file, an unconverted store). */
  key?: Buffer | undefined;
}

export interface OpenSqliteOptions extends SqliteAccess {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** busy timeout in ms for the open itself (the lock file uses 0). */
  timeout?: number;
}

/** SQLCipher 4 settings: AES-256-CBC with HMAC-SHA512 per page (see docs/encryption-at-rest.md). */
export const CIPHER_SETTINGS = { cipher: 'sqlcipher', legacy: 4 } as const;

/** The pragmas that open a file under a key, in order: the cipher's settings, then the key. */
export function keyPragmas(key: Buffer): string[] {
  return [`cipher='${CIPHER_SETTINGS.cipher}'`, `legacy=${CIPHER_SETTINGS.legacy}`, keyPragma(key)];
}

export function applyKey(db: Database, key: Buffer): void {
  for (const pragma of keyPragmas(key)) db.pragma(pragma);
}

export function openSqlite(file: string, options: OpenSqliteOptions = {}): Database {
  const db = new SqliteCipher(file, {
    ...(options.readonly ? { readonly: true } : {}),
    ...(options.fileMustExist ? { fileMustExist: true } : {}),
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  if (options.key) {
    try {
      applyKey(db, options.key);
    } catch (e) {
      db.close();
      throw e;
    }
  }
  return db;
}

/** Only the native-binding and key part of a wider options object, for passing on. */
export function accessOf(options: SqliteAccess): SqliteAccess {
  return {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.key ? { key: options.key } : {}),
  };
}

/** True when the file's first bytes are SQLite's plaintext header (so it is not encrypted). */
export function isPlaintextSqlite(header: Buffer): boolean {
  return header.subarray(0, 16).toString('latin1') === 'SQLite format 3\u0000';
}

/** True when the file exists and starts with SQLite's plaintext header; false for an encrypted one. */
export function isPlaintextFile(file: string): boolean {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const header = Buffer.alloc(16);
    const read = fs.readSync(fd, header, 0, 16, 0);
    return read === 16 && isPlaintextSqlite(header);
  } catch {
    return false;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
