import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INPUT_LIMIT_BYTES } from '../../main/doors/input';
import { caseDetails, storeSnapshot, tempDir, testCore, type TestCore } from '../support/core';
import { cli } from '../support/doors';

// The files the command line reads and writes. Whatever path an officer (or a script) gives, psr
// answers promptly with one clear line, and what it writes about a person is theirs alone to read.

const posix = process.platform !== 'win32';
let core: TestCore;
let dir: string;
beforeEach(() => {
  core = testCore();
  dir = tempDir('psr-cli-files-');
});
afterEach(() => {
  core.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const caseFileJson = () => JSON.stringify({ format: 'psr-case-file', formatVersion: 1, case: caseDetails() });

/** The installed command in its own process, so a read that blocks shows as a timeout, not a stuck test run. */
function psr(...args: string[]) {
  return spawnSync(process.execPath, [path.resolve('bin/psr.mjs'), '--data-dir', core.dataDir, ...args], { encoding: 'utf8', timeout: 30_000 });
}

describe('psr reads only regular files of a bounded size', () => {
  it.skipIf(!posix)('refuses a named pipe at once instead of waiting for a writer', () => {
    const fifo = path.join(dir, 'case.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const before = storeSnapshot(core);
    const run = psr('import', fifo);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`psr: ${fifo} is not a regular file; give the path of a JSON file.\n`);
    expect(storeSnapshot(core)).toBe(before);
  });

  it.skipIf(!fs.existsSync('/dev/zero'))('refuses an endless device such as /dev/zero at once', () => {
    const run = psr('import', '/dev/zero');
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('psr: /dev/zero is not a regular file; give the path of a JSON file.\n');
  });

  it('refuses a file over the stated limit without reading it, and says the limit', async () => {
    const file = path.join(dir, 'huge.json');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, INPUT_LIMIT_BYTES + 1);
    const before = storeSnapshot(core);
    const run = await cli(core, 'import', file);
    expect(run).toMatchObject({ code: 1, out: '' });
    expect(run.err).toBe(`psr: ${file} is larger than the 8 MB limit for input files; nothing was read.\n`);
    expect(storeSnapshot(core)).toBe(before);
  });

  it('takes a file of exactly the limit as far as its content', async () => {
    const file = path.join(dir, 'padded.json');
    const json = caseFileJson();
    fs.writeFileSync(file, json + ' '.repeat(INPUT_LIMIT_BYTES - Buffer.byteLength(json)));
    expect(fs.statSync(file).size).toBe(INPUT_LIMIT_BYTES);
    expect(await cli(core, 'import', file)).toMatchObject({ code: 0, err: '' });
  });

  it('refuses a folder by name', async () => {
    const run = await cli(core, 'import', dir);
    expect(run).toMatchObject({ code: 1, err: `psr: ${dir} is not a regular file; give the path of a JSON file.\n` });
  });

  it('accepts a case file saved with a UTF-8 byte-order mark, as Windows editors write it', async () => {
    const file = path.join(dir, 'bom.json');
    fs.writeFileSync(file, `\uFEFF${caseFileJson()}`);
    const run = await cli(core, 'import', file);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toMatch(/^Imported case CR-2026-0415 \(Okafor\)/);
  });

  it('refuses a file that is not UTF-8 instead of replacing what it cannot read', async () => {
    const file = path.join(dir, 'latin1.json');
    fs.writeFileSync(file, Buffer.from(caseFileJson().replace('Okafor', 'Ok\u00e9for'), 'latin1'));
    const run = await cli(core, 'import', file);
    expect(run).toMatchObject({ code: 1, err: `psr: ${file} is not UTF-8 text; save it as UTF-8 and try again.\n` });
  });
});

describe.skipIf(!posix)('psr writes exports readable by the officer only', () => {
  let umask: number;
  beforeEach(() => {
    // The usual desktop umask, under which a plain write would be readable by every local user.
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
  });
  const mode = (file: string) => fs.statSync(file).mode & 0o777;

  it('writes a case file 0600', async () => {
    const record = await core.call('cases.create', { details: caseDetails() });
    const out = path.join(dir, 'case.json');
    expect(await cli(core, 'export-case', record.id, '--out', out)).toMatchObject({ code: 0 });
    expect(mode(out)).toBe(0o600);
  });

  it('makes a file it overwrites with --force 0600 too', async () => {
    const record = await core.call('cases.create', { details: caseDetails() });
    const out = path.join(dir, 'case.json');
    fs.writeFileSync(out, 'old', { mode: 0o644 });
    expect(mode(out)).toBe(0o644);
    expect(await cli(core, 'export-case', record.id, '--out', out, '--force')).toMatchObject({ code: 0 });
    expect(mode(out)).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ format: 'psr-case-file' });
  });

  it('writes a DOCX report 0600', async () => {
    const input = path.join(dir, 'in.json');
    fs.writeFileSync(input, caseFileJson());
    const out = path.join(dir, 'report.docx');
    expect(await cli(core, 'render', input, '--template', 'full-report', '--out', out, '--report-date', '2026-11-26')).toMatchObject({ code: 0 });
    expect(mode(out)).toBe(0o600);
  });

  it('still refuses to overwrite without --force, and leaves the file as it was', async () => {
    const record = await core.call('cases.create', { details: caseDetails() });
    const out = path.join(dir, 'case.json');
    fs.writeFileSync(out, 'keep');
    expect(await cli(core, 'export-case', record.id, '--out', out)).toMatchObject({ code: 1, err: `psr: ${out} already exists; use --force to overwrite it.\n` });
    expect(fs.readFileSync(out, 'utf8')).toBe('keep');
  });
});
