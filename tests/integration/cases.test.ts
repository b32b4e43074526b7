import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../main/contract/case';
import { caseDetails, storeSnapshot, testCore, type TestCore } from '../support/core';

let core: TestCore;
beforeEach(() => {
  core = testCore();
});
afterEach(() => core.cleanup());

describe('an officer creates and edits a case', () => {
  it('saves a new case at version 1 and records who created it', async () => {
    const created = await core.call('cases.create', { details: caseDetails() });
    expect(created.version).toBe(1);
    expect(created.createdBy).toBe('officer.test');
    expect(await core.call('cases.get', { id: created.id })).toEqual(created);
  });

  it('bumps the version on each save and keeps when and by whom it was last saved', async () => {
    const created = await core.call('cases.create', { details: caseDetails() });
    const edited = await core.call('cases.update', { id: created.id, version: 1, details: caseDetails({ hearingDate: '2027-01-10' }) }, { actor: 'senior.officer' });
    expect(edited.version).toBe(2);
    expect(edited.details.hearingDate).toBe('2027-01-10');
    expect(edited.updatedBy).toBe('senior.officer');
    expect(edited.createdBy).toBe('officer.test');
  });

  it('refuses a save over a stale version, names the current version, and changes nothing', async () => {
    const created = await core.call('cases.create', { details: caseDetails() });
    await core.call('cases.update', { id: created.id, version: 1, details: caseDetails({ court: 'Central Criminal Court' }) });
    const before = storeSnapshot(core);
    const result = await core.raw('cases.update', { id: created.id, version: 1, details: caseDetails({ caseNumber: 'CR-OTHER' }) });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', currentVersion: 2 } });
    expect(!result.ok && result.error.message).toMatch(/now version 2/);
    expect(storeSnapshot(core)).toBe(before);
  });

  it('appends an audit row for every change saying which field changed, keeping a court date as it is', async () => {
    const created = await core.call('cases.create', { details: caseDetails() });
    await core.call('cases.update', { id: created.id, version: 1, details: caseDetails({ reportDueDate: '2026-12-10' }) });
    const history = await core.call('cases.history', { id: created.id });
    expect(history.map((h) => [h.action, h.version])).toEqual([
      ['create', 1],
      ['update', 2],
    ]);
    expect(history[1]!.changes).toEqual([{ path: '$.reportDueDate', before: { kind: 'value', value: '2026-12-15' }, after: { kind: 'value', value: '2026-12-10' } }]);
  });

  it('does not bump the version when nothing changed', async () => {
    const created = await core.call('cases.create', { details: caseDetails() });
    const same = await core.call('cases.update', { id: created.id, version: 1, details: caseDetails() });
    expect(same.version).toBe(1);
  });

  it('refuses a second case with the same number at the same court', async () => {
    await core.call('cases.create', { details: caseDetails() });
    const result = await core.raw('cases.create', { details: caseDetails({ person: { familyName: 'Other' } }) });
    expect(result).toMatchObject({ ok: false, error: { code: 'duplicate', path: '$.caseNumber' } });
  });

  it('refuses a case about a child and explains that child justice applies', async () => {
    const before = storeSnapshot(core);
    const result = await core.raw('cases.create', { details: caseDetails({ person: { dateOfBirth: '2009-01-01' } }) });
    expect(result).toMatchObject({ ok: false, error: { code: 'out_of_scope' } });
    expect(!result.ok && result.error.message).toMatch(/Child justice applies/);
    expect(storeSnapshot(core)).toBe(before);
  });
});

