import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/contract/errors';
import { parseCaseFile } from '../../main/domain/caseFile';
import { caseDetails } from '../support/core';

function problems(raw: unknown): { path: string; message: string }[] {
  try {
    parseCaseFile(raw);
  } catch (e) {
    if (e instanceof AppError) return e.details.issues ?? [];
    throw e;
  }
  return [];
}

describe('a case file handed over by a screener', () => {
  it('reads a version 1 file', () => {
    const file = { format: 'psr-case-file', formatVersion: 1, case: caseDetails() };
    expect(parseCaseFile(file).case.caseNumber).toBe('CR-2026-0415');
  });

  it('reports every problem at once, each with its JSON path', () => {
    const bad = caseDetails();
    const raw = JSON.parse(JSON.stringify({ format: 'psr-case-file', formatVersion: 1, case: bad }));
    raw.case.person.dateOfBirth = '1990-02-30';
    raw.case.charges[0].plea = 'maybe';
    raw.case.extra = true;
    const found = problems(raw).map((p) => p.path);
    expect(found).toEqual(expect.arrayContaining(['$.case.person.dateOfBirth', '$.case.charges[0].plea', '$.case']));
    expect(found).toHaveLength(3);
  });

  it('says plainly when a file is not a case file at all', () => {
    expect(problems([1, 2])[0]).toMatchObject({ path: '$' });
    expect(problems({ format: 'something-else' })[0]).toMatchObject({ path: '$.format' });
  });

  it('tells the officer a newer app wrote the file rather than guessing at it', () => {
    const [issue] = problems({ format: 'psr-case-file', formatVersion: 99, case: caseDetails() });
    expect(issue).toMatchObject({ path: '$.formatVersion' });
    expect(issue!.message).toMatch(/newer version of the app/);
  });
});
