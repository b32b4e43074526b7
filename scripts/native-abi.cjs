// Is a native module built for Electron, or silently built for Node? Electron's rebuild tools can
// quietly produce a Node build (for example when Electron's headers cannot be fetched); such a
// package starts, then dies on the first database call. The test: a build made for Electron must
// be refused by plain Node, and refused for its ABI version, not for being broken.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file: electron-builder loads its hooks with require(). */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

/** Tries to load `binding` in a separate plain Node process; reports whether it loaded and why not. */
function loadInNode(binding, nodeExecutable = process.execPath) {
  const r = spawnSync(nodeExecutable, ['-e', 'process.dlopen({ exports: {} }, process.argv[1])', binding], { encoding: 'utf8', timeout: 30_000 });
  return { loads: r.status === 0, error: `${r.stderr || ''}${r.error ? r.error.message : ''}` };
}

/**
 * { ok: true, abi } when Node refuses the binding because it was compiled for another
 * NODE_MODULE_VERSION (as an Electron build is); { ok: false, verdict, detail } otherwise.
 */
function checkBuiltForElectron(binding, nodeExecutable = process.execPath) {
  if (!fs.existsSync(binding)) return { ok: false, verdict: 'missing', detail: `${binding} does not exist` };
  const tried = loadInNode(binding, nodeExecutable);
  if (tried.loads) {
    return {
      ok: false,
      verdict: 'loads in Node -> wrong ABI',
      detail: `${binding} loads in plain Node ${process.version} (NODE_MODULE_VERSION ${process.versions.modules}), so it was built for Node, not Electron; Electron would refuse it at start.`,
    };
  }
  const m = /NODE_MODULE_VERSION (\d+)\. This version of Node\.js requires\s+NODE_MODULE_VERSION (\d+)/.exec(tried.error);
  if (m && m[1] !== m[2]) {
    return { ok: true, verdict: 'refused by Node for its ABI -> built for another runtime', abi: Number(m[1]), nodeAbi: Number(m[2]) };
  }
  return { ok: false, verdict: 'does not load at all', detail: tried.error.trim().split('\n').slice(0, 6).join('\n') };
}

/** Throws with a message fit for a build log when `binding` is not an Electron build. */
function assertBuiltForElectron(binding, nodeExecutable) {
  const result = checkBuiltForElectron(binding, nodeExecutable);
  if (!result.ok) throw new Error(`better-sqlite3-multiple-ciphers for Electron: ${result.verdict}. ${result.detail}`);
  return result;
}

module.exports = { loadInNode, checkBuiltForElectron, assertBuiltForElectron };
