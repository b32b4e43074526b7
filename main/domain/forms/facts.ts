import type { CaseDetails, Charge, Person } from '../../contract/case';
import { AppError } from '../../contract/errors';
import { assessCaseAge } from '../age';
import { CHILD_JUSTICE_MESSAGE } from '../caseRules';

/** What a form rule can see about the case, besides the answers (`{"var": "isWoman"}`). */
export interface RuleFacts {
  gender: Person['gender'];
  /** Women-specific sections (Bangkok Rules) are required when this is true. */
  isWoman: boolean;
  ageAtOffence: number;
  ageAtReport: number;
  /** Under 18 at the offence or at the report: no interview and no report. */
  isChild: boolean;
  /** 18 to the jurisdiction's upper age, inclusive, at the offence or at the report. */
  isYoungAdult: boolean;
  stage: CaseDetails['stage'];
  reportType: CaseDetails['reportType'];
}

/** The names a rule may read besides `answers.<fieldId>` (checked when a form loads). */
export const RULE_FACT_NAMES = ['gender', 'isWoman', 'ageAtOffence', 'ageAtReport', 'isChild', 'isYoungAdult', 'stage', 'reportType'] as const;

/** The parts of a case the facts come from; a full `CaseDetails` fits. */
export interface CaseFactsSource {
  person: Pick<Person, 'dateOfBirth' | 'gender'>;
  charges: ReadonlyArray<Pick<Charge, 'offenceDate'>>;
  reportDueDate: string;
  stage: CaseDetails['stage'];
  reportType: CaseDetails['reportType'];
}

/**
 * Ages are taken at the earliest offence date and at the report due date, as for the case's own age
 * gate, so the form and the case can never disagree about who is a child or a young adult.
 */
export function ruleFacts(details: CaseFactsSource, youngAdultUpperAge: number): RuleFacts {
  const age = assessCaseAge(details, youngAdultUpperAge);
  return {
    gender: details.person.gender,
    // Only the person's own statement that they are a woman makes the women-specific sections
    // required; for every other option they stay available but optional.
    isWoman: details.person.gender === 'female',
    ageAtOffence: age.ageAtOffence,
    ageAtReport: age.ageAtReport,
    isChild: age.child,
    isYoungAdult: age.youngAdult,
    stage: details.stage,
    reportType: details.reportType,
  };
}

/** No interview for a child: child justice applies (DOMAIN.md section 3). Enforced in main, not only hidden in the UI. */
export function assertInterviewAllowed(facts: RuleFacts): void {
  if (facts.isChild) {
    throw new AppError('out_of_scope', CHILD_JUSTICE_MESSAGE, {
      path: '$.person.dateOfBirth',
      key: 'errors.childJustice',
      params: { ageAtOffence: facts.ageAtOffence, ageAtReport: facts.ageAtReport },
    });
  }
}
