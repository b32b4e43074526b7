import { z } from 'zod';
import { entry } from './entry';
import { entityId, entityVersion, singleLine } from './text';
import { shippedLanguages } from './languages';

// The people who use one store (docs/DOMAIN.md, users): who writes, reviews and countersigns.
// Every door acts for one person of the store, chosen in its session; the audit, the documents and
// the screens name that person, never the operating-system user. Signing in with a passphrase
// comes later; a session is already the place it will be checked.

export const roles = ['probation_officer', 'senior_probation_officer', 'screener', 'administrator'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** A line that may be left blank. */
const optionalLine = z.union([z.literal(''), singleLine(200)]).default('');

export const PersonDetails = z.strictObject({
  fullName: z
    .string()
    .refine((s) => s.trim().length > 0, { message: 'Enter the full name.', params: { key: 'validation.person.fullName' }, abort: true })
    .pipe(singleLine(200)),
  role: Role,
  team: optionalLine,
  service: optionalLine,
});
export type PersonDetails = z.infer<typeof PersonDetails>;
export type PersonDetailsInput = z.input<typeof PersonDetails>;

export const Person = z.strictObject({
  id: entityId,
  version: entityVersion,
  fullName: z.string(),
  role: Role,
  team: z.string(),
  service: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** The language the person's screens are in; absent until they choose one (the jurisdiction's then). */
  language: z.string().optional(),
});
export type Person = z.infer<typeof Person>;

export const SessionState = z.strictObject({
  /** The person this door acts for, or null until someone is chosen. */
  person: Person.nullable(),
  /** How many people the store has: none means the first start, where the app asks who is using it. */
  people: z.number().int().min(0),
});

/** A new passphrase: long enough that the memory-hard KDF is the whole of an attacker's cost. */
export const MIN_PASSPHRASE_LENGTH = 10;
export const NewPassphrase = z
  .string()
  .max(1024)
  .refine((s) => [...s.normalize('NFC')].length >= MIN_PASSPHRASE_LENGTH, {
    message: `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`,
    params: { key: 'errors.passphraseTooShort', min: MIN_PASSPHRASE_LENGTH },
  });
/** A passphrase given to sign in: checked against the keyring, never stored. */
const Passphrase = z.string().min(1).max(1024);

export const SignInState = z.strictObject({
  /** True once the store has a keyring: every door signs in. */
  encrypted: z.boolean(),
  /** Whom the sign-in screen offers: the keyring's people, or before set-up the store's own. */
  people: z.array(z.strictObject({ id: z.string(), fullName: z.string() })),
  /** Who this door's session is signed in as, if anyone. */
  signedIn: Person.nullable(),
  /** Minutes of inactivity after which the session locks (jurisdiction data). */
  idleLockMinutes: z.number().int().min(1),
});
export type SignInState = z.infer<typeof SignInState>;

export const peopleEntries = {
  'people.list': entry({
    input: z.strictObject({}),
    output: z.array(Person),
    access: 'any',
    writes: false,
  }),
  'people.add': entry({
    // The first person of a store adds themselves; after that it needs an administrator (or anyone,
    // while the store has no administrator, so a small office is never locked out).
    // On an encrypted store the new person's first passphrase (never stored, never audited).
    input: z.strictObject({ details: PersonDetails, passphrase: NewPassphrase.optional() }),
    output: Person,
    access: 'any',
    writes: true,
  }),
  'session.current': entry({
    input: z.strictObject({}),
    output: SessionState,
    access: 'any',
    writes: false,
  }),
  // The sign-in gate's calls, answered by the door before the store is open (main/api/gate.ts).
  'session.signInState': entry({
    input: z.strictObject({}),
    output: SignInState,
    access: 'any',
    writes: false,
  }),
  'session.signIn': entry({
    input: z.strictObject({ personId: z.string().min(1).max(100), passphrase: Passphrase }),
    output: Person,
    access: 'any',
    writes: false,
  }),
  'session.setUp': entry({
    // The first passphrase of a store: for someone already in it (personId) or its first person (details).
    input: z.strictObject({ passphrase: NewPassphrase, personId: entityId.optional(), details: PersonDetails.optional() }),
    output: Person,
    access: 'any',
    writes: true,
  }),
  'session.lock': entry({
    input: z.strictObject({}),
    output: z.strictObject({ locked: z.literal(true) }),
    access: 'any',
    writes: false,
  }),
  'session.changePassphrase': entry({
    // The signed-in person's own passphrase; answered by the door's gate (the store key is rewrapped, not re-encrypted).
    input: z.strictObject({ current: Passphrase, next: NewPassphrase }),
    output: z.strictObject({ changed: z.literal(true) }),
    access: 'any',
    writes: false,
  }),
  'people.resetPassphrase': entry({
    // An administrator gives someone who forgot theirs a new passphrase, to be changed after signing in.
    input: z.strictObject({ personId: entityId, passphrase: NewPassphrase }),
    output: z.strictObject({ reset: z.literal(true) }),
    access: 'any',
    writes: true,
    roles: ['administrator'],
  }),
  'session.draftKey': entry({
    // The key this person's unsaved copies are encrypted with on this computer (null: the store is
    // not encrypted, so neither are they). Derived from the store key; given only after sign-in.
    input: z.strictObject({}),
    output: z.strictObject({ key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/).nullable() }),
    access: 'any',
    writes: false,
  }),
  'session.setLanguage': entry({
    // The language of the signed-in person's screens, kept with the person (docs/languages.md).
    input: z.strictObject({ language: z.enum(shippedLanguages, { message: 'Choose one of the languages the app is in.' }) }),
    output: Person,
    access: 'any',
    writes: true,
  }),
  'session.choose': entry({
    // Who is using the app from now on, at this door.
    input: z.strictObject({ personId: entityId }),
    output: Person,
    access: 'any',
    writes: false,
  }),
} as const;
