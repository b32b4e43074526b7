import type { TFunction } from 'i18next';
import type { CaseDetails } from '../../../../main/contract/case';
import type { ConflictWording } from '../../drafts/ConflictPanel';

// The parts of the case details (main/domain/merge.ts) named and written out for the conflict screen.

const enumGroups: Record<string, string> = { 'person.gender': 'gender', reportType: 'reportType', stage: 'stage' };

export function caseWording(t: TFunction): ConflictWording {
  return {
    title: t('drafts.conflict.caseTitle'),
    label: (part) => (part === 'charges' ? t('case.charges') : t(`fields.${part.replace(/^person\./, '')}`)),
    show(part, value) {
      if (value === undefined || value === '') return t('drafts.conflict.empty');
      if (part === 'charges') {
        return (value as CaseDetails['charges']).map((c, i) => `${i + 1}. ${c.offence}, ${c.offenceDate}, ${t(`enum.plea.${c.plea}`)}`).join('\n');
      }
      const group = enumGroups[part];
      return group ? t(`enum.${group}.${String(value)}`) : String(value);
    },
  };
}
