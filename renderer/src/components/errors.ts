import type { TFunction } from 'i18next';
import type { ApiError } from '../../../main/contract/errors';
import { messageText } from '../../../main/contract/messages';

/** The user's language for one problem: the catalogue's one wording rule, shared with main and the CLI. */
export { messageText as issueText };

export function errorText(t: TFunction, error: ApiError): string {
  // A refusal of input only counts its problems; the line names the first in its own words.
  const first = error.issues?.[0];
  if (error.key === 'errors.invalidInput' && first) {
    const problem = messageText(t, first);
    const more = error.issues!.length - 1;
    return more > 0 ? t('errors.problemAndMore', { problem, more: t('errors.andMore', { count: more }) }) : problem;
  }
  if (error.key) return t(error.key, { ...error.params, defaultValue: error.message });
  return t('errors.generic', { message: error.message });
}

/** $.details.person.givenNames -> person.givenNames; $.charges[0].plea -> charges.0.plea */
export function fieldName(path: string, prefix = '$'): string {
  const rest = path.startsWith(prefix) ? path.slice(prefix.length) : path;
  return rest.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}
