import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { caseDetails, storeSnapshot, tempDir, testCore, type TestCore } from '../support/core';
import { cli, httpDoor, ipcDoor } from '../support/doors';
import { loadForms } from '../../main/loaders/forms';
import { completeInterview, facts } from '../unit/forms/support';

// Each kind of bad input is tried at each door. Every one must come back as a clear, specific
// error and leave the store exactly as it was.

type Raw = Record<string, unknown>;
const valid = () => JSON.parse(JSON.stringify(caseDetails())) as Raw;
const withPerson = (patch: Raw) => ({ ...valid(), person: { ...(valid().person as Raw), ...patch } });

interface BadInput {
  name: string;
  /** JSON text of the case details (so malformed JSON can be expressed). */
  json: string;
  code: string;
  /** What the error must say or point at. */
  expect: RegExp;
}

const cases: BadInput[] = [
  { name: 'malformed JSON', json: '{"person": {"givenNames": "Amina",', code: 'invalid_input', expect: /JSON/ },
  { name: 'wrong types', json: JSON.stringify(withPerson({ dateOfBirth: 19900412 })), code: 'invalid_input', expect: /person\.dateOfBirth/ },
  { name: 'unknown fields', json: JSON.stringify({ ...valid(), priority: 'urgent' }), code: 'invalid_input', expect: /Unknown field: "priority"/ },
  { name: 'a birth date in the future', json: JSON.stringify(withPerson({ dateOfBirth: '2030-01-01' })), code: 'invalid_input', expect: /date of birth 2030-01-01 is in the future/ },
  {
    name: 'a hearing date before the offence date',
    json: JSON.stringify({ ...valid(), hearingDate: '2026-08-01', reportDueDate: '2026-07-25' }),
    code: 'invalid_input',
    expect: /hearing date 2026-08-01 is before the offence date/,
  },
  { name: 'control characters', json: JSON.stringify(withPerson({ familyName: 'Oka\u0000for\u001b[31m' })), code: 'invalid_input', expect: /control character/ },
  { name: 'a __proto__ key', json: '{"__proto__": {"isAdmin": true}, ' + JSON.stringify(valid()).slice(1), code: 'invalid_input', expect: /Unknown field: "__proto__"/ },
];
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

let core: TestCore;
let before: string;
beforeEach(async () => {
  core = testCore();
  await core.call('cases.create', { details: caseDetails({ caseNumber: 'CR-EXISTING' }) });
  before = storeSnapshot(core);
});
afterEach(() => {
  expect(({} as Raw).isAdmin).toBeUndefined();
  core.cleanup();
});

function describeError(error: { message: string; issues?: { path: string; message: string }[] }): string {
  return [error.message, ...(error.issues ?? []).map((i) => `${i.path}: ${i.message}`)].join('\n');
}

