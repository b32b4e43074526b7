import fs from 'node:fs';

// What the store writes is readable by its user only (POSIX): the data folder and the backups
// folder 0700, the database, its -wal and -shm, backups and the small files beside them 0600.
// On Windows the folder's own access list applies and these modes are not used.

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and its parents) 0700; an existing folder that others may read is narrowed. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  narrow(dir, PRIVATE_DIR_MODE);
}

/** Narrows an existing file to 0600; a missing one is ignored. */
export function makePrivate(file: string): void {
  narrow(file, PRIVATE_FILE_MODE);
}

function narrow(file: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    const now = fs.statSync(file).mode & 0o777;
    // Only bits are taken away: a folder made read-only on purpose stays read-only.
    if ((now & ~mode) !== 0) fs.chmodSync(file, now & mode);
  } catch {
    // Missing, or not ours to change (another user's folder): the open that follows reports it.
  }
}

/** Writes a small file 0600 in one step (temporary file, then rename). */
export function writePrivateFile(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text, { mode: PRIVATE_FILE_MODE });
  fs.renameSync(tmp, file);
}
