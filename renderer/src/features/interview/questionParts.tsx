import { useEffect, useRef } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AnyField } from '../../../../main/contract/form';
import { countGraphemes } from '../../../../main/domain/forms';
import { localize, type UiValues } from './model';

// The pieces every question is built of: its label, help, errors and character counter.

export interface QuestionState {
  visible: boolean;
  required: boolean;
  /** The problems to show, one per line ('' for none): a string so memo compares cheaply. */
  errors: string;
}

export type StateOf = (fieldId: string, row?: number, subFieldId?: string) => QuestionState;

export const describedBy = (...ids: Array<string | false | undefined>) => ids.filter(Boolean).join(' ') || undefined;

export function Label({ field, required }: { field: AnyField; required: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {localize(field.label, i18n.language)}
      {!required && <span className="optional"> {t('interview.optional')}</span>}
    </>
  );
}

export function Help({ id, field }: { id: string; field: AnyField }) {
  const { i18n } = useTranslation();
  if (!field.help) return null;
  return (
    <span className="hint" id={`${id}-hint`}>
      {localize(field.help, i18n.language)}
    </span>
  );
}

export function Errors({ id, errors }: { id: string; errors: string }) {
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
export function GraphemeCounter({ name, max, id }: { name: string; max: number; id: string }) {
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
