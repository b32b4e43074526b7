import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Electronegativity's CLI exits 0 even when it finds problems, so the gate runs it through its Node
// API and judges the findings here: every finding must be on the allow-list with its reason.

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  manualReview: boolean;
}
interface RunResult {
  globalChecks: number;
  atomicChecks: number;
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  issues: Finding[];
}
interface AllowList {
  excludedChecks: Array<{ check: string; reason: string }>;
  accepted: Array<{ id: string; file: string; reason: string }>;
}

const run = require('@doyensec/electronegativity') as (options: Record<string, unknown>, forCli: boolean) => Promise<RunResult>;
const allowList = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'electronegativity-allowlist.json'), 'utf8')) as AllowList;
const electronVersion = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron;

function scan(input: string): Promise<RunResult> {
  return run(
    {
      input,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: allowList.excludedChecks.map((c) => c.check),
    },
    false,
  );
}

const describeLine = (f: Finding) => `${f.id} in ${f.file}:${f.location.line}:${f.location.column} (${f.description})`;

describe('the Electron security gate (electronegativity over main/app)', () => {
  it('reads every file of the Electron app and raises no finding that is not on the allow-list with a reason', async () => {
    const result = await scan(path.join(root, 'main', 'app'));
    const tsFiles = fs.readdirSync(path.join(root, 'main', 'app')).filter((f) => f.endsWith('.ts'));
    expect(tsFiles.length).toBeGreaterThan(0);
    expect(result.errors, 'a file the analyser cannot parse is a file it did not check').toEqual([]);
    expect(result.atomicChecks + result.globalChecks).toBeGreaterThan(30);

    const accepted = (f: Finding) => allowList.accepted.some((a) => a.id === f.id && a.file === f.file);
    const unexpected = result.issues.filter((f) => !accepted(f)).map(describeLine);
    expect(unexpected, 'new electronegativity findings: fix them, or add them to the allow-list with a reason').toEqual([]);

    const stale = allowList.accepted.filter((a) => !result.issues.some((f) => f.id === a.id && f.file === a.file));
    expect(stale, 'allow-list entries that match no finding any more: remove them').toEqual([]);
    for (const entry of [...allowList.accepted, ...allowList.excludedChecks]) expect(entry.reason.length).toBeGreaterThan(40);

    console.log(`electronegativity: ${result.issues.length} findings over ${tsFiles.length} files, all on the allow-list: ${result.issues.map((f) => f.id).join(', ')}`);
  });

  it('does fail on an insecure window, so the gate above can fail', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-insecure-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'main.ts'),
        `import { BrowserWindow } from 'electron';\nexport const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });\nwin.loadURL('http://example.com/');\n`,
      );
      const result = await scan(dir);
      const ids = result.issues.map((f) => f.id);
      // Each of these passes over main/app only because the app does the thing the check looks for.
      expect(ids).toEqual(
        expect.arrayContaining([
          'CONTEXT_ISOLATION_JS_CHECK',
          'SANDBOX_JS_CHECK',
          'WEB_SECURITY_JS_CHECK',
          'AUXCLICK_JS_CHECK',
          'LIMIT_NAVIGATION_GLOBAL_CHECK',
          'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
        ]),
      );
      expect(result.issues.filter((f) => !allowList.accepted.some((a) => a.id === f.id && a.file === f.file)).length).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
