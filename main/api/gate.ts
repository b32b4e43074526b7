import { hkdfSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { contract, isMethod } from '../contract/api';
import { AppError, invalidInput } from '../contract/errors';
import type { Person, PersonDetails } from '../contract/people';
import { appendAudit } from '../store/audit';
import { createKeyring, sameKey, SCRYPT, setPassphrase, unwrapStoreKey, WrongPassphrase, type ScryptCost } from '../store/keyring';
import { readKeyring, writeKeyring, type KeyringFile } from '../store/keyringFile';
import { writePrivateFile } from '../store/files';
import { isPlaintextFile, openSqlite } from '../store/sqlite';
import { DB_FILE_NAME, defaultDataDir, openCore, type AppCore, type OpenCoreOptions } from './app';
import { zodIssues } from '../contract/validate';
import { SIGN_IN_FIRST, type Dispatch } from './dispatch';
import type { DoorSession } from './types';

// The gate in front of an encrypted store: nothing of the store is open until someone signs in
// with a passphrase that unwraps the store key (main/store/keyring.ts). The first sign-in opens
// the core; each door's session is then bound to the person whose passphrase it gave, and only
// that person: a session never chooses someone else. A wrong passphrase is answered only after a
// delay that doubles with each refusal in a row (1 s, 2 s, 4 s … at most 30 s), and every attempt is
// written to the audit. See docs/encryption-at-rest.md.

export interface GateOptions extends Omit<OpenCoreOptions, 'key'> {
  /** scrypt cost for new wraps; tests pass a small one. */
  kdfCost?: ScryptCost;
  /** How the refusal delay is waited; tests record it instead of sleeping. */
  wait?: (ms: number) => Promise<void>;
  /** How the store is opened once the key is known (the desktop app offers a backup for a damaged file). */
  open?: (options: OpenCoreOptions) => AppCore;
}

export interface SignInPerson {
  id: string;
  fullName: string;
}

export interface GateState {
  /** True once the store has a keyring: every door then signs in. */
  encrypted: boolean;
  /** Whom the sign-in screen offers: the keyring's people, or (before set-up) the store's people. */
  people: SignInPerson[];
}

export const MAX_DELAY_MS = 30_000;
export function refusalDelay(failuresInARow: number): number {
  return failuresInARow <= 0 ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (failuresInARow - 1));
}

interface Attempt {
  personId: string;
  at: string;
  ok: boolean;
}

