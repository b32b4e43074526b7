import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseDetails, tempDir, testCore, type TestCore } from '../support/core';
import { cli } from '../support/doors';
import type { AppCore } from '../../main/api/app';
import { createDispatch } from '../../main/api/dispatch';
import { runCli } from '../../main/doors/cli';

let core: TestCore;
let dir: string;
beforeEach(() => {
  core = testCore();
  dir = tempDir('psr-cli-');
});
afterEach(() => {
  core.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeCaseFile(name: string, details = caseDetails()): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify({ format: 'psr-case-file', formatVersion: 1, case: details }));
  return file;
}

describe('psr, the command line', () => {
  it('imports a case file, lists it and shows it', async () => {
    const imported = await cli(core, 'import', writeCaseFile('a.json'));
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toMatch(/^Imported case CR-2026-0415 \(Okafor\) as [0-9a-f-]{36}\.\n$/);

    const list = await cli(core, 'case', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/DUE\s+HEARING\s+CASE NUMBER\s+NAME/);
    expect(list.out).toContain('Okafor, Amina');

    const id = /as ([0-9a-f-]{36})/.exec(imported.out)![1]!;
    const shown = await cli(core, 'case', 'show', id);
    expect(shown.out).toContain('Case CR-2026-0415 at City Magistrates');
    expect(shown.out).toContain('1. Theft from a shop (2026-08-02, plea: guilty)');
  });

  it('prints JSON for machines with --json', async () => {
    await cli(core, 'import', writeCaseFile('a.json'));
    const { code, out } = await cli(core, '--json', 'case', 'list', '--query', 'okafor');
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { total: number; items: { caseNumber: string }[] };
    expect(parsed.total).toBe(1);
    expect(parsed.items[0]!.caseNumber).toBe('CR-2026-0415');
  });

  it('exports a case file that imports again into another store', async () => {
    const record = await core.call('cases.create', { details: caseDetails() });
    const out = path.join(dir, 'exported.json');
    expect((await cli(core, 'export-case', record.id, '--out', out)).code).toBe(0);
    const again = await cli(core, 'export-case', record.id, '--out', out);
    expect(again).toMatchObject({ code: 1 });
    expect(again.err).toMatch(/already exists; use --force/);

    const other = testCore();
    try {
      expect((await cli(other, 'import', out)).code).toBe(0);
      expect((await other.call('cases.list', {})).items[0]!.caseNumber).toBe('CR-2026-0415');
    } finally {
      other.cleanup();
    }
  });

  it('backs up the whole store to a file that opens and holds the cases', async () => {
    await core.call('cases.create', { details: caseDetails() });
    const out = path.join(dir, 'backup.sqlite');
    const result = await cli(core, 'backup', '--out', out);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/integrity ok/);
    const copy = new BetterSqlite3(out, { readonly: true });
    expect(copy.prepare('SELECT case_number FROM cases').all()).toEqual([{ case_number: 'CR-2026-0415' }]);
    copy.close();
  });

  it('answers a user error with exit code 1 and one line', async () => {
    const missing = await cli(core, 'case', 'show', '00000000-0000-4000-8000-000000000000');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('psr: No case with id 00000000-0000-4000-8000-000000000000.\n');
    const noFile = await cli(core, 'import', path.join(dir, 'nope.json'));
    expect(noFile).toMatchObject({ code: 1, err: expect.stringMatching(/^psr: Cannot read .*nope\.json: ENOENT\.\n$/) });
    const unknown = await cli(core, 'frobnicate');
    expect(unknown.code).toBe(1);
  });

  it('words a schema problem in plain words, never with a placeholder left in', async () => {
    const details = caseDetails();
    const file = writeCaseFile('long-name.json', { ...details, person: { ...details.person, givenNames: 'A'.repeat(121) } });
    const refused = await cli(core, 'import', file);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('$.case.person.givenNames');
    expect(refused.err).toContain('120');
    expect(refused.err).not.toContain('{{');
  });

  it('runs as an installed command and reports an unreadable store as a one-line user error', () => {
    const bin = path.resolve('bin/psr.mjs');
    expect(spawnSync(process.execPath, [bin, '--data-dir', dir, 'people', 'add', '--name', 'Officer Jane Doyle', '--role', 'probation_officer'], { encoding: 'utf8' }).status).toBe(0);
    const ok = spawnSync(process.execPath, [bin, '--data-dir', dir, 'case', 'list'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('No cases.\n');
    const corrupt = path.join(dir, 'corrupt');
    fs.mkdirSync(corrupt);
    fs.writeFileSync(path.join(corrupt, 'psr.sqlite'), 'this is not a database file at all, it is plain text'.repeat(200));
    const bad = spawnSync(process.execPath, [bin, '--data-dir', corrupt, 'case', 'list'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(bad.stderr).toContain(path.join(corrupt, 'psr.sqlite'));
  });

  it('answers an internal error with exit code 2', async () => {
    const broken = (): AppCore => ({ ...core, dispatch: createDispatch({ ...core.handlers, 'cases.list': () => { throw new TypeError('boom'); } }, { logger: { error: () => undefined } }), close: () => undefined });
    let err = '';
    const code = await runCli(['case', 'list'], { out: () => undefined, err: (t) => (err += t) }, broken);
    expect(code).toBe(2);
    expect(err).toBe('psr: An internal error occurred; nothing was saved. The details are in the log.\n');
  });
});
