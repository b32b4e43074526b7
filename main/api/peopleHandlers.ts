import type { Method } from '../contract/api';
import { AppError } from '../contract/errors';
import { appendAudit } from '../store/audit';
import type { Area, HandlerPart } from './types';

// The people of the store and the door's session: who is using the app.

type PeopleMethod = Extract<Method, `people.${string}` | `session.${string}`>;

export function createPeopleHandlers(area: Area): HandlerPart<PeopleMethod> {
  const { people } = area.stores;
  return {
    'people.list': () => people.list(),
    'people.add': ({ details, passphrase }, ctx) => {
      const signedIn = area.services.signedIn;
      // On an encrypted store a new person gets a first passphrase, given to them by whoever adds them.
      if (signedIn && passphrase === undefined) {
        throw new AppError('invalid_input', 'Give the new person a first passphrase (they can change it after signing in).', {
          path: '$.passphrase',
          key: 'errors.newPersonPassphrase',
          issues: [{ path: '$.passphrase', message: 'Give the new person a first passphrase.', key: 'errors.newPersonPassphrase' }],
        });
      }
      const first = people.count() === 0;
      // Managing people is an administrator's; the first person of a store adds themselves, and
      // while no administrator is recorded anyone of the store may, so no office is locked out.
      if (!first && ctx.session && ctx.person?.role !== 'administrator' && people.hasAdministrator()) {
        throw new AppError('forbidden', 'Adding people needs the administrator role.', { key: 'errors.needsRole', params: { role: 'administrator' } });
      }
      const meta = area.meta(ctx);
      const added = people.add(details, first && !ctx.person ? { ...meta, actor: details.fullName.trim() } : meta);
      if (signedIn && passphrase !== undefined) signedIn.setPassphrase(added.id, added.fullName, passphrase);
      // On first start the person who adds themselves is the one using the app.
      if (first && ctx.session && ctx.session.personId === null) ctx.session.personId = added.id;
      return added;
    },
    'session.current': (_input, ctx) => ({ person: ctx.person ?? null, people: people.count() }),
    'session.signInState': (_input, ctx) => {
      const signedIn = area.services.signedIn;
      return {
        encrypted: signedIn !== undefined,
        people: signedIn ? signedIn.people() : people.list().map((p) => ({ id: p.id, fullName: p.fullName })),
        signedIn: ctx.person ?? null,
        idleLockMinutes: area.services.jurisdiction.idleLockMinutes,
      };
    },
    // Signing in and setting up are answered by the door's gate before the store is open (gate.ts);
    // a store already open here has no key to check them against.
    'session.signIn': () => {
      throw new AppError('refused', 'Sign in through the app or browser mode, or give PSR_PASSPHRASE to a psr command.', { key: 'errors.signInAtDoor' });
    },
    'session.setUp': () => {
      throw new AppError('refused', 'Set up a passphrase through the app or browser mode, or with psr passphrase set-up.', { key: 'errors.signInAtDoor' });
    },
    'session.changePassphrase': () => {
      throw new AppError('refused', 'Change your passphrase through the app or browser mode, or with psr passphrase change.', { key: 'errors.signInAtDoor' });
    },
    'people.resetPassphrase': ({ personId, passphrase }, ctx) => {
      const signedIn = area.services.signedIn;
      if (!signedIn) throw new AppError('refused', 'This store is not protected with passphrases.', { key: 'errors.noKeyring' });
      const person = people.get(personId);
      signedIn.setPassphrase(person.id, person.fullName, passphrase);
      // Who reset whose passphrase, and when; never the passphrase.
      appendAudit(area.services.db, area.meta(ctx), { entity: 'person', entityId: person.id, action: 'reset_passphrase', version: person.version, changes: [] });
      return { reset: true as const };
    },
    'session.draftKey': (_input, ctx) => {
      const signedIn = area.services.signedIn;
      return { key: signedIn && ctx.person ? signedIn.draftKey(ctx.person.id).toString('base64') : null };
    },
    'session.lock': (_input, ctx) => {
      if (ctx.session) ctx.session.personId = null;
      return { locked: true as const };
    },
    'session.setLanguage': ({ language }, ctx) => {
      if (!ctx.person) throw new AppError('forbidden', 'Choose who is using the app first: the language is kept with the person.', { key: 'errors.languageNeedsPerson' });
      const person = people.setLanguage(ctx.person.id, language, area.meta(ctx));
      ctx.person = person;
      return person;
    },
    'session.choose': ({ personId }, ctx) => {
      if (area.services.signedIn) {
        throw new AppError('forbidden', 'On this store each person signs in with their own passphrase; no one can be chosen.', { key: 'errors.signInNotChoose' });
      }
      const person = people.get(personId);
      if (ctx.session) ctx.session.personId = person.id;
      return person;
    },
  };
}
