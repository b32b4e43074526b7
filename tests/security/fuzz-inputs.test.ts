import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, methods, type Door, type Method } from '../../main/contract/api';
import { CASE_FILE_FORMAT } from '../../main/contract/caseFile';
import { errorCodes, type ApiResult } from '../../main/contract/errors';
import { caseDetails, storeSnapshot, tempDir, testCore, type TestCore } from '../support/core';

// Every API call, fed junk at every door: random JSON and JS values, huge strings, deep nesting,
// lone surrogates, __proto__ and constructor keys, and valid inputs with one part replaced by junk.
// Each call must end as {ok:true} with a value its contract allows, or {ok:false} with a clear
// error, and a refused call must leave the store exactly as it was.

const RUNS_PER_PROPERTY = Number(process.env.PSR_FUZZ_RUNS ?? 400);
let tried = 0;
let core: TestCore;
let outDir: string;
let caseId: string;
/** A case of its own for cases.close, so closing it leaves the case the other calls use open. */
let closingId: string;

beforeAll(async () => {
  core = testCore();
  await core.startupBackup;
  outDir = tempDir('psr-fuzz-out-');
  caseId = (await core.call('cases.create', { details: caseDetails() })).id;
  closingId = (await core.call('cases.create', { details: caseDetails({ caseNumber: 'CR-FUZZ-CLOSE' }) })).id;
});
afterAll(() => {
  core.cleanup();
  fs.rmSync(outDir, { recursive: true, force: true });
  console.log(`fuzz: ${tried} calls tried over ${methods.length} API calls and the case-file import, every one answered without a crash`);
});

function interviewVersion(): number {
  return (core.db.prepare('SELECT version FROM interviews WHERE case_id = ?').get(caseId) as { version: number } | undefined)?.version ?? 0;
}

function fuzzProgramme(n: number) {
  return {
    name: `Programme ${n}`,
    provider: 'Provider',
    kind: 'referral_mentoring',
    needs: ['employment'],
    eligibility: { youngAdultOnly: false, excludedOffences: [], consentRequired: [], riskLevels: [] },
    location: 'Town',
    capacity: {},
    contact: {},
    languages: ['en'],
    retired: false,
  };
}

/** A stored programme (made on first use) for the calls that need one. */
function programme(): { id: string; version: number } {
  const row = core.db.prepare('SELECT id, version FROM programmes ORDER BY created_at LIMIT 1').get() as { id: string; version: number } | undefined;
  if (row) return row;
  const id = '00000000-0000-4000-8000-000000000001';
  core.db.prepare(`INSERT INTO programmes (id, version, name, kind, details, retired, created_at, created_by, updated_at, updated_by) VALUES (?, 1, 'P', 'referral_mentoring', ?, 0, '2026-11-26T10:00:00.000Z', 'u', '2026-11-26T10:00:00.000Z', 'u')`).run(id, JSON.stringify(fuzzProgramme(0)));
  return { id, version: 1 };
}

