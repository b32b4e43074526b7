import { caseFieldMessages, type CaseDetails } from '../contract/case';
import { AppError, type ApiIssue } from '../contract/errors';
import { assessCaseAge } from './rules/facts';

// Checks that need more than one field, or today's date. Pure: `today` is passed in.

export function caseDetailIssues(details: CaseDetails, today: string): ApiIssue[] {
  const issues: ApiIssue[] = [];
  const { person, charges } = details;

  if (person.dateOfBirth > today) {
    issues.push({
      path: '$.person.dateOfBirth',
      message: `The date of birth ${person.dateOfBirth} is in the future.`,
      key: 'validation.birthInFuture',
      params: { date: person.dateOfBirth },
    });
  }
  if (person.gender === 'self_described' && !person.genderDescription) {
    issues.push({
      path: '$.person.genderDescription',
      message: 'Give the person’s own description of their gender.',
      key: 'validation.genderDescriptionRequired',
    });
  }
  if (person.gender !== 'self_described' && person.genderDescription) {
    issues.push({
      path: '$.person.genderDescription',
      message: 'A gender description is only kept when the person describes their gender themselves.',
      key: 'validation.genderDescriptionUnexpected',
    });
  }

  charges.forEach((charge, i) => {
    const at = `$.charges[${i}].offenceDate`;
    if (charge.offenceDate > today) {
      issues.push({ path: at, message: `The offence date ${charge.offenceDate} of charge ${i + 1} is in the future.`, key: 'validation.offenceInFuture', params: { charge: i + 1, date: charge.offenceDate } });
    }
    if (charge.offenceDate < person.dateOfBirth) {
      issues.push({
        path: at,
        message: `The offence date ${charge.offenceDate} of charge ${i + 1} is before the date of birth.`,
        key: 'validation.offenceBeforeBirth',
        params: { charge: i + 1, date: charge.offenceDate },
      });
    }
    if (details.hearingDate < charge.offenceDate) {
      issues.push({
        path: '$.hearingDate',
        message: `The hearing date ${details.hearingDate} is before the offence date of charge ${i + 1} (${charge.offenceDate}).`,
        key: 'validation.hearingBeforeOffence',
        params: { charge: i + 1, offenceDate: charge.offenceDate, date: details.hearingDate },
      });
    }
  });

  if (details.reportDueDate > details.hearingDate) {
    issues.push({
      path: '$.reportDueDate',
      message: `The report would be due (${details.reportDueDate}) after the hearing (${details.hearingDate}).`,
      key: 'validation.dueAfterHearing',
    });
  }
  if ((details.reportType === 'pre_trial') !== (details.stage === 'pre_trial')) {
    issues.push({
      path: '$.reportType',
      message:
        details.stage === 'pre_trial'
          ? 'Before a finding of guilt only a pre-trial report can be prepared.'
          : 'A pre-trial report is only for a case at the pre-trial stage.',
      key: details.stage === 'pre_trial' ? 'validation.preTrialNeedsPreTrialReport' : 'validation.preTrialReportNeedsPreTrialStage',
    });
  }
  return issues;
}

export const CHILD_JUSTICE_MESSAGE =
  'This person was under 18 at the date of the offence or will be at the date of the report. Child justice applies: an adult pre-sentence report cannot be prepared. Refer the case to the youth justice service.';

/**
 * The refusal of anything about a child. It is about the whole case and also names the date of
 * birth (under `prefix`, where the door puts the details), so the form can mark that field.
 */
export function childJusticeRefusal(age: { ageAtOffence: number; ageAtReport: number }, prefix = '$'): AppError {
  const path = `${prefix}.person.dateOfBirth`;
  const params = { ageAtOffence: age.ageAtOffence, ageAtReport: age.ageAtReport };
  return new AppError('out_of_scope', CHILD_JUSTICE_MESSAGE, {
    path,
    key: 'errors.childJustice',
    params,
    issues: [{ path, message: 'Under 18 at the offence date or the report date: child justice applies.', key: 'validation.childJustice', params }],
  });
}

/** Refuses any case about a child; the product is for adults only (docs/DOMAIN.md section 3). */
export function assertAdultCase(details: CaseDetails, youngAdultUpperAge: number, prefix = '$'): void {
  const age = assessCaseAge(details, youngAdultUpperAge);
  if (age.child) throw childJusticeRefusal(age, prefix);
}

/** Problems that say only "required", "not a date" or "choose one", whatever the field. */
const GENERIC = new Set(['validation.required', 'validation.date', 'validation.choose', 'validation.language']);

/**
 * Issues about case details with the generic wording replaced by one that names the field
 * ("Enter the date of birth."), for the form and its error summary. `prefix` is where the details
 * sit in the path (`$.details` in an API call); other issues are returned as they are.
 */
export function namedCaseIssues(issues: readonly ApiIssue[], prefix = '$'): ApiIssue[] {
  return issues.map((issue) => {
    if (!issue.key || !GENERIC.has(issue.key) || !issue.path.startsWith(prefix)) return issue;
    const rest = issue.path.slice(prefix.length);
    const charge = /^\.charges\[(\d+)\]/.exec(rest);
    const name = rest.replace(/^\./, '').replace(/\[\d+\]/g, '');
    const named = (caseFieldMessages as Record<string, { key: string; message: string }>)[name];
    if (!named) return issue;
    if (!charge) return { path: issue.path, message: named.message, key: named.key };
    const number = Number(charge[1]) + 1;
    return { path: issue.path, message: named.message.replace('{{charge}}', String(number)), key: named.key, params: { charge: number } };
  });
}
