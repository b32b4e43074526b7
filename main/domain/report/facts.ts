import type { CaseDetails } from '../../contract/case';
import type { ReportFacts } from '../../contract/report';
import { assessAge } from '../age';

/**
 * The facts that template conditions read, worked out from the case, so that whoever fills a
 * report context (the interview, the CLI) cannot get them out of step with the case.
 */
export function reportFacts(details: CaseDetails, reportDate: string, youngAdultUpperAge: number, hasDependants: boolean): ReportFacts {
  const age = assessAge(
    details.person.dateOfBirth,
    details.charges.map((c) => c.offenceDate),
    reportDate,
    youngAdultUpperAge,
  );
  return {
    ageAtOffence: age.ageAtOffence,
    ageAtReport: age.ageAtReport,
    isWoman: details.person.gender === 'female',
    isYoungAdult: age.youngAdult,
    hasDependants,
    stage: details.stage,
  };
}
