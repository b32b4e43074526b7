// `npm start`: the desktop app where Electron's binary is available, otherwise browser mode.
// `npm run serve` (--browser): browser mode directly. Both build what is missing or stale first.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const browserOnly = process.argv.includes('--browser');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuilt(output, sources, script) {
  const out = path.join(root, output);
  const stale = !fs.existsSync(out) || sources.some((s) => newestMtime(path.join(root, s)) > fs.statSync(out).mtimeMs);
  if (!stale) return;
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function electronBinary() {
  // Reading path.txt directly: requiring the electron package would try to download the binary.
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const bin = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8'));
  return fs.existsSync(bin) ? bin : null;
}

ensureBuilt('dist/renderer/index.html', ['renderer', 'main/contract', 'main/domain'], 'build:renderer');

const electron = browserOnly ? null : electronBinary();
if (electron) {
  ensureBuilt('dist/electron/main.mjs', ['main'], 'build:electron');
  // The desktop window needs better-sqlite3-multiple-ciphers built for Electron's ABI; a copy is rebuilt into
  // .cache/electron-native (never in place, so tests and the CLI keep the Node build).
  const native = spawnSync(process.execPath, [path.join(root, 'scripts', 'electron-native.mjs')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (native.status !== 0) process.exit(native.status ?? 1);
  const nativeBinding = native.stdout.trim().split('\n').at(-1);
  const child = spawn(electron, [root], { stdio: 'inherit', env: { ...process.env, PSR_ELECTRON_NATIVE_BINDING: nativeBinding } });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!browserOnly) console.log('Electron is not installed on this machine (offline or CI): starting browser mode instead.');
  const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, path.join(root, 'main', 'doors', 'serve.ts')], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
