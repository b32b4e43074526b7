import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { startBrowserServer, TOKEN_HEADER, type BrowserServer } from '../../main/doors/http';
import { openInBrowser } from '../../main/doors/serve';
import { caseDetails, storeSnapshot, tempDir, testCore, type TestCore } from '../support/core';
import { hasMessage } from '../../main/contract/messages';

// Browser mode listens on 127.0.0.1 only, but any web page the officer visits can still aim requests
// at it. Each of these must be refused, and none may change the store or read a file outside the app.

let core: TestCore;
let server: BrowserServer;
let parent: string;

beforeAll(async () => {
  core = testCore();
  await core.startupBackup;
  await core.call('cases.create', { details: caseDetails() });
  parent = tempDir('psr-browser-');
  const staticDir = path.join(parent, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PSR</title>');
  fs.writeFileSync(path.join(parent, 'secret.txt'), 'OUTSIDE-THE-APP');
  server = await startBrowserServer({ dispatch: core.dispatch, actor: 'officer.browser', staticDir, bodyLimit: 64 * 1024 });
});
afterAll(async () => {
  await server.close();
  core.cleanup();
  fs.rmSync(parent, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: string;
}

/** A raw request: the path is sent exactly as given (no normalisation), headers exactly as given. */
function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const createCall = (headers: Record<string, string>, caseNumber = 'CR-2026-9999') =>
  request({
    method: 'POST',
    path: '/api/cases.create',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ details: caseDetails({ caseNumber }) }),
  });

function expectRefused(reply: Reply, status: number, code: string): void {
  expect(reply.status).toBe(status);
  const answer = JSON.parse(reply.body) as { ok: false; error: { key?: string } };
  expect(answer).toMatchObject({ ok: false, error: { code } });
  // The screen words a refusal from the catalogue, never from the server's English.
  expect(hasMessage(answer.error.key ?? ''), answer.error.key).toBe(true);
}

describe('browser mode', () => {
  it('answers the app itself: the right token, host and origin', async () => {
    const reply = await createCall({ [TOKEN_HEADER]: server.token, origin: `http://127.0.0.1:${server.port}`, 'sec-fetch-site': 'same-origin' }, 'CR-2026-0001');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true });
  });

  it('refuses an API call without the token, or with a wrong one', async () => {
    const before = storeSnapshot(core);
    expectRefused(await createCall({}), 401, 'unauthorized');
    expectRefused(await createCall({ [TOKEN_HEADER]: '' }), 401, 'unauthorized');
    const wrong = `${server.token.slice(0, -1)}${server.token.endsWith('A') ? 'B' : 'A'}`;
    expectRefused(await createCall({ [TOKEN_HEADER]: wrong }), 401, 'unauthorized');
    expectRefused(await request({ method: 'POST', path: `/api/cases.list?token=${server.token}`, headers: { 'content-type': 'application/json' }, body: '{}' }), 401, 'unauthorized');
    expect(storeSnapshot(core)).toBe(before);
  });

  it('refuses a wrong Host, as a DNS-rebinding page would send', async () => {
    const before = storeSnapshot(core);
    for (const host of ['evil.example.com', `evil.example.com:${server.port}`, `127.0.0.1:${server.port + 1}`, `127.0.0.1.nip.io:${server.port}`, `localhost.evil.example.com:${server.port}`]) {
      expectRefused(await createCall({ [TOKEN_HEADER]: server.token, host }), 421, 'forbidden');
    }
    expect(storeSnapshot(core)).toBe(before);
  });

  it('refuses a wrong Origin', async () => {
    const before = storeSnapshot(core);
    for (const origin of ['https://evil.example.com', `http://127.0.0.1:${server.port + 1}`, 'null', `https://127.0.0.1:${server.port}`, 'file://']) {
      expectRefused(await createCall({ [TOKEN_HEADER]: server.token, origin }), 403, 'forbidden');
    }
    expect(storeSnapshot(core)).toBe(before);
  });

  it('refuses a cross-site POST, even one carrying the token', async () => {
    const before = storeSnapshot(core);
    for (const site of ['cross-site', 'same-site']) {
      expectRefused(await createCall({ [TOKEN_HEADER]: server.token, 'sec-fetch-site': site }), 403, 'forbidden');
    }
    // A form post from another site cannot even send JSON: it is refused before the token is read.
    const form = await request({ method: 'POST', path: '/api/cases.create', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' }, body: 'details=x' });
    expectRefused(form, 403, 'forbidden');
    const noJson = await request({ method: 'POST', path: '/api/cases.create', headers: { [TOKEN_HEADER]: server.token, 'content-type': 'text/plain' }, body: '{}' });
    expectRefused(noJson, 415, 'invalid_input');
    expect(storeSnapshot(core)).toBe(before);
  });

  it('never serves a file outside the app, however the path is written', async () => {
    for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/..\\secret.txt', '/%2e%2e%5csecret.txt', '/secret.txt%00.html', '//../secret.txt', '/./../secret.txt', '/%252e%252e/secret.txt']) {
      const reply = await request({ path: p });
      expect(reply.body, p).not.toContain('OUTSIDE-THE-APP');
      expect([400, 403, 404, 200], p).toContain(reply.status);
      if (reply.status === 200) expect(reply.body, p).toContain('<title>PSR</title>'); // the app's own route fallback
    }
    expectRefused(await request({ path: '/..%2fsecret.txt' }), 403, 'forbidden');
    expectRefused(await request({ path: '/..%5csecret.txt' }), 400, 'invalid_input');
    expectRefused(await request({ path: '/secret.txt%00.html' }), 400, 'invalid_input');
  });

  it('refuses an oversized body, whether its size is declared or not, and saves nothing', async () => {
    const before = storeSnapshot(core);
    const big = JSON.stringify({ details: caseDetails({ caseNumber: 'CR-BIG', court: 'c'.repeat(100 * 1024) }) });
    const headers = { [TOKEN_HEADER]: server.token, 'content-type': 'application/json' };
    expectRefused(await request({ method: 'POST', path: '/api/cases.create', headers, body: big }), 413, 'payload_too_large');
    // Chunked, with no Content-Length: the limit is enforced while reading.
    const chunked = await new Promise<Reply>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/cases.create', headers: { host: `127.0.0.1:${server.port}`, ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      for (let i = 0; i < 8; i++) req.write(big.slice(i * (big.length / 8), (i + 1) * (big.length / 8)));
      req.end();
    });
    expectRefused(chunked, 413, 'payload_too_large');
    expect(storeSnapshot(core)).toBe(before);
  });

  it('answers a chunked body that never ends with 413 as soon as it passes the limit, and closes the connection', async () => {
    const before = storeSnapshot(core);
    const started = Date.now();
    const outcome = await new Promise<{ status: number; body: string; closed: boolean; sent: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer within 5 s: the server is still reading the body')), 5000);
      let sent = 0;
      let reply: { status: number; body: string } | null = null;
      let closed = false;
      const finish = () => {
        if (reply && closed) {
          clearTimeout(timer);
          resolve({ ...reply, closed, sent });
        }
      };
      const req = http.request({
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/api/cases.create',
        headers: { host: `127.0.0.1:${server.port}`, [TOKEN_HEADER]: server.token, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          reply = { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') };
          finish();
        });
      });
      req.on('error', () => undefined); // the server cuts the connection while we are still sending
      req.on('socket', (socket) =>
        socket.on('close', () => {
          closed = true;
          finish();
        }),
      );
      // Send forever, as fast as the server takes it: the request is never ended.
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const pump = () => {
        while (!req.destroyed && !closed && req.write(chunk)) sent += chunk.length;
        if (!req.destroyed && !closed) req.once('drain', pump);
      };
      req.write('{"details": "');
      pump();
    });
    expectRefused(outcome, 413, 'payload_too_large');
    expect(outcome.closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(storeSnapshot(core)).toBe(before);
  });

  it('closes the connection of a body declared too large without reading it', async () => {
    const reply = await new Promise<Reply & { closed: boolean }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer within 5 s')), 5000);
      const req = http.request({
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/api/cases.create',
        headers: { host: `127.0.0.1:${server.port}`, [TOKEN_HEADER]: server.token, 'content-type': 'application/json', 'content-length': String(1024 * 1024 * 1024) },
      });
      req.on('error', () => undefined);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const done = () => {
            clearTimeout(timer);
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), closed: true });
          };
          if (!req.socket || req.socket.destroyed) done();
          else req.socket.once('close', done);
        });
      });
      req.write(Buffer.alloc(1024, 'x'));
    });
    expectRefused(reply, 413, 'payload_too_large');
    expect(reply.closed).toBe(true);
  });
});

