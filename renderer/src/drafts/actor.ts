import { call } from '../api/client';

// Who is signed in: unsaved copies are kept per person. Today that is the actor main reports in
// `app.info`; a sign-in screen will provide it later, through this one function.

let actor: Promise<string> | null = null;

export function currentActor(): Promise<string> {
  actor ??= call('app.info', {}).then((info) => info.actor);
  actor.catch(() => {
    actor = null;
  });
  return actor;
}
