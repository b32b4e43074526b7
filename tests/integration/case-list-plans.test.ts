import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseSorts } from '../../main/contract/case';
import { caseDetails, testCore, type TestCore } from '../support/core';

// The case list reads every page straight from an index in its sort order: a page never waits
// for the store to sort its cases in memory, however many it holds (bench/store.ts measures the
// time; this proves the plan, which does not depend on the machine).

let core: TestCore;
beforeEach(async () => {
  core = testCore();
  for (let i = 0; i < 30; i++) await core.call('cases.create', { details: caseDetails({ caseNumber: `CR-2026-${String(i).padStart(4, '0')}`, reportDueDate: `2026-12-${String(1 + (i % 15)).padStart(2, '0')}` }) });
});
afterEach(() => core.cleanup());

/** The queries cases.list ran against the cases table, with their parameters. */
async function queriesOf(input: Parameters<TestCore['call']>[1]): Promise<Array<{ sql: string; params: unknown }>> {
  const db = core.db;
  const ran: Array<{ sql: string; params: unknown }> = [];
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (sql: string) => {
    const statement = prepare(sql);
    return new Proxy(statement, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if ((prop === 'all' || prop === 'get') && typeof value === 'function') {
          return (...args: unknown[]) => {
            if (/^\s*SELECT/i.test(sql) && /\bcases\b/.test(sql)) ran.push({ sql, params: args[0] });
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  try {
    await core.call('cases.list', input as never);
  } finally {
    (db as { prepare: unknown }).prepare = prepare;
  }
  return ran;
}

/** The plan of each page query cases.list ran. */
async function plansOf(input: Parameters<TestCore['call']>[1]): Promise<string[]> {
  return (await queriesOf(input))
    .filter((r) => /ORDER BY/.test(r.sql))
    .map((r) => (core.db.prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(r.params ?? {}) as Array<{ detail: string }>).map((p) => p.detail).join(' | '));
}

describe('the case list', () => {
  it.each(caseSorts)('reads a page sorted by %s from an index, without sorting in memory', async (sort) => {
    const plans = await plansOf({ sort, limit: 10 });
    expect(plans.length).toBe(1);
    expect(plans[0]).toMatch(/USING (COVERING )?INDEX/);
    expect(plans[0]).not.toMatch(/TEMP B-TREE/);
  });
});

describe('the case list filtered by state', () => {
  const filtered = caseSorts.flatMap((sort) => [
    [sort, ['none']],
    [sort, ['none', 'issued']],
  ]) as Array<[(typeof caseSorts)[number], Array<'none' | 'issued'>]>;
  it.each(filtered)('reads a page sorted by %s and filtered by state %j from an index, without sorting the many cases in that state', async (sort, state) => {
    const plans = await plansOf({ sort, state, limit: 10 });
    expect(plans.length).toBe(1);
    expect(plans[0]).toMatch(/USING (COVERING )?INDEX/);
    expect(plans[0]).not.toMatch(/TEMP B-TREE/);
  });

  it('reads a state that holds few cases from that state’s index', async () => {
    // No case is issued: there is nothing to walk the whole sort order for.
    const plans = await plansOf({ sort: 'last_saved', state: ['issued'], limit: 10 });
    expect(plans[0]).toMatch(/cases_by_list_state_due/);
  });
});

describe('the case list’s total', () => {
  it('is the count the store keeps, equal to the cases it holds after cases are added and one is removed', async () => {
    const counted = () => (core.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    expect((await core.call('cases.list', { limit: 5 })).total).toBe(30);
    await core.call('cases.create', { details: caseDetails({ caseNumber: 'CR-2026-9999' }) });
    expect((await core.call('cases.list', { limit: 5 })).total).toBe(counted());
    // Erasure removes the row, as here; the kept count follows it.
    core.db.prepare("DELETE FROM cases WHERE case_number = 'CR-2026-9999'").run();
    expect((await core.call('cases.list', { limit: 5 })).total).toBe(30);
    expect(counted()).toBe(30);
  });

  it('is given without counting rows, filtered by state or not', async () => {
    const counts = async (input: Parameters<TestCore['call']>[1]) => (await queriesOf(input)).filter((q) => /count\(\*\)/i.test(q.sql)).length;
    expect(await counts({ limit: 10 })).toBe(0);
    expect(await counts({ limit: 10, state: ['draft'] })).toBe(0);
    expect(await counts({ limit: 10, state: ['none', 'submitted'] })).toBe(0);
    expect((await core.call('cases.list', { limit: 10, state: ['none', 'submitted'] })).total).toBe(30);
    expect((await core.call('cases.list', { limit: 10, state: ['draft'] })).total).toBe(0);
  });
});
