import type { CatalogueSource } from '../../../../main/domain/options/catalogue';
import { compileCatalogue, type Catalogue } from '../../../../main/domain/options/catalogue';
import type { OptionRef, Proposal } from '../../../../main/contract/options';
import { call } from '../../api/client';

// What the options pages share: the catalogue compiled here with the same code as main (so the
// checks the officer sees as they type are the checks main runs on save). The proposal's unsaved
// copy is kept by drafts/, like the interview's.

let catalogue: Promise<Catalogue> | null = null;

export function compiledCatalogue(): Promise<Catalogue> {
  catalogue ??= call('options.catalogue', {}).then((source) => compileCatalogue(source as CatalogueSource));
  catalogue.catch(() => {
    catalogue = null;
  });
  return catalogue;
}

export const emptyProposal = (): Proposal => ({ selected: [], rationale: '', alternatives: [], conditions: [], acknowledgements: [] });

export const refKey = (ref: OptionRef) => `${ref.type}:${ref.id}`;

/** A new condition id, stable while the officer edits (acknowledgements refer to it). */
export function newConditionId(existing: readonly { id: string }[]): string {
  let n = existing.length + 1;
  while (existing.some((c) => c.id === `c${n}`)) n += 1;
  return `c${n}`;
}
