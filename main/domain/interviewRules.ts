import type { CaseDetails } from '../contract/case';
import { AppError, invalidInput, quoted } from '../contract/errors';
import type { FormDefinition } from '../contract/form';
import type { Interview } from '../contract/interview';
import { assertInterviewAllowed, offenceAccountViolations, progress, validateInterview, type FormEvaluation, type FormIssue } from './forms';
import { deriveFacts, type RuleFacts } from './rules';
import { refusedAtSave } from './forms/limits';

// The safeguards an interview is stored under, pure so that every door (and the renderer, before a
// round trip) applies the same ones: the form a case is interviewed on, the presumption of
// innocence before a finding of guilt, and no change of form once answers are recorded.

type ReportType = CaseDetails['reportType'];

/** The form used to interview for a report of this type, if any (an addendum has none of its own). */
export function formForReportType(forms: ReadonlyMap<string, FormDefinition>, reportType: ReportType): FormDefinition | undefined {
  return [...forms.values()].find((f) => f.reportTypes.includes(reportType));
}

/** The form for a case and the facts its rules see; refuses a case about a child (child justice applies). */
export function interviewSetting(forms: ReadonlyMap<string, FormDefinition>, details: CaseDetails, youngAdultUpperAge: number): { form: FormDefinition; facts: RuleFacts } {
  const facts = deriveFacts(details, { youngAdultUpperAge });
  assertInterviewAllowed(facts);
  const form = formForReportType(forms, details.reportType);
  if (!form) {
    throw new AppError('refused', `There is no interview form for a ${details.reportType.replace('_', '-')} report; an addendum builds on the existing interview.`, {
      key: 'errors.noFormForReportType',
      params: { reportType: details.reportType },
    });
  }
  return { form, facts };
}

/** Every field id that holds the person's account of the offence or its analysis, in any form. */
export function offenceAccountFieldIds(forms: ReadonlyMap<string, FormDefinition>): Set<string> {
  const ids = new Set<string>();
  for (const form of forms.values()) {
    for (const section of form.sections) {
      for (const field of section.fields) {
        if (field.offenceAccount) ids.add(field.id);
        if (field.kind === 'repeatable_group' && field.fields.some((sub) => sub.offenceAccount)) ids.add(field.id);
      }
    }
  }
  return ids;
}

export const PRESUMPTION_OF_INNOCENCE =
  'Before a finding of guilt the person’s account of the alleged offence and any offence analysis are neither asked for nor recorded (presumption of innocence). Nothing was saved.';

/**
 * Decides whether `interview` may be stored for this case. Refused outright: an answer to a question
 * the form does not have, or an offence account before a finding of guilt. Everything else (missing,
 * invalid values) is saved as a draft and returned as issues for the officer to resolve.
 */
export function checkInterviewForSave(
  form: FormDefinition,
  facts: RuleFacts,
  interview: Interview,
  offenceAccountIds: ReadonlySet<string>,
  prefix = '$.interview',
  evaluation?: FormEvaluation,
): FormIssue[] {
  const at = (path: string) => prefix + path.slice(1);
  if (facts.stage === 'pre_trial') {
    const offence = Object.keys(interview.answers).filter((id) => offenceAccountIds.has(id));
    const violations = [...offence.map((id) => ({ path: `$.answers.${id}`, message: 'Not recorded before a finding of guilt.' })), ...offenceAccountViolations(form, interview, facts)];
    if (violations.length > 0) {
      throw new AppError('refused', PRESUMPTION_OF_INNOCENCE, {
        path: at(violations[0]!.path),
        key: 'errors.presumptionOfInnocence',
        issues: violations.map((v) => ({ path: at(v.path), message: v.message })),
      });
    }
  }
  if (interview.formId !== form.id || interview.formVersion !== form.version) {
    throw invalidInput([{ path: at('$.formId'), message: `This case is interviewed with form ${form.id} version ${form.version}, not ${quoted(interview.formId)} version ${interview.formVersion}.`, key: 'forms.wrongForm' }]);
  }
  const issues = validateInterview(form, interview, facts, evaluation);
  const refused = issues.filter((i) => i.kind === 'unknown' || i.kind === 'forbidden' || refusedAtSave(i));
  if (refused.length > 0) throw invalidInput(refused.map((i) => ({ ...i, path: at(i.path) })));
  return issues;
}

/**
 * A recorded interview belongs to the form it was taken on. Changing the report type to one that
 * interviews on another form (a pre-trial form has no offence questions) would leave answers the
 * new form cannot show, clear or accept, so it is refused until the officer decides what to do.
 * `recordedFormId` is the form of the stored interview, null when none is recorded.
 */
export function refuseFormChange(forms: ReadonlyMap<string, FormDefinition>, recordedFormId: string | null, details: CaseDetails): void {
  if (recordedFormId === null) return;
  const next = formForReportType(forms, details.reportType);
  if (next?.id === recordedFormId) return;
  throw new AppError(
    'refused',
    `This case's interview was recorded on the ${recordedFormId} form, and a ${details.reportType.replace('_', '-')} report is interviewed on ${next ? `the ${next.id} form` : 'no form of its own'}. Nothing was saved. Keep the report type, or export the case file and open a new case for the other report.`,
    { path: '$.details.reportType', key: 'errors.reportTypeHasInterview', params: { form: recordedFormId } },
  );
}

export function progressSummary(form: FormDefinition, interview: Interview, facts: RuleFacts, evaluation?: FormEvaluation) {
  const p = progress(form, interview, facts, evaluation);
  return { required: p.required, answered: p.answered, declined: p.declined, missing: p.missing, invalid: p.invalid, allDone: p.allDone };
}
