import { useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AnyField } from '../../../../main/contract/form';
import { sourceKinds } from '../../../../main/contract/interview';
import type { UiValues } from './model';

/** Declined, source and disclosure of one answer: compact, labelled, reachable by keyboard. */
export function AnswerDetails({ field, name, id, label }: { field: AnyField; name: string; id: string; label: string }) {
  const { t } = useTranslation();
  const { register } = useFormContext<UiValues>();
  const [source, by, notForDisclosure] = useWatch({ name: [`${name}.source`, `${name}.by`, `${name}.notForDisclosure`] }) as unknown as [string, string | undefined, boolean];
  const [open, setOpen] = useState(false);
  // Who a third party or a verification is, beside its kind: an answer from a screener's inquiry names the screener and their organisation.
  const who = (source === 'verified' || source === 'third_party') && by?.trim() ? by.trim() : null;
  const sourceText = source ? (who ? t('interview.sourceWithWho', { source: t(`interview.source.${source}`), who }) : t(`interview.source.${source}`)) : null;
  const summaryBits = [sourceText, notForDisclosure ? t('interview.notForDisclosureShort') : null].filter(Boolean);
  return (
    <div className="answer-details">
      {field.declinable !== false && (
        <div className="option option-small">
          {/* The name says which question, since every question has one; it starts with the visible words. */}
          <input type="checkbox" id={`${id}-declined`} aria-label={t('interview.declinedFor', { question: label })} {...register(`${name}.declined` as never)} />
          <label htmlFor={`${id}-declined`}>{t('interview.declined')}</label>
        </div>
      )}
      <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary aria-label={[t('interview.sourceAndDisclosureFor', { question: label }), ...summaryBits].join(', ')}>
          {t('interview.sourceAndDisclosure')}
          {summaryBits.length > 0 && <span className="details-state"> ({summaryBits.join(', ')})</span>}
        </summary>
        {open && (
          <div className="details-body">
            <fieldset className="field choice compact">
              <legend>{t('interview.sourceLegend')}</legend>
              <div className="options options-inline">
                {['', ...sourceKinds].map((kind) => (
                  <div className="option option-small" key={kind || 'none'}>
                    <input type="radio" id={`${id}-source-${kind || 'none'}`} value={kind} {...register(`${name}.source` as never)} />
                    <label htmlFor={`${id}-source-${kind || 'none'}`}>{t(`interview.source.${kind || 'none'}`)}</label>
                  </div>
                ))}
              </div>
            </fieldset>
            {(source === 'verified' || source === 'third_party') && (
              <div className="source-who">
                <div className="field">
                  <label htmlFor={`${id}-by`}>{t(source === 'verified' ? 'interview.verifiedBy' : 'interview.thirdPartyWho')}</label>
                  <input type="text" id={`${id}-by`} autoComplete="off" {...register(`${name}.by` as never)} />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-how`}>{t(source === 'verified' ? 'interview.verifiedHow' : 'interview.thirdPartyHow')}</label>
                  <input type="text" id={`${id}-how`} autoComplete="off" {...register(`${name}.how` as never)} />
                </div>
              </div>
            )}
            <div className="option option-small">
              <input type="checkbox" id={`${id}-nfd`} aria-describedby={`${id}-nfd-hint`} {...register(`${name}.notForDisclosure` as never)} />
              <label htmlFor={`${id}-nfd`}>{t('interview.notForDisclosure')}</label>
            </div>
            <span className="hint" id={`${id}-nfd-hint`}>
              {t('interview.notForDisclosureHint')}
            </span>
          </div>
        )}
      </details>
    </div>
  );
}
