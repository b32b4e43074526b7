import { call } from '../api/client';

// Who is using the app: unsaved copies are kept per person. It is the person main reports in
// `app.info` for this door's session (chosen on the Who is using the app screen).

let actor: Promise<string> | null = null;

/** Forgets who was using the app, after another person is chosen. */
export function resetActor(): void {
  actor = null;
}

export function currentActor(): Promise<string> {
  actor ??= call('app.info', {}).then((info) => info.actor);
  actor.catch(() => {
    actor = null;
  });
  return actor;
}
