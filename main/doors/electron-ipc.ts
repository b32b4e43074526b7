import type { Dispatch } from '../api/dispatch';

// The Electron door. It is written against the shape of ipcMain rather than importing electron, so
// it stays in the Electron-free core and can be tested under plain Node.

export const API_CHANNEL = 'psr:api';

export interface IpcInvokeEvent {
  senderFrame: { url: string } | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

/** True only for pages of this app, served on the app:// protocol. */
export function isAppFrameUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'psr';
  } catch {
    return false;
  }
}

export function registerIpcDoor(ipcMain: IpcMainLike, dispatch: Dispatch, actor: string, isTrusted = isAppFrameUrl): void {
  ipcMain.handle(API_CHANNEL, async (event, method, input) => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrusted(url)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the app’s own pages.' } };
    }
    return dispatch(typeof method === 'string' ? method : '', input, { actor, door: 'ipc' });
  });
}
