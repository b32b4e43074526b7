import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '../../main/api/dispatch';
import { API_CHANNEL, registerIpcDoor, type IpcInvokeEvent } from '../../main/doors/electron-ipc';
import { resolveStaticPath } from '../../main/doors/static';
import { appProtocolResponse } from '../../main/app/protocol';

describe('the IPC door', () => {
  function door() {
    const dispatch = vi.fn<Dispatch>(() => Promise.resolve({ ok: true, value: 'done' }));
    let listener: ((event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>) | null = null;
    registerIpcDoor({ handle: (channel, l) => channel === API_CHANNEL && (listener = l) }, dispatch, 'officer.a');
    const invoke = (senderFrame: IpcInvokeEvent['senderFrame'], method: unknown = 'cases.list', input: unknown = {}) => {
      if (!listener) throw new Error('the door registered no handler');
      return listener({ senderFrame }, method, input);
    };
    return { dispatch, invoke };
  }

  it('answers the app’s own top frame, as the IPC door', async () => {
    const { dispatch, invoke } = door();
    expect(await invoke({ url: 'app://psr/index.html', parent: null })).toEqual({ ok: true, value: 'done' });
    expect(dispatch).toHaveBeenCalledWith('cases.list', {}, { actor: 'officer.a', door: 'ipc', session: { personId: null } });
  });

  it('refuses a foreign frame, an embedded frame and a frame that has gone, without calling the core', async () => {
    const { dispatch, invoke } = door();
    const top = { parent: null };
    const foreign = [
      { ...top, url: 'https://evil.example.com/' },
      { ...top, url: 'file:///home/officer/Downloads/page.html' },
      { ...top, url: 'http://127.0.0.1:5173/' },
      { ...top, url: 'app://other/index.html' },
      { ...top, url: 'app://user@psr/index.html' },
      { ...top, url: 'devtools://devtools/bundled/inspector.html' },
      { ...top, url: '' },
      { url: 'app://psr/index.html', parent: { url: 'app://psr/index.html' } },
      null,
    ];
    for (const frame of foreign) {
      expect(await invoke(frame), JSON.stringify(frame)).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.untrustedPage' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a call without a method name', async () => {
    const { dispatch, invoke } = door();
    expect(await invoke({ url: 'app://psr/index.html', parent: null }, { toString: () => 'cases.list' })).toMatchObject({ ok: false, error: { code: 'unknown_method', key: 'errors.noMethodName' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('static paths (browser mode and the app:// protocol)', () => {
  let parent: string;
  let root: string;
  beforeAll(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-static-'));
    root = path.join(parent, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(parent, 'secret.txt'), 'case notes outside the app');
    fs.writeFileSync(path.join(parent, 'psr.sqlite'), 'the data store');
    fs.symlinkSync(path.join(parent, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  });
  afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('serves files of the app and falls back to index.html for the app’s routes', () => {
    expect(resolveStaticPath(root, '/')).toEqual({ file: path.join(root, 'index.html') });
    expect(resolveStaticPath(root, '/assets/app.js')).toEqual({ file: path.join(root, 'assets', 'app.js') });
    expect(resolveStaticPath(root, '/cases/42')).toEqual({ file: path.join(root, 'index.html') });
    expect(resolveStaticPath(root, '/assets/missing.js')).toEqual({ refused: 'missing' });
  });

  const escapes = [
    '/../secret.txt',
    '/../../../../etc/passwd',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/..%2fsecret.txt',
    '/..%2Fpsr.sqlite',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/assets\\..\\..\\secret.txt',
    '/index.html%00.js',
    '/secret.txt\0',
    '/%E0%A4%A',
    '/assets/link.txt',
  ];

  it('never maps an escaping path to a file outside the app', () => {
    for (const p of escapes) {
      const found = resolveStaticPath(root, p);
      expect(found, p).toHaveProperty('refused');
      expect(['outside', 'invalid', 'missing'], p).toContain((found as { refused: string }).refused);
    }
  });

  it('refuses each kind of escape for the right reason', () => {
    expect(resolveStaticPath(root, '/../secret.txt')).toEqual({ refused: 'outside' });
    expect(resolveStaticPath(root, '/%2e%2e/secret.txt')).toEqual({ refused: 'outside' });
    expect(resolveStaticPath(root, '/..%2fsecret.txt')).toEqual({ refused: 'outside' });
    expect(resolveStaticPath(root, '/..%5csecret.txt')).toEqual({ refused: 'invalid' });
    expect(resolveStaticPath(root, '/index.html%00.js')).toEqual({ refused: 'invalid' });
    expect(resolveStaticPath(root, '/%E0%A4%A')).toEqual({ refused: 'invalid' });
    expect(resolveStaticPath(root, '/assets/link.txt')).toEqual({ refused: 'outside' });
  });

  it('answers app:// requests with the file and the CSP, and never with anything outside the app', async () => {
    const ok = appProtocolResponse(root, 'app://psr/assets/app.js');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/javascript/);
    expect(ok.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(await ok.text()).toBe('console.log(1)');

    for (const p of escapes.filter((e) => !e.includes('\0'))) {
      const res = appProtocolResponse(root, `app://psr${p}`);
      const body = await res.text();
      expect(body, p).not.toContain('case notes outside the app');
      expect(body, p).not.toContain('the data store');
      expect(res.status, p).toBe(404);
    }
    expect(appProtocolResponse(root, 'app://other/index.html').status).toBe(404);
    expect(appProtocolResponse(root, 'file:///etc/passwd').status).toBe(404);
  });
});
