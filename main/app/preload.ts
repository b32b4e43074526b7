import { contextBridge, ipcRenderer } from 'electron';
import { API_CHANNEL } from '../doors/electron-ipc';
import { methodNames } from '../contract/methodNames';

// Exposes one function, `psr.call`, for the contract's method names only. ipcRenderer itself never
// reaches the page.

const allowed = new Set<string>(methodNames);

const bridge = {
  door: 'ipc' as const,
  call(method: string, input: unknown): Promise<unknown> {
    if (!allowed.has(method)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `There is no API call named ${method}.`, key: 'errors.unknownMethod', params: { method: String(method).slice(0, 100) } } });
    }
    return ipcRenderer.invoke(API_CHANNEL, method, input);
  },
};

contextBridge.exposeInMainWorld('psr', bridge);
