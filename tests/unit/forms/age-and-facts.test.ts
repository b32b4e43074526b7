import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/contract/errors';
import { loadJurisdiction } from '../../../main/loaders/dataFiles';
import { CHILD_JUSTICE_MESSAGE } from '../../../main/domain/caseRules';
import { assertInterviewAllowed } from '../../../main/domain/forms/guards';
import { facts } from './support';

// Ages are whole years at the earliest offence date and at the report date; the age gate and the
// young-adult sections both hang on them, so the edges are pinned here day by day.

const at = (dateOfBirth: string, offenceDate: string, reportDueDate: string, upperAge = 25) =>
  facts({ person: { dateOfBirth }, charges: [{ offenceDate }], reportDueDate }, upperAge);

describe('the age gate: no interview for a child', () => {
  it('allows someone whose 18th birthday is both the offence date and the report date', () => {
    const who = at('2008-11-26', '2026-11-26', '2026-11-26');
    expect(who.ageAtOffence).toBe(18);
    expect(who.ageAtReport).toBe(18);
    expect(who.isChild).toBe(false);
    expect(() => assertInterviewAllowed(who)).not.toThrow();
  });

  it('refuses someone who offended the day before their 18th birthday, even if 18 by the report', () => {
    const who = at('2008-11-26', '2026-11-25', '2026-12-15');
    expect(who.ageAtOffence).toBe(17);
    expect(who.ageAtReport).toBe(18);
    expect(who.isChild).toBe(true);
  });

  it('refuses someone who is still 17 on the report date', () => {
    const who = at('2008-12-16', '2026-11-01', '2026-12-15');
    expect(who.ageAtReport).toBe(17);
    expect(who.isChild).toBe(true);
  });

  it('says that child justice applies, with the ages, as an out_of_scope error', () => {
    const who = at('2008-11-26', '2026-11-25', '2026-12-15');
    let caught: unknown;
    try {
      assertInterviewAllowed(who);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe('out_of_scope');
    expect(error.message).toBe(CHILD_JUSTICE_MESSAGE);
    expect(error.details).toMatchObject({ key: 'errors.childJustice', params: { ageAtOffence: 17, ageAtReport: 18 } });
  });

  it('judges someone born on 29 February 17 on 28 February and 18 on 1 March of a common year', () => {
    expect(at('2008-02-29', '2026-02-28', '2026-02-28').isChild).toBe(true);
    const firstOfMarch = at('2008-02-29', '2026-03-01', '2026-03-01');
    expect(firstOfMarch.ageAtOffence).toBe(18);
    expect(firstOfMarch.isChild).toBe(false);
  });

  it('counts a 29 February birthday on the day itself in a leap year', () => {
    expect(at('2008-02-29', '2028-02-28', '2028-02-28').ageAtReport).toBe(19);
    expect(at('2008-02-29', '2028-02-29', '2028-02-29').ageAtReport).toBe(20);
  });
});

describe('young adults: 18 up to and including the jurisdiction’s upper age', () => {
  it('reads the default upper age, 25, from templates/jurisdictions/default.json', () => {
    expect(loadJurisdiction('default').youngAdultUpperAge).toBe(25);
  });

  it('counts an 18-year-old as a young adult', () => {
    expect(at('2008-11-26', '2026-11-26', '2026-11-26').isYoungAdult).toBe(true);
  });

  it('still counts someone on their 25th birthday, and not on their 26th', () => {
    expect(at('2001-11-26', '2026-11-26', '2026-11-26').isYoungAdult).toBe(true);
    expect(at('2000-11-26', '2026-11-26', '2026-11-26').isYoungAdult).toBe(false);
    expect(at('2000-11-27', '2026-11-26', '2026-11-26').isYoungAdult).toBe(true);
  });

  it('counts someone who was 25 at the offence though 26 by the report', () => {
    const who = at('2000-12-01', '2026-11-30', '2026-12-15');
    expect(who.ageAtOffence).toBe(25);
    expect(who.ageAtReport).toBe(26);
    expect(who.isYoungAdult).toBe(true);
  });

  it('follows a jurisdiction that sets a different upper age', () => {
    expect(at('2005-11-26', '2026-11-26', '2026-11-26', 21).isYoungAdult).toBe(true);
    expect(at('2004-11-26', '2026-11-26', '2026-11-26', 21).isYoungAdult).toBe(false);
  });

  it('takes the earliest of several offence dates', () => {
    const who = facts({ person: { dateOfBirth: '2000-06-01' }, charges: [{ offenceDate: '2026-07-01' }, { offenceDate: '2026-05-01' }], reportDueDate: '2026-08-01' });
    expect(who.ageAtOffence).toBe(25);
    expect(who.isYoungAdult).toBe(true);
  });
});

describe('who counts as a woman for the women-specific sections', () => {
  it('is only someone recorded as female', () => {
    expect(facts({ person: { gender: 'female' } }).isWoman).toBe(true);
    for (const gender of ['male', 'non_binary', 'self_described', 'not_stated'] as const) {
      expect(facts({ person: { gender } }).isWoman).toBe(false);
    }
  });
});
