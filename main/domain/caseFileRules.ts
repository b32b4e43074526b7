import type { CaseDetails } from '../contract/case';
import type { CaseFile } from '../contract/caseFile';
import type { FormDefinition } from '../contract/form';
import { invalidInput } from '../contract/errors';
import { assertAdultCase, caseDetailIssues } from './caseRules';
import { checkInterviewForSave, interviewSetting } from './interviewRules';

// What a case must pass before anything is stored or reported from it. `psr import` and
// `psr render` of the same file run these same checks, so they refuse the same things with the
// same message and JSON path.

export interface CaseCheckSetting {
  forms: ReadonlyMap<string, FormDefinition>;
  youngAdultUpperAge: number;
  /** Today's local date (YYYY-MM-DD): dates after it are refused. */
  today: string;
  /** Every field that holds an offence account, in any form (offenceAccountFieldIds). */
  offenceAccountIds: ReadonlySet<string>;
}

/** Refuses case details that break a rule across fields or dates, or that are about a child; paths under `prefix`. */
export function assertCaseDetails(details: CaseDetails, today: string, youngAdultUpperAge: number, prefix = '$'): void {
  const issues = caseDetailIssues(details, today);
  if (issues.length > 0) throw invalidInput(issues.map((i) => ({ ...i, path: prefix + i.path.slice(1) })));
  assertAdultCase(details, youngAdultUpperAge);
}

/**
 * Answer problems a draft typed in the app may carry but a file from outside may not: a text longer
 * than its question allows, or one with a broken character, could never be written into a report,
 * so such a file is refused whole rather than imported as a case that cannot be exported.
 */
const REFUSED_IN_A_FILE = new Set(['validation.tooLong', 'validation.brokenCharacter']);

/** Refuses a case file (already parsed) that import would refuse: its case, then its interview. */
export function checkCaseFile(caseFile: CaseFile, setting: CaseCheckSetting): void {
  assertCaseDetails(caseFile.case, setting.today, setting.youngAdultUpperAge, '$.case');
  if (!caseFile.interview) return;
  const { form, facts } = interviewSetting(setting.forms, caseFile.case, setting.youngAdultUpperAge);
  const issues = checkInterviewForSave(form, facts, caseFile.interview, setting.offenceAccountIds, '$.interview');
  const refused = issues.filter((i) => i.key !== undefined && REFUSED_IN_A_FILE.has(i.key));
  if (refused.length > 0) {
    throw invalidInput(refused.map(({ path, message, key, params }) => ({ path: `$.interview${path.slice(1)}`, message, ...(key ? { key } : {}), ...(params ? { params } : {}) })));
  }
}
