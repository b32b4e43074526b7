import { describe, expect, it } from 'vitest';
import { daysUntil, dueWording } from '../../../renderer/src/features/cases/due';

describe('the due date in the case list', () => {
  it('counts calendar days, across a month end and a leap day', () => {
    expect(daysUntil('2026-12-02', '2026-12-15')).toBe(13);
    expect(daysUntil('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysUntil('2026-12-02', '2026-11-30')).toBe(-2);
  });

  it('says a report is overdue, due today or how many days are left', () => {
    expect(dueWording(-2)).toEqual({ key: 'cases.due.overdue', count: 2 });
    expect(dueWording(0)).toEqual({ key: 'cases.due.today', count: 0 });
    expect(dueWording(1)).toEqual({ key: 'cases.due.inDays', count: 1 });
  });
});
