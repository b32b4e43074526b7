import { memo, useEffect, useRef, useState } from 'react';
import { useController, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AnyField, RepeatableGroup, ScalarField, SubField } from '../../../../main/contract/form';
import { sourceKinds } from '../../../../main/contract/interview';
import { countGraphemes } from '../../../../main/domain/forms';
import { controlId, emptyRow, localize, type UiValues } from './model';

// One question with its label, help, error and answer details (declined, source, disclosure).
// Each question subscribes only to its own values, so typing re-renders nothing but the question's
// own character counter; the evaluation (visibility, required, problems) arrives as plain props.

export interface QuestionState {
  visible: boolean;
  required: boolean;
  /** The problems to show, one per line ('' for none): a string so memo compares cheaply. */
  errors: string;
}

export type StateOf = (fieldId: string, row?: number, subFieldId?: string) => QuestionState;

const describedBy = (...ids: Array<string | false | undefined>) => ids.filter(Boolean).join(' ') || undefined;

function Label({ field, required }: { field: AnyField; required: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {localize(field.label, i18n.language)}
      {!required && <span className="optional"> {t('interview.optional')}</span>}
    </>
  );
}

function Help({ id, field }: { id: string; field: AnyField }) {
  const { i18n } = useTranslation();
  if (!field.help) return null;
  return (
    <span className="hint" id={`${id}-hint`}>
      {localize(field.help, i18n.language)}
    </span>
  );
}

function Errors({ id, errors }: { id: string; errors: string }) {
  if (!errors) return null;
  return (
    <span className="error-message" id={`${id}-error`}>
      {errors.split('\n').map((e) => (
        <span key={e} className="error-line">
          {e}
        </span>
      ))}
    </span>
  );
}

/**
 * Counts what the officer sees (grapheme clusters) as they type. It listens to its own text box and
 * writes its text directly: no form subscription (which would copy every answer on each keystroke)
 * and no React render on the typing path.
 */
function GraphemeCounter({ name, max, id }: { name: string; max: number; id: string }) {
  const { t } = useTranslation();
  const { getValues } = useFormContext<UiValues>();
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const box = document.getElementById(id) as HTMLTextAreaElement | null;
    const out = ref.current;
    if (!box || !out) return;
    let shown = -1;
    const update = (text: string) => {
      const count = countGraphemes(text);
      if (count === shown) return;
      shown = count;
      const over = count > max;
      out.className = over ? 'counter counter-over' : 'counter';
      out.textContent = over ? t('interview.counterOver', { count, max, over: count - max }) : t('interview.counter', { count, max });
    };
    update(String(getValues(`${name}.value` as never) ?? ''));
    const onInput = () => update(box.value);
    box.addEventListener('input', onInput);
    return () => box.removeEventListener('input', onInput);
  }, [id, max, name, getValues, t]);
  return <span className="counter" id={`${id}-count`} ref={ref} />;
}

function TextQuestion({ field, name, id, state }: { field: Extract<AnyField, { kind: 'short_text' | 'long_text' | 'date' | 'number' }>; name: string; id: string; state: QuestionState }) {
  const { register } = useFormContext<UiValues>();
  const { i18n } = useTranslation();
  const describe = describedBy(field.help && `${id}-hint`, state.errors && `${id}-error`, field.kind === 'long_text' && `${id}-count`);
  const common = {
    id,
    'aria-invalid': state.errors ? true : undefined,
    'aria-describedby': describe,
    ...register(`${name}.value` as never),
  };
  return (
    <div className={state.errors ? 'field field-error' : 'field'}>
      <label htmlFor={id}>
        <Label field={field} required={state.required} />
      </label>
      <Help id={id} field={field} />
      <Errors id={id} errors={state.errors} />
      {field.kind === 'long_text' ? (
        <textarea rows={4} {...common} />
      ) : field.kind === 'date' ? (
        <input type="date" className="input-date" autoComplete="off" {...common} />
      ) : field.kind === 'number' ? (
        <span className="number-row">
          <input type="text" inputMode="decimal" className="input-number" autoComplete="off" {...common} />
          {field.unit && <span className="unit">{localize(field.unit, i18n.language)}</span>}
        </span>
      ) : (
        <input type="text" autoComplete="off" {...common} />
      )}
      {field.kind === 'long_text' && <GraphemeCounter name={name} max={field.maxGraphemes} id={id} />}
    </div>
  );
}

