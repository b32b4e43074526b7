import { useTranslation } from 'react-i18next';
import type { AnalysisCheck, ReportText } from '../../../../main/contract/reportText';
import type { Acknowledgements } from '../../components/useAcknowledgements';
import { CheckItems } from './Checks';
import { reasonFor } from './targets';
import { focusSection } from './WriteSection';

/**
 * Every check on the analysis at the top of the page: those about a section link to it (where
 * they are answered), those about the proposal and the assessed needs are answered here.
 */
export function ChecksSummary({ checks, general, text, acks, titles, loading }: { checks: AnalysisCheck[] | null; general: AnalysisCheck[]; text: ReportText; acks: Acknowledgements; titles: ReadonlyMap<string, string>; loading: boolean }) {
  const { t } = useTranslation();
  const sectioned = (checks ?? []).filter((c) => c.sectionId && titles.has(c.sectionId));
  return (
    <section className="write-checks-summary" aria-labelledby="write-checks-title">
      <h2 id="write-checks-title">{t('write.checksTitle')}</h2>
      <div aria-live="polite">
        {checks === null ? (
          loading && <p className="muted">{t('write.checksLoading')}</p>
        ) : checks.length === 0 ? (
          <p className="check-ok">{t('write.checksNone')}</p>
        ) : null}
      </div>
      {sectioned.length > 0 && (
        <ul className="write-summary-list">
          {sectioned.map((c) => {
            const reason = reasonFor(text, c.id);
            return (
              <li key={c.id}>
                {t(c.message.key, c.message.params)}{' '}
                {reason !== undefined && <span className="muted">({t('write.acknowledged', { reason })})</span>}{' '}
                <a
                  href={`#write-section-${c.sectionId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    focusSection(c.sectionId!);
                  }}
                >
                  {t('write.goToSection', { title: titles.get(c.sectionId!) })}
                </a>
              </li>
            );
          })}
        </ul>
      )}
      {general.length > 0 && (
        <>
          <h3>{t('write.generalChecks')}</h3>
          <CheckItems checks={general} text={text} acks={acks} label={t('write.generalChecks')} />
        </>
      )}
    </section>
  );
}