/** A valid input for each call, the starting point for "valid but for one part". */
function validInput(method: Method, n: number): Record<string, unknown> {
  const version = (core.db.prepare('SELECT version FROM cases WHERE id = ?').get(caseId) as { version: number }).version;
  const fresh = caseDetails({ caseNumber: `CR-FUZZ-${n}` });
  const inputs: Record<Method, Record<string, unknown>> = {
    'app.info': {},
    'cases.create': { details: fresh },
    'cases.get': { id: caseId },
    'cases.update': { id: caseId, version, details: caseDetails({ court: `Court ${n}` }) },
    'cases.list': { query: 'Okafor', sort: 'due_date', limit: 10, offset: 0, state: ['draft', 'none'], mine: true },
    'cases.history': { id: caseId },
    'caseFile.import': { file: { format: CASE_FILE_FORMAT, formatVersion: 1, case: fresh } },
    'caseFile.export': { id: caseId },
    'interview.open': { caseId },
    'interview.save': { caseId, version: interviewVersion(), interview: { formId: 'full', formVersion: 1, answers: { 'participation.interviewLanguage': { status: 'answered', value: `English ${n}` } } } },
    'interview.complete': { caseId, version: Math.max(1, interviewVersion()) },
    'store.listBackups': {},
    'store.backupNow': {},
    'store.requestRestore': { backup: 'backups/psr-20261126-100000-000.sqlite' },
    'store.backup': { path: path.join(outDir, `backup-${n}.sqlite`), overwrite: true },
    'report.templates': { caseId },
    'report.preview': { caseId, templateId: 'full-report' },
    'report.export': { caseId, templateId: 'full-report' },
    'reportText.get': { caseId },
    'reportText.save': {
      caseId,
      version: (core.db.prepare('SELECT version FROM report_texts WHERE case_id = ?').get(caseId) as { version: number } | undefined)?.version ?? 0,
      text: { sections: {}, acknowledgements: [{ checkId: `restates:fuzz-${n}`, reason: `Reason ${n}` }] },
    },
    'reportText.draft': { caseId, sectionId: 'conclusion' },
    'reportText.checks': { caseId, text: { sections: {}, acknowledgements: [] } },
    'signing.keys': {},
    'people.list': {},
    'people.add': { details: { fullName: `Officer ${n}`, role: 'probation_officer', team: 'North', service: 'Probation' } },
    'session.current': {},
    'session.choose': { personId: '00000000-0000-4000-8000-000000000009' },
    'session.setLanguage': { language: 'fr' },
    'session.signInState': {},
    'session.signIn': { personId: '00000000-0000-4000-8000-000000000009', passphrase: `guess ${n}` },
    'session.setUp': { passphrase: `a long passphrase ${n}`, personId: '00000000-0000-4000-8000-000000000009' },
    'session.lock': {},
    'session.draftKey': {},
    'session.changePassphrase': { current: `old ${n}`, next: `a new passphrase ${n}` },
    'people.resetPassphrase': { personId: '00000000-0000-4000-8000-000000000009', passphrase: `a new passphrase ${n}` },
    'inquiry.address': {},
    'documents.verify': { fileBase64: Buffer.from(`%PDF-1.7\n${n}\n%%EOF\n`).toString('base64') },
    'audit.verify': {},
    'programmes.list': { includeRetired: true },
    'programmes.create': { details: fuzzProgramme(n) },
    'programmes.update': { id: programme().id, version: programme().version, details: fuzzProgramme(n) },
    'programmes.retire': { id: programme().id, version: programme().version },
    'programmes.export': {},
    'programmes.import': { file: { format: 'psr-programmes', formatVersion: 1, programmes: [fuzzProgramme(n)] } },
    'options.catalogue': {},
    'options.jurisdiction': {},
    'options.profile': { caseId },
    'options.match': { caseId },
    'proposal.get': { caseId },
    'inquiry.export': { caseId },
    'inquiry.import': {
      package: { format: 'psr-inquiry', version: 1, createdAt: '2026-11-26T10:00:00.000Z', screener: { name: `Screener ${n}`, role: 'screener', team: '', service: '' }, case: fresh, interview: { formId: 'full', formVersion: 1, answers: {} } },
    },
    'report.life': { caseId },
    'report.submit': { caseId, templateId: 'full-report' },
    'report.return': { caseId, comment: `Comment ${n}` },
    'report.countersign': { caseId, comment: `Comment ${n}` },
    'report.issue': { caseId },
    'report.amend': { caseId, reason: `Reason ${n}` },
    'review.comment': { caseId, sectionId: null, body: `Body ${n}` },
    'review.address': { caseId, commentId: '00000000-0000-4000-8000-00000000000c' },
    'cases.assign': { caseId, personId: '00000000-0000-4000-8000-000000000009' },
    'cases.close': { caseId: closingId, reason: 'withdrawn' },
    'cases.dueForErasure': {},
    'cases.erase': { caseId: closingId, confirm: 'CR-FUZZ-CLOSE' },
    'proposal.save': {
      caseId,
      version: (core.db.prepare('SELECT version FROM proposals WHERE case_id = ?').get(caseId) as { version: number } | undefined)?.version ?? 0,
      proposal: { selected: [{ type: 'option', id: 'sentencing.fine' }], rationale: `Rationale ${n}`, alternatives: [], conditions: [{ id: 'c1', text: 'Attend an assessment within 14 days' }], acknowledgements: [] },
    },
  };
  return inputs[method];
}

