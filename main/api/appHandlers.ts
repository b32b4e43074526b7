import { schemaVersion } from '../store/connection';
import type { Area, HandlerPart } from './types';

// The app's own calls: what is running, on which store, for whom.

export function createAppHandlers({ services }: Area): HandlerPart<'app.info'> {
  return {
    'app.info': (_input, ctx) => ({
      appVersion: services.appVersion,
      schemaVersion: schemaVersion(services.db),
      door: ctx.door,
      // A door's session names its person; before anyone is chosen it names no one (never the operating-system user).
      actor: ctx.session && !ctx.person ? '' : ctx.actor,
      // The service's language: a case's report is written in it unless the case names the court's.
      reportLanguage: services.jurisdiction.locale,
    }),
  };
}
