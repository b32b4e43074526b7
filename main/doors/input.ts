import fs from 'node:fs';
import { AppError } from '../contract/errors';

// Files the CLI reads (case files, programmes). A FIFO, a device such as /dev/zero or a huge file
// would block or exhaust the process before any validation, so only a regular file of bounded size
// is read, and the checks are made on the opened descriptor (no window to swap the file in between).

/** The largest input file read: the same bound as a browser-mode request, so every door takes the same files. */
export const INPUT_LIMIT_BYTES = 8 * 1024 * 1024;

const MB = 1024 * 1024;
// Opening a FIFO for reading waits for a writer unless the open is non-blocking (POSIX only).
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** The largest document `psr verify` reads: its base64 fits a browser-mode request, so every door checks the same files. */
export const DOCUMENT_LIMIT_BYTES = 6 * 1024 * 1024;

/** The text of a regular file of at most `limit` bytes, UTF-8, with any byte-order mark removed. */
export function readInputText(file: string, limit = INPUT_LIMIT_BYTES): string {
  return decodeUtf8(file, readInputBytes(file, limit));
}

/** The bytes of a regular file of at most `limit` bytes. */
export function readInputBytes(file: string, limit = INPUT_LIMIT_BYTES): Uint8Array {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (e) {
    throw unreadable(file, e);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      throw new AppError('invalid_input', `${file} is not a regular file; give the path of a JSON file.`, { key: 'cli.notRegularFile', params: { file } });
    }
    if (stat.size > limit) throw tooLarge(file, limit);
    // Read one byte past the limit, so a file that grows while it is read is still refused.
    const buffer = Buffer.alloc(Math.min(stat.size, limit) + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > limit) throw tooLarge(file, limit);
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable(file, e);
  } finally {
    fs.closeSync(fd);
  }
}

function decodeUtf8(file: string, bytes: Uint8Array): string {
  try {
    // A byte-order mark, as some Windows editors write, is dropped (TextDecoder's default).
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('invalid_input', `${file} is not UTF-8 text; save it as UTF-8 and try again.`, { key: 'cli.notUtf8', params: { file } });
  }
}

function tooLarge(file: string, limit: number): AppError {
  const limitMb = limit / MB;
  return new AppError('payload_too_large', `${file} is larger than the ${limitMb} MB limit for input files; nothing was read.`, {
    key: 'cli.fileTooLarge',
    params: { file, limitMb },
  });
}

function unreadable(file: string, e: unknown): AppError {
  const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return new AppError('invalid_input', `Cannot read ${file}: ${reason}.`, { key: 'cli.cannotRead', params: { file, reason } });
}
