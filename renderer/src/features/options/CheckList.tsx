import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConditionCheck, Proposal } from '../../../../main/contract/options';
import { issueText } from '../../components/errors';
import { domId } from './proposalErrors';

export type UpdateProposal = (change: (p: Proposal) => Proposal) => void;

/** The one acknowledgement being written (at most one at a time), and recording or withdrawing one. */
export function useAcknowledgements(update: UpdateProposal, focus: (id: string) => void) {
  const [ack, setAck] = useState<{ checkId: string; text: string; error: boolean } | null>(null);
  const record = () => {
    if (!ack) return;
    if (ack.text.trim() === '') {
      setAck({ ...ack, error: true });
      return;
    }
    const { checkId, text } = ack;
    update((d) => ({ ...d, acknowledgements: [...d.acknowledgements.filter((a) => a.checkId !== checkId), { checkId, reason: text.trim() }] }));
    setAck(null);
    focus(`check-${domId(checkId)}`);
  };
  const withdraw = (checkId: string) => {
    update((d) => ({ ...d, acknowledgements: d.acknowledgements.filter((a) => a.checkId !== checkId) }));
    focus(`check-${domId(checkId)}`);
  };
  const open = (checkId: string) => {
    setAck({ checkId, text: '', error: false });
    focus(`ack-${domId(checkId)}`);
  };
  const cancel = () => {
    if (ack) focus(`check-${domId(ack.checkId)}`);
    setAck(null);
  };
  return { ack, setAck, record, withdraw, open, cancel };
}
export type Acknowledgements = ReturnType<typeof useAcknowledgements>;

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
