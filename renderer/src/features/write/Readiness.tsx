import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AnalysisCheck, Readiness } from '../../../../main/contract/reportText';
import { checkDomId } from './Checks';
import { blockerTarget } from './targets';
import { focusSection } from './WriteSection';

/**
 * Says once, politely, when the report becomes ready for a final export or stops being ready;
 * silent on loading and while the officer types without changing that.
 */
export function ReadyAnnouncer({ ready }: { ready: boolean | undefined }) {
  const { t } = useTranslation();
  const last = useRef<boolean | undefined>(undefined);
  const [said, setSaid] = useState('');
  useEffect(() => {
    if (ready === undefined) return;
    if (last.current !== undefined && last.current !== ready) setSaid(ready ? t('write.nowReady') : t('write.noLongerReady'));
    last.current = ready;
  }, [ready, t]);
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="ready-announcer">
      {said}
    </p>
  );
}

/** "Ready for a final report", or each thing that stops one, linking to where it is put right. */
export function ReadinessPanel({ caseId, readiness, analysis, titles }: { caseId: string; readiness: Readiness; analysis: readonly AnalysisCheck[]; titles: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  return (
    <section className={readiness.ready ? 'readiness readiness-ready' : 'readiness'} aria-labelledby="readiness-title">
      <h2 id="readiness-title">{t('write.readinessTitle')}</h2>
      {readiness.ready ? (
        <p className="readiness-state">{t('write.ready')}</p>
      ) : (
        <>
          <p className="readiness-state">{t('write.notReady', { count: readiness.blockers.length })}</p>
          <ul className="readiness-blockers">
            {readiness.blockers.map((b, i) => {
              const target = blockerTarget(b, analysis, titles);
              return (
                <li key={`${b.kind}-${b.sectionId ?? ''}-${i}`}>
                  {t(b.message.key, b.message.params)}{' '}
                  {target.kind === 'proposal' ? (
                    <Link href={`/cases/${caseId}/proposal`}>{t('write.toProposal')}</Link>
                  ) : target.kind === 'section' ? (
                    <a
                      href={`#write-section-${target.sectionId}`}
                      onClick={(e) => {
                        e.preventDefault();
                        focusSection(target.sectionId);
                      }}
                    >
                      {t('write.goToSection', { title: target.title })}
                    </a>
                  ) : target.kind === 'check' ? (
                    <a
                      href={`#${checkDomId(target.checkId)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(checkDomId(target.checkId))?.focus();
                      }}
                    >
                      {t('write.generalChecks')}
                    </a>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
