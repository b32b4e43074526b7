#!/usr/bin/env node
// For `npm start` with Electron: builds a copy of better-sqlite3-multiple-ciphers for Electron into
// .cache/electron-native/ (never in place: node_modules keeps the Node build that tests, the CLI and
// browser mode use) and prints the path of the binding on the last line of stdout, for
// PSR_ELECTRON_NATIVE_BINDING. A cached build is reused while Electron and better-sqlite3-multiple-ciphers versions match.
// Needs a machine that can download Electron's headers. Progress goes to stderr.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { assertBuiltForElectron } = require('./native-abi.cjs');

const root = path.resolve(process.env.PSR_PROJECT_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const cacheDir = path.join(root, '.cache', 'electron-native');
const copyDir = path.join(cacheDir, 'node_modules', 'better-sqlite3-multiple-ciphers');
const binding = path.join(copyDir, 'build', 'Release', 'better_sqlite3.node');
const marker = path.join(cacheDir, 'built-for.json');
const log = (line) => process.stderr.write(`${line}\n`);

const versionOf = (pkg) => JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const wanted = { electron: versionOf('electron'), betterSqlite3: versionOf('better-sqlite3-multiple-ciphers'), platform: process.platform, arch: process.arch };

function cached() {
  if (!fs.existsSync(binding) || !fs.existsSync(marker)) return false;
  const builtFor = JSON.parse(fs.readFileSync(marker, 'utf8'));
  return Object.entries(wanted).every(([k, v]) => builtFor[k] === v);
}

async function build() {
  log(`Building better-sqlite3-multiple-ciphers ${wanted.betterSqlite3} for Electron ${wanted.electron} in ${cacheDir} ...`);
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(copyDir), { recursive: true });
  const source = path.join(root, 'node_modules', 'better-sqlite3-multiple-ciphers');
  fs.cpSync(source, copyDir, { recursive: true, filter: (p) => !p.startsWith(path.join(source, 'build')) });
  // better-sqlite3-multiple-ciphers finds its binary through these; the copy needs its own.
  for (const dep of ['bindings', 'file-uri-to-path']) {
    const from = path.join(root, 'node_modules', dep);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(cacheDir, 'node_modules', dep), { recursive: true });
  }
  fs.writeFileSync(path.join(cacheDir, 'package.json'), JSON.stringify({ name: 'psr-electron-native', private: true, dependencies: { 'better-sqlite3-multiple-ciphers': wanted.betterSqlite3 } }, null, 2));
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: cacheDir, electronVersion: wanted.electron, arch: process.arch, onlyModules: ['better-sqlite3-multiple-ciphers'], force: true, mode: 'sequential' });
}

if (!cached()) await build();
// Checked every time, cached or not: a Node build here would only fail later, inside Electron.
const result = assertBuiltForElectron(binding);
fs.writeFileSync(marker, JSON.stringify(wanted, null, 2));
log(`better-sqlite3-multiple-ciphers for Electron ${wanted.electron}: NODE_MODULE_VERSION ${result.abi}`);
process.stdout.write(`${binding}\n`);
