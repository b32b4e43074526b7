import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/contract/errors';
import { assertAdultCase, caseDetailIssues } from '../../main/domain/caseRules';
import { caseDetails } from '../support/core';

const TODAY = '2026-11-26';
const paths = (issues: { path: string }[]) => issues.map((i) => i.path);

describe('case details an officer types are checked against each other and against today', () => {
  it('accepts a coherent convicted case', () => {
    expect(caseDetailIssues(caseDetails(), TODAY)).toEqual([]);
  });

  it('refuses a date of birth in the future', () => {
    const issues = caseDetailIssues(caseDetails({ person: { dateOfBirth: '2027-01-01' } }), TODAY);
    expect(paths(issues)).toContain('$.person.dateOfBirth');
    expect(issues[0]!.message).toMatch(/in the future/);
  });

  it('refuses a hearing date before an offence date, naming the charge', () => {
    const details = caseDetails({
      hearingDate: '2026-08-01',
      reportDueDate: '2026-07-30',
      charges: [
        { offence: 'Theft', offenceDate: '2026-07-01', plea: 'guilty' },
        { offence: 'Criminal damage', offenceDate: '2026-08-02', plea: 'guilty' },
      ],
    });
    const issues = caseDetailIssues(details, TODAY);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: '$.hearingDate', params: { charge: 2 } });
  });

  it('refuses an offence dated in the future or before the person was born', () => {
    const future = caseDetailIssues(caseDetails({ hearingDate: '2027-02-01', charges: [{ offence: 'Theft', offenceDate: '2027-01-01', plea: 'guilty' }] }), TODAY);
    expect(paths(future)).toContain('$.charges[0].offenceDate');
    const unborn = caseDetailIssues(caseDetails({ charges: [{ offence: 'Theft', offenceDate: '1980-01-01', plea: 'guilty' }] }), TODAY);
    expect(unborn.map((i) => i.key)).toContain('validation.offenceBeforeBirth');
  });

  it('refuses a report due after the hearing it is for', () => {
    expect(paths(caseDetailIssues(caseDetails({ reportDueDate: '2026-12-21' }), TODAY))).toEqual(['$.reportDueDate']);
  });

  it('allows only a pre-trial report before a finding of guilt, and only then', () => {
    expect(paths(caseDetailIssues(caseDetails({ stage: 'pre_trial', reportType: 'full' }), TODAY))).toEqual(['$.reportType']);
    expect(paths(caseDetailIssues(caseDetails({ stage: 'convicted', reportType: 'pre_trial' }), TODAY))).toEqual(['$.reportType']);
    expect(caseDetailIssues(caseDetails({ stage: 'pre_trial', reportType: 'pre_trial' }), TODAY)).toEqual([]);
  });

  it('asks for the person’s own words when gender is self-described, and keeps none otherwise', () => {
    expect(paths(caseDetailIssues(caseDetails({ person: { gender: 'self_described' } }), TODAY))).toEqual(['$.person.genderDescription']);
    expect(caseDetailIssues(caseDetails({ person: { gender: 'self_described', genderDescription: 'Genderfluid' } }), TODAY)).toEqual([]);
    expect(paths(caseDetailIssues(caseDetails({ person: { gender: 'male', genderDescription: 'x' } }), TODAY))).toEqual(['$.person.genderDescription']);
  });
});

describe('adults only: child justice applies to anyone under 18 at the offence or the report', () => {
  it('refuses a case where the person was 17 at the offence, and says why', () => {
    const details = caseDetails({ person: { dateOfBirth: '2008-09-01' }, charges: [{ offence: 'Theft', offenceDate: '2026-08-02', plea: 'guilty' }] });
    let thrown: unknown;
    try {
      assertAdultCase(details, 25);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('out_of_scope');
    expect((thrown as AppError).message).toMatch(/Child justice applies/);
  });

  it('accepts a person who turned 18 on the day of the offence', () => {
    const details = caseDetails({ person: { dateOfBirth: '2008-08-02' } });
    expect(() => assertAdultCase(details, 25)).not.toThrow();
  });
});
