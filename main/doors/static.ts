import fs from 'node:fs';
import path from 'node:path';

/**
 * Maps a URL path onto a file inside `root`, or refuses it when it would escape `root` (../, encoded
 * separators, backslashes, NUL, a symbolic link leading out) or does not exist. Paths without an
 * extension fall back to index.html so the app's own routes reload. Used by browser mode and by the
 * Electron app:// protocol.
 */
export function resolveStaticPath(root: string, urlPath: string): { file: string } | { refused: 'outside' | 'missing' | 'invalid' } {
  const base = path.resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { refused: 'invalid' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { refused: 'invalid' };
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(base, relative);
  if (!isInside(base, file)) return { refused: 'outside' };
  if (fs.existsSync(file) && fs.statSync(file).isFile()) {
    // A symbolic link inside the folder may point anywhere; follow it and check again.
    if (!isInside(fs.realpathSync(base), fs.realpathSync(file))) return { refused: 'outside' };
    return { file };
  }
  if (path.extname(relative) === '') return { file: path.join(base, 'index.html') };
  return { refused: 'missing' };
}

function isInside(base: string, file: string): boolean {
  return file === base || file.startsWith(base.endsWith(path.sep) ? base : base + path.sep);
}

export const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function mimeType(file: string): string {
  return MIME_TYPES[path.extname(file)] ?? 'application/octet-stream';
}
