import { useMemo } from 'react';
import { FormProvider } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { CaseRecord } from '../../../../main/contract/case';
import { CaseNav } from '../../components/CaseNav';
import { ErrorSummary } from '../../components/ErrorSummary';
import { errorText } from '../../components/errors';
import { ConflictPanel, type ConflictWording } from '../../drafts/ConflictPanel';
import { DraftStatusLine } from '../../drafts/DraftStatusLine';
import { RestoredNotice } from '../../drafts/RestoredNotice';
import { answerLabel, answerText } from './answerText';
import { controlId, localize } from './model';
import { SectionNav } from './SectionNav';
import { SectionView } from './SectionView';
import { useCompletion } from './useCompletion';
import { useInterviewDraft, type Opened } from './useInterviewDraft';
import { useSections } from './useSections';
import { screenerView } from '../../../../main/domain/forms/screener';
import { screenerProgress } from './screener';
import { isolate } from '../../i18n';

/**
 * The interview of one case. A screener sees only the sections and questions open to screeners
 * (main/domain/forms/screener.ts); every other answer stays in the draft as it was, so a
 * screener's save never drops an officer's answers.
 */
export function InterviewEditor({ opened, record, actor, screener = false }: { opened: Opened; record: CaseRecord; actor: string; screener?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { caseId, form: definition, facts } = opened;
  const { form, formRef, draft, evaluated, completeStatus, setCompleteStatus, resetCount, onAnyChange } = useInterviewDraft(opened, actor);
  const { flush } = draft;
  const shown = useMemo(() => (screener ? screenerView(definition) : definition), [screener, definition]);
  const nav = useSections(caseId, shown, () => void flush());
  const { section, index, previous, next, goTo, headingRef } = nav;
  const completion = useCompletion(caseId, definition, draft, setCompleteStatus);

  // The evaluation is of the whole form; the section shown is found in it by id.
  const formIndex = definition.sections.findIndex((s) => s.id === section.id);
  const sectionEval = evaluated.evaluation.sections[formIndex]!;
  const sectionProgress = evaluated.progress.sections[formIndex]!;
  const navProgress = useMemo(() => (screener ? screenerProgress(shown, evaluated.progress) : evaluated.progress), [screener, shown, evaluated.progress]);
  const name = `${record.details.person.givenNames} ${record.details.person.familyName}`;
  const wording = useMemo<ConflictWording>(
    () => ({
      title: t('drafts.conflict.interviewTitle'),
      label: (part) => answerLabel(definition, part, lang, t),
      show: (part, value) => answerText(definition, part, value, lang, t),
    }),
    [definition, lang, t],
  );

  const goToFirstMissing = useMemo(() => {
    const first = navProgress.firstMissing;
    if (!first) return null;
    return () => goTo(first.sectionId, controlId(first.fieldId, first.row, first.subFieldId));
  }, [navProgress.firstMissing, goTo]);

  return (
    <FormProvider {...form}>
      <div className="interview-head">
        <h1>{t('interview.title', { name, caseNumber: isolate(record.details.caseNumber) })}</h1>
        <CaseNav caseId={caseId} current="interview" />
        <p className="muted">
          {localize(definition.title, lang)} · <Link href={`/cases/${caseId}`}>{t('interview.backToCase')}</Link>
        </p>
        <DraftStatusLine status={draft.status} />
      </div>
      {screener && (
        <div className="banner screener-note" role="note">
          <p>{t('inquiry.screenerView')}</p>
          <p>
            <Link href={`/cases/${caseId}`}>{t('inquiry.screenerViewLink')}</Link>
          </p>
        </div>
      )}
      {facts.stage === 'pre_trial' && (
        <div className="banner pre-trial-note">
          <p>{t('interview.preTrialNote')}</p>
        </div>
      )}
      {draft.restored && <RestoredNotice restored={draft.restored} label={wording.label} onDiscard={draft.discardRestored} onDismiss={draft.dismissRestored} />}
      {draft.conflict && <ConflictPanel conflict={draft.conflict} wording={wording} onResolve={draft.resolve} />}
      {draft.status.kind === 'error' && (
        <div className="banner banner-error" role="alert">
          <p>{errorText(t, draft.status.error)}</p>
          <p>{t('interview.keptHere')}</p>
        </div>
      )}
      {completion.actionError && (
        <div className="banner banner-error" role="alert">
          <p>{errorText(t, completion.actionError)}</p>
        </div>
      )}
      <ErrorSummary
        items={completion.summary.items}
        revision={completion.summary.revision}
        onSelect={(target) => {
          const owner = completion.sectionOf(target);
          if (owner) goTo(owner, target);
          else document.getElementById(target)?.focus();
        }}
      />
      {completeStatus === 'complete' && (
        <div className="banner banner-done" role="status">
          <p>{t('interview.completeDone')}</p>
        </div>
      )}
      <div className="interview-layout">
        <SectionNav form={shown} progress={navProgress} current={section.id} onSelect={(id) => goTo(id)} onFirstMissing={goToFirstMissing} sections={shown.sections} />
        <form className="interview-section" ref={formRef} noValidate onSubmit={(e) => e.preventDefault()} aria-labelledby="section-heading">
          <h2 id="section-heading" tabIndex={-1} ref={headingRef}>
            {localize(section.title, lang)}
          </h2>
          <p className="muted section-meta">
            {t('interview.sectionOf', { n: index + 1, total: shown.sections.length })} · {t(`forms.status.${sectionProgress.status}`)}
          </p>
          {/* One polite announcement per section when answers need correcting, rather than one per field. */}
          <p className="visually-hidden" role="status" aria-live="polite">
            {sectionProgress.invalid > 0 ? t('interview.sectionProblems', { count: sectionProgress.invalid }) : ''}
          </p>
          <SectionView key={`${section.id}:${resetCount}`} section={section} evaluation={sectionEval} facts={facts} showMissing={completion.showMissing} onRowsChanged={onAnyChange} />
          <div className="section-actions">
            {previous && (
              <button type="button" className="secondary" onClick={() => goTo(previous.id)}>
                {t('interview.previous', { title: localize(previous.title, lang) })}
              </button>
            )}
            {next && (
              <button type="button" onClick={() => goTo(next.id)}>
                {t('interview.next', { title: localize(next.title, lang) })}
              </button>
            )}
          </div>
        </form>
      </div>
      {/* Completing the interview is the officer's: informed participation is theirs to record. */}
      {!screener && (
        <div className="complete-area">
          <h2>{t('interview.completeTitle')}</h2>
          <p className="muted">{t('interview.completeHint')}</p>
          <button type="button" onClick={() => void completion.markComplete()} disabled={completion.completing}>
            {t('interview.markComplete')}
          </button>
        </div>
      )}
    </FormProvider>
  );
}