describe.skipIf(process.platform === 'win32')('opening the browser keeps the session token off every command line', () => {
  /** A stand-in browser launcher that records its arguments and what it could read, as `ps` and the browser would. */
  function fakeLauncher(dir: string, name = 'xdg-open'): { bin: string; log: string } {
    const log = path.join(dir, 'launcher.log');
    const bin = path.join(dir, name);
    fs.writeFileSync(
      bin,
      `#!/bin/sh\n{ printf 'argv:%s\\n' "$*"; printf 'mode:%s\\n' "$(stat -c %a "$1")"; printf 'dirmode:%s\\n' "$(stat -c %a "$(dirname "$1")")"; printf 'page:'; cat "$1"; } > "${log}.tmp" && mv "${log}.tmp" "${log}"\n`,
      { mode: 0o700 },
    );
    return { bin, log };
  }
  const waitFor = async (file: string, ms = 15_000) => {
    for (const end = Date.now() + ms; Date.now() < end; ) {
      if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${file} was never written`);
  };

  it('hands the launcher a page only this user can read, which redirects to the tokened address', async () => {
    const dir = tempDir('psr-launch-');
    try {
      const { bin, log } = fakeLauncher(dir);
      const url = `http://127.0.0.1:${server.port}/#token=${server.token}`;
      const launch = openInBrowser(url, { opener: bin, tempRoot: dir });
      expect(launch).not.toBeNull();
      const seen = await waitFor(log);
      const argv = /^argv:(.*)$/m.exec(seen)![1]!;
      expect(argv).toBe(launch!.file);
      expect(argv).not.toContain(server.token);
      expect(seen).toMatch(/^mode:600$/m);
      expect(seen).toMatch(/^dirmode:700$/m);
      expect(seen).toContain(`<meta http-equiv="refresh" content="0; url=${url}">`);
      launch!.remove();
      expect(fs.existsSync(launch!.file)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('deletes the redirect page by itself after a short while', async () => {
    const dir = tempDir('psr-launch-');
    try {
      const { bin, log } = fakeLauncher(dir);
      const launch = openInBrowser(`http://127.0.0.1:1/#token=${server.token}`, { opener: bin, tempRoot: dir, lifetimeMs: 300 });
      await waitFor(log);
      await new Promise((r) => setTimeout(r, 600));
      expect(fs.existsSync(path.dirname(launch!.file))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform !== 'linux' || !fs.existsSync('dist/renderer/index.html'))(
    'npm run serve starts the launcher with no token in its arguments',
    async () => {
      const dir = tempDir('psr-launch-');
      const fakeBin = path.join(dir, 'bin');
      fs.mkdirSync(fakeBin);
      const { log } = fakeLauncher(fakeBin);
      const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${fakeBin}:${process.env.PATH ?? ''}`, PSR_DATA_DIR: path.join(dir, 'data'), TMPDIR: dir };
      delete env.CI;
      delete env.PSR_NO_OPEN;
      const child = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), path.resolve('main/doors/serve.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      try {
        const seen = await waitFor(log, 30_000);
        const token = /#token=([\w-]+)/.exec(out)?.[1];
        expect(token).toBeTruthy();
        expect(/^argv:(.*)$/m.exec(seen)![1]).not.toContain(token);
        expect(seen).toContain(`#token=${token}`);
        expect(seen).toMatch(/^mode:600$/m);
      } finally {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
