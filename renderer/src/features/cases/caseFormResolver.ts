import type { TFunction } from 'i18next';
import type { FieldErrors, Resolver } from 'react-hook-form';
import { CaseDetails } from '../../../../main/contract/case';
import type { ApiIssue } from '../../../../main/contract/errors';
import { zodIssues } from '../../../../main/contract/validate';
import { caseDetailIssues, namedCaseIssues } from '../../../../main/domain/caseRules';
import { fieldName, issueText } from '../../components/errors';

/** Today in the officer's calendar, as the server computes it. */
export function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Empty optional text is "not given", not an empty answer. */
export function normalise(values: CaseDetails): CaseDetails {
  const person = { ...values.person };
  if (!person.genderDescription) delete person.genderDescription;
  return { ...values, person };
}

/** Problems worded the same for any field ("Use at most 120 characters."): the field's name goes in front. */
const SAYS_NO_FIELD = new Set(['validation.tooLong', 'validation.controlCharacter', 'validation.brokenCharacter', 'validation.invalid', 'validation.tooFew', 'validation.tooMany']);

/** The problem in the officer's language, naming its field (and charge) wherever the wording alone would not. */
function fieldIssueText(t: TFunction, issue: ApiIssue, parts: string[]): string {
  const message = issueText(t, { ...issue, key: issue.key ?? 'validation.invalid' });
  if (!SAYS_NO_FIELD.has(issue.key ?? 'validation.invalid') || parts.length === 0) return message;
  const field = t(`fields.${parts[parts.length - 1]}`);
  return parts[0] === 'charges' && parts.length === 3
    ? t('validation.aboutChargeField', { field, charge: Number(parts[1]) + 1, message })
    : t('validation.aboutField', { field, message });
}

export function issuesToFieldErrors(t: TFunction, issues: ApiIssue[], prefix = '$'): FieldErrors<CaseDetails> {
  const errors: Record<string, unknown> = {};
  for (const issue of namedCaseIssues(issues, prefix)) {
    const name = fieldName(issue.path, prefix);
    const parts = name.split('.').filter(Boolean);
    let node = errors;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        if (!node[part]) node[part] = { type: issue.key ?? 'invalid', message: fieldIssueText(t, issue, parts) };
      } else {
        node[part] ??= {};
        node = node[part] as Record<string, unknown>;
      }
    });
    if (parts.length === 0) errors.root = { type: 'invalid', message: issueText(t, issue) };
  }
  return errors as FieldErrors<CaseDetails>;
}

/**
 * Validates the form with the very schema and cross-field rules the main process applies, so
 * what the form accepts and what is saved cannot drift apart.
 */
export function caseDetailsResolver(t: TFunction): Resolver<CaseDetails> {
  return async (raw) => {
    const values = normalise(raw);
    const parsed = CaseDetails.safeParse(values);
    if (!parsed.success) return { values: {}, errors: issuesToFieldErrors(t, zodIssues(parsed.error)) };
    const issues = caseDetailIssues(parsed.data, today());
    if (issues.length > 0) return { values: {}, errors: issuesToFieldErrors(t, issues) };
    return { values: parsed.data, errors: {} };
  };
}
