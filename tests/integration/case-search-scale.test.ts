import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSorts } from '../../main/contract/case';
import { caseSearchText } from '../../main/domain/searchText';
import { ftsQuery, SEARCH_COUNT_CAP } from '../../main/store/cases';
import { caseDetails, testCore, type TestCore } from '../support/core';

// A search that matches more cases than it counts (more than 10,000) is answered by walking the
// list's order and keeping the rows whose words match. It must list exactly the cases, in exactly
// the order, that reading every match and sorting them would, on every page, in every order.

let core: TestCore;
const FAMILIES = ['Okafor', 'Müller', 'Nguyen', 'Smith'];
beforeAll(async () => {
  core = testCore();
  for (let i = 0; i < 40; i++) {
    await core.call('cases.create', {
      details: caseDetails({
        caseNumber: `CR-${2020 + (i % 3)}-${String(i).padStart(6, '0')}`,
        reportDueDate: `2026-12-${String(1 + (i % 18)).padStart(2, '0')}`,
        person: { givenNames: 'Amina', familyName: FAMILIES[i % FAMILIES.length]!, dateOfBirth: '1990-04-12', gender: 'female', preferredLanguage: 'en' },
      }),
    });
  }
  // Copies by SQL up to 48,000 cases, each with its own id, number and words (as bench/scale.ts seeds).
  core.db.function('psr_search_text', { deterministic: true }, (name: unknown, n: unknown) => caseSearchText(String(name), String(n)));
  const columns = (core.db.prepare(`SELECT name FROM pragma_table_info('cases')`).all() as Array<{ name: string }>).map((c) => c.name);
  const number = `printf('CR-%d-%07d', 2020 + ((@k * 40 + rowid) % 3), @k * 40 + rowid)`;
  const expr = (c: string) =>
    c === 'id' ? `substr(id, 1, 28) || printf('%08x', @k)` : c === 'case_number' ? number : c === 'search_text' ? `psr_search_text(person_name, ${number})` : c === 'updated_at' ? `printf('2026-11-%02dT10:00:00.000Z', 1 + (@k % 28))` : c;
  const copy = core.db.prepare(`INSERT INTO cases (${columns.join(', ')}) SELECT ${columns.map(expr).join(', ')} FROM cases WHERE rowid <= 40`);
  core.db.transaction(() => {
    for (let k = 1; k < 1200; k++) copy.run({ k });
  })();
});
afterAll(() => core.cleanup());

/** Every match read and sorted: the answer the walk must give. */
function everyMatch(query: string, sort: (typeof caseSorts)[number], offset: number, limit: number): string[] {
  const orderBy = { due_date: 'c.report_due_date ASC, c.case_number ASC', due_date_desc: 'c.report_due_date DESC, c.case_number DESC', last_saved: 'c.updated_at DESC, c.case_number ASC', case_number: 'c.case_number ASC' }[sort];
  return (
    core.db
      .prepare(`SELECT c.case_number FROM cases_fts f JOIN cases c ON c.rowid = f.rowid WHERE cases_fts MATCH ? ORDER BY ${orderBy} LIMIT ? OFFSET ?`)
      .all(ftsQuery(query), limit, offset) as Array<{ case_number: string }>
  ).map((r) => r.case_number);
}

describe('a search matching more cases than it counts', () => {
  it('says it matches more than it counts', async () => {
    const result = await core.call('cases.list', { query: 'cr', limit: 10 });
    expect(result).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
    const narrow = await core.call('cases.list', { query: 'okafor CR-2021', limit: 10 });
    expect(narrow.totalCapped).toBeUndefined();
    expect(narrow.total).toBe((core.db.prepare(`SELECT count(*) FROM cases_fts WHERE cases_fts MATCH ?`).pluck().get(ftsQuery('okafor CR-2021')) as number));
  });

  it.each(caseSorts)('lists, sorted by %s, exactly the cases every match sorted would, on the first and a later page', async (sort) => {
    for (const query of ['cr', 'CR-2021', 'amina', 'mull']) {
      for (const offset of [0, 450]) {
        const page = await core.call('cases.list', { query, sort, limit: 50, offset });
        expect(page.totalCapped, query).toBe(true);
        expect(page.items.map((c) => c.caseNumber), `${query} from ${offset}`).toEqual(everyMatch(query, sort, offset, 50));
      }
      // With a state filter too (every case here is not yet written, so the same cases).
      const filtered = await core.call('cases.list', { query, sort, limit: 50, state: ['none'] });
      expect(filtered.items.map((c) => c.caseNumber), `${query}, state none`).toEqual(everyMatch(query, sort, 0, 50));
    }
  });

  it('finds a name typed without its accents, and one typed with them', async () => {
    const plain = await core.call('cases.list', { query: 'muller', limit: 5 });
    const accented = await core.call('cases.list', { query: 'Müller', limit: 5 });
    expect(plain.items.map((c) => c.id)).toEqual(accented.items.map((c) => c.id));
    expect(plain.items.every((c) => c.personName.startsWith('MÜLLER') || c.personName.startsWith('Müller'))).toBe(true);
  });
});
