import { memo } from 'react';
import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { RepeatableGroup, ScalarField, SubField } from '../../../../main/contract/form';
import { AnswerDetails } from './AnswerDetails';
import { controlId, emptyRow, localize } from './model';
import { describedBy, Errors, Help, Label, type StateOf } from './questionParts';
import { Scalar } from './ScalarQuestions';

export type { QuestionState, StateOf } from './questionParts';

// One question with its label, help, error and answer details (declined, source, disclosure).
// Each question subscribes only to its own values, so typing re-renders nothing but the question's
// own character counter; the evaluation (visibility, required, problems) arrives as plain props.

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
