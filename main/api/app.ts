import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { accessOf, type Database } from '../store/sqlite';
import type { RotatingBackupResult } from '../store/backup';
import { latestGoodBackup } from '../store/backup';
import { recordClosedStamp } from '../store/checkState';
import { CorruptDatabaseError, type RestoreResult, type WholeFileCheck } from '../store/recovery';
import { createDispatch, type Dispatch, type DispatchOptions } from './dispatch';
import { shippedCatalogue, shippedForms, shippedJurisdiction, shippedReportTemplates } from '../loaders/shipped';
import { createHandlers } from './handlers';
import { PeopleRepository } from '../store/people';
import { hasKeyring } from '../store/keyringFile';
import { AppError } from '../contract/errors';
import { ensureDataDir, openOwnedStore, startBackgroundWork, type StartupStoreOptions } from './startup';
import type { Handlers, SignedInStore } from './types';

export const APP_DIR_NAME = 'psr-author';
export const DB_FILE_NAME = 'psr.sqlite';

/**
 * Where the embedded store lives: PSR_DATA_DIR if set, otherwise the platform's per-user data
 * folder. The desktop app, browser mode and the CLI all resolve the same folder.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.PSR_DATA_DIR) return path.resolve(env.PSR_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), APP_DIR_NAME);
}

export function appVersion(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const p of [path.resolve(here, '../../package.json'), path.resolve(here, '../package.json')]) {
    if (fs.existsSync(p)) return (JSON.parse(fs.readFileSync(p, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}

export function currentActor(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export interface AppCore {
  db: Database;
  dataDir: string;
  dbFile: string;
  handlers: Handlers;
  dispatch: Dispatch;
  people: PeopleRepository;
  /** The automatic backup made at start; null when it was turned off, unchanged, or failed (logged). */
  startupBackup: Promise<RotatingBackupResult | null>;
  /** The whole-file check after start (main/api/startup.ts); null when not run (a reader beside the app) or failed (logged). */
  storeCheck: Promise<WholeFileCheck | null>;
  /** Damage the check after start found: every writing call is then refused with it. */
  damage(): CorruptDatabaseError | null;
  /** A restore asked for in the app, carried out at this start (null when none was pending). */
  restored: RestoreResult | null;
  /** False when opened read-only (no lock taken): a copy opened to look at, or a command reading beside the app. */
  writable: boolean;
  close(): void;
}

export interface OpenCoreOptions extends DispatchOptions, Pick<StartupStoreOptions, 'holder' | 'onlyReads'> {
  dataDir?: string;
  now?: () => Date;
  nativeBinding?: string;
  /** The store's key (from the keyring, after sign-in): the store and its backups are encrypted under it. */
  key?: Buffer;
  /** Set by the sign-in gate (gate.ts): sessions are bound only by a passphrase, never chosen. */
  signedIn?: SignedInStore;
  /** Told when a plaintext store was converted to encrypted on this start. */
  onConverted?: StartupStoreOptions['onConverted'];
  /**
   * Check the whole data file after start, off the app's thread, when it changed since the last
   * clean check (default true). A psr command, which ends in moments, leaves it to the app.
   */
  checkWholeFile?: boolean;
  /** Automatic backups kept in <dataDir>/backups (default 10); false: no backup at start. */
  backupsKept?: number | false;
  /**
   * Carry out a restore asked for in the app. Only the app's own start does this (desktop window or
   * browser mode); a CLI command run beside a running app must never swap the file under it.
   */
  applyPendingRestore?: boolean;
  /**
   * Open the store for reading only: nothing is migrated, restored or backed up, and every writing
   * call is refused at the dispatch with a clear storage error (a copy opened to look at).
   */
  readOnly?: boolean;
}

/** Opens the store and wires the handler table: the one core every door stands on. */
export function openCore(options: OpenCoreOptions = {}): AppCore {
  const dataDir = options.dataDir ?? defaultDataDir();
  const dbFile = path.join(dataDir, DB_FILE_NAME);
  const readOnly = options.readOnly ?? false;
  if (!readOnly) ensureDataDir(dataDir);
  // A store with a keyring is encrypted: it opens only with the key a passphrase unwraps (gate.ts).
  if (!options.key && hasKeyring(dataDir)) {
    throw new AppError('locked', `The store in ${dataDir} is encrypted: sign in with your passphrase to open it (PSR_PASSPHRASE for a psr command). Nothing has been read.`, { key: 'errors.storeLocked' });
  }
  // A store held by another process is refused with a StoreInUseError naming who holds it; a damaged
  // file with a CorruptDatabaseError naming the latest good backup.
  const { db, lock, restored } = openOwnedStore(dbFile, dataDir, options);
  const jurisdiction = shippedJurisdiction();
  // The forms, the catalogue and the report templates are read and checked when a call first needs
  // them (once per process, main/loaders/shipped.ts): a command that lists cases reads none of them.
  const handlers = createHandlers({
    db,
    jurisdiction,
    get forms() {
      return shippedForms();
    },
    dataDir,
    access: accessOf(options),
    ...(options.signedIn ? { signedIn: options.signedIn } : {}),
    get catalogue() {
      return shippedCatalogue();
    },
    get reportTemplates() {
      return shippedReportTemplates();
    },
    appVersion: appVersion(),
    now: options.now ?? (() => new Date()),
  });
  const people = new PeopleRepository(db);
  let damage: CorruptDatabaseError | null = null;
  const dispatch = createDispatch(handlers, { ...options, isReadOnly: () => db.readonly, refuseWrites: () => damage, people, requireSignIn: options.signedIn !== undefined });
  let closed = false;
  const logger = options.logger ?? { error: (m: string, e: unknown) => console.error(`[psr] ${m}`, e) };
  // Only the lock's holder checks the whole file and backs up, after start and off this thread: a
  // command reading beside the app leaves both to it (main/api/startup.ts).
  const background = lock
    ? startBackgroundWork(db, dataDir, { ...options, retentionDays: jurisdiction.retentionDays }, logger, () => closed, (found) => {
        damage = new CorruptDatabaseError(dbFile, found, latestGoodBackup(dataDir, accessOf(options)), { whileOpen: true });
        logger.error('the store check after start found damage; writing is refused until a backup is restored', damage);
      })
    : null;
  const close = () => {
    if (closed) return;
    closed = true;
    background?.stop();
    db.close();
    // The file as this app leaves it: the next start need not read it whole (main/store/checkState.ts).
    if (lock && !db.readonly && damage === null) recordClosedStamp(dbFile, dataDir);
    lock?.release();
  };
  return {
    db,
    dataDir,
    dbFile,
    handlers,
    dispatch,
    people,
    startupBackup: background?.backup ?? Promise.resolve(null),
    storeCheck: background?.check ?? Promise.resolve(null),
    damage: () => damage,
    restored,
    writable: lock !== null,
    close,
  };
}
