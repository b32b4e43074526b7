import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as ElectronFuses from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';

// What of the release build can be proven on a machine without Electron: the builder configuration
// as electron-builder itself reads and validates it, the fuses the afterPack hook sets (on a stand-in
// binary carrying Electron's fuse wire), and the check that catches a better-sqlite3-multiple-ciphers built for Node.

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const nodeBuild = path.join(root, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');

interface AbiCheck {
  ok: boolean;
  verdict: string;
  detail?: string;
  abi?: number;
  nodeAbi?: number;
}
const { checkBuiltForElectron } = require('../../scripts/native-abi.cjs') as { checkBuiltForElectron(binding: string): AbiCheck };
const afterPack = require('../../scripts/after-pack.cjs') as ((context: unknown) => Promise<void>) & { fuseConfig(o: { platform: string; arch: string }): Record<string, unknown> };
const beforePack = require('../../scripts/before-pack.cjs') as (context: unknown) => Promise<void>;
const fuses = require('@electron/fuses') as typeof ElectronFuses;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function scratch(): string {
  const d = tempDir('psr-pack-');
  dirs.push(d);
  return d;
}

describe('electron-builder.yml', () => {
  it('is accepted by electron-builder’s own loader and schema', async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      getConfig(projectDir: string, configPath: string | null, fromOptions: unknown): Promise<Record<string, unknown>>;
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The schema does reject a broken file, so the check above means something.
    await expect(validateConfiguration({ ...config, npmRebuild: 'sometimes' }, new DebugLogger(false))).rejects.toThrow();
  });

  it('builds AppImage and deb, NSIS and dmg, unpacks native modules, and leaves the rebuild to the hooks', async () => {
    const { getConfig } = require('app-builder-lib/out/util/config/config') as { getConfig(p: string, c: string, o: null): Promise<Record<string, unknown>> };
    const config = (await getConfig(root, path.join(root, 'electron-builder.yml'), null)) as {
      linux: { target: string[] };
      win: { target: string[] };
      mac: { target: string[] };
      asar: boolean;
      asarUnpack: string[];
      npmRebuild: boolean;
      beforePack: string;
      afterPack: string;
      files: Array<string | { filter: string[] }>;
    };
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3-multiple-ciphers/**']));
    expect(config.npmRebuild).toBe(false);
    expect(fs.existsSync(path.join(root, config.beforePack))).toBe(true);
    expect(fs.existsSync(path.join(root, config.afterPack))).toBe(true);
    const files = config.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'templates/**']));
  });
});

describe('the fuses set after packing', () => {
  const { FuseV1Options } = fuses;
  // The fuse wire stores each fuse as an ASCII digit: '0' off, '1' on.
  const FuseState = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) };

  it('turn RunAsNode, NODE_OPTIONS and the inspect arguments off, and load only a checked app.asar', () => {
    for (const platform of ['linux', 'win32', 'darwin']) {
      const config = afterPack.fuseConfig({ platform, arch: 'x64' });
      expect(config[FuseV1Options.RunAsNode]).toBe(false);
      expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
      expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
      expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
      expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    }
    expect(afterPack.fuseConfig({ platform: 'darwin', arch: 'arm64' }).resetAdHocDarwinSignature).toBe(true);
  });

  it('are written into the packed binary by the afterPack hook, and the Node build of better-sqlite3-multiple-ciphers is put back', async () => {
    const project = scratch();
    const appOutDir = path.join(project, 'release', 'linux-unpacked');
    fs.mkdirSync(appOutDir, { recursive: true });
    // A stand-in Electron binary: Electron's fuse sentinel, wire version 1, eight fuses, all at their defaults.
    const wire = Buffer.from([1, 8, ...Array.from({ length: 8 }, (_, i) => (i === 1 || i === 7 ? FuseState.DISABLE : FuseState.ENABLE))]);
    const binary = path.join(appOutDir, 'psr-author');
    fs.writeFileSync(binary, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), wire, Buffer.alloc(4096, 9)]));
    const release = path.join(project, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release');
    fs.mkdirSync(release, { recursive: true });
    fs.writeFileSync(path.join(release, 'better_sqlite3.node'), 'the Electron build');
    fs.mkdirSync(path.join(project, '.cache', 'node-build'), { recursive: true });
    fs.writeFileSync(path.join(project, '.cache', 'node-build', 'better_sqlite3.node'), 'the Node build');

    await afterPack({ appOutDir, electronPlatformName: 'linux', arch: 1, packager: { projectDir: project, executableName: 'psr-author', appInfo: { productFilename: 'Pre-Sentence Report Author' } } });

    const after = (await fuses.getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    expect(after[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(after[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(fs.readFileSync(path.join(release, 'better_sqlite3.node'), 'utf8')).toBe('the Node build');
  });
});

describe('the check that better-sqlite3-multiple-ciphers was really built for Electron', () => {
  it('fails on the Node build installed here: it loads in Node, so it has the wrong ABI for Electron', () => {
    const result = checkBuiltForElectron(nodeBuild);
    expect(result.ok).toBe(false);
    expect(result.verdict).toBe('loads in Node -> wrong ABI');
    expect(result.detail).toContain(`NODE_MODULE_VERSION ${process.versions.modules}`);
  });

  it('fails on a file that is no native module at all, and on a missing one', () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, 'broken.node'), 'not a shared library');
    expect(checkBuiltForElectron(path.join(dir, 'broken.node'))).toMatchObject({ ok: false, verdict: 'does not load at all' });
    expect(checkBuiltForElectron(path.join(dir, 'missing.node'))).toMatchObject({ ok: false, verdict: 'missing' });
  });

  it('passes a module that Node refuses for its ABI version, as it refuses an Electron build', (ctx) => {
    if (process.platform !== 'linux' || spawnSync('cc', ['--version']).status !== 0) ctx.skip('needs a C compiler on Linux to build a stand-in module');
    const dir = scratch();
    // A minimal addon registering itself for NODE_MODULE_VERSION 999, no headers needed.
    fs.writeFileSync(
      path.join(dir, 'other-abi.c'),
      `struct node_module { int nm_version; unsigned int nm_flags; void *nm_dso_handle; const char *nm_filename; void *nm_register_func; void *nm_context_register_func; const char *nm_modname; void *nm_priv; struct node_module *nm_link; };
extern void node_module_register(void *);
static struct node_module m = { 999, 0, 0, "other-abi.c", 0, 0, "other_abi", 0, 0 };
__attribute__((constructor)) static void init(void) { node_module_register(&m); }
`,
    );
    const cc = spawnSync('cc', ['-shared', '-fPIC', '-o', path.join(dir, 'other-abi.node'), path.join(dir, 'other-abi.c')], { encoding: 'utf8' });
    expect(cc.status, cc.stderr).toBe(0);
    expect(checkBuiltForElectron(path.join(dir, 'other-abi.node'))).toMatchObject({ ok: true, abi: 999, nodeAbi: Number(process.versions.modules) });
  });

  it('stops beforePack from cross-building for another platform, whose binary this machine could not check', async () => {
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    await expect(beforePack({ electronPlatformName: other, arch: 1, packager: { projectDir: root, config: {} } })).rejects.toThrow(/build each platform on its own OS/);
  });

  it('stops `npm start` from handing Electron a cached better-sqlite3-multiple-ciphers that is really a Node build', () => {
    const project = scratch();
    for (const pkg of ['electron', 'better-sqlite3-multiple-ciphers']) {
      fs.mkdirSync(path.join(project, 'node_modules', pkg), { recursive: true });
      fs.copyFileSync(path.join(root, 'node_modules', pkg, 'package.json'), path.join(project, 'node_modules', pkg, 'package.json'));
    }
    const cache = path.join(project, '.cache', 'electron-native');
    const planted = path.join(cache, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release');
    fs.mkdirSync(planted, { recursive: true });
    fs.copyFileSync(nodeBuild, path.join(planted, 'better_sqlite3.node'));
    const versionOf = (pkg: string) => (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
    fs.writeFileSync(path.join(cache, 'built-for.json'), JSON.stringify({ electron: versionOf('electron'), betterSqlite3: versionOf('better-sqlite3-multiple-ciphers'), platform: process.platform, arch: process.arch }));

    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'electron-native.mjs')], { env: { ...process.env, PSR_PROJECT_DIR: project }, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('loads in Node -> wrong ABI');
    expect(run.stdout).toBe('');
  });
});
