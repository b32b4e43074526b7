import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

// The guard rails of docs/ARCHITECTURE.md: no import cycles, no Node in the pure layers, and each side
// of the app type-checked with only its own environment. Each test shows the rule refusing a real breach.

const repo = process.cwd();
const configFile = path.join(repo, 'eslint.config.js');
const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes the files into a throwaway copy of the repo layout, so the cycle rule can follow real imports. */
function layout(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-guards-'));
  scratch.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

async function lintMessages(root: string, file: string, ruleId: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: configFile });
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

describe('lint refuses import cycles', { timeout: 30_000 }, () => {
  it('refuses two handler modules that import each other', async () => {
    const root = layout({
      'main/api/handlers.ts': "import { reportHandlers } from './reportHandlers';\nexport const localDate = () => '2026-01-01';\nexport const all = () => reportHandlers();\n",
      'main/api/reportHandlers.ts': "import { localDate } from './handlers';\nexport const reportHandlers = () => localDate();\n",
    });
    expect(await lintMessages(root, 'main/api/reportHandlers.ts', 'import-x/no-cycle')).toHaveLength(1);
    expect(await lintMessages(root, 'main/api/handlers.ts', 'import-x/no-cycle')).toHaveLength(1);
  });

  it('follows a cycle through several folders of main', async () => {
    const root = layout({
      'main/domain/rules/facts.ts': "import { ageOn } from '../age';\nexport const facts = () => ageOn();\n",
      'main/domain/age.ts': "import { stage } from '../contract/stage';\nexport const ageOn = () => stage;\n",
      'main/contract/stage.ts': "import { facts } from '../domain/rules/facts';\nexport const stage = 'x';\nexport const again = facts;\n",
    });
    expect(await lintMessages(root, 'main/domain/rules/facts.ts', 'import-x/no-cycle')).toHaveLength(1);
  });

  it('refuses a cycle between renderer components', async () => {
    const root = layout({
      'renderer/src/features/Page.tsx': "import { Part } from './Part';\nexport function Page() { return <Part />; }\n",
      'renderer/src/features/Part.tsx': "import { Page } from './Page';\nexport function Part() { return <div>{String(Page)}</div>; }\n",
    });
    expect(await lintMessages(root, 'renderer/src/features/Part.tsx', 'import-x/no-cycle')).toHaveLength(1);
  });

  it('allows a one-way import and an import of types only', async () => {
    const root = layout({
      'main/api/types.ts': "import type { Handlers } from './handlers';\nexport type Table = Handlers;\n",
      'main/api/handlers.ts': "import type { Table } from './types';\nimport { x } from './util';\nexport type Handlers = { a: number };\nexport const t: Table | null = null;\nexport const y = x;\n",
      'main/api/util.ts': 'export const x = 1;\n',
    });
    expect(await lintMessages(root, 'main/api/handlers.ts', 'import-x/no-cycle')).toHaveLength(0);
    expect(await lintMessages(root, 'main/api/types.ts', 'import-x/no-cycle')).toHaveLength(0);
  });
});

describe('lint keeps Node globals out of the contract and the domain', () => {
  const eslint = new ESLint({ cwd: repo });
  async function restrictedGlobals(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-globals').map((m) => m.message);
  }

  it.each([
    ['process', 'export const home = process.env.HOME;\n'],
    ['Buffer', "export const bytes = Buffer.from('x');\n"],
    ['__dirname', 'export const here = __dirname;\n'],
    ['require', "export const fs = require('fs');\n"],
    ['global', 'export const g = global;\n'],
    ['setImmediate', 'export const later = () => setImmediate(() => undefined);\n'],
  ])('refuses %s in a domain rule module', async (name, code) => {
    const messages = await restrictedGlobals('main/domain/rules/x.ts', code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(name);
  });

  it('refuses process in the contract too', async () => {
    expect(await restrictedGlobals('main/contract/x.ts', 'export const env = process.env;\n')).toHaveLength(1);
  });

  it('allows what browsers and Node share, and Node globals in the core around it', async () => {
    expect(await restrictedGlobals('main/domain/x.ts', "export const later = () => setTimeout(() => undefined, 1);\nexport const u = new URL('https://x');\nexport const e = new TextEncoder();\n")).toHaveLength(0);
    expect(await restrictedGlobals('main/store/x.ts', 'export const env = process.env;\n')).toHaveLength(0);
  });
});

// Each check builds a small TypeScript program (lib files and @types included): seconds, not milliseconds.
describe('main and the renderer type-check with their own environment', { timeout: 60_000 }, () => {
  /** Type-checks one synthetic file as if it lived at `file`, with the compiler options of `tsconfig`. */
  function typeErrors(tsconfig: string, file: string, code: string): string[] {
    const configPath = path.join(repo, tsconfig);
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (!parsed) throw new Error(`cannot read ${tsconfig}`);
    const probe = path.join(repo, file);
    const host = ts.createCompilerHost(parsed.options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.readFile = (name) => (path.resolve(name) === probe ? code : readFile(name));
    host.fileExists = (name) => path.resolve(name) === probe || fileExists(name);
    host.getSourceFile = (name, language) =>
      path.resolve(name) === probe ? ts.createSourceFile(name, code, language) : getSourceFile(name, language);
    const program = ts.createProgram({ rootNames: [probe], options: parsed.options, host });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  it('gives the renderer no Node types', () => {
    expect(typeErrors('renderer/tsconfig.json', 'renderer/src/probe.ts', 'export const cwd = process.cwd();\n').join('\n')).toMatch(/process/);
    expect(typeErrors('renderer/tsconfig.json', 'renderer/src/probe.ts', 'export const title = document.title;\n')).toEqual([]);
  });

  it('gives main no DOM types', () => {
    expect(typeErrors('tsconfig.main.json', 'main/doors/probe.ts', 'export const title = document.title;\n').join('\n')).toMatch(/document/);
    expect(typeErrors('tsconfig.main.json', 'main/doors/probe.ts', 'export const cwd = process.cwd();\n')).toEqual([]);
  });

  it('checks the contract and the domain without Node, as the renderer runs them', () => {
    const renderer = ts.getParsedCommandLineOfConfigFile(path.join(repo, 'renderer/tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    const files = (renderer?.fileNames ?? []).map((f) => path.relative(repo, f));
    expect(files.some((f) => f.startsWith(path.join('main', 'contract')))).toBe(true);
    expect(files.some((f) => f.startsWith(path.join('main', 'domain')))).toBe(true);
    expect(files.some((f) => /^main[/\\](store|api|doors|app|export)/.test(f))).toBe(false);
  });

  it('runs every part in npm run typecheck', () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const config of ['tsconfig.main.json', 'renderer/tsconfig.json', 'tsconfig.json']) expect(scripts.typecheck).toContain(`-p ${config}`);
  });
});
