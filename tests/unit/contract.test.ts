import { describe, expect, it } from 'vitest';
import { contract, methods } from '../../main/contract/api';
import { CaseDetails } from '../../main/contract/case';
import { jsonPath } from '../../main/contract/errors';
import { methodNames } from '../../main/contract/methodNames';
import { createHandlers } from '../../main/api/handlers';
import { caseDetails } from '../support/core';

describe('the contract is the one list of API calls', () => {
  it('has a handler for every call and no handler that is not a call', () => {
    // The type system already insists on this; the runtime check guards against casts.
    const handlers = createHandlers({
      db: {} as never,
      jurisdiction: { id: 'x', name: 'x', serviceName: 'x', locale: 'en', youngAdultUpperAge: 25, courts: [], protectiveMarking: 'x', idleLockMinutes: 10 },
      forms: new Map(),
      dataDir: '/nonexistent',
      appVersion: '0',
      now: () => new Date(),
    });
    expect(Object.keys(handlers).sort()).toEqual([...methods].sort());
  });

  it('lets the preload expose exactly the contract’s method names', () => {
    expect([...methodNames].sort()).toEqual(Object.keys(contract).sort());
  });

  it('keeps file-system calls to the command line', () => {
    expect(contract['store.backup'].access).toBe('local');
  });
});

describe('text fields refuse what a court document cannot hold', () => {
  const withName = (givenNames: string) => CaseDetails.safeParse(caseDetails({ person: { givenNames } }));

  it('refuses control characters in a name', () => {
    expect(withName('Am\u0007ina').success).toBe(false);
    expect(withName('Am\nina').success).toBe(false);
  });

  it('refuses a lone surrogate but keeps emoji and combining marks', () => {
    expect(withName('Ami\uD800na').success).toBe(false);
    expect(withName('Zoë 👩🏽‍⚖️').success).toBe(true);
    expect(withName('Zoe\u0308').success).toBe(true);
  });

  it('refuses a name longer than 120 characters', () => {
    expect(withName('x'.repeat(121)).success).toBe(false);
  });

  it('refuses unknown fields instead of silently dropping them', () => {
    const result = CaseDetails.safeParse({ ...caseDetails(), priority: 'high' });
    expect(result.success).toBe(false);
  });
});

describe('problems are located by JSON path', () => {
  it('writes keys, indexes and odd keys the way a reader expects', () => {
    expect(jsonPath(['charges', 0, 'plea'])).toBe('$.charges[0].plea');
    expect(jsonPath(['person', '__proto__'])).toBe('$.person.__proto__');
    expect(jsonPath(['a b'])).toBe('$["a b"]');
  });
});
