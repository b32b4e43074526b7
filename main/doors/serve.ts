import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentActor, DB_FILE_NAME, type AppCore } from '../api/app';
import { gatedDispatch, StoreGate } from '../api/gate';
import { shippedJurisdiction } from '../loaders/shipped';
import type { ScryptCost } from '../store/keyring';
import { AppError } from '../contract/errors';
import { startBrowserServer, type BrowserServer } from './http';

/** The built renderer; `npm run build` writes it. */
export function rendererDist(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../dist/renderer');
}

export interface BrowserMode {
  /** The sign-in gate: nothing of the store is open until someone signs in through it. */
  gate: StoreGate;
  /** The open core; throws before anyone has signed in. */
  readonly core: AppCore;
  server: BrowserServer;
  stop(): Promise<void>;
}

export async function startBrowserMode(options: { dataDir?: string; port?: number; staticDir?: string; kdfCost?: ScryptCost } = {}): Promise<BrowserMode> {
  const staticDir = options.staticDir ?? rendererDist();
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new AppError('refused', `The user interface has not been built (${staticDir} is missing): run "npm run build" first.`, { key: 'errors.uiNotBuilt' });
  }
  // The page opens on the sign-in screen; the store is opened by the first good passphrase.
  const gate = new StoreGate({ applyPendingRestore: true, holder: 'browser', ...(options.dataDir ? { dataDir: options.dataDir } : {}), ...(options.kdfCost ? { kdfCost: options.kdfCost } : {}) });
  const jurisdiction = shippedJurisdiction();
  try {
    gate.openUnprotected();
    const server = await startBrowserServer({
      dispatch: gatedDispatch(gate, () => jurisdiction.idleLockMinutes),
      actor: currentActor(),
      staticDir,
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
    return {
      gate,
      get core(): AppCore {
        const core = gate.core;
        if (!core) throw new AppError('locked', 'No one has signed in yet.', { key: 'errors.signInFirst' });
        return core;
      },
      server,
      stop: async () => {
        await server.close();
        gate.close();
      },
    };
  } catch (e) {
    gate.close();
    throw e;
  }
}

const REDIRECT_LIFETIME_MS = 60_000;

export interface BrowserLaunch {
  /** The redirect file handed to the launcher (its path carries no token). */
  file: string;
  /** Removes the redirect file now (it is removed by itself after a minute). */
  remove(): void;
}

/**
 * Opens the tokened address without putting the token on a command line, where `ps` shows it to
 * every local user: the launcher gets a one-time local page, readable by this user only, that
 * redirects to the address; it is deleted after a minute, or when browser mode stops.
 */
export function openInBrowser(
  url: string,
  options: { opener?: string; lifetimeMs?: number; tempRoot?: string } = {},
): BrowserLaunch | null {
  const opener = options.opener ?? (process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open');
  let folder: string;
  try {
    folder = fs.mkdtempSync(path.join(options.tempRoot ?? os.tmpdir(), 'psr-open-'));
    fs.chmodSync(folder, 0o700);
  } catch {
    return null;
  }
  const file = path.join(folder, 'open-psr.html');
  const remove = () => fs.rmSync(folder, { recursive: true, force: true });
  try {
    fs.writeFileSync(file, redirectPage(url), { flag: 'wx', mode: 0o600 });
    const child = spawn(opener, [file], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser launcher here; the address is printed anyway.
    remove();
    return null;
  }
  setTimeout(remove, options.lifetimeMs ?? REDIRECT_LIFETIME_MS).unref();
  return { file, remove };
}

function redirectPage(url: string): string {
  const attr = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return [
    '<!doctype html>',
    '<meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0; url=${attr}">`,
    '<title>Pre-Sentence Report Author</title>',
    `<p><a href="${attr}">Open the app</a></p>`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const port = process.env.PSR_PORT ? Number(process.env.PSR_PORT) : 0;
  let mode: BrowserMode;
  try {
    mode = await startBrowserMode({ port });
  } catch (e) {
    console.error(`psr: ${(e as Error).message}`);
    process.exit(1);
  }
  console.log(`Browser mode: open ${mode.server.url}`);
  console.log(`Data: ${path.join(mode.gate.dataDir, DB_FILE_NAME)}. Sign in in the page. Press Ctrl+C to stop.`);
  const launch = !process.env.CI && !process.env.PSR_NO_OPEN ? openInBrowser(mode.server.url) : null;
  const stop = () => {
    launch?.remove();
    void mode.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Started as `npm run serve` (this file itself). A bundle that includes this module (a test's
// stand-in server, say) has the bundle's own name and must not start a second server.
const self = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === self && /^serve\.[cm]?[jt]s$/.test(path.basename(self))) void main();