export class StoreGate {
  readonly dataDir: string;
  private opened: AppCore | null = null;
  private storeKey: Buffer | null = null;
  private failures = 0;
  /** Attempts made before the store was open, written to the audit once it is. */
  private pending: Attempt[] = [];
  /** One attempt at a time, so parallel guesses all wait their turn and their delay. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: GateOptions = {}) {
    this.dataDir = options.dataDir ?? defaultDataDir();
    // Refusals in a row and attempts not yet audited outlive the process: starting psr again for
    // each guess waits as long as guessing in one window does.
    const kept = readAttempts(this.dataDir);
    this.failures = kept.failuresInARow;
    this.pending = kept.pending;
  }

  private keepAttempts(): void {
    writeAttempts(this.dataDir, { failuresInARow: this.failures, pending: this.pending });
  }

  get core(): AppCore | null {
    return this.opened;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  state(): GateState {
    const keyring = readKeyring(this.dataDir);
    if (keyring) return { encrypted: true, people: keyring.wraps.map((w) => ({ id: w.personId, fullName: keyring.names[w.personId] ?? w.personId })) };
    return { encrypted: false, people: this.plaintextPeople() };
  }

  /** The people of a store written before encryption, so the first of them can set a passphrase. */
  private plaintextPeople(): SignInPerson[] {
    const file = path.join(this.dataDir, DB_FILE_NAME);
    if (!fs.existsSync(file) || fs.statSync(file).size === 0 || !isPlaintextFile(file)) return [];
    const db = openSqlite(file, { readonly: true, fileMustExist: true, nativeBinding: this.options.nativeBinding });
    try {
      const hasPeople = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'people'`).get();
      if (!hasPeople) return [];
      return (db.prepare(`SELECT id, full_name FROM people ORDER BY full_name COLLATE NOCASE`).all() as Array<{ id: string; full_name: string }>).map((r) => ({ id: r.id, fullName: r.full_name }));
    } finally {
      db.close();
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Checks the passphrase, opening the store on the first success, and binds the session to this
   * person. A wrong passphrase, or a person the keyring does not know, is refused in the same words.
   */
  signIn(session: DoorSession, personId: string, passphrase: string): Promise<Person> {
    return this.serial(async () => {
      const keyring = readKeyring(this.dataDir);
      if (!keyring) throw new AppError('refused', 'This store has no passphrases yet: set one up first.', { key: 'errors.noKeyring' });
      const delay = refusalDelay(this.failures);
      if (delay > 0) await (this.options.wait ?? sleep)(delay);
      let key: Buffer;
      try {
        key = unwrapStoreKey(keyring, personId, passphrase);
      } catch (e) {
        if (!(e instanceof WrongPassphrase)) throw e;
        this.failures++;
        this.record({ personId, at: this.now().toISOString(), ok: false });
        this.keepAttempts();
        session.personId = null;
        throw new AppError('locked', 'That passphrase is not right for this person. Nothing was opened.', {
          path: '$.passphrase',
          key: 'errors.wrongPassphrase',
          params: { count: refusalDelay(this.failures) / 1000 },
        });
      }
      this.failures = 0;
      this.keepAttempts();
      const core = this.open(key);
      const person = new PeopleOf(core).get(personId);
      session.personId = person.id;
      this.record({ personId, at: this.now().toISOString(), ok: true });
      return person;
    });
  }

  /**
   * The first passphrase of a store: creates the keyring (before anything is encrypted, so the key
   * is never without a wrap), opens the store under the new key (converting a plaintext store and
   * its backups), and binds the session. `personId` names someone already in a plaintext store;
   * otherwise `details` adds the store's first person.
   */
  setUp(session: DoorSession, input: { passphrase: string; personId?: string; details?: PersonDetails }): Promise<Person> {
    return this.serial(async () => {
      if (readKeyring(this.dataDir)) throw new AppError('refused', 'This store already has passphrases: sign in instead.', { key: 'errors.keyringExists' });
      checkNewPassphrase(input.passphrase);
      // An unprotected store open until now is closed first: it is converted under the new key.
      if (this.opened && !this.storeKey) {
        this.opened.close();
        this.opened = null;
      }
      const existing = this.plaintextPeople();
      let personId: string;
      let name: string;
      if (input.personId !== undefined) {
        const found = existing.find((p) => p.id === input.personId);
        if (!found) throw new AppError('not_found', 'There is no such person in this store.', { path: '$.personId', key: 'errors.personNotFound' });
        personId = found.id;
        name = found.fullName;
      } else {
        if (existing.length > 0) throw new AppError('invalid_input', 'Choose who you are: this store already has people.', { path: '$.personId', key: 'errors.choosePerson' });
        if (!input.details) throw new AppError('invalid_input', 'Enter your name and role.', { path: '$.details', key: 'errors.enterDetails' });
        personId = randomUUID();
        name = input.details.fullName.trim();
      }
      const { keyring, storeKey } = createKeyring(personId, input.passphrase, this.options.kdfCost ?? SCRYPT);
      writeKeyring(this.dataDir, { ...keyring, names: { [personId]: name } });
      const core = this.open(storeKey);
      const people = new PeopleOf(core);
      const person = input.personId !== undefined ? people.get(personId) : people.addFirst(personId, input.details!, this.now());
      session.personId = person.id;
      this.record({ personId, at: this.now().toISOString(), ok: true });
      return person;
    });
  }

  /**
   * A store with no keyring yet (never protected with a passphrase) opens as it always did, with
   * people chosen in the page; setting up a passphrase later closes it and encrypts it.
   */
  openUnprotected(): AppCore | null {
    if (this.opened || readKeyring(this.dataDir)) return this.opened;
    this.opened = (this.options.open ?? openCore)({ ...this.options, dataDir: this.dataDir });
    return this.opened;
  }

  /** The signed-in person changes their own passphrase: the current one is checked as a sign-in is. */
  changePassphrase(session: DoorSession, current: string, next: string): Promise<void> {
    return this.serial(async () => {
      const personId = session.personId;
      const keyring = readKeyring(this.dataDir);
      if (!personId || !keyring || !this.opened) throw new AppError('locked', 'Sign in with your passphrase first.', { key: 'errors.signInFirst' });
      checkNewPassphrase(next);
      const delay = refusalDelay(this.failures);
      if (delay > 0) await (this.options.wait ?? sleep)(delay);
      try {
        unwrapStoreKey(keyring, personId, current);
      } catch (e) {
        if (!(e instanceof WrongPassphrase)) throw e;
        this.failures++;
        this.record({ personId, at: this.now().toISOString(), ok: false });
        this.keepAttempts();
        throw new AppError('locked', 'That is not your current passphrase. Nothing was changed.', { path: '$.current', key: 'errors.wrongCurrentPassphrase', params: { count: refusalDelay(this.failures) / 1000 } });
      }
      this.failures = 0;
      this.keepAttempts();
      const person = this.opened.people.get(personId);
      this.setPassphraseFor(personId, person.fullName, next);
      const core = this.opened;
      appendAudit(core.db, { actor: person.fullName, at: this.now().toISOString() }, { entity: 'person', entityId: personId, action: 'change_passphrase', version: person.version, changes: [] });
    });
  }

  /** Gives a person of the store a passphrase (a new person, or a reset by someone signed in). */
  setPassphraseFor(personId: string, fullName: string, passphrase: string): void {
    checkNewPassphrase(passphrase);
    if (!this.storeKey) throw new AppError('locked', 'Sign in first.', { key: 'errors.signInFirst' });
    const keyring = readKeyring(this.dataDir);
    if (!keyring) throw new AppError('refused', 'This store has no passphrases yet: set one up first.', { key: 'errors.noKeyring' });
    const next = setPassphrase(keyring, this.storeKey, personId, passphrase, this.options.kdfCost ?? SCRYPT);
    writeKeyring(this.dataDir, { ...next, names: { ...keyring.names, [personId]: fullName } } satisfies KeyringFile);
  }

  /** HKDF of the store key for one person: what their unsaved copies in the page are encrypted with. */
  draftKeyFor(personId: string): Buffer {
    if (!this.storeKey) throw new AppError('locked', 'Sign in first.', { key: 'errors.signInFirst' });
    return Buffer.from(hkdfSync('sha256', this.storeKey, 'psr-drafts/1', personId, 32));
  }

  /** Ends a session's sign-in (idle, sleep, or by hand): it must give a passphrase again. */
  lock(session: DoorSession): void {
    session.personId = null;
  }

  close(): void {
    this.opened?.close();
    this.opened = null;
    this.storeKey?.fill(0);
    this.storeKey = null;
  }

  private open(key: Buffer): AppCore {
    if (this.opened) {
      if (!this.storeKey || !sameKey(this.storeKey, key)) throw new AppError('internal', 'The store is open under another key.');
      return this.opened;
    }
    const core = (this.options.open ?? openCore)({ ...this.options, dataDir: this.dataDir, key, signedIn: { setPassphrase: (id, name, pass) => this.setPassphraseFor(id, name, pass), people: () => this.state().people, draftKey: (id) => this.draftKeyFor(id) } });
    this.opened = core;
    this.storeKey = Buffer.from(key);
    return core;
  }

  private record(attempt: Attempt): void {
    this.pending.push(attempt);
    const core = this.opened;
    if (!core || !core.writable) return;
    const attempts = this.pending;
    this.pending = [];
    core.db.transaction(() => {
      for (const a of attempts) {
        appendAudit(core.db, { actor: a.ok ? (new PeopleOf(core).find(a.personId)?.fullName ?? a.personId) : 'unknown', at: a.at }, {
          entity: 'session',
          entityId: a.personId,
          action: a.ok ? 'sign_in' : 'sign_in_refused',
          version: null,
          changes: [],
        });
      }
    }).immediate();
    this.keepAttempts();
  }
}

const ATTEMPTS_FILE = 'psr.attempts.json';
const MAX_PENDING = 1000;
interface KeptAttempts {
  failuresInARow: number;
  pending: Attempt[];
}

function readAttempts(dataDir: string): KeptAttempts {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dataDir, ATTEMPTS_FILE), 'utf8')) as Partial<KeptAttempts>;
    const failuresInARow = Number.isInteger(parsed.failuresInARow) && parsed.failuresInARow! >= 0 ? parsed.failuresInARow! : 0;
    const pending = Array.isArray(parsed.pending)
      ? parsed.pending.filter((a): a is Attempt => typeof a?.personId === 'string' && typeof a.at === 'string' && typeof a.ok === 'boolean').slice(-MAX_PENDING)
      : [];
    return { failuresInARow, pending };
  } catch {
    return { failuresInARow: 0, pending: [] };
  }
}

function writeAttempts(dataDir: string, kept: KeptAttempts): void {
  const file = path.join(dataDir, ATTEMPTS_FILE);
  try {
    if (kept.failuresInARow === 0 && kept.pending.length === 0) fs.rmSync(file, { force: true });
    else writePrivateFile(file, `${JSON.stringify({ failuresInARow: kept.failuresInARow, pending: kept.pending.slice(-MAX_PENDING) })}\n`);
  } catch {
    // A folder that cannot be written: the delay still holds for this process.
  }
}

class PeopleOf {
  constructor(private readonly core: AppCore) {}
  find(id: string): Person | null {
    return this.core.people.find(id);
  }
  get(id: string): Person {
    const person = this.find(id);
    if (!person) throw new AppError('locked', 'That passphrase is not right for this person. Nothing was opened.', { path: '$.passphrase', key: 'errors.wrongPassphrase', params: { count: 0 } });
    return person;
  }
  addFirst(id: string, details: PersonDetails, at: Date): Person {
    return this.core.people.add(details, { actor: details.fullName.trim(), at: at.toISOString() }, id);
  }
}

export const MIN_PASSPHRASE_LENGTH = 10;

function checkNewPassphrase(passphrase: string): void {
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('invalid_input', `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`, {
      path: '$.passphrase',
      key: 'errors.passphraseTooShort',
      params: { min: MIN_PASSPHRASE_LENGTH },
      issues: [{ path: '$.passphrase', message: `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`, key: 'errors.passphraseTooShort', params: { min: MIN_PASSPHRASE_LENGTH } }],
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const GATE_METHODS = new Set<string>(['session.signInState', 'session.signIn', 'session.setUp', 'session.lock', 'session.changePassphrase']);

/**
 * The dispatch a gated door (desktop window, browser mode) calls: the sign-in calls are answered
 * here, and everything else goes to the core once someone has signed in, refused until then.
 */
export function gatedDispatch(gate: StoreGate, idleLockMinutes: () => number): Dispatch {
  return async (method, input, ctx) => {
    if (!GATE_METHODS.has(method)) {
      const core = gate.core;
      if (!core) {
        if (!isMethod(method)) return unknownMethod(method);
        return { ok: false, error: { ...SIGN_IN_FIRST, params: { method } } };
      }
      return core.dispatch(method, input, ctx);
    }
    const session = ctx.session ?? { personId: null };
    const parsed = contract[method as 'session.signIn'].input.safeParse(input);
    try {
      if (!parsed.success) throw invalidInput(zodIssues(parsed.error));
      const value = parsed.data as Record<string, unknown>;
      switch (method) {
        case 'session.signInState': {
          const state = gate.state();
          const core = gate.core;
          const signedIn = core && session.personId ? core.people.find(session.personId) : null;
          return { ok: true, value: { ...state, signedIn, idleLockMinutes: idleLockMinutes() } };
        }
        case 'session.signIn':
          return { ok: true, value: await gate.signIn(session, String(value.personId), String(value.passphrase)) };
        case 'session.setUp':
          return {
            ok: true,
            value: await gate.setUp(session, {
              passphrase: String(value.passphrase),
              ...(value.personId !== undefined ? { personId: String(value.personId) } : {}),
              ...(value.details !== undefined ? { details: value.details as PersonDetails } : {}),
            }),
          };
        case 'session.changePassphrase':
          await gate.changePassphrase(session, String(value.current), String(value.next));
          return { ok: true, value: { changed: true } };
        default:
          gate.lock(session);
          return { ok: true, value: { locked: true } };
      }
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toApiError() };
      console.error(`[psr] ${method} failed`, e);
      return { ok: false, error: { code: 'internal', message: 'An internal error occurred; nothing was saved. The details are in the log.', key: 'errors.internal' } };
    }
  };
}

function unknownMethod(method: string) {
  const name = String(method).slice(0, 100);
  return { ok: false as const, error: { code: 'unknown_method' as const, message: `There is no API call named ${JSON.stringify(name)}.`, key: 'errors.unknownMethod', params: { method: name } } };
}
