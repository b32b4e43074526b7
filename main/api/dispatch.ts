import { contract, isMethod, type Door } from '../contract/api';
import { AppError, boundedError, type ApiError, type ApiResult } from '../contract/errors';
import { zodIssues } from '../contract/validate';
import { invalidInput } from '../contract/errors';
import type { Person } from '../contract/people';
import type { CallContext, Handlers } from './types';

export interface Logger {
  error(message: string, error?: unknown): void;
}
const consoleLogger: Logger = { error: (m, e) => console.error(`[psr] ${m}`, e) };

export interface DispatchOptions {
  /** Also validate what handlers return (tests turn this on). */
  checkOutput?: boolean;
  logger?: Logger;
  /**
   * True while the store is open for reading only (a copy opened to look at, a folder this user
   * may not write): every call the contract marks `writes` is then refused before its handler runs.
   */
  isReadOnly?: () => boolean;
  /** A reason every writing call is refused for now (damage found in the open store), or null. */
  refuseWrites?: () => AppError | null;
  /** The store's people, to resolve a door's session to the person it acts for. */
  people?: { find(id: string): Person | null; list(): Person[] };
  /** The store is encrypted: a session acts only for the person who signed in with a passphrase. */
  requireSignIn?: boolean;
}

/** Calls a door may make before anyone is chosen: the first start and choosing who is using the app. */
const WITHOUT_PERSON = new Set<string>(['app.info', 'people.list', 'people.add', 'session.current', 'session.choose']);
/** On an encrypted store only these: the person comes from a passphrase, never from a choice. */
const WITHOUT_SIGN_IN = new Set<string>(['app.info', 'session.current']);

/** The answer to a call before the door knows who is using the app: the same at every door. */
export const WHO_IS_USING: ApiError = {
  code: 'refused',
  message: 'Say who is using the app first: add yourself on first start, or choose your name.',
  key: 'errors.whoIsUsing',
};

/**
 * The person a door's session acts for: the one chosen, or the only person of the store. The
 * audit, documents and screens then name that person, never the operating-system user.
 */
function resolvePerson(ctx: CallContext, people: DispatchOptions['people'], requireSignIn: boolean): CallContext {
  if (!ctx.session || !people) return ctx;
  let person = ctx.session.personId ? people.find(ctx.session.personId) : null;
  if (!person && !requireSignIn) {
    const all = people.list();
    if (all.length === 1) person = all[0]!;
  }
  if (!person) return { ...ctx, session: ctx.session };
  ctx.session.personId = person.id;
  return { ...ctx, actor: person.fullName, person };
}

/** The answer, on an encrypted store, to a call from a session no one has signed in to. */
export const SIGN_IN_FIRST: ApiError = {
  code: 'locked',
  message: 'Sign in with your passphrase first.',
  key: 'errors.signInFirst',
};

/** The answer to a writing call on a store opened read-only: the same at every door. */
export const READ_ONLY_STORE: ApiError = {
  code: 'storage',
  message: 'This store is open for reading only: nothing was saved. Open it with write access to make changes.',
  key: 'errors.storeReadOnly',
};

/** The answer to a call the acting person's role may not make: it names the roles that may, the same at every door. */
export function needsRole(roles: readonly string[], method: string): ApiError {
  const words = roles.map((r) => r.replace(/_/g, ' ')).join(' or ');
  return { code: 'forbidden', message: `This needs the ${words} role.`, key: 'errors.needsRole', params: { role: roles.join(','), method } };
}

export type Dispatch = (method: string, input: unknown, ctx: CallContext) => Promise<ApiResult<unknown>>;

/**
 * The single entrance every door uses: unknown names are refused, input is validated with the
 * contract's schema, and every failure becomes `{ok:false, error}`; nothing throws past here.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  const logger = options.logger ?? consoleLogger;
  return async (method, input, ctx) => {
    if (!isMethod(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `There is no API call named ${JSON.stringify(String(method).slice(0, 100))}.`, key: 'errors.unknownMethod', params: { method: String(method).slice(0, 100) } } };
    }
    const entry = contract[method];
    if (entry.access === 'local' && ctx.door !== 'cli') {
      return { ok: false, error: { code: 'forbidden', message: `${method} is only available from the command line.`, key: 'errors.cliOnly', params: { method } } };
    }
    if (entry.writes && options.isReadOnly?.()) return { ok: false, error: { ...READ_ONLY_STORE, params: { method } } };
    const refusal = entry.writes ? options.refuseWrites?.() : null;
    if (refusal) return { ok: false, error: refusal.toApiError() };
    try {
      const requireSignIn = options.requireSignIn ?? false;
      const acting = resolvePerson(ctx, options.people, requireSignIn);
      if (acting.session && options.people && !acting.person && !(requireSignIn ? WITHOUT_SIGN_IN : WITHOUT_PERSON).has(method)) {
        return { ok: false, error: requireSignIn ? { ...SIGN_IN_FIRST, params: { method } } : { ...WHO_IS_USING, params: { method } } };
      }
      const roles = (entry as { roles?: readonly string[] }).roles;
      if (roles && acting.person && !roles.includes(acting.person.role)) return { ok: false, error: needsRole(roles, method) };
      const parsed = entry.input.safeParse(input);
      if (!parsed.success) throw invalidInput(zodIssues(parsed.error));
      const handler = handlers[method] as (i: unknown, c: CallContext) => unknown;
      const value = await handler(parsed.data, acting);
      if (options.checkOutput) {
        const out = entry.output.safeParse(value);
        if (!out.success) throw new Error(`${method} returned a value outside its contract: ${JSON.stringify(zodIssues(out.error))}`);
      }
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: boundedError(toApiError(e, method, logger)) };
    }
  };
}

function toApiError(e: unknown, method: string, logger: Logger) {
  if (e instanceof AppError) return e.toApiError();
  const code = (e as { code?: unknown })?.code;
  if (code === 'SQLITE_FULL') {
    return { code: 'storage' as const, message: 'The disk is full: nothing was saved. Free some space and save again.', key: 'errors.diskFull' };
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_IOERR_WRITE') {
    return { code: 'storage' as const, message: 'The data folder cannot be written to: nothing was saved. Check its permissions and save again.', key: 'errors.notWritable' };
  }
  if (code === 'SQLITE_BUSY') {
    return { code: 'storage' as const, message: 'The data file is busy in another window or process: nothing was saved. Try again.', key: 'errors.storeBusy' };
  }
  logger.error(`internal error in ${method}`, e);
  return { code: 'internal' as const, message: 'An internal error occurred; nothing was saved. The details are in the log.', key: 'errors.internal' };
}

export type { Door };