const deepNesting = fc.tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
});
const loneSurrogates = fc.array(fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a', ' ', '\u0000', '\u202E', 'é', '😀'), { minLength: 1, maxLength: 40 }).map((parts) => parts.join(''));
const hugeString = fc.tuple(fc.integer({ min: 100_000, max: 3_000_000 }), fc.constantFrom('x', '\uD800', '😀', ' ')).map(([n, c]) => c.repeat(Math.ceil(n / c.length)));
const protoKeys = fc.constantFrom(
  '{"__proto__":{"isAdmin":true,"ok":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"__proto__":null}',
  '{"toString":"x","valueOf":1,"hasOwnProperty":false}',
  '{"details":{"__proto__":{"court":"Injected"}}}',
  '{"file":{"__proto__":{"format":"psr-case-file","formatVersion":1}}}',
).map((json) => JSON.parse(json) as unknown);
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 3, arbitrary: fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withSparseArray: true, withTypedArray: true, withBoxedValues: true }) },
  { weight: 2, arbitrary: loneSurrogates },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deepNesting },
  { weight: 2, arbitrary: protoKeys },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, NaN, Infinity, -0, 2 ** 53, -1, 0, 1.5, '', [], {}) },
);

/** Every path into a plain JSON-like value, so junk can be put at any depth. */
function paths(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}
/** `value` with the part at `at` replaced by `by`, or, given `extraKey`, with `by` added beside it under that key. */
function replaced(value: unknown, at: Array<string | number>, by: unknown, extraKey: string | null): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  if (at.length === 0 && extraKey === null) return by;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = at.at(-1);
  if (extraKey !== null && node && typeof node === 'object' && !Array.isArray(node)) {
    // defineProperty, so that "__proto__" becomes an own key as JSON.parse makes it, not a prototype change.
    Object.defineProperty(node, extraKey, { value: by, enumerable: true, configurable: true, writable: true });
  } else if (last !== undefined) node[last] = by;
  return copy;
}

const extraKey = fc.option(
  fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'then'), fc.integer({ min: 21, max: 100_000 }).map((n) => 'k'.repeat(n))),
  { freq: 3 },
);

function expectCleanAnswer(method: Method, result: ApiResult<unknown>, before: string, label: string): void {
  if (result.ok) {
    const out = contract[method].output.safeParse(result.value);
    expect(out.success, `${label}: ok, but the value breaks the contract`).toBe(true);
    return;
  }
  const { code, message } = result.error;
  expect(errorCodes, label).toContain(code);
  expect(code, `${label}: a crash inside the handler (${message})`).not.toBe('internal');
  expect(typeof message, label).toBe('string');
  expect(message.length, label).toBeGreaterThan(5);
  expect(message.length, `${label}: the message is too long to read`).toBeLessThan(2_000);
  expect(message, label).not.toMatch(/\[object Object\]|\n\s+at /);
  expect(storeSnapshot(core), `${label}: a refused call changed the store`).toBe(before);
}

async function call(method: string, input: unknown, door: Door): Promise<ApiResult<unknown>> {
  tried++;
  const before = storeSnapshot(core);
  let result: ApiResult<unknown>;
  try {
    result = await core.raw(method, input, { door });
  } catch (e) {
    throw new Error(`${method} via ${door} threw instead of answering: ${(e as Error).message}`, { cause: e });
  }
  if (method in contract) expectCleanAnswer(method as Method, result, before, `${method} via ${door}`);
  else {
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(storeSnapshot(core)).toBe(before);
  }
  return result;
}

// store.backup writes where it is told: from the CLI door its path is kept inside a temp folder.
const doorsFor = (method: Method): Door[] => (method === 'store.backup' ? ['ipc', 'http'] : ['ipc', 'http', 'cli']);