function ChoiceQuestion({ field, name, id, state }: { field: Extract<AnyField, { kind: 'single_choice' | 'yes_no' }>; name: string; id: string; state: QuestionState }) {
  const { register } = useFormContext<UiValues>();
  const { t, i18n } = useTranslation();
  const options =
    field.kind === 'yes_no'
      ? [
          { id: 'yes', label: t('interview.yes'), help: undefined },
          { id: 'no', label: t('interview.no'), help: undefined },
        ]
      : field.options.map((o) => ({ id: o.id, label: localize(o.label, i18n.language), help: o.help ? localize(o.help, i18n.language) : undefined }));
  return (
    <fieldset className={state.errors ? 'field choice field-error' : 'field choice'} aria-describedby={describedBy(field.help && `${id}-hint`, state.errors && `${id}-error`)}>
      <legend>
        <Label field={field} required={state.required} />
      </legend>
      <Help id={id} field={field} />
      <Errors id={id} errors={state.errors} />
      <div className={field.kind === 'yes_no' ? 'options options-inline' : 'options'}>
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${o.id}`;
          return (
            <div className="option" key={o.id}>
              <input type="radio" id={optionId} value={o.id} aria-invalid={state.errors ? true : undefined} {...register(`${name}.value` as never)} />
              <label htmlFor={optionId}>
                {o.label}
                {o.help && <span className="hint option-hint">{o.help}</span>}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function MultipleChoiceQuestion({ field, name, id, state }: { field: Extract<AnyField, { kind: 'multiple_choice' }>; name: string; id: string; state: QuestionState }) {
  const { i18n } = useTranslation();
  const { field: control } = useController<UiValues>({ name: `${name}.value` });
  const ticked = (Array.isArray(control.value) ? control.value : []) as string[];
  const toggle = (optionId: string, on: boolean) => {
    let next = on ? [...ticked.filter((v) => v !== optionId), optionId] : ticked.filter((v) => v !== optionId);
    // "None of these" cannot stand with another choice: ticking one clears the other.
    if (on && field.exclusiveOption) next = optionId === field.exclusiveOption ? [optionId] : next.filter((v) => v !== field.exclusiveOption);
    control.onChange(field.options.map((o) => o.id).filter((o) => next.includes(o)));
  };
  return (
    <fieldset className={state.errors ? 'field choice field-error' : 'field choice'} aria-describedby={describedBy(field.help && `${id}-hint`, state.errors && `${id}-error`)}>
      <legend>
        <Label field={field} required={state.required} />
      </legend>
      <Help id={id} field={field} />
      <Errors id={id} errors={state.errors} />
      <div className="options">
        {field.options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${o.id}`;
          return (
            <div className={o.id === field.exclusiveOption ? 'option option-exclusive' : 'option'} key={o.id}>
              <input
                type="checkbox"
                id={optionId}
                name={`${name}.value`}
                value={o.id}
                checked={ticked.includes(o.id)}
                onChange={(e) => toggle(o.id, e.target.checked)}
                onBlur={control.onBlur}
                aria-invalid={state.errors ? true : undefined}
                ref={i === 0 ? control.ref : undefined}
              />
              <label htmlFor={optionId}>
                {localize(o.label, i18n.language)}
                {o.help && <span className="hint option-hint">{localize(o.help, i18n.language)}</span>}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Declined, source and disclosure of one answer: compact, labelled, reachable by keyboard. */
function AnswerDetails({ field, name, id, label }: { field: AnyField; name: string; id: string; label: string }) {
  const { t } = useTranslation();
  const { register } = useFormContext<UiValues>();
  const [source, notForDisclosure] = useWatch({ name: [`${name}.source`, `${name}.notForDisclosure`] }) as unknown as [string, boolean];
  const [open, setOpen] = useState(false);
  const summaryBits = [source ? t(`interview.source.${source}`) : null, notForDisclosure ? t('interview.notForDisclosureShort') : null].filter(Boolean);
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

function Scalar({ field, name, id, state }: { field: ScalarField | SubField; name: string; id: string; state: QuestionState }) {
  switch (field.kind) {
    case 'single_choice':
    case 'yes_no':
      return <ChoiceQuestion field={field} name={name} id={id} state={state} />;
    case 'multiple_choice':
      return <MultipleChoiceQuestion field={field} name={name} id={id} state={state} />;
    default:
      return <TextQuestion field={field} name={name} id={id} state={state} />;
  }
}

interface QuestionProps {
  field: ScalarField | SubField;
  name: string;
  id: string;
  visible: boolean;
  required: boolean;
  errors: string;
}

export const Question = memo(function Question({ field, name, id, visible, required, errors }: QuestionProps) {
  const { i18n } = useTranslation();
  if (!visible) return null;
  return (
    <div className="question" data-question={id}>
      <Scalar field={field} name={name} id={id} state={{ visible, required, errors }} />
      <AnswerDetails field={field} name={name} id={id} label={localize(field.label, i18n.language)} />
    </div>
  );
});

interface GroupProps {
  group: RepeatableGroup;
  name: string;
  visible: boolean;
  required: boolean;
  errors: string;
  stateOf: StateOf;
  onRowsChanged: () => void;
}

/** A repeatable group (dependants, previous convictions): one fieldset per row, add and remove buttons. */
export function GroupQuestion({ group, name, visible, required, errors, stateOf, onRowsChanged }: GroupProps) {
  const { t, i18n } = useTranslation();
  const { fields, append, remove } = useFieldArray({ name: `${name}.rows` as never });
  if (!visible) return null;
  const id = controlId(group.id);
  const item = localize(group.itemLabel, i18n.language);
  const itemLower = i18n.language.startsWith('en') ? item.charAt(0).toLowerCase() + item.slice(1) : item;
  const label = localize(group.label, i18n.language);
  return (
    <div className="question">
      <fieldset className={errors ? 'group field-error' : 'group'} aria-describedby={describedBy(group.help && `${id}-hint`, errors && `${id}-error`)}>
        <legend>
          <Label field={group} required={required} />
        </legend>
        <Help id={id} field={group} />
        <Errors id={id} errors={errors} />
        {fields.length === 0 && <p className="muted">{t('interview.noRows')}</p>}
        {fields.map((row, i) => (
          <fieldset key={row.id} className="group-row">
            <legend>{t('interview.rowLegend', { item, n: i + 1 })}</legend>
            {group.fields.map((sub) => {
              const s = stateOf(group.id, i, sub.id);
              return <Question key={sub.id} field={sub} name={`${name}.rows.${i}.${sub.id}`} id={controlId(group.id, i, sub.id)} visible={s.visible} required={s.required} errors={s.errors} />;
            })}
            <button
              type="button"
              className="secondary small"
              onClick={() => {
                remove(i);
                onRowsChanged();
              }}
            >
              {t('interview.removeRow', { item: itemLower, n: i + 1 })}
            </button>
          </fieldset>
        ))}
        {fields.length < group.maxRows && (
          <button
            type="button"
            className="secondary"
            id={fields.length === 0 ? id : `${id}-add`}
            onClick={() => {
              append(emptyRow(group) as never);
              onRowsChanged();
            }}
          >
            {t('interview.addRow', { item: itemLower })}
          </button>
        )}
      </fieldset>
      <AnswerDetails field={group} name={name} id={id} label={label} />
    </div>
  );
}
