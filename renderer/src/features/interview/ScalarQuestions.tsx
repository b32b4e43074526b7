import type { ReactNode } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AnyField, ScalarField, SubField } from '../../../../main/contract/form';
import { localize, type UiValues } from './model';
import { ControlledDateInput, useDatePattern } from '../../components/DateInput';
import { describedBy, Errors, GraphemeCounter, Help, Label, type QuestionState } from './questionParts';

// One control per kind of question: text, date and number; one choice; several choices.

/** The group around one question's choices: its legend, help and errors, described by both. */
function ChoiceFieldset({ field, id, state, inline = false, children }: { field: AnyField | SubField; id: string; state: QuestionState; inline?: boolean; children: ReactNode }) {
  return (
    <fieldset className={state.errors ? 'field choice field-error' : 'field choice'} aria-describedby={describedBy(field.help && `${id}-hint`, state.errors && `${id}-error`)}>
      <legend>
        <Label field={field} required={state.required} />
      </legend>
      <Help id={id} field={field} />
      <Errors id={id} errors={state.errors} />
      <div className={inline ? 'options options-inline' : 'options'}>{children}</div>
    </fieldset>
  );
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
        <DateQuestionInput name={`${name}.value`} id={id} describe={describe} invalid={Boolean(state.errors)} />
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

/** A date answer typed the way the app's language writes it; the answer holds YYYY-MM-DD. */
function DateQuestionInput({ name, id, describe, invalid }: { name: string; id: string; describe: string | undefined; invalid: boolean }) {
  const { control } = useFormContext<UiValues>();
  const pattern = useDatePattern();
  const { t } = useTranslation();
  return (
    <>
      <span className="hint" id={`${id}-pattern`}>
        {t('dates.hint', { pattern })}
      </span>
      <ControlledDateInput<UiValues>
        id={id}
        name={name as never}
        control={control}
        aria-invalid={invalid || undefined}
        aria-describedby={[describe, `${id}-pattern`].filter(Boolean).join(' ')}
      />
    </>
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
    <ChoiceFieldset field={field} id={id} state={state} inline={field.kind === 'yes_no'}>
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
    </ChoiceFieldset>
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
    <ChoiceFieldset field={field} id={id} state={state}>
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
    </ChoiceFieldset>
  );
}

export function Scalar({ field, name, id, state }: { field: ScalarField | SubField; name: string; id: string; state: QuestionState }) {
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
