import { useTranslation } from 'react-i18next';
import { ACKNOWLEDGEMENT_REASON_MAX } from '../../../../main/contract/limits';
import type { AnalysisCheck, ReportText } from '../../../../main/contract/reportText';
import type { Acknowledgements, AcknowledgementIds } from '../../components/useAcknowledgements';
import { reasonFor } from './targets';

export type UpdateText = (change: (t: ReportText) => ReportText) => void;

/** A check id as a DOM id ("avoidWord:risk:offender" -> "avoidWord-risk-offender"). */
export const checkDomId = (checkId: string) => `write-check-${checkId.replace(/[^\w-]/g, '-')}`;

/** Moves focus once the next render has put the element in place. */
export function focusSoon(id: string): void {
  window.setTimeout(() => document.getElementById(id)?.focus(), 0);
}

/** The DOM ids of an analysis check and its reason box. */
export const analysisCheckIds: AcknowledgementIds = { check: checkDomId, reason: (id) => `${checkDomId(id)}-reason` };

/**
 * Analysis checks, each in its sentence, acknowledgeable with a reason. Whether one is
 * acknowledged is read from the text being written, so it shows at once, before main checks again.
 */
export function CheckItems({ checks, text, acks, label }: { checks: AnalysisCheck[]; text: ReportText; acks: Acknowledgements; label: string }) {
  const { t } = useTranslation();
  const { ack } = acks;
  if (checks.length === 0) return null;
  return (
    <ul className="checks write-checks" aria-label={label}>
      {checks.map((check) => {
        const id = checkDomId(check.id);
        const reason = reasonFor(text, check.id);
        return (
          <li key={check.id} id={id} tabIndex={-1} className={reason !== undefined ? 'check acknowledged' : 'check'}>
            <p className="check-text">{t(check.message.key, check.message.params)}</p>
            {check.suggestion && <p>{t('write.suggestion', { suggestion: check.suggestion })}</p>}
            {reason !== undefined ? (
              <div className="check-actions">
                <p>{t('write.acknowledged', { reason })}</p>
                <button type="button" className="secondary small" onClick={() => acks.withdraw(check.id)}>
                  {t('write.withdrawAck')}
                </button>
              </div>
            ) : ack?.checkId === check.id ? (
              <div className="check-actions">
                <div className={ack.error ? 'field field-error' : 'field'}>
                  <label htmlFor={`${id}-reason`}>{t('write.ackReason')}</label>
                  {ack.error && (
                    <span className="error-message" id={`${id}-error`} role="alert">
                      {t('write.ackRequired')}
                    </span>
                  )}
                  <input
                    id={`${id}-reason`}
                    type="text"
                    value={ack.text}
                    maxLength={ACKNOWLEDGEMENT_REASON_MAX}
                    aria-invalid={ack.error || undefined}
                    aria-describedby={ack.error ? `${id}-error` : undefined}
                    onChange={(e) => acks.setAck({ ...ack, text: e.target.value, error: false })}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        acks.record();
                      } else if (e.key === 'Escape') {
                        e.preventDefault();
                        acks.cancel();
                      }
                    }}
                  />
                </div>
                <button type="button" className="small" onClick={acks.record}>
                  {t('write.recordAck')}
                </button>
                <button type="button" className="secondary small" onClick={acks.cancel}>
                  {t('write.cancel')}
                </button>
              </div>
            ) : (
              <button type="button" className="secondary small" onClick={() => acks.open(check.id)}>
                {t('write.acknowledge')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