describe('the Electron IPC door refuses bad input and changes nothing', () => {
  for (const bad of cases) {
    it(`refuses ${bad.name}`, async () => {
      let input: unknown;
      try {
        input = { details: JSON.parse(bad.json) };
      } catch {
        input = bad.json; // IPC carries structured values, so malformed JSON arrives as a bare string
      }
      const result = await ipcDoor(core).invoke('cases.create', input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        if (typeof input !== 'string') expect(describeError(result.error)).toMatch(bad.expect);
      }
      expect(storeSnapshot(core)).toBe(before);
    });
  }

  it('refuses a 10 MB string', async () => {
    const result = await ipcDoor(core).invoke('cases.create', { details: withPerson({ familyName: TEN_MB }) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', path: '$.details.person.familyName' } });
    expect(storeSnapshot(core)).toBe(before);
  });

  it('refuses calls from a frame that is not the app’s own page', async () => {
    const result = await ipcDoor(core).invoke('cases.create', { details: valid() }, 'https://evil.example/');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(storeSnapshot(core)).toBe(before);
  });
});

describe('the browser-mode door refuses bad input and changes nothing', () => {
  let server: Awaited<ReturnType<typeof httpDoor>>;
  beforeEach(async () => {
    server = await httpDoor(core);
  });
  afterEach(async () => server.close());

  for (const bad of cases) {
    it(`refuses ${bad.name}`, async () => {
      const isJson = (() => {
        try {
          JSON.parse(bad.json);
          return true;
        } catch {
          return false;
        }
      })();
      const { status, json } = await server.post('cases.create', isJson ? `{"details": ${bad.json}}` : bad.json);
      expect(status).toBe(400);
      expect(json.ok).toBe(false);
      if (!json.ok) {
        expect(json.error.code).toBe(bad.code);
        expect(describeError(json.error)).toMatch(bad.expect);
      }
      expect(storeSnapshot(core)).toBe(before);
    });
  }

  it('refuses a 10 MB string as too large before reading it', async () => {
    const { status, json } = await server.post('cases.create', JSON.stringify({ details: withPerson({ familyName: TEN_MB }) }));
    expect(status).toBe(413);
    expect(json).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(storeSnapshot(core)).toBe(before);
  });
});

describe('the command-line door refuses bad input with exit code 1, one line, and changes nothing', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('psr-cli-bad-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fileFor = (name: string, caseJson: string): string => {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.json`);
    let body: string;
    try {
      JSON.parse(caseJson);
      body = `{"format": "psr-case-file", "formatVersion": 1, "case": ${caseJson}}`;
    } catch {
      body = caseJson;
    }
    fs.writeFileSync(file, body);
    return file;
  };

  for (const bad of cases) {
    it(`refuses ${bad.name}`, async () => {
      const { code, out, err } = await cli(core, 'import', fileFor(bad.name, bad.json));
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(bad.expect);
      expect(storeSnapshot(core)).toBe(before);
    });
  }

  it('refuses a 10 MB string as too large before reading it, as browser mode does', async () => {
    const { code, err } = await cli(core, 'import', fileFor('huge', JSON.stringify(withPerson({ familyName: TEN_MB }))));
    expect(code).toBe(1);
    expect(err).toMatch(/is larger than the 8 MB limit for input files; nothing was read/);
    expect(err.length).toBeLessThan(1000);
    expect(storeSnapshot(core)).toBe(before);
  });
});

describe('answers over their question’s limit or with a broken character are refused at every door, naming the question', () => {
  const full = loadForms().get('full')!;
  const fileWith = (answers: Record<string, unknown>) =>
    JSON.stringify({ format: 'psr-case-file', formatVersion: 3, case: valid(), interview: completeInterview(full, facts(), answers as never) });
  // JSON text, so the lone surrogate travels as the escape a hand-written or damaged file holds.
  const overLimit = fileWith({ 'offence.context': { status: 'answered', value: 'x'.repeat(20_000) } });
  const broken = fileWith({ 'offence.context': { status: 'answered', value: 'SURROGATE' } }).replace('SURROGATE', 'Sorry \\ud83d.');

  it('refuses them at psr import with exit code 1 and one line', async () => {
    const dir = tempDir('psr-cli-limits-');
    try {
      for (const [name, body, says] of [
        ['over', overLimit, /\$\.interview\.answers\.offence\.context: At most 4000 characters; this has 20000/],
        ['broken', broken, /\$\.interview\.answers\.offence\.context: Contains a broken character/],
      ] as const) {
        const file = path.join(dir, `${name}.json`);
        fs.writeFileSync(file, body);
        const { code, out, err } = await cli(core, 'import', file);
        expect(code, name).toBe(1);
        expect(out).toBe('');
        expect(err.trim().split('\n')).toHaveLength(1);
        expect(err).toMatch(says);
        expect(storeSnapshot(core)).toBe(before);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses them over browser mode and IPC with the same path', async () => {
    const server = await httpDoor(core);
    try {
      for (const body of [overLimit, broken]) {
        const { status, json } = await server.post('caseFile.import', `{"file": ${body}}`);
        expect(status).toBe(400);
        expect(json).toMatchObject({ ok: false, error: { code: 'invalid_input', path: '$.interview.answers.offence.context' } });
        const ipc = await ipcDoor(core).invoke('caseFile.import', { file: JSON.parse(body) });
        expect(ipc).toMatchObject({ ok: false, error: { code: 'invalid_input', path: '$.interview.answers.offence.context' } });
      }
    } finally {
      await server.close();
    }
    expect(storeSnapshot(core)).toBe(before);
  });
});

describe('SQL-looking text is just text at every door', () => {
  const sqlName = "Robert'); DROP TABLE cases; --";

  it('stores and returns it verbatim and the store stays whole', async () => {
    const ipc = await ipcDoor(core).invoke('cases.create', { details: { ...withPerson({ familyName: sqlName }), caseNumber: "1' OR '1'='1" } });
    expect(ipc.ok).toBe(true);
    const server = await httpDoor(core);
    try {
      const { json } = await server.post('cases.list', JSON.stringify({ query: sqlName }));
      expect(json.ok && (json.value as { items: { personName: string }[] }).items.map((c) => c.personName)).toEqual([`${sqlName}, Amina`]);
    } finally {
      await server.close();
    }
    const { code, out } = await cli(core, 'case', 'list', '--query', 'DROP TABLE');
    expect(code).toBe(0);
    expect(out).toContain(sqlName);
    expect((await core.call('cases.list', {})).total).toBe(2);
  });
});