describe('every API call, fed junk', () => {
  for (const method of methods) {
    it(`${method} answers random and hostile input with a result or a clear error, changing nothing when it refuses`, async () => {
      await fc.assert(
        fc.asyncProperty(junk, fc.constantFrom(...doorsFor(method)), async (input, door) => {
          await call(method, input, door);
        }),
        { numRuns: RUNS_PER_PROPERTY },
      );
    });

    it(`${method} answers a valid input with one part replaced by junk the same way`, async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(fc.nat(), junk, extraKey, fc.constantFrom(...doorsFor(method)), async (pick, by, key, door) => {
          const valid = validInput(method, n++);
          const all = paths(valid).filter((p) => !(method === 'store.backup' && door === 'cli' && p[0] === 'path'));
          const at = all[pick % all.length] ?? [];
          await call(method, replaced(valid, at, by, key), door);
        }),
        { numRuns: RUNS_PER_PROPERTY },
      );
    });
  }

  it('store.backup from the command line refuses a junk overwrite flag or extra fields and writes no file', async () => {
    await fc.assert(
      fc.asyncProperty(junk, extraKey, async (by, key) => {
        const target = path.join(outDir, `cli-${tried}.sqlite`);
        const input = replaced({ path: target, overwrite: true }, ['overwrite'], by, key);
        const result = await call('store.backup', input, 'cli');
        if (!result.ok) expect(fs.existsSync(target)).toBe(false);
      }),
      { numRuns: RUNS_PER_PROPERTY },
    );
  });

  it('unknown call names, including prototype names, are refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'cases.delete', 'CASES.LIST'), hugeString), junk, async (name, input) => {
        fc.pre(!(methods as string[]).includes(name));
        await call(name, input, 'http');
      }),
      { numRuns: RUNS_PER_PROPERTY },
    );
  });
});

describe('problems fuzzing found, now fixed', () => {
  it('an unknown field with a huge name gets a short, clear error', async () => {
    const result = await core.raw('cases.list', { ['k'.repeat(200_000)]: 1 }, { door: 'ipc' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((result as { error: { message: string } }).error.message.length).toBeLessThan(2_000);
  });
});

describe('the case-file import', () => {
  const validFile = (n: number) => ({ format: CASE_FILE_FORMAT, formatVersion: 1, exportedAt: '2026-11-26T10:00:00Z', exportedBy: 'screener', case: caseDetails({ caseNumber: `CR-IMPORT-${n}` }) });

  it('refuses any file that is not a valid case file with a clear error, and imports nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(junk, fc.record({ format: fc.oneof(junk, fc.constant(CASE_FILE_FORMAT)), formatVersion: fc.oneof(junk, fc.constantFrom(0, 1, 2, 99, '1')), case: junk })), async (file) => {
        await call('caseFile.import', { file }, 'ipc');
      }),
      { numRuns: RUNS_PER_PROPERTY * 2 },
    );
  });

  it('treats a case file damaged in any one place the same way, reporting the place inside the file', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), junk, extraKey, async (pick, by, key) => {
        const file = validFile(n++);
        const all = paths(file);
        const result = await call('caseFile.import', { file: replaced(file, all[pick % all.length] ?? [], by, key) }, 'ipc');
        if (!result.ok && result.error.code === 'invalid_input') expect(result.error.path ?? '').toMatch(/^\$/);
      }),
      { numRuns: RUNS_PER_PROPERTY * 2 },
    );
  });

  it('an unknown formatVersion that is a BigInt or very long gets a short, clear error', async () => {
    for (const formatVersion of [1n, 'v'.repeat(5000)]) {
      const result = await core.raw('caseFile.import', { file: { format: CASE_FILE_FORMAT, formatVersion } }, { door: 'ipc' });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', path: '$.formatVersion' } });
      expect((result as { error: { message: string } }).error.message.length).toBeLessThan(300);
    }
  });

  it('never lets __proto__ or constructor keys reach an object prototype', async () => {
    for (const json of [
      `{"format":"${CASE_FILE_FORMAT}","formatVersion":1,"case":{"__proto__":{"polluted":"yes"}}}`,
      `{"__proto__":{"polluted":"yes"},"format":"${CASE_FILE_FORMAT}","formatVersion":1}`,
      `{"constructor":{"prototype":{"polluted":"yes"}},"format":"${CASE_FILE_FORMAT}","formatVersion":1}`,
    ]) {
      const result = await call('caseFile.import', { file: JSON.parse(json) as unknown }, 'http');
      expect(result.ok).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
