import { useTranslation } from 'react-i18next';
import type { MatchItem, Proposal } from '../../../../main/contract/options';
import type { SummaryItem } from '../../components/ErrorSummary';
import type { UpdateProposal } from './CheckList';
import { refKey } from './data';
import { ErrorLine } from './ErrorLine';
import { fieldErrors } from './proposalErrors';

type Alternative = Proposal['alternatives'][number];

/** The options weighed and set aside, each with why. */
export function AlternativesSection({ proposal, items, errors, update, focus }: { proposal: Proposal; items: MatchItem[]; errors: SummaryItem[]; update: UpdateProposal; focus: (id: string) => void }) {
  const { t } = useTranslation();
  const { describe } = fieldErrors(errors);
  const selectedKeys = new Set(proposal.selected.map(refKey));
  const choices = items.filter((i) => !selectedKeys.has(refKey(i.ref)));

  return (
    <section aria-labelledby="proposal-alternatives-title">
      <h2 id="proposal-alternatives-title">{t('proposalUi.alternatives')}</h2>
      <p className="hint">{t('proposalUi.alternativesHint')}</p>
      {proposal.alternatives.map((a, i) => {
        const n = i + 1;
        const invalid = errors.some((e) => e.target === `alt-${i}-reason`);
        const setAlt = (patch: Partial<Alternative>) =>
          update((d) => ({
            ...d,
            alternatives: d.alternatives.map((x, j) => {
              if (j !== i) return x;
              const next = { ...x, ...patch };
              if (!next.ref) delete next.ref;
              if (!next.description) delete next.description;
              return next;
            }),
          }));
        // An alternative already chosen stays listed even once it is selected for the proposal.
        const own = a.ref && !choices.some((x) => refKey(x.ref) === refKey(a.ref!)) ? items.filter((x) => refKey(x.ref) === refKey(a.ref!)) : [];
        return (
          <fieldset key={i} className="condition">
            <legend>{t('proposalUi.alternative', { n })}</legend>
            <div className="field">
              <label htmlFor={`alt-${i}-option`}>{t('proposalUi.alternativeOption', { n })}</label>
              <select id={`alt-${i}-option`} value={a.ref ? refKey(a.ref) : ''} onChange={(e) => setAlt({ ref: items.find((x) => refKey(x.ref) === e.target.value)?.ref })}>
                <option value="">{t('proposalUi.alternativeOther')}</option>
                {[...own, ...choices].map((x) => (
                  <option key={refKey(x.ref)} value={refKey(x.ref)}>
                    {x.name}
                  </option>
                ))}
              </select>
            </div>
            {!a.ref && (
              <div className="field">
                <label htmlFor={`alt-${i}-description`}>{t('proposalUi.alternativeDescription', { n })}</label>
                <input id={`alt-${i}-description`} type="text" value={a.description ?? ''} onChange={(e) => setAlt({ description: e.target.value })} />
              </div>
            )}
            <div className={invalid ? 'field field-error' : 'field'}>
              <label htmlFor={`alt-${i}-reason`}>{t('proposalUi.alternativeReason', { n })}</label>
              <ErrorLine target={`alt-${i}-reason`} errors={errors} />
              <textarea id={`alt-${i}-reason`} rows={2} value={a.reasonSetAside} aria-required aria-invalid={invalid || undefined} aria-describedby={describe(`alt-${i}-reason`)} onChange={(e) => setAlt({ reasonSetAside: e.target.value })} />
            </div>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                update((d) => ({ ...d, alternatives: d.alternatives.filter((_, j) => j !== i) }));
                focus('add-alternative');
              }}
            >
              {t('proposalUi.removeAlternative', { n })}
            </button>
          </fieldset>
        );
      })}
      <button
        id="add-alternative"
        type="button"
        className="secondary"
        onClick={() => {
          update((d) => ({ ...d, alternatives: [...d.alternatives, { reasonSetAside: '' }] }));
          focus(`alt-${proposal.alternatives.length}-option`);
        }}
      >
        {t('proposalUi.addAlternative')}
      </button>
    </section>
  );
}
