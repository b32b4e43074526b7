import type { TFunction } from 'i18next';
import { Proposal } from '../../../../main/contract/options';
import type { SummaryItem } from '../../components/ErrorSummary';

export const domId = (s: string) => s.replace(/[^\w-]/g, '-');

/** What stops the proposal being saved, one line per field, each linked to its control. */
export function proposalProblems(draft: Proposal, t: TFunction): SummaryItem[] {
  const parsed = Proposal.safeParse(draft);
  if (parsed.success) return [];
  const found: SummaryItem[] = [];
  for (const issue of parsed.error.issues) {
    const [head, index, field] = issue.path as Array<string | number>;
    if (head === 'selected') found.push({ target: 'proposal-selected', text: t('proposalUi.errorSelect') });
    else if (head === 'rationale') found.push({ target: 'proposal-rationale', text: t('proposalUi.errorRationale') });
    else if (head === 'conditions' && typeof index === 'number' && field === 'text') found.push({ target: `cond-${domId(draft.conditions[index]!.id)}-text`, text: t('proposalUi.errorConditionText', { n: index + 1 }) });
    else if (head === 'alternatives' && typeof index === 'number' && field === 'reasonSetAside') found.push({ target: `alt-${index}-reason`, text: t('proposalUi.errorAlternativeReason', { n: index + 1 }) });
    else found.push({ target: 'main', text: issue.message });
  }
  return found.filter((f, i) => found.findIndex((g) => g.target === f.target) === i);
}

/** The error line under a field and the ids its control is described by. */
export function fieldErrors(errors: SummaryItem[]) {
  const errorOf = (target: string) => errors.find((e) => e.target === target)?.text;
  return {
    errorOf,
    describe: (target: string, ...others: string[]) => [errorOf(target) ? `${target}-error` : '', ...others].filter(Boolean).join(' ') || undefined,
  };
}
