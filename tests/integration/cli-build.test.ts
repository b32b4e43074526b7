import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';

// The command as an officer runs it after `npm install`: the bundle in dist/cli/ (built here when
// missing, as the prepare step would), started by bin/psr.mjs with no TypeScript compiled at run time.

const root = path.resolve(import.meta.dirname, '../..');
const built = path.join(root, 'dist/cli/cli.mjs');
let dataDir: string;

/** Whether the bundle is missing, or older than a source it was built from (the rule bin/psr.mjs uses). */
function buildIsStale(): boolean {
  if (!fs.existsSync(built) || !fs.existsSync(path.join(root, 'dist/cli/meta.json'))) return true;
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'dist/cli/sources.json'), 'utf8')) as { builtAt: number; sources: string[] };
    return manifest.sources.some((source) => (fs.statSync(path.join(root, source), { throwIfNoEntry: false })?.mtimeMs ?? 0) > manifest.builtAt);
  } catch {
    return true;
  }
}

beforeAll(() => {
  if (buildIsStale()) {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs')], { cwd: root, encoding: 'utf8' });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
  }
  dataDir = tempDir('psr-cli-build-');
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** The built bundle itself, run from a folder outside the checkout (templates/ is found from the bundle's own place). */
function builtPsr(...args: string[]) {
  const script = `const { runCli } = await import(${JSON.stringify(`file://${built}`)}); process.exitCode = await runCli(process.argv.slice(1));`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', ...args], { cwd: dataDir, encoding: 'utf8', timeout: 60_000 });
}

describe('the built psr command', () => {
  it('prints its help and exits 0', () => {
    const run = builtPsr('--help');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: psr \[options\] \[command\]/);
    for (const command of ['case', 'import', 'export', 'render', 'backup', 'restore']) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('asks who is using a new store, then lists its cases and exits 0', () => {
    const first = builtPsr('--data-dir', dataDir, 'case', 'list');
    expect(first.status).toBe(1);
    expect(first.stderr).toContain('psr people add');
    expect(builtPsr('--data-dir', dataDir, 'people', 'add', '--name', 'Officer Jane Doyle', '--role', 'probation_officer').status).toBe(0);
    const run = builtPsr('--data-dir', dataDir, 'case', 'list');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('No cases.\n');
    expect(fs.existsSync(path.join(dataDir, 'psr.sqlite'))).toBe(true);
  });

  it('answers a case that does not exist with one line on stderr and exit code 1', () => {
    const run = builtPsr('--data-dir', dataDir, 'case', 'show', '00000000-0000-4000-8000-000000000000');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('psr: No case with id 00000000-0000-4000-8000-000000000000.\n');
  });

  it('loads neither the store, the options code, zod nor docx to print its help', () => {
    // What `psr --help` loads is the entry file and what it imports statically; the rest is
    // imported by the command that needs it.
    const meta = JSON.parse(fs.readFileSync(path.join(root, 'dist/cli/meta.json'), 'utf8')) as {
      outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }>;
    };
    const loaded = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file) || !meta.outputs[file]) return;
      loaded.add(file);
      for (const i of meta.outputs[file].imports) if (i.kind === 'import-statement') visit(i.path);
    };
    visit('dist/cli/cli.mjs');
    const inputs = [...loaded].flatMap((f) => Object.keys(meta.outputs[f]!.inputs));
    expect(inputs).toContain('main/doors/cli.ts');
    const needless = inputs.filter((i) => /node_modules\/(docx|zod|better-sqlite3|json-logic-js)\/|^main\/(store|export|api|loaders|domain\/options)\//.test(i));
    expect(needless).toEqual([]);
    // The same modules are in the build, for the commands that use them.
    const all = Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs));
    expect(all.some((i) => i.includes('node_modules/docx/'))).toBe(true);
    expect(all.some((i) => i.startsWith('main/store/'))).toBe(true);
  });
});

describe('bin/psr.mjs', () => {
  // The launcher, copied beside a stand-in build and stand-in sources inside the checkout's dist/
  // (so tsx resolves): it must run the build when the build is current, and the sources otherwise.
  let tree: string;
  beforeAll(() => {
    fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
    tree = fs.mkdtempSync(path.join(root, 'dist', 'psr-launcher-test-'));
    for (const dir of ['bin', 'dist/cli', 'main/doors']) fs.mkdirSync(path.join(tree, dir), { recursive: true });
    fs.copyFileSync(path.join(root, 'bin/psr.mjs'), path.join(tree, 'bin/psr.mjs'));
    const standIn = (who: string) => `export async function runCli(argv: string[]): Promise<number> { process.stdout.write('${who} ' + argv.join(' ')); return 0; }\n`;
    fs.writeFileSync(path.join(tree, 'main/doors/cli.ts'), standIn('sources'));
    fs.writeFileSync(path.join(tree, 'dist/cli/cli.mjs'), standIn('build').replace(/: string\[\]|: Promise<number>/g, ''));
  });
  afterAll(() => fs.rmSync(tree, { recursive: true, force: true }));

  const launch = () => spawnSync(process.execPath, [path.join(tree, 'bin/psr.mjs'), '--help'], { cwd: tree, encoding: 'utf8', timeout: 60_000 });
  const writeManifest = (builtAt: number) => fs.writeFileSync(path.join(tree, 'dist/cli/sources.json'), JSON.stringify({ builtAt, sources: ['main/doors/cli.ts', 'main/gone.ts'] }));

  it('runs the build when no source changed after it', () => {
    writeManifest(Date.now() + 60_000);
    expect(launch()).toMatchObject({ status: 0, stdout: 'build --help', stderr: '' });
  });

  it('runs the sources through tsx when a source changed after the build, without a word on a non-terminal stderr', () => {
    writeManifest(Date.now() - 60_000);
    expect(launch()).toMatchObject({ status: 0, stdout: 'sources --help', stderr: '' });
  });

  it('runs the sources through tsx when there is no build', () => {
    fs.rmSync(path.join(tree, 'dist/cli/sources.json'));
    expect(launch()).toMatchObject({ status: 0, stdout: 'sources --help', stderr: '' });
  });
});
