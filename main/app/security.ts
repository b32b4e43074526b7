import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../doors/http';
import { isAppFrameUrl } from '../doors/electron-ipc';

// Electron's security checklist, in one place: isolated, sandboxed renderers with no Node, a strict
// CSP, no permissions, no navigation away from the app and no new windows. The window options are
// written out literally here (not assembled elsewhere) so the static gate, electronegativity, can
// read them and the unit tests see exactly what Electron receives.

export const APP_ORIGIN = 'app://psr';
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** The app's one window: the renderer gets no Node, its own JS world, the OS sandbox and a preload bridge. */
export function createAppWindow(preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      // Middle-click on a link would otherwise ask for a new window; the open handler denies it too.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenWindow(win);
  return win;
}

// Names a private or local network the way people write them; such hosts never leave the app.
const LOCAL_SUFFIXES = ['localhost', 'local', 'internal', 'lan', 'home', 'corp', 'intranet', 'test', 'invalid', 'example', 'onion'];

/**
 * Only plain https addresses on the public web leave the app, and only in the system browser: no
 * other scheme, no credentials, no explicit port, no IP literal, no local or reserved name.
 */
export function isVettedExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  // URL parsing silently drops tabs and newlines; an address that needs them is not one a person typed.
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\s\u0000-\u001F\u007F]/.test(url)) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username !== '' || u.password !== '' || u.port !== '') return false;
  const host = u.hostname;
  if (host.startsWith('[') || /^[\d.]+$/.test(host)) return false;
  const labels = host.split('.');
  if (labels.length < 2 || labels.some((l) => l === '')) return false;
  return !LOCAL_SUFFIXES.includes(labels[labels.length - 1] ?? '');
}

/** Opens `url` in the system browser when it is vetted; reports whether it did. */
export function openExternalIfVetted(url: string): boolean {
  if (!isVettedExternalUrl(url)) return false;
  void shell.openExternal(url);
  return true;
}

/** No permission (camera, microphone, notifications, geolocation...) is ever granted, and every response carries the CSP. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/** The window never leaves the app: navigation and redirects elsewhere are cancelled, new windows are denied. */
export function hardenWindow(win: BrowserWindow): void {
  hardenContents(win.webContents);
}

// A window the app creates is hardened at creation and again by web-contents-created; once is enough.
const hardened = new WeakSet<WebContents>();

export function hardenContents(contents: WebContents): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.on('will-navigate', (event, url) => {
    if (isAppFrameUrl(url)) return;
    event.preventDefault();
    openExternalIfVetted(url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppFrameUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppFrameUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfVetted(url);
    return { action: 'deny' };
  });
}
