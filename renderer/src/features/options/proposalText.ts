import type { TFunction } from 'i18next';
import type { MatchItem, Proposal } from '../../../../main/contract/options';
import type { ConflictWording } from '../../drafts/ConflictPanel';

// The parts of a proposal (main/domain/merge.ts) named and written out for the officer, for the
// restored-copy notice and the conflict screen.

type Condition = Proposal['conditions'][number];

export function proposalWording(t: TFunction, proposal: () => Proposal, names: ReadonlyMap<string, MatchItem>): ConflictWording {
  const conditionNumber = (id: string) => proposal().conditions.findIndex((c) => c.id === id) + 1;
  return {
    title: t('drafts.conflict.proposalTitle'),
    label(part) {
      if (part.startsWith('selected:')) {
        const key = part.slice('selected:'.length);
        return t('drafts.proposal.selected', { name: names.get(key)?.name ?? key.split(':')[1] ?? key });
      }
      if (part === 'rationale') return t('proposalUi.rationaleLabel');
      if (part === 'alternatives') return t('proposalUi.alternatives');
      if (part.startsWith('condition:')) {
        const n = conditionNumber(part.slice('condition:'.length));
        return n > 0 ? t('proposalUi.condition', { n }) : t('drafts.proposal.removedCondition');
      }
      return t('drafts.proposal.acknowledgement');
    },
    show(part, value) {
      if (value === undefined) return part.startsWith('selected:') ? t('drafts.proposal.notSelected') : t('drafts.conflict.empty');
      if (part.startsWith('selected:')) return t('drafts.proposal.isSelected');
      if (part === 'rationale') return (value as string) || t('drafts.conflict.empty');
      if (part === 'alternatives') {
        const list = value as Proposal['alternatives'];
        return list.length ? list.map((a, i) => `${i + 1}. ${a.ref ? (names.get(`${a.ref.type}:${a.ref.id}`)?.name ?? a.ref.id) : (a.description ?? '')}: ${a.reasonSetAside}`).join('\n') : t('drafts.conflict.empty');
      }
      if (part.startsWith('condition:')) {
        const c = value as Condition;
        const extras = [c.endDate ? t('drafts.proposal.endsOn', { date: c.endDate }) : '', c.review?.date ? t('drafts.proposal.reviewedOn', { date: c.review.date }) : '', c.link?.need ? t(`need.${c.link.need}`) : ''].filter(Boolean);
        return [c.text || t('drafts.conflict.empty'), ...extras].join('\n');
      }
      return (value as { reason: string }).reason;
    },
  };
}
