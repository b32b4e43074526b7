import { z } from 'zod';
import { entry } from './entry';
import { entityId, entityVersion, singleLine } from './text';

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
});
export type Person = z.infer<typeof Person>;

export const SessionState = z.strictObject({
  /** The person this door acts for, or null until someone is chosen. */
  person: Person.nullable(),
  /** How many people the store has: none means the first start, where the app asks who is using it. */
  people: z.number().int().min(0),
});

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
    input: z.strictObject({ details: PersonDetails }),
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
  'session.choose': entry({
    // Who is using the app from now on, at this door.
    input: z.strictObject({ personId: entityId }),
    output: Person,
    access: 'any',
    writes: false,
  }),
} as const;
