import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ApiError } from '../contract/errors';
import type { Dispatch } from '../api/dispatch';
import type { DoorSession } from '../api/types';
import { INPUT_LIMIT_BYTES } from './input';
import { mimeType, resolveStaticPath } from './static';

// Browser mode: the same UI and API on 127.0.0.1 only. The API needs the per-start token on every
// call; Host and Origin are checked so a web page elsewhere (or a DNS-rebinding name) gets nothing.

export const TOKEN_HEADER = 'x-psr-token';
/** The same bound as the CLI's input files, so both doors take the same case files. */
export const DEFAULT_BODY_LIMIT = INPUT_LIMIT_BYTES;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

export interface BrowserServerOptions {
  dispatch: Dispatch;
  actor: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  bodyLimit?: number;
}

export interface BrowserServer {
  server: http.Server;
  port: number;
  token: string;
  /** The address to open; the token travels in the fragment so it never reaches logs or referrers. */
  url: string;
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? newToken();
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const staticRoot = path.resolve(options.staticDir);
  let port = 0;
  // One browser, one token, one session: the person it acts for is chosen in the page.
  const session: DoorSession = { personId: null };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[psr] browser mode request failed', e);
      if (!res.headersSent) sendError(res, 500, { code: 'internal', message: 'An internal error occurred.', key: 'errors.internal' });
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    const allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
    if (!allowedHosts.has(req.headers.host ?? '')) {
      return sendError(res, 421, { code: 'forbidden', message: 'This server answers only on 127.0.0.1 and localhost.', key: 'errors.wrongHost' });
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      return sendError(res, 403, { code: 'forbidden', message: 'Requests from other sites are refused.', key: 'errors.otherSite' });
    }
    const fetchSite = req.headers['sec-fetch-site'];
    if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      return sendError(res, 403, { code: 'forbidden', message: 'Requests from other sites are refused.', key: 'errors.otherSite' });
    }

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) return api(req, res, url.pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, 405, { code: 'refused', message: 'Only GET is served outside /api/.', key: 'errors.onlyGet' });
    }
    return serveStatic(res, url.pathname, req.method === 'HEAD');
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, { code: 'refused', message: 'API calls are POST requests.', key: 'errors.postOnly' });
    if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
      return refuseUnread(req, res, 401, { code: 'unauthorized', message: 'A valid session token is required; open the address printed when browser mode started.', key: 'errors.tokenRequired' });
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json(;|$)/i.test(type)) {
      return refuseUnread(req, res, 415, { code: 'invalid_input', message: 'API calls must send application/json.', key: 'errors.notJsonType' });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge: ApiError = { code: 'payload_too_large', message: `The request is larger than the ${bodyLimit / 1024 / 1024} MB limit.`, key: 'errors.payloadTooLarge', params: { limitMb: bodyLimit / 1024 / 1024 } };
    if (declared > bodyLimit) return refuseUnread(req, res, 413, tooLarge);
    const body = await readBody(req, bodyLimit);
    if (body === null) return refuseUnread(req, res, 413, tooLarge);
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (e) {
      return sendError(res, 400, { code: 'invalid_input', message: `The request body is not valid JSON: ${(e as Error).message}`, path: '$', key: 'errors.badJson' });
    }
    let name: string;
    try {
      name = decodeURIComponent(method);
    } catch {
      return sendError(res, 404, { code: 'unknown_method', message: 'There is no API call at that address.', key: 'errors.noMethodAtAddress' });
    }
    const result = await options.dispatch(name, input, { actor: options.actor, door: 'http', session });
    sendJson(res, result.ok ? 200 : statusFor(result.error.code), result);
  }

  function serveStatic(res: http.ServerResponse, pathname: string, headOnly: boolean): void {
    const found = resolveStaticPath(staticRoot, pathname);
    if ('refused' in found) {
      if (found.refused === 'outside') return sendError(res, 403, { code: 'forbidden', message: 'That path is outside the app.', key: 'errors.outsideApp' });
      if (found.refused === 'invalid') return sendError(res, 400, { code: 'invalid_input', message: 'The address is not valid.', key: 'errors.badAddress' });
      return sendError(res, 404, { code: 'not_found', message: 'Not found.', key: 'errors.pageNotFound' });
    }
    const data = fs.readFileSync(found.file);
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': mimeType(found.file), 'content-length': data.length });
    res.end(headOnly ? undefined : data);
  }

  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The body, or null as soon as it passes `limit`: the rest is never read (a chunked body may never end). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// How long a refused connection stays half-open so the client can read the refusal before it is cut.
const REFUSAL_GRACE_MS = 1000;

/**
 * Answers a request whose body is left unread, then closes the connection: Node would otherwise
 * read the rest of the body to reuse the connection, however long the sender keeps sending.
 */
function refuseUnread(req: http.IncomingMessage, res: http.ServerResponse, status: number, error: ApiError): void {
  req.pause();
  const data = Buffer.from(JSON.stringify({ ok: false, error }));
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': data.length, connection: 'close' });
  res.end(data, () => {
    req.socket.end();
    setTimeout(() => req.socket.destroy(), REFUSAL_GRACE_MS).unref();
  });
}

function statusFor(code: ApiError['code']): number {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'not_found':
    case 'unknown_method':
      return 404;
    case 'conflict':
    case 'duplicate':
      return 409;
    case 'out_of_scope':
    case 'refused':
      return 422;
    case 'unauthorized':
      return 401;
    case 'locked':
      return 423;
    case 'forbidden':
      return 403;
    case 'payload_too_large':
      return 413;
    default:
      return 500;
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': data.length });
  res.end(data);
}

function sendError(res: http.ServerResponse, status: number, error: ApiError): void {
  sendJson(res, status, { ok: false, error });
}
