import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import { currentActor, defaultDataDir, openCore, type AppCore } from '../api/app';
import { registerIpcDoor } from '../doors/electron-ipc';
import { mimeType, resolveStaticPath } from '../doors/static';
import { hardenSession, hardenWindow, secureWebPreferences } from './security';

// Electron lifecycle. The core is the same one browser mode and the CLI use.

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let core: AppCore | null = null;
// Bundled as ESM (dist/electron/main.mjs); the preload stays CommonJS, as sandboxed preloads must.
const here = path.dirname(fileURLToPath(import.meta.url));

function rendererRoot(): string {
  return path.join(here, '..', 'renderer');
}

async function createWindow(): Promise<void> {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    show: false,
    webPreferences: secureWebPreferences(path.join(here, 'preload.cjs')),
  });
  hardenWindow(win);
  win.once('ready-to-show', () => win.show());
  await win.loadURL('app://psr/index.html');
}

app.enableSandbox();
app.whenReady().then(async () => {
  const dataDir = defaultDataDir();
  app.setPath('userData', dataDir);
  try {
    const nativeBinding = process.env.PSR_ELECTRON_NATIVE_BINDING;
    core = openCore({ dataDir, ...(nativeBinding && fs.existsSync(nativeBinding) ? { nativeBinding } : {}) });
  } catch (e) {
    dialog.showErrorBox('The data store cannot be opened', (e as Error).message);
    app.exit(1);
    return;
  }
  hardenSession(session.defaultSession);
  const root = rendererRoot();
  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const found = url.host === 'psr' ? resolveStaticPath(root, url.pathname) : { refused: 'outside' as const };
    if ('refused' in found) return new Response('Not found', { status: 404 });
    return new Response(fs.readFileSync(found.file), { headers: { 'content-type': mimeType(found.file) } });
  });
  registerIpcDoor(ipcMain, core.dispatch, currentActor());
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  core?.close();
  core = null;
});
