import type { CatalogueSource } from '../../../../main/domain/options/catalogue';
import { compileCatalogue, type Catalogue } from '../../../../main/domain/options/catalogue';
import type { OptionRef, Proposal } from '../../../../main/contract/options';
import { call } from '../../api/client';

// What the options pages share: the catalogue compiled here with the same code as main (so the
// checks the officer sees as they type are the checks main runs on save), and the proposal draft
// kept on this computer until it is saved, so nothing typed or ticked is lost.

let catalogue: Promise<Catalogue> | null = null;

export function compiledCatalogue(): Promise<Catalogue> {
  catalogue ??= call('options.catalogue', {}).then((source) => compileCatalogue(source as CatalogueSource));
  catalogue.catch(() => {
    catalogue = null;
  });
  return catalogue;
}

export const emptyProposal = (): Proposal => ({ selected: [], rationale: '', alternatives: [], conditions: [], acknowledgements: [] });

export interface LocalDraft {
  /** The saved version the draft was started from. */
  baseVersion: number;
  proposal: Proposal;
}

const key = (caseId: string) => `psr.proposalDraft.${caseId}`;

export function readDraft(caseId: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(key(caseId));
    return raw ? (JSON.parse(raw) as LocalDraft) : null;
  } catch {
    return null;
  }
}

export function writeDraft(caseId: string, draft: LocalDraft): void {
  try {
    localStorage.setItem(key(caseId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the page still holds the text, and Save still works.
  }
}

export function clearDraft(caseId: string): void {
  try {
    localStorage.removeItem(key(caseId));
  } catch {
    // nothing to clear
  }
}

export const refKey = (ref: OptionRef) => `${ref.type}:${ref.id}`;

/** A new condition id, stable while the officer edits (acknowledgements refer to it). */
export function newConditionId(existing: readonly { id: string }[]): string {
  let n = existing.length + 1;
  while (existing.some((c) => c.id === `c${n}`)) n += 1;
  return `c${n}`;
}
