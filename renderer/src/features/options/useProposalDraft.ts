import { useCallback, useRef, useState } from 'react';
import type { Output } from '../../../../main/contract/api';
import { Proposal } from '../../../../main/contract/options';
import { proposalParts } from '../../../../main/domain/merge';
import { call } from '../../api/client';
import { useDraftAutosave, type Stored } from '../../drafts/useDraftAutosave';

type Saved = Output<'proposal.save'>;

/**
 * The proposal being written: held in React state, autosaved by the same mechanism as the
 * interview (drafts/) once it is complete enough for the store to take it, and kept on this
 * computer until then.
 */
export function useProposalDraft(caseId: string, actor: string, stored: Stored<Proposal>) {
  const latest = useRef<Proposal>(stored.doc);
  const setter = useRef<(p: Proposal) => void>(() => undefined);
  const draft = useDraftAutosave<Proposal, Saved>({
    key: { kind: 'proposal', caseId, actor },
    mergeable: proposalParts,
    stored,
    door: {
      save: (doc, version, saveId, options) => call('proposal.save', { caseId, version, proposal: doc, saveId }, options),
      open: async () => {
        const saved = await call('proposal.get', { caseId });
        return { version: saved.version, doc: saved.proposal ?? stored.doc, updatedAt: saved.updatedAt };
      },
    },
    read: () => latest.current,
    show: (doc) => {
      latest.current = doc;
      setter.current(doc);
    },
    savable: (doc) => Proposal.safeParse(doc).success,
  });
  const [proposal, setProposal] = useState<Proposal>(() => {
    latest.current = draft.start;
    return draft.start;
  });
  setter.current = setProposal;
  const { changed } = draft;
  const update = useCallback(
    (change: (p: Proposal) => Proposal) => {
      latest.current = change(latest.current);
      setProposal(latest.current);
      changed();
    },
    [changed],
  );
  return { proposal, update, draft };
}
