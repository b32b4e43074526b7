import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/contract/errors';
import { CaseDetails } from '../../main/contract/case';
import { zodIssues } from '../../main/contract/validate';
import { assertAdultCase, caseDetailIssues, namedCaseIssues } from '../../main/domain/caseRules';
import { resources } from '../../renderer/src/i18n';
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

  it('ties the refusal to the date of birth as well as the whole form', () => {
    const details = caseDetails({ person: { dateOfBirth: '2010-05-01' } });
    let thrown: unknown;
    try {
      assertAdultCase(details, 25, '$.details');
    } catch (e) {
      thrown = e;
    }
    const error = (thrown as AppError).toApiError();
    expect(error).toMatchObject({ code: 'out_of_scope', path: '$.details.person.dateOfBirth', key: 'errors.childJustice' });
    expect(error.issues).toEqual([expect.objectContaining({ path: '$.details.person.dateOfBirth', key: 'validation.childJustice' })]);
  });

  it('accepts a person who turned 18 on the day of the offence', () => {
    const details = caseDetails({ person: { dateOfBirth: '2008-08-02' } });
    expect(() => assertAdultCase(details, 25)).not.toThrow();
  });
});

/** The English text the screen shows for a key, with its parameters filled in. */
function english(key: string, params: Record<string, string | number> = {}): string {
  let node: unknown = resources.en.translation;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`No English text for ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name]));
}

describe('every problem with a new case says which field it is about', () => {
  const empty = {
    person: { givenNames: '', familyName: '', dateOfBirth: '', gender: '', preferredLanguage: 'en' },
    court: '',
    caseNumber: '',
    hearingDate: '',
    reportDueDate: '',
    reportType: '',
    stage: '',
    charges: [
      { offence: 'Theft', offenceDate: '2026-08-02', plea: 'guilty' },
      { offence: '', offenceDate: '', plea: '' },
    ],
  };
  const parsed = CaseDetails.safeParse(empty);
  const issues = namedCaseIssues(parsed.success ? [] : zodIssues(parsed.error));
  const texts = issues.map((i) => english(i.key!, i.params));

  it('names each empty field in its own words, with the charge it belongs to', () => {
    expect(texts).toEqual([
      'Enter the given names.',
      'Enter the family name.',
      'Enter the date of birth.',
      'Choose the gender.',
      'Enter the court.',
      'Enter the case number.',
      'Enter the hearing date.',
      'Enter the date the report is due.',
      'Choose the report type.',
      'Choose the stage of the case.',
      'Enter the offence of charge 2.',
      'Enter the offence date of charge 2.',
      'Choose the plea for charge 2.',
    ]);
    expect(issues.map((i) => i.path)).toContain('$.person.dateOfBirth');
  });

  it('words the same problem the same way whatever prefix the door puts on the path', () => {
    const viaApi = namedCaseIssues([{ path: '$.details.charges[1].plea', message: 'Required.', key: 'validation.choose' }], '$.details');
    expect(viaApi).toEqual([{ path: '$.details.charges[1].plea', message: 'Choose the plea for charge 2.', key: 'validation.case.plea', params: { charge: 2 } }]);
  });

  it('leaves alone what already names its field, and what is about no field of a case', () => {
    const cross = caseDetailIssues(caseDetails({ person: { dateOfBirth: '2030-01-01' } }), TODAY);
    expect(namedCaseIssues(cross)).toEqual(cross);
    const other = [{ path: '$.somethingElse', message: 'Required.', key: 'validation.required' }];
    expect(namedCaseIssues(other)).toEqual(other);
  });

  it('names the charge in the date checks that compare a charge with other dates', () => {
    const unborn = caseDetailIssues(caseDetails({ charges: [caseDetails().charges[0]!, { offence: 'Theft', offenceDate: '1980-01-01', plea: 'guilty' }] }), TODAY);
    const issue = unborn.find((i) => i.key === 'validation.offenceBeforeBirth')!;
    expect(english(issue.key!, issue.params)).toBe('The offence date of charge 2 cannot be before the date of birth.');
  });
});
