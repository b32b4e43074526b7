import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors';
import { contentFingerprint, listBackups } from './backup';
import { makePrivate, PRIVATE_FILE_MODE } from './files';
import { applyKey, isPlaintextFile, openSqlite, type Database, type SqliteAccess } from './sqlite';

// Converting a plaintext store (written before encryption at rest) into an encrypted one, on the
// first start that has a key. The plaintext file is never changed in place: a copy is encrypted
// beside it, checked (it opens under the key, passes integrity_check and holds the same work), and
// only then renamed over the store; its -wal and -shm go with the old file. Each plaintext backup
// is converted the same way, so the history of backups is kept, encrypted. A crash at any point
// leaves either the plaintext store as it was or the checked encrypted one, never half of each.
// See docs/encryption-at-rest.md.

export interface ConversionResult {
  /** The store file converted, or null when it was already encrypted (or did not exist). */
  store: string | null;
  /** Backups converted, newest first. */
  backups: string[];
}

/** Runs with the store's lock held: no other process has the file open. */
export function encryptPlaintextStore(dbFile: string, dataDir: string, access: SqliteAccess & { key: Buffer }): ConversionResult {
  const result: ConversionResult = { store: null, backups: [] };
  if (fs.existsSync(dbFile) && fs.statSync(dbFile).size > 0 && isPlaintextFile(dbFile)) {
    encryptFile(dbFile, access, { live: true });
    result.store = dbFile;
  }
  for (const backup of listBackups(dataDir)) {
    if (!isPlaintextFile(backup.path)) continue;
    encryptFile(backup.path, access, { live: false });
    result.backups.push(backup.path);
  }
  return result;
}

function encryptFile(file: string, access: SqliteAccess & { key: Buffer }, { live }: { live: boolean }): void {
  const staging = `${file}.encrypting-${process.pid}`;
  for (const end of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${staging}${end}`, { force: true });
  const plain = openSqlite(file, { fileMustExist: true, nativeBinding: access.nativeBinding });
  let expected: string;
  try {
    if (live) plain.pragma('wal_checkpoint(TRUNCATE)');
    expected = contentFingerprint(plain);
    fs.writeFileSync(staging, '', { mode: PRIVATE_FILE_MODE });
    makePrivate(staging);
    // A plaintext copy, one file, no journal beside it; it is encrypted before anything trusts it.
    plain.prepare('VACUUM INTO ?').run(staging);
  } finally {
    plain.close();
  }
  try {
    const copy = openSqlite(staging, { fileMustExist: true, nativeBinding: access.nativeBinding });
    try {
      copy.pragma('journal_mode = DELETE');
      rekey(copy, access.key);
    } finally {
      copy.close();
    }
    checkEncrypted(staging, access, expected);
    const fd = fs.openSync(staging, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(staging, file);
    // The old WAL was checkpointed into the file just replaced; what is left of it is plaintext.
    for (const end of ['-wal', '-shm', '-journal']) fs.rmSync(`${file}${end}`, { force: true });
    fsyncDir(path.dirname(file));
  } catch (e) {
    for (const end of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${staging}${end}`, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('storage', `The data file ${file} could not be encrypted: ${(e as Error).message}. It has not been changed.`, { key: 'errors.encryptFailed' });
  }
}

function rekey(db: Database, key: Buffer): void {
  // Setting the cipher and then rekeying a plaintext database encrypts every page under the key.
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`rekey="x'${key.toString('hex')}'"`);
}

function checkEncrypted(file: string, access: SqliteAccess & { key: Buffer }, expected: string): void {
  if (isPlaintextFile(file)) throw new AppError('storage', `The encrypted copy of ${file} still reads as plaintext; nothing was replaced.`, { key: 'errors.encryptFailed' });
  const check = openSqlite(file, { readonly: true, fileMustExist: true, nativeBinding: access.nativeBinding });
  try {
    applyKey(check, access.key);
    const integrity = check.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new AppError('storage', `The encrypted copy failed its integrity check (${String(integrity)}); nothing was replaced.`, { key: 'errors.encryptFailed' });
    if (contentFingerprint(check) !== expected) throw new AppError('storage', 'The encrypted copy does not hold the same records; nothing was replaced.', { key: 'errors.encryptFailed' });
  } finally {
    check.close();
  }
}

function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not every platform can fsync a directory (Windows); the rename is still atomic there.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
