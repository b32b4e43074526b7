import { useTranslation } from 'react-i18next';
import type { ConditionCheck, Proposal } from '../../../../main/contract/options';
import { issueText } from '../../components/errors';
import type { Acknowledgements, AcknowledgementIds } from '../../components/useAcknowledgements';
import { domId } from './proposalErrors';

export type UpdateProposal = (change: (p: Proposal) => Proposal) => void;

/** The DOM ids of a condition check and its reason box. */
export const proposalCheckIds: AcknowledgementIds = { check: (id) => `check-${domId(id)}`, reason: (id) => `ack-${domId(id)}` };

/** The checks on a condition or on the whole proposal, each acknowledgeable with a reason. */
export function CheckList({ checks, label, listId, acks }: { checks: ConditionCheck[]; label: string; listId: string; acks: Acknowledgements }) {
  const { t } = useTranslation();
  const { ack } = acks;
  return (
    <div aria-live="polite" id={listId}>
      {checks.length === 0 ? (
        <p className="check-ok">{t('proposalUi.noChecks')}</p>
      ) : (
        <ul className="checks" aria-label={label}>
          {checks.map((check) => {
            const cid = `ack-${domId(check.id)}`;
            return (
              <li key={check.id} id={`check-${domId(check.id)}`} tabIndex={-1} className={check.acknowledged ? 'check acknowledged' : 'check'}>
                <p>{issueText(t, check)}</p>
                {check.acknowledged ? (
                  <div className="check-actions">
                    <p>{t('proposalUi.acknowledged', { reason: check.acknowledged.reason })}</p>
                    <button type="button" className="secondary" onClick={() => acks.withdraw(check.id)}>
                      {t('proposalUi.withdrawAck')}
                    </button>
                  </div>
                ) : ack?.checkId === check.id ? (
                  <div className="check-actions">
                    <div className={ack.error ? 'field field-error' : 'field'}>
                      <label htmlFor={cid}>{t('proposalUi.ackReason')}</label>
                      {ack.error && (
                        <span className="error-message" id={`${cid}-error`} role="alert">
                          {t('proposalUi.ackRequired')}
                        </span>
                      )}
                      <input
                        id={cid}
                        type="text"
                        value={ack.text}
                        aria-invalid={ack.error || undefined}
                        aria-describedby={ack.error ? `${cid}-error` : undefined}
                        onChange={(e) => acks.setAck({ ...ack, text: e.target.value, error: false })}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') {
                            e.preventDefault();
                            acks.record();
                          }
                        }}
                      />
                    </div>
                    <button type="button" onClick={acks.record}>
                      {t('proposalUi.recordAck')}
                    </button>
                    <button type="button" className="secondary" onClick={acks.cancel}>
                      {t('proposalUi.cancel')}
                    </button>
                  </div>
                ) : (
                  <button type="button" className="secondary" onClick={() => acks.open(check.id)}>
                    {t('proposalUi.acknowledge')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
