import type { TFunction } from 'i18next';
import type { ApiError, ApiIssue } from '../../../main/contract/errors';

/** The user's language for one problem: its i18n key when it has one, else the server's words. */
export function issueText(t: TFunction, issue: Pick<ApiIssue, 'key' | 'params' | 'message'>): string {
  if (issue.key) return t(issue.key, { ...issue.params, defaultValue: issue.message });
  return issue.message;
}

export function errorText(t: TFunction, error: ApiError): string {
  if (error.key) return t(error.key, { ...error.params, defaultValue: error.message });
  return t('errors.generic', { message: error.message });
}

/** $.details.person.givenNames -> person.givenNames; $.charges[0].plea -> charges.0.plea */
export function fieldName(path: string, prefix = '$'): string {
  const rest = path.startsWith(prefix) ? path.slice(prefix.length) : path;
  return rest.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}
