import type { Input, Method, Output } from '../../../main/contract/api';
import type { ApiError, ApiResult } from '../../../main/contract/errors';

// One API client for both doors: over Electron IPC (window.psr, exposed by the preload) or over
// browser mode (fetch to /api/<method> with the session token). Callers never know which.

interface Bridge {
  door: 'ipc';
  call(method: string, input: unknown): Promise<unknown>;
}
declare global {
  interface Window {
    psr?: Bridge;
  }
}

const TOKEN_KEY = 'psr.token';
const KEEPALIVE_LIMIT = 60_000;

/** Browser mode hands the token in the address fragment; keep it for this tab and take it out of the address. */
export function captureToken(): void {
  const match = /^#token=([\w-]+)$/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

async function transport(method: string, input: unknown, options: CallOptions = {}): Promise<ApiResult<unknown>> {
  if (window.psr) return (await window.psr.call(method, input)) as ApiResult<unknown>;
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  const body = JSON.stringify(input);
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-psr-token': token },
      body,
      // Browsers refuse keepalive bodies over 64 KiB; a larger interview relies on the save made
      // while the page was still visible, and on the copy kept in the browser.
      ...(options.keepalive && new TextEncoder().encode(body).length < KEEPALIVE_LIMIT ? { keepalive: true } : {}),
    });
  } catch {
    return { ok: false, error: { code: 'storage', message: 'The app cannot be reached.', key: 'errors.offline' } };
  }
  try {
    return (await response.json()) as ApiResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', message: `Unexpected answer (HTTP ${response.status}).`, key: 'errors.unexpectedAnswer', params: { status: response.status } } };
  }
}

export interface CallOptions {
  /** Let the request finish after the page is gone (a last save on close); browser mode only. */
  keepalive?: boolean;
}

const lockedListeners = new Set<() => void>();

/** Told when the app refuses a call because this session is no longer signed in; returns the unsubscribe. */
export function onLocked(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

/** Calls one contract entry; resolves with its output or rejects with ApiCallError. */
export async function call<M extends Method>(method: M, input: Input<M>, options: CallOptions = {}): Promise<Output<M>> {
  const result = await transport(method, input, options);
  if (!result.ok && result.error.code === 'locked' && result.error.key === 'errors.signInFirst') for (const l of lockedListeners) l();
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value as Output<M>;
}
