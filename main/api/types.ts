import type { Database, SqliteAccess } from '../store/sqlite';
import type { Door, Input, Method, Output } from '../contract/api';
import type { FormDefinition } from '../contract/form';
import type { Person } from '../contract/people';
import type { Jurisdiction } from '../contract/jurisdiction';
import type { ReportTemplate } from '../contract/report';
import type { LoadedCatalogue } from '../loaders/catalogue';
import type { WriteMeta } from '../store/audit';
import type { CaseRepository } from '../store/cases';
import type { InterviewRepository } from '../store/interviews';
import type { ProgrammeRepository } from '../store/programmes';
import type { ProposalRepository } from '../store/proposals';
import type { ReportTextRepository } from '../store/reportTexts';
import type { PeopleRepository } from '../store/people';
import type { SigningKeyRepository } from '../store/signingKeys';
import type { ReportVersionRepository } from '../store/reportVersions';

// The types every area of the handler table shares; the areas import these, never each other's
// factories, so the API has no import cycles.

/** One door's session: the person it acts for (chosen with session.choose; a passphrase later). */
export interface DoorSession {
  personId: string | null;
}

export interface CallContext {
  /** Who is acting: recorded in the audit log. The person's full name when the door has a session. */
  actor: string;
  door: Door;
  /** The door's session; absent only for in-process callers that name their actor (tests, tools). */
  session?: DoorSession;
  /** The person the session acts for, resolved by the dispatch before the handler runs. */
  person?: Person;
}

/** One handler for a contract entry. */
export type Handler<M extends Method> = (input: Input<M>, ctx: CallContext) => Output<M> | Promise<Output<M>>;

/** Exactly one handler per contract entry: a missing or extra name is a type error. */
export type Handlers = { [M in Method]: Handler<M> };

/** The part of the handler table one area provides. */
export type HandlerPart<M extends Method> = { [K in M]: Handler<K> };

export interface Services {
  db: Database;
  jurisdiction: Jurisdiction;
  /** Interview forms by id, loaded and checked once at start. */
  forms: ReadonlyMap<string, FormDefinition>;
  /** The data folder: backups live in <dataDir>/backups. */
  dataDir: string;
  /** Present when the store is encrypted and people sign in (gate.ts). */
  signedIn?: SignedInStore;
  /** How other files of this store (backups) are opened: the native binding and the store's key. */
  access?: SqliteAccess;
  /** The options catalogue, loaded and checked once at start (the shipped one when not given). */
  catalogue?: LoadedCatalogue;
  /** The report templates cases are reported on (the shipped ones when not given). */
  reportTemplates?: readonly ReportTemplate[];
  appVersion: string;
  /** The clock is injected so tests can pin "today". */
  now: () => Date;
}

/** What the handlers of an encrypted store may ask of the sign-in gate. */
export interface SignedInStore {
  /** Wraps the store key for this person under this passphrase (a new person, or a reset). */
  setPassphrase(personId: string, fullName: string, passphrase: string): void;
  /** The key a person's unsaved copies in the page are encrypted with (derived from the store key). */
  draftKey(personId: string): Buffer;
  /** The people the sign-in screen offers (the keyring's). */
  people(): Array<{ id: string; fullName: string }>;
}

/** The repositories over one store, made once and shared by every area. */
export interface Stores {
  cases: CaseRepository;
  interviews: InterviewRepository;
  programmes: ProgrammeRepository;
  proposals: ProposalRepository;
  reportTexts: ReportTextRepository;
  signingKeys: SigningKeyRepository;
  people: PeopleRepository;
  reportVersions: ReportVersionRepository;
}

/** What every area's factory receives. */
export interface Area {
  services: Services;
  stores: Stores;
  /** The audit's who and when for a write made by this call. */
  meta(ctx: CallContext): WriteMeta;
}
