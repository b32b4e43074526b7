import type { Method } from '../contract/api';
import { AppError } from '../contract/errors';
import type { Area, HandlerPart } from './types';

// The people of the store and the door's session: who is using the app.

type PeopleMethod = Extract<Method, `people.${string}` | `session.${string}`>;

export function createPeopleHandlers(area: Area): HandlerPart<PeopleMethod> {
  const { people } = area.stores;
  return {
    'people.list': () => people.list(),
    'people.add': ({ details }, ctx) => {
      const first = people.count() === 0;
      // Managing people is an administrator's; the first person of a store adds themselves, and
      // while no administrator is recorded anyone of the store may, so no office is locked out.
      if (!first && ctx.session && ctx.person?.role !== 'administrator' && people.hasAdministrator()) {
        throw new AppError('forbidden', 'Adding people needs the administrator role.', { key: 'errors.needsRole', params: { role: 'administrator' } });
      }
      const meta = area.meta(ctx);
      const added = people.add(details, first && !ctx.person ? { ...meta, actor: details.fullName.trim() } : meta);
      // On first start the person who adds themselves is the one using the app.
      if (first && ctx.session && ctx.session.personId === null) ctx.session.personId = added.id;
      return added;
    },
    'session.current': (_input, ctx) => ({ person: ctx.person ?? null, people: people.count() }),
    'session.choose': ({ personId }, ctx) => {
      const person = people.get(personId);
      if (ctx.session) ctx.session.personId = person.id;
      return person;
    },
  };
}
