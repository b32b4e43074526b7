import type { Dispatch } from '../api/dispatch';
import type { DoorSession } from '../api/types';

// The Electron door. It is written against the shape of ipcMain rather than importing electron, so
// it stays in the Electron-free core and can be tested under plain Node.

export const API_CHANNEL = 'psr:api';

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface IpcSenderFrame {
  url: string;
  /** null for a window's top frame; an iframe has its parent frame here. */
  parent?: unknown;
}
export interface IpcInvokeEvent {
  senderFrame: IpcSenderFrame | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

/** True only for pages of this app, served on the app:// protocol. */
export function isAppFrameUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'psr' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/**
 * True for the top frame of an app page. A frame whose document has gone (null), an embedded frame
 * (even one of ours: the app has none) and any page not served by app://psr are refused.
 */
export function isTrustedSender(frame: IpcSenderFrame | null | undefined): boolean {
  if (!frame || typeof frame.url !== 'string') return false;
  if (frame.parent !== null && frame.parent !== undefined) return false;
  return isAppFrameUrl(frame.url);
}

/** Returns the window's session, so sleep and the screen lock can end its sign-in. */
export function registerIpcDoor(ipcMain: IpcMainLike, dispatch: Dispatch, actor: string, isTrusted = isTrustedSender): DoorSession {
  // The app has one window: one session, bound to whoever signs in in the page.
  const session: DoorSession = { personId: null };
  ipcMain.handle(API_CHANNEL, async (event, method, input) => {
    if (!isTrusted(event.senderFrame)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the app’s own pages.', key: 'errors.untrustedPage' } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'unknown_method', message: 'The API call has no name.', key: 'errors.noMethodName' } };
    }
    return dispatch(method, input, { actor, door: 'ipc', session });
  });
  return session;
}
