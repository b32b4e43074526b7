import fs from 'node:fs';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../doors/http';
import { mimeType, resolveStaticPath } from '../doors/static';

// The app:// protocol serves the built renderer instead of file://, so pages get a real origin
// (app://psr), the CSP applies, and no path outside the renderer folder can be read.

export const APP_SCHEME = 'app';
export const APP_HOST = 'psr';

/** Answers one app:// request from files under `root`; anything else is a 404 that names nothing. */
export function appProtocolResponse(root: string, requestUrl: string): Response {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return notFound();
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
  // The raw path, before URL normalisation, so that encoded tricks reach the guard and are refused.
  const rawPath = requestUrl.slice(`${APP_SCHEME}://${APP_HOST}`.length).split(/[?#]/)[0] ?? '/';
  const found = resolveStaticPath(root, url.pathname);
  const raw = resolveStaticPath(root, rawPath === '' ? '/' : rawPath);
  if ('refused' in found || 'refused' in raw) return notFound();
  return new Response(fs.readFileSync(found.file), {
    status: 200,
    headers: {
      'content-type': mimeType(found.file),
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    },
  });
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(root, request.url));
}
