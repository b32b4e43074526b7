import type { FieldError, FieldErrors } from 'react-hook-form';
import type { CaseDetails } from '../../../../main/contract/case';
import type { SummaryItem } from '../../components/ErrorSummary';
import { fieldId } from '../../components/fields';

// The case form's empty values and its error list, apart from the page that shows them.

export const emptyCharge = { offence: '', offenceDate: '', plea: '' } as unknown as CaseDetails['charges'][number];

export const emptyCase = {
  person: { givenNames: '', familyName: '', dateOfBirth: '', gender: '', preferredLanguage: 'en' },
  court: '',
  caseNumber: '',
  hearingDate: '',
  reportDueDate: '',
  reportType: '',
  stage: '',
  charges: [emptyCharge],
} as unknown as CaseDetails;

/** Every error in a react-hook-form error tree, in form order, as links for the summary. */
export function flatten(errors: FieldErrors, prefix = ''): SummaryItem[] {
  const out: SummaryItem[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || key === 'ref') continue;
    const name = prefix ? `${prefix}.${key}` : key;
    const err = value as FieldError;
    if (typeof err.message === 'string' && err.message) out.push({ target: key === 'root' ? 'main' : fieldId(name), text: err.message });
    else if (typeof value === 'object') out.push(...flatten(value as FieldErrors, name));
  }
  return out;
}
