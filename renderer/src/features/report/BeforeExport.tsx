import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ApiError } from '../../../../main/contract/errors';
import type { ReportChecks } from '../../../../main/contract/reportText';
import { ApiCallError, call } from '../../api/client';
import { errorText } from '../../components/errors';
import { blockerTarget } from '../write/targets';

/**
 * "Before you export" (docs/DOMAIN.md, writing the report): whether the saved text is ready for a
 * final report, and if not what stops it, with the way to the Write the report page; and the
 * withheld facts the report relies on, for the officer to decide on. A draft export stays possible.
 */
export function BeforeExport({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [checks, setChecks] = useState<ReportChecks | null>(null);
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(new Map());
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([call('reportText.checks', { caseId }), call('reportText.get', { caseId })])
      .then(([found, written]) => {
        if (!live) return;
        setChecks(found);
        setTitles(new Map(written.sections.map((s) => [s.id, s.title])));
      })
      .catch((e: unknown) => live && setError(e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) }));
    return () => {
      live = false;
    };
  }, [caseId]);

  const writeHref = `/cases/${caseId}/write`;
  return (
    <section className="before-export" aria-labelledby="before-export-title">
      <h2 id="before-export-title">{t('beforeExport.title')}</h2>
      {error ? (
        <p className="error-message" role="alert">
          {errorText(t, error)}
        </p>
      ) : !checks ? (
        <p className="muted">{t('beforeExport.loading')}</p>
      ) : (
        <>
          {checks.readiness.ready ? (
            <p className="readiness-state ready">{t('beforeExport.ready')}</p>
          ) : (
            <>
              <p className="readiness-state">{t('beforeExport.notReady', { count: checks.readiness.blockers.length })}</p>
              <ul>
                {checks.readiness.blockers.map((b, i) => {
                  const target = blockerTarget(b, checks.analysis, titles);
                  return (
                    <li key={`${b.kind}-${b.sectionId ?? ''}-${i}`}>
                      {t(b.message.key, b.message.params)}{' '}
                      {target.kind === 'proposal' ? (
                        <Link href={`/cases/${caseId}/proposal`}>{t('write.toProposal')}</Link>
                      ) : (
                        <Link href={writeHref}>{target.kind === 'section' ? t('beforeExport.toWriteSection', { title: target.title }) : t('beforeExport.toWrite')}</Link>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          <h3>{t('beforeExport.withheldTitle')}</h3>
          {checks.withheld.length === 0 ? (
            <p>{t('beforeExport.withheldNone')}</p>
          ) : (
            <>
              <p className="hint">{t('beforeExport.withheldHint')}</p>
              <ul className="withheld-list">
                {checks.withheld.map((w) => {
                  const section = w.sectionId ? titles.get(w.sectionId) : undefined;
                  return <li key={w.id}>{section ? t('beforeExport.withheldIn', { label: w.label, section }) : w.label}</li>;
                })}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
