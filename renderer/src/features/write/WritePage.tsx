import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { CaseRecord } from '../../../../main/contract/case';
import type { ApiError } from '../../../../main/contract/errors';
import type { ReportText, ReportTextRecord } from '../../../../main/contract/reportText';
import { ApiCallError, call } from '../../api/client';
import { CaseNav } from '../../components/CaseNav';
import { errorText } from '../../components/errors';
import { currentActor } from '../../drafts/actor';
import { ConflictPanel } from '../../drafts/ConflictPanel';
import { DraftStatusLine } from '../../drafts/DraftStatusLine';
import { RestoredNotice } from '../../drafts/RestoredNotice';
import type { Stored } from '../../drafts/useDraftAutosave';
import { usePageHeading } from '../options/usePageHeading';
import { useAcknowledgements } from '../../components/useAcknowledgements';
import { analysisCheckIds, focusSoon } from './Checks';
import { ChecksSummary } from './ChecksSummary';
import { ReadinessPanel, ReadyAnnouncer } from './Readiness';
import { reportTextWording } from './reportTextWording';
import { placeChecks } from './targets';
import { useReportChecks } from './useReportChecks';
import { useReportTextDraft } from './useReportTextDraft';
import { WriteSection } from './WriteSection';
import { CommentItem } from '../report/ReviewPanel';
import type { ReportLife, ReviewComment } from '../../../../main/contract/lifecycle';
import './write.css';
import { isolate } from '../../i18n';

interface WriteData {
  life: ReportLife;
  record: CaseRecord;
  written: ReportTextRecord;
  stored: Stored<ReportText>;
  actor: string;
}

/** Write the report (docs/DOMAIN.md, writing the report): loads the case and its text, then the editor. */
export function WritePage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [data, setData] = useState<WriteData | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const [record, written, actor, life] = await Promise.all([call('cases.get', { id: caseId }), call('reportText.get', { caseId }), currentActor(), call('report.life', { caseId })]);
      const stored = { version: written.version, doc: written.text, updatedAt: written.updatedAt ?? null };
      if (live) setData({ record, written, stored, actor, life });
    })().catch((e: unknown) => live && setLoadError(e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) }));
    return () => {
      live = false;
    };
  }, [caseId]);

  if (loadError) {
    return (
      <>
        <h1>{t('errors.title')}</h1>
        <p role="alert">{loadError.code === 'not_found' ? t('errors.notFound') : errorText(t, loadError)}</p>
        <Link href="/">{t('app.backToCases')}</Link>
      </>
    );
  }
  if (!data) return <p role="status">{t('app.loading')}</p>;
  return <WriteEditor data={data} />;
}

function WriteEditor({ data }: { data: WriteData }) {
  const { t } = useTranslation();
  const { record, written } = data;
  const caseId = record.id;
  const [life, setLife] = useState(data.life);
  const readOnly = !life.editable.ok;
  const [savedCount, setSavedCount] = useState(0);
  const { text, update, draft } = useReportTextDraft(caseId, data.actor, data.stored, () => setSavedCount((n) => n + 1));
  const { checks, failed, refresh } = useReportChecks(caseId, text);
  const acks = useAcknowledgements(update, analysisCheckIds, focusSoon);
  const sections = useMemo(() => written.sections.filter((s) => s.applies), [written]);
  const titles = useMemo(() => new Map(sections.map((s) => [s.id, s.title])), [sections]);
  const wording = useMemo(() => reportTextWording(t, written.sections), [t, written]);
  const title = t('write.title', { caseNumber: isolate(record.details.caseNumber) });
  usePageHeading(title);
  // Checks again after each save: the proposal or the interview may have changed elsewhere.
  useEffect(() => {
    if (savedCount > 0) void refresh();
  }, [savedCount, refresh]);

  const analysis = checks?.analysis ?? [];
  const placed = placeChecks(analysis, titles);
  const commentsOn = (sectionId: string | null) => life.comments.filter((c) => (sectionId === null ? c.sectionId === null || !titles.has(c.sectionId) : c.sectionId === sectionId));
  const reviewOf = (sectionId: string) => {
    const here = commentsOn(sectionId);
    return here.length > 0 ? <SectionComments caseId={caseId} comments={here} title={titles.get(sectionId) ?? sectionId} canAddress={life.canAddress} onChanged={setLife} /> : undefined;
  };
  const elsewhere = commentsOn(null);
  return (
    <>
      <h1>{title}</h1>
      <CaseNav caseId={caseId} current="write" />
      <DraftStatusLine status={draft.status} />
      {draft.restored && <RestoredNotice restored={draft.restored} label={wording.label} onDiscard={draft.discardRestored} onDismiss={draft.dismissRestored} />}
      {draft.conflict && <ConflictPanel conflict={draft.conflict} wording={wording} onResolve={draft.resolve} />}
      {draft.status.kind === 'error' && (
        <div className="banner banner-error" role="alert">
          <p>{errorText(t, draft.status.error)}</p>
        </div>
      )}
      {readOnly && life.editable.reason && <p className="banner">{t(life.editable.reason, { name: life.author?.name ?? '' })}</p>}
      {elsewhere.length > 0 && (
        <section className="write-review-elsewhere" aria-labelledby="write-review-elsewhere">
          <h2 id="write-review-elsewhere">{t('review.otherComments')}</h2>
          <SectionComments caseId={caseId} comments={elsewhere} title={null} titles={titles} canAddress={life.canAddress} onChanged={setLife} />
        </section>
      )}
      <p>{t('write.intro')}</p>
      <ReadyAnnouncer ready={checks?.readiness.ready} />
      {failed && (
        <p className="banner banner-error" role="alert">
          {errorText(t, failed)}
        </p>
      )}
      {checks && (
        <ReadinessPanel
          caseId={caseId}
          readiness={checks.readiness}
          titles={titles}
          analysis={analysis}
        />
      )}
      <ChecksSummary checks={checks ? analysis : null} general={placed.general} text={text} acks={acks} titles={titles} loading={!failed} />
      {sections.length === 0 ? (
        <p className="banner">{t('write.noSections')}</p>
      ) : (
        sections.map((section) => (
          <WriteSection
            key={section.id}
            caseId={caseId}
            section={section}
            text={text}
            update={update}
            checks={placed.bySection.get(section.id) ?? []}
            acks={acks}
            review={reviewOf(section.id)}
            readOnly={readOnly}
          />
        ))
      )}
      <p className="write-onward">
        <Link href={`/cases/${caseId}/report`}>{t('write.toReport')}</Link>
      </p>
    </>
  );
}

/** The review comments on one section (or, with no title, on the report as a whole and on sections not written here), each with "Mark addressed" for the author. */
function SectionComments({ caseId, comments, title, titles, canAddress, onChanged }: { caseId: string; comments: ReviewComment[]; title: string | null; titles?: Map<string, string>; canAddress: boolean; onChanged: (life: ReportLife) => void }) {
  const { t } = useTranslation();
  const open = comments.filter((c) => !c.addressed).length;
  return (
    <div className="write-review">
      {title !== null && open > 0 && <p className="write-review-open">{t('review.onWrite', { count: open })}</p>}
      <ul>
        {comments.map((c) => (
          <li key={c.id}>
            <CommentItem caseId={caseId} comment={c} title={title ?? (c.sectionId ? (titles?.get(c.sectionId) ?? c.sectionId) : t('review.wholeReport'))} canAddress={canAddress} onChanged={onChanged} />
          </li>
        ))}
      </ul>
    </div>
  );
}
