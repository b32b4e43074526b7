import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../../main/contract/case';
import type { MatchingProfile, MatchItem, Proposal } from '../../../../main/contract/options';
import type { ProgrammeRecord } from '../../../../main/contract/optionsApi';
import type { Catalogue } from '../../../../main/domain/options/catalogue';
import { checkConditions } from '../../../../main/domain/options/conditions';
import { CaseNav } from '../../components/CaseNav';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { errorText } from '../../components/errors';
import { ConflictPanel } from '../../drafts/ConflictPanel';
import { DraftStatusLine } from '../../drafts/DraftStatusLine';
import { RestoredNotice } from '../../drafts/RestoredNotice';
import type { Stored } from '../../drafts/useDraftAutosave';
import { AlternativesSection } from './AlternativesSection';
import { useAcknowledgements } from '../../components/useAcknowledgements';
import { proposalCheckIds } from './CheckList';
import { ConditionsSection } from './ConditionsSection';
import { refKey } from './data';
import { ErrorLine } from './ErrorLine';
import { fieldErrors, proposalProblems } from './proposalErrors';
import { proposalWording } from './proposalText';
import { SelectedSection } from './SelectedSection';
import { useFocusNext } from './useFocusNext';
import { usePageHeading } from './usePageHeading';
import { useProposalDraft } from './useProposalDraft';
import { isolate } from '../../i18n';

export interface ProposalData {
  record: CaseRecord;
  profile: MatchingProfile;
  language: string;
  catalogue: Catalogue;
  programmes: ProgrammeRecord[];
  items: MatchItem[];
  stored: Stored<Proposal>;
  actor: string;
}

export function ProposalEditor({ data }: { data: ProposalData }) {
  const { t } = useTranslation();
  const { record, profile, language, catalogue, programmes, items } = data;
  const caseId = record.id;
  const { proposal, update, draft } = useProposalDraft(caseId, data.actor, data.stored);
  const focus = useFocusNext();
  const acks = useAcknowledgements(update, proposalCheckIds, focus);
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [submitCount, setSubmitCount] = useState(0);
  const { describe } = fieldErrors(errors);

  // The same checks main runs on save, run here on every keystroke.
  const report = useMemo(() => {
    const typed = { ...proposal, conditions: proposal.conditions.filter((c) => c.text.trim() !== '') };
    return checkConditions(typed, profile, language, catalogue, programmes);
  }, [proposal, profile, catalogue, programmes, language]);
  usePageHeading(t('proposalUi.title', { caseNumber: isolate(record.details.caseNumber) }));
  const names = useMemo(() => new Map(items.map((i) => [refKey(i.ref), i])), [items]);
  const wording = useMemo(() => proposalWording(t, () => proposal, names), [t, proposal, names]);
  const recordedNeeds = useMemo(() => new Set(profile.needs.map((n) => n.need)), [profile]);
  // Ticking options on the options page is not "typing": only offer the copy back when text differs.
  const restored = draft.restored && draft.restored.parts.some((p) => !p.startsWith('selected:')) ? draft.restored : null;

  const saveNow = () => {
    const found = proposalProblems(proposal, t);
    setErrors(found);
    setSubmitCount((n) => n + 1);
    if (found.length === 0) void draft.flush();
  };
  const props = { proposal, errors, update, focus };

  return (
    <>
      <h1>{t('proposalUi.title', { caseNumber: isolate(record.details.caseNumber) })}</h1>
      <CaseNav caseId={caseId} current="proposal" />
      <DraftStatusLine status={draft.status} />
      {restored && <RestoredNotice restored={restored} label={wording.label} onDiscard={draft.discardRestored} onDismiss={draft.dismissRestored} />}
      {draft.conflict && <ConflictPanel conflict={draft.conflict} wording={wording} onResolve={draft.resolve} />}
      {draft.status.kind === 'error' && (
        <div className="banner banner-error" role="alert">
          <p>{errorText(t, draft.status.error)}</p>
        </div>
      )}
      <ErrorSummary items={errors} revision={submitCount} />
      <form
        className="proposal-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          saveNow();
        }}
      >
        <SelectedSection caseId={caseId} names={names} {...props} />
        <section aria-labelledby="proposal-rationale-title">
          <h2 id="proposal-rationale-title">{t('proposalUi.rationale')}</h2>
          <div className={errors.some((e) => e.target === 'proposal-rationale') ? 'field field-error' : 'field'}>
            <label htmlFor="proposal-rationale">{t('proposalUi.rationaleLabel')}</label>
            <span className="hint" id="proposal-rationale-hint">
              {t('proposalUi.rationaleHint')}
            </span>
            <ErrorLine target="proposal-rationale" errors={errors} />
            <textarea
              id="proposal-rationale"
              rows={5}
              value={proposal.rationale}
              aria-required
              aria-describedby={describe('proposal-rationale', 'proposal-rationale-hint')}
              aria-invalid={errors.some((e) => e.target === 'proposal-rationale') || undefined}
              onChange={(e) => {
                const rationale = e.target.value;
                update((d) => ({ ...d, rationale }));
              }}
            />
          </div>
        </section>
        <ConditionsSection report={report} recordedNeeds={recordedNeeds} acks={acks} {...props} />
        <AlternativesSection items={items} {...props} />
        <div className="form-actions">
          <button type="submit" disabled={draft.status.kind === 'saving'}>
            {t('proposalUi.save')}
          </button>
        </div>
      </form>
    </>
  );
}
