// electron-builder beforePack hook (npmRebuild is false): rebuild better-sqlite3-multiple-ciphers for the Electron
// version being packaged with @electron/rebuild, then prove the result is not a Node build.
// The Node build is kept and put back by after-pack.cjs, so tests keep working after `npm run dist`.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file: electron-builder loads its hooks with require(). */
const fs = require('node:fs');
const path = require('node:path');
const { assertBuiltForElectron } = require('./native-abi.cjs');

const BINDING = path.join('node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');
const SAVED_NODE_BUILD = path.join('.cache', 'node-build', 'better_sqlite3.node');

// electron-builder's Arch enum, by number.
const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

function electronVersion(projectDir, packager) {
  const configured = packager && packager.config && packager.config.electronVersion;
  if (configured) return configured;
  return JSON.parse(fs.readFileSync(path.join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

module.exports = async function beforePack(context) {
  const projectDir = context.packager.projectDir;
  const arch = ARCH_NAMES[context.arch] || String(context.arch);
  const platform = context.electronPlatformName;
  // A native module must be compiled on the system it runs on; a cross build here would ship a
  // binary this machine cannot check. Build each platform on its own machine (a CI matrix).
  if (platform !== process.platform || arch !== process.arch) {
    throw new Error(`Packaging ${platform}/${arch} on ${process.platform}/${process.arch}: build each platform on its own OS and architecture, so better-sqlite3-multiple-ciphers is compiled and checked for it.`);
  }
  const binding = path.join(projectDir, BINDING);
  const saved = path.join(projectDir, SAVED_NODE_BUILD);
  if (fs.existsSync(binding) && !fs.existsSync(saved)) {
    fs.mkdirSync(path.dirname(saved), { recursive: true });
    fs.copyFileSync(binding, saved);
  }
  const version = electronVersion(projectDir, context.packager);
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: projectDir, electronVersion: version, arch, onlyModules: ['better-sqlite3-multiple-ciphers'], force: true, mode: 'sequential' });
  const result = assertBuiltForElectron(binding);
  console.log(`  • better-sqlite3-multiple-ciphers rebuilt for Electron ${version} (${platform}/${arch}): NODE_MODULE_VERSION ${result.abi}, refused by Node ${process.version} (${result.nodeAbi}) as it should be`);
};
