// Errors are values at the doors and exceptions inside. This module is pure: it is shared by main,
// the renderer and the CLI, so every door reports a problem in the same shape.
import { translator } from './messages';

export const errorCodes = [
  'invalid_input',
  'not_found',
  'conflict',
  'duplicate',
  'out_of_scope',
  'refused',
  'unknown_method',
  'unauthorized',
  /** The store is encrypted and this door has not been given its key (or was given a wrong one). */
  'locked',
  'forbidden',
  'payload_too_large',
  'newer_database',
  'storage',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one value, located by a JSON path such as `$.charges[0].offenceDate`. */
export interface ApiIssue {
  path: string;
  message: string;
  /** i18n key the UI uses instead of `message`, when the problem has one. */
  key?: string;
  params?: Record<string, string | number>;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  path?: string;
  issues?: ApiIssue[];
  /** Present on `conflict`: the version now in the store. */
  currentVersion?: number;
  key?: string;
  params?: Record<string, string | number>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Omit<ApiError, 'code' | 'message'>;
  constructor(code: ErrorCode, message: string, details: Omit<ApiError, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...this.details };
  }
}

export function invalidInput(issues: ApiIssue[], summary?: string): AppError {
  const first = issues[0];
  const message =
    summary ??
    (first
      ? issues.length === 1
        ? `${first.path}: ${first.message}`
        : `${first.path}: ${first.message} (${translator()('errors.andMore', { count: issues.length - 1 })})`
      : 'The input is not valid.');
  // The key words the refusal as a count; each issue carries its own key for the words beside its field.
  return new AppError('invalid_input', message, { path: first?.path, issues, key: 'errors.invalidInput', params: { count: issues.length } });
}

/** A value as it may appear inside a message: quoted, and cut short so a huge input makes no huge message. */
export function quoted(value: unknown, max = 40): string {
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

const MESSAGE_LIMIT = 500;
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * Keeps an error readable whatever the input was: messages, paths and the number of issues are
 * bounded, so a hostile or mistaken 10 MB input never comes back as a 10 MB error.
 */
export function boundedError(error: ApiError): ApiError {
  const out: ApiError = { ...error, message: cut(error.message, MESSAGE_LIMIT) };
  if (error.path !== undefined) out.path = cut(error.path, 200);
  if (error.issues) {
    out.issues = error.issues.slice(0, 100).map((i) => ({ ...i, path: cut(i.path, 200), message: cut(i.message, 300) }));
  }
  return out;
}

/** Formats a path of keys and indexes as a JSON path: ['charges', 0, 'plea'] -> $.charges[0].plea */
export function jsonPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = '$';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$]*$/.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}
