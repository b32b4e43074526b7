import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentActor, openCore, type AppCore } from '../api/app';
import { AppError } from '../contract/errors';
import { startBrowserServer, type BrowserServer } from './http';

/** The built renderer; `npm run build` writes it. */
export function rendererDist(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../dist/renderer');
}

export interface BrowserMode {
  core: AppCore;
  server: BrowserServer;
  stop(): Promise<void>;
}

export async function startBrowserMode(options: { dataDir?: string; port?: number; staticDir?: string } = {}): Promise<BrowserMode> {
  const staticDir = options.staticDir ?? rendererDist();
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new AppError('refused', `The user interface has not been built (${staticDir} is missing): run "npm run build" first.`);
  }
  const core = openCore({ applyPendingRestore: true, holder: 'browser', ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  try {
    const server = await startBrowserServer({
      dispatch: core.dispatch,
      actor: currentActor(),
      staticDir,
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
    return {
      core,
      server,
      stop: async () => {
        await server.close();
        core.close();
      },
    };
  } catch (e) {
    core.close();
    throw e;
  }
}

function openInBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser launcher here; the address is printed anyway.
  }
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
  console.log(`Data: ${mode.core.dbFile}. Press Ctrl+C to stop.`);
  if (!process.env.CI && !process.env.PSR_NO_OPEN) openInBrowser(mode.server.url);
  const stop = () => {
    void mode.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
