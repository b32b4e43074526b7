import type { TFunction } from 'i18next';
import type { ApiError } from '../../../main/contract/errors';

/** The user's language for one problem: the catalogue's one wording rule, shared with main and the CLI. */
export { messageText as issueText } from '../../../main/contract/messages';

export function errorText(t: TFunction, error: ApiError): string {
  if (error.key) return t(error.key, { ...error.params, defaultValue: error.message });
  return t('errors.generic', { message: error.message });
}

/** $.details.person.givenNames -> person.givenNames; $.charges[0].plea -> charges.0.plea */
export function fieldName(path: string, prefix = '$'): string {
  const rest = path.startsWith(prefix) ? path.slice(prefix.length) : path;
  return rest.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}
