import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { CaseRecord } from '../../../../main/contract/case';
import type { ApiError } from '../../../../main/contract/errors';
import { ApiCallError, call } from '../../api/client';
import { errorText } from '../../components/errors';
import { currentActor } from '../../drafts/actor';
import { InterviewEditor } from './InterviewEditor';
import type { Opened } from './useInterviewDraft';
import { isolate } from '../../i18n';

/** Loads the case, its interview and who is signed in, then hands over to the editor. */
export function InterviewPage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<{ opened: Opened; record: CaseRecord; actor: string; screener: boolean } | null>(null);
  const [record, setRecord] = useState<CaseRecord | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    const toError = (e: unknown): ApiError => (e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });
    (async () => {
      const found = await call('cases.get', { id: caseId });
      if (live) setRecord(found);
      const [opened, actor, session] = await Promise.all([call('interview.open', { caseId }), currentActor(), call('session.current', {})]);
      if (live) setLoaded({ opened, record: found, actor, screener: session.person?.role === 'screener' });
    })().catch((e: unknown) => live && setError(toError(e)));
    return () => {
      live = false;
    };
  }, [caseId]);

  if (error) {
    const name = record ? `${record.details.person.givenNames} ${record.details.person.familyName}` : '';
    return (
      <>
        <h1>{record ? t('interview.title', { name, caseNumber: isolate(record.details.caseNumber) }) : t('interview.titlePlain')}</h1>
        {error.code === 'out_of_scope' ? (
          <div className="banner banner-error out-of-scope" role="alert">
            <h2>{t('interview.childJusticeTitle')}</h2>
            <p>{errorText(t, error)}</p>
          </div>
        ) : (
          <p role="alert">{error.code === 'not_found' ? t('errors.notFound') : errorText(t, error)}</p>
        )}
        <p>
          <Link href={`/cases/${caseId}`}>{t('interview.backToCase')}</Link>
        </p>
      </>
    );
  }
  if (!loaded) return <p role="status">{t('app.loading')}</p>;
  return <InterviewEditor opened={loaded.opened} record={loaded.record} actor={loaded.actor} screener={loaded.screener} />;
}
