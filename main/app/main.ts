import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session } from 'electron';
import { currentActor, defaultDataDir, openCore, DB_FILE_NAME, type AppCore, type OpenCoreOptions } from '../api/app';
import { gatedDispatch, StoreGate } from '../api/gate';
import { AppError } from '../contract/errors';
import { shippedJurisdiction } from '../loaders/shipped';
import { registerIpcDoor } from '../doors/electron-ipc';
import { CorruptDatabaseError, restoreBackup } from '../store/recovery';
import { registerAppProtocol } from './protocol';
import { APP_START_URL, createAppWindow, hardenContents, hardenSession } from './security';

// Electron lifecycle. The core is the same one browser mode and the CLI use.

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let gate: StoreGate | null = null;
// Bundled as ESM (dist/electron/main.mjs); the preload stays CommonJS, as sandboxed preloads must.
const here = path.dirname(fileURLToPath(import.meta.url));

function rendererRoot(): string {
  return path.join(here, '..', 'renderer');
}

async function createWindow(): Promise<void> {
  const win = createAppWindow(path.join(here, 'preload.cjs'));
  win.once('ready-to-show', () => win.show());
  await win.loadURL(APP_START_URL);
}

/**
 * Opens the store; when the data file is damaged, says so and offers the latest good backup. The
 * damaged file is kept aside by the restore, never overwritten. Returns null when the app must quit.
 */
function openCoreOrOfferBackup(options: OpenCoreOptions): AppCore | null {
  try {
    return openCore(options);
  } catch (e) {
    if (e instanceof CorruptDatabaseError && e.latestBackup) {
      const choice = dialog.showMessageBoxSync({
        type: 'error',
        title: 'The data file is damaged',
        message: 'The data file is damaged and was not opened.',
        detail: e.message,
        buttons: ['Restore the latest backup', 'Quit without changing anything'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      if (choice !== 0) return null;
      try {
        const dataDir = options.dataDir ?? defaultDataDir();
        restoreBackup(path.join(dataDir, DB_FILE_NAME), e.latestBackup.path, {
          reason: 'corrupt',
          ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
          ...(options.key ? { key: options.key } : {}),
        });
        return openCore(options);
      } catch (again) {
        dialog.showErrorBox('The backup could not be restored', (again as Error).message);
        return null;
      }
    }
    dialog.showErrorBox('The data store cannot be opened', (e as Error).message);
    return null;
  }
}

app.enableSandbox();
app.whenReady().then(async () => {
  const dataDir = defaultDataDir();
  app.setPath('userData', dataDir);
  const nativeBinding = process.env.PSR_ELECTRON_NATIVE_BINDING;
  // The window opens on the sign-in screen; the store is opened by the first good passphrase.
  gate = new StoreGate({
    dataDir,
    applyPendingRestore: true,
    holder: 'desktop',
    ...(nativeBinding && fs.existsSync(nativeBinding) ? { nativeBinding } : {}),
    open: (options) => {
      const opened = openCoreOrOfferBackup(options);
      if (!opened) {
        app.exit(1);
        throw new AppError('storage', 'The data store cannot be opened.', { key: 'errors.storeCannotOpen' });
      }
      return opened;
    },
  });
  try {
    gate.openUnprotected();
  } catch {
    app.exit(1);
    return;
  }
  hardenSession(session.defaultSession);
  registerAppProtocol(protocol, rendererRoot());
  const jurisdiction = shippedJurisdiction();
  const ipcSession = registerIpcDoor(ipcMain, gatedDispatch(gate, () => jurisdiction.idleLockMinutes), currentActor());
  // Sleep and the screen lock end the sign-in: the next call asks for the passphrase again.
  for (const event of ['suspend', 'lock-screen'] as const) powerMonitor.on(event as 'suspend', () => gate?.lock(ipcSession));
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
});

// Every web contents (including any the app did not create itself) gets the same navigation rules.
app.on('web-contents-created', (_event, contents) => {
  hardenContents(contents);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  gate?.close();
  gate = null;
});