describe('the case list', () => {
  beforeEach(async () => {
    const people = [
      ['Okafor', 'Amina', 'CR-2026-0415', '2026-12-15'],
      ['Müller', 'Jörg', 'CR-2026-0007', '2026-12-01'],
      ['Nguyen', 'Thi Lan', 'T20260099', '2026-12-08'],
    ] as const;
    for (const [familyName, givenNames, caseNumber, reportDueDate] of people) {
      await core.call('cases.create', { details: caseDetails({ person: { familyName, givenNames }, caseNumber, reportDueDate }) });
    }
  });

  it('is sorted by report due date, soonest first, by default', async () => {
    const list = await core.call('cases.list', {});
    expect(list.items.map((c) => c.caseNumber)).toEqual(['CR-2026-0007', 'T20260099', 'CR-2026-0415']);
    expect(list.total).toBe(3);
  });

  it('finds a case by the start of a name, ignoring case and accents', async () => {
    expect((await core.call('cases.list', { query: 'okaf' })).items.map((c) => c.personName)).toEqual(['Okafor, Amina']);
    expect((await core.call('cases.list', { query: 'muller' })).items.map((c) => c.personName)).toEqual(['Müller, Jörg']);
    expect((await core.call('cases.list', { query: 'thi lan' })).items.map((c) => c.personName)).toEqual(['Nguyen, Thi Lan']);
  });

  it('finds a case by its number or part of it', async () => {
    expect((await core.call('cases.list', { query: 'CR-2026-0415' })).items.map((c) => c.caseNumber)).toEqual(['CR-2026-0415']);
    expect((await core.call('cases.list', { query: 't2026' })).items.map((c) => c.caseNumber)).toEqual(['T20260099']);
  });

  it('treats search text as words, never as query syntax', async () => {
    for (const query of ['"', 'NEAR(', 'okafor OR *', "'; DROP TABLE cases; --", '***', '^']) {
      const result = await core.raw('cases.list', { query });
      expect(result.ok, query).toBe(true);
    }
    expect((await core.call('cases.list', {})).total).toBe(3);
  });

  it('finds a case again after its name is edited', async () => {
    const [target] = (await core.call('cases.list', { query: 'okafor' })).items;
    const record = await core.call('cases.get', { id: target!.id });
    await core.call('cases.update', { id: record.id, version: record.version, details: { ...record.details, person: { ...record.details.person, familyName: 'Adeyemi' } } });
    expect((await core.call('cases.list', { query: 'okafor' })).total).toBe(0);
    expect((await core.call('cases.list', { query: 'adeyemi' })).total).toBe(1);
  });
});

describe('case files', () => {
  it('round-trips: an exported case imports as an equal new case', async () => {
    const created = await core.call('cases.create', { details: caseDetails() });
    const file = await core.call('caseFile.export', { id: created.id });
    expect(file).toMatchObject({ format: 'psr-case-file', formatVersion: 5 });
    const other = testCore();
    try {
      const imported = await other.call('caseFile.import', { file: JSON.parse(JSON.stringify(file)) });
      expect(imported.details).toEqual(created.details);
    } finally {
      other.cleanup();
    }
  });

  it('writes nothing unless the whole file is valid, and reports every problem', async () => {
    const before = storeSnapshot(core);
    const file = { format: 'psr-case-file', formatVersion: 1, case: { ...caseDetails(), hearingDate: 'soon', stage: 'later' } };
    const result = await core.raw('caseFile.import', { file });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.issues?.map((i) => i.path)).toEqual(['$.case.hearingDate', '$.case.stage']);
    expect(storeSnapshot(core)).toBe(before);
  });
});

describe('a broad search at scale', () => {
  it('lists matches in the chosen order whether few or many cases match', async () => {
    const { CaseRepository } = await import('../../main/store/cases');
    const repo = new CaseRepository(core.db);
    core.db.transaction(() => {
      for (let i = 0; i < 1_700; i++) {
        const details = caseDetails({
          person: { familyName: i % 10 === 0 ? 'Other' : 'Smith' },
          caseNumber: `CR-${String((i * 7919) % 10_000).padStart(5, '0')}`,
          reportDueDate: `2026-12-${String(1 + (i % 28)).padStart(2, '0')}`,
          hearingDate: '2026-12-30',
        });
        repo.create(details, { actor: 't', at: '2026-11-26T10:00:00.000Z' });
      }
    })();
    const compare = {
      due_date: (a: CaseSummary, b: CaseSummary) => a.reportDueDate.localeCompare(b.reportDueDate) || a.caseNumber.localeCompare(b.caseNumber),
      due_date_desc: (a: CaseSummary, b: CaseSummary) => b.reportDueDate.localeCompare(a.reportDueDate) || b.caseNumber.localeCompare(a.caseNumber),
      case_number: (a: CaseSummary, b: CaseSummary) => a.caseNumber.localeCompare(b.caseNumber),
    };
    const everyone: CaseSummary[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await core.call('cases.list', { limit: 500, offset });
      everyone.push(...page.items);
      if (page.items.length < 500) break;
    }
    for (const [query, family, count] of [['smith', 'Smith, Amina', 1_530], ['other', 'Other, Amina', 170]] as const) {
      for (const sort of ['due_date', 'due_date_desc', 'case_number'] as const) {
        const page = await core.call('cases.list', { query, sort, limit: 40 });
        const expected = everyone.filter((c) => c.personName === family).sort(compare[sort]).slice(0, 40);
        expect(page.total).toBe(count);
        expect(page.items.map((c) => c.id), `${query}, sorted by ${sort}`).toEqual(expected.map((c) => c.id));
      }
    }
  });
});
