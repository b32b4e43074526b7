import type { CaseDetails } from '../contract/case';
import type { CaseFile } from '../contract/caseFile';
import type { FormDefinition } from '../contract/form';
import { invalidInput } from '../contract/errors';
import { assertAdultCase, caseDetailIssues } from './caseRules';
import { applyDisclosureDefaults } from './forms/disclosure';
import { assertWithinLimits } from './forms/limits';
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
  assertAdultCase(details, youngAdultUpperAge, prefix);
}

/** Refuses a case file (already parsed) that import would refuse: its case, then its interview. */
export function checkCaseFile(caseFile: CaseFile, setting: CaseCheckSetting): void {
  assertCaseDetails(caseFile.case, setting.today, setting.youngAdultUpperAge, '$.case');
  if (!caseFile.interview) return;
  const { form, facts } = interviewSetting(setting.forms, caseFile.case, setting.youngAdultUpperAge);
  const interview = applyDisclosureDefaults(form, caseFile.interview);
  // A file is finished work: an answer over its question's limit is refused, not kept as a draft.
  assertWithinLimits(checkInterviewForSave(form, facts, interview, setting.offenceAccountIds, '$.interview'));
}
