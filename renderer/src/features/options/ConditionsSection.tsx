import { useTranslation } from 'react-i18next';
import { DateInput } from '../../components/DateInput';
import { needs, type ConditionReport, type Need, type ProposedCondition, type Proposal } from '../../../../main/contract/options';
import type { SummaryItem } from '../../components/ErrorSummary';
import type { Acknowledgements } from '../../components/useAcknowledgements';
import { CheckList, type UpdateProposal } from './CheckList';
import { newConditionId } from './data';
import { ErrorLine } from './ErrorLine';
import { domId, fieldErrors } from './proposalErrors';

/** Drops empty optional parts so the draft is always what the schema would store. */
function withoutEmpty<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

function patched(c: ProposedCondition, patch: Partial<ProposedCondition>): ProposedCondition {
  const next: ProposedCondition = { ...c, ...patch };
  if (!next.endDate) delete next.endDate;
  if (next.link) {
    const link = withoutEmpty(next.link);
    if (Object.keys(link).length === 0) delete next.link;
    else next.link = link;
  }
  if (next.review) {
    const review = withoutEmpty(next.review);
    if (Object.keys(review).length === 0) delete next.review;
    else next.review = review;
  }
  return next;
}

interface Props {
  proposal: Proposal;
  report: ConditionReport;
  recordedNeeds: ReadonlySet<Need>;
  errors: SummaryItem[];
  update: UpdateProposal;
  acks: Acknowledgements;
  focus: (id: string) => void;
}

/** The conditions, each with its wording, optional link, end and review, and the checks run as it is typed. */
export function ConditionsSection({ proposal, report, recordedNeeds, errors, update, acks, focus }: Props) {
  const { t } = useTranslation();
  const { describe } = fieldErrors(errors);
  const needChoices = [...needs].sort((a, b) => Number(recordedNeeds.has(b)) - Number(recordedNeeds.has(a)));
  const setCondition = (index: number, patch: Partial<ProposedCondition>) => update((d) => ({ ...d, conditions: d.conditions.map((c, i) => (i === index ? patched(c, patch) : c)) }));
  const general = report.checks.filter((c) => c.conditionId === undefined);

  return (
    <section aria-labelledby="proposal-conditions-title">
      <h2 id="proposal-conditions-title">{t('proposalUi.conditions')}</h2>
      <p className="hint">{t('proposalUi.conditionsHint')}</p>
      <p role="status">{t('proposalUi.openChecks', { count: report.open })}</p>
      {proposal.conditions.map((c, i) => {
        const n = i + 1;
        const base = `cond-${domId(c.id)}`;
        const invalid = errors.some((e) => e.target === `${base}-text`);
        return (
          <fieldset key={c.id} className="condition">
            <legend>{t('proposalUi.condition', { n })}</legend>
            <div className={invalid ? 'field field-error' : 'field'}>
              <label htmlFor={`${base}-text`}>{t('proposalUi.conditionText', { n })}</label>
              <ErrorLine target={`${base}-text`} errors={errors} />
              <textarea
                id={`${base}-text`}
                rows={3}
                value={c.text}
                aria-required
                aria-invalid={invalid || undefined}
                aria-describedby={describe(`${base}-text`, c.text.trim() !== '' ? `${base}-checks` : '')}
                onChange={(e) => setCondition(i, { text: e.target.value })}
              />
            </div>
            <details open={Boolean(c.link || c.endDate || c.review)}>
              <summary>{t('proposalUi.structured', { n })}</summary>
              <div className="inline-fields">
                <div className="field">
                  <label htmlFor={`${base}-need`}>{t('proposalUi.linkNeed')}</label>
                  <select id={`${base}-need`} value={c.link?.need ?? ''} onChange={(e) => setCondition(i, { link: { ...c.link, need: (e.target.value || undefined) as Need | undefined } })}>
                    <option value="">{t('proposalUi.noNeed')}</option>
                    {needChoices.map((need) => (
                      <option key={need} value={need}>
                        {t(`need.${need}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${base}-risk`}>{t('proposalUi.linkRisk')}</label>
                  <input id={`${base}-risk`} type="text" value={c.link?.risk ?? ''} onChange={(e) => setCondition(i, { link: { ...c.link, risk: e.target.value || undefined } })} />
                </div>
                <div className="field">
                  <label htmlFor={`${base}-end`}>{t('proposalUi.endDate')}</label>
                  <DateInput id={`${base}-end`} value={c.endDate ?? ''} onValue={(v) => setCondition(i, { endDate: v || undefined })} />
                </div>
                <div className="field">
                  <label htmlFor={`${base}-review`}>{t('proposalUi.reviewDate')}</label>
                  <DateInput id={`${base}-review`} value={c.review?.date ?? ''} onValue={(v) => setCondition(i, { review: { ...c.review, date: v || undefined } })} />
                </div>
              </div>
            </details>
            {c.text.trim() !== '' && <CheckList checks={report.checks.filter((x) => x.conditionId === c.id)} label={t('proposalUi.checksFor', { n })} listId={`${base}-checks`} acks={acks} />}
            <button
              type="button"
              className="secondary"
              onClick={() => {
                update((d) => ({ ...d, conditions: d.conditions.filter((x) => x.id !== c.id), acknowledgements: d.acknowledgements.filter((a) => !new RegExp(`:${c.id}(:|$)`).test(a.checkId)) }));
                focus('add-condition');
              }}
            >
              {t('proposalUi.removeCondition', { n })}
            </button>
          </fieldset>
        );
      })}
      <button
        id="add-condition"
        type="button"
        className="secondary"
        onClick={() => {
          const cid = newConditionId(proposal.conditions);
          update((d) => ({ ...d, conditions: [...d.conditions, { id: cid, text: '' }] }));
          focus(`cond-${domId(cid)}-text`);
        }}
      >
        {t('proposalUi.addCondition')}
      </button>
      <h3>{t('proposalUi.proposalChecks')}</h3>
      <CheckList checks={general} label={t('proposalUi.proposalChecks')} listId="proposal-checks" acks={acks} />
      {report.staleAcknowledgements.length > 0 && (
        <>
          <h3>{t('proposalUi.staleAcks')}</h3>
          <ul>
            {report.staleAcknowledgements.map((a) => (
              <li key={a.checkId}>
                {a.reason}{' '}
                <button type="button" className="secondary" onClick={() => acks.withdraw(a.checkId)}>
                  {t('proposalUi.withdrawAck')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
