import fs from 'node:fs';
import path from 'node:path';
import type { ApiResult } from '../../main/contract/errors';
import { runCli } from '../../main/doors/cli';
import { registerIpcDoor, type IpcInvokeEvent } from '../../main/doors/electron-ipc';
import { startBrowserServer, TOKEN_HEADER, type BrowserServer } from '../../main/doors/http';
import { tempDir, type TestCore } from './core';

/** The Electron door as the main process wires it, with a stand-in for ipcMain. */
export function ipcDoor(core: TestCore) {
  let listener: ((event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>) | null = null;
  registerIpcDoor({ handle: (_channel, l) => (listener = l) }, core.dispatch, 'officer.ipc');
  return {
    invoke(method: string, input: unknown, frameUrl = 'app://psr/index.html'): Promise<ApiResult<unknown>> {
      return listener!({ senderFrame: { url: frameUrl } }, method, input) as Promise<ApiResult<unknown>>;
    },
  };
}

/** Browser mode on a random loopback port, serving a stand-in UI. */
export async function httpDoor(core: TestCore): Promise<BrowserServer & { post(method: string, body: string, headers?: Record<string, string>): Promise<{ status: number; json: ApiResult<unknown> }> }> {
  const staticDir = tempDir('psr-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  const server = await startBrowserServer({ dispatch: core.dispatch, actor: 'officer.http', staticDir });
  return {
    ...server,
    async post(method, body, headers = {}) {
      const response = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, ...headers },
        body,
      });
      return { status: response.status, json: (await response.json()) as ApiResult<unknown> };
    },
  };
}

/** The CLI in-process, against the test core's data folder. */
export async function cli(core: TestCore, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['--data-dir', core.dataDir, ...args], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
