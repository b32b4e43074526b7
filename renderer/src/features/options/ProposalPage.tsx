import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../main/contract/errors';
import { ApiCallError, call } from '../../api/client';
import { errorText } from '../../components/errors';
import type { Proposal } from '../../../../main/contract/options';
import { currentActor } from '../../drafts/actor';
import { adoptEarlierCopy } from '../../drafts/draftStore';
import { compiledCatalogue, emptyProposal } from './data';
import { ProposalEditor, type ProposalData } from './ProposalEditor';
import './options.css';

/** Loads what the proposal needs (the case, the matched options, the checks' inputs, the saved proposal), then the editor. */
export function ProposalPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [data, setData] = useState<ProposalData | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const [record, prof, programmes, catalogue, saved, matched, actor] = await Promise.all([
        call('cases.get', { id }),
        call('options.profile', { caseId: id }),
        call('programmes.list', { includeRetired: true }),
        compiledCatalogue(),
        call('proposal.get', { caseId: id }),
        call('options.match', { caseId: id }),
        currentActor(),
      ]);
      const stored = { version: saved.version, doc: saved.proposal ?? emptyProposal(), updatedAt: saved.updatedAt };
      // The proposal page of earlier versions kept its copy under this key, with no base content.
      adoptEarlierCopy({ kind: 'proposal', caseId: id, actor }, `psr.proposalDraft.${id}`, stored, emptyProposal(), (raw) => {
        const r = raw as { baseVersion?: unknown; proposal?: unknown } | null;
        return r && typeof r.baseVersion === 'number' && r.proposal ? { baseVersion: r.baseVersion, mine: r.proposal as Proposal } : null;
      });
      if (live) setData({ record, profile: prof.profile, language: prof.language, catalogue, programmes, items: matched.items, stored, actor });
    })().catch((e: unknown) => live && setLoadError(e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) }));
    return () => {
      live = false;
    };
  }, [id]);

  if (loadError) {
    return (
      <>
        <h1>{t('errors.title')}</h1>
        <p role="alert">{errorText(t, loadError)}</p>
      </>
    );
  }
  if (!data) return <p role="status">{t('app.loading')}</p>;
  return <ProposalEditor data={data} />;
}
