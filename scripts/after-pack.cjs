// electron-builder afterPack hook: flip Electron's fuses in the packaged binary (before signing),
// then put the Node build of better-sqlite3-multiple-ciphers back in node_modules for tests and browser mode.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file: electron-builder loads its hooks with require(). */
const fs = require('node:fs');
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** The fuses every package ships with. */
function fuseConfig({ platform, arch }) {
  return {
    version: FuseVersion.V1,
    // Flipping a fuse breaks the ad-hoc signature of an arm64 macOS binary; it is re-signed here.
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
    // The app binary cannot be used as a plain Node (ELECTRON_RUN_AS_NODE).
    [FuseV1Options.RunAsNode]: false,
    // NODE_OPTIONS and --inspect/--inspect-brk cannot inject code or a debugger into the app.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // Only the packaged app.asar is loaded, and only when its hash matches the one built in.
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    // Cookies and local storage are encrypted with the OS key store.
    [FuseV1Options.EnableCookieEncryption]: true,
    // file:// pages get no extra privileges (the app uses app://).
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

/** Where the Electron binary that carries the fuses is, inside the packed app folder. */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

async function afterPack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] || String(context.arch);
  const binary = electronBinary(context);
  await flipFuses(binary, fuseConfig({ platform, arch }));
  console.log(`  • fuses set on ${binary}: RunAsNode off, NODE_OPTIONS off, inspect off, only app.asar, asar integrity on`);

  const projectDir = context.packager.projectDir;
  const saved = path.join(projectDir, '.cache', 'node-build', 'better_sqlite3.node');
  if (fs.existsSync(saved)) {
    fs.copyFileSync(saved, path.join(projectDir, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node'));
    fs.rmSync(saved);
  }
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinary = electronBinary;
