import type { Programme, Proposal } from '../../contract/options';
import type { Catalogue } from './catalogue';

/** Requirements a proposal places on the person: each condition, and each option that imposes obligations. */
export function countRequirements(proposal: Proposal, catalogue: Catalogue, programmes: readonly Programme[]): number {
  let count = proposal.conditions.length;
  for (const ref of proposal.selected) {
    const option = ref.type === 'option' ? catalogue.byId.get(ref.id) : catalogue.byKind.get(programmes.find((p) => p.id === ref.id)?.kind ?? '');
    if (option?.option.imposesRequirements) count++;
  }
  return count;
}
