import { forwardRef, useEffect, useState, type InputHTMLAttributes } from 'react';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { dateShape, formatDateText, parseDateText } from './dateText';
import { formatLocale } from '../i18n';

// A date field in the app's language, not the browser's: the browser's own date picker writes
// mm/dd/yyyy or dd/mm/yyyy after the operating system, whatever language the screens are in. The
// officer types the date as their language writes it; the form holds YYYY-MM-DD, or the typed text
// as it is when it is not a date yet, so the form's check names the field.

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: string;
  onValue: (value: string) => void;
};

/** The pattern a date is typed in, in the language's letters: "DD/MM/YYYY", "JJ/MM/AAAA", "年/月/日". */
export function useDatePattern(): string {
  const { t, i18n } = useTranslation();
  const { order, separator } = dateShape(formatLocale(i18n.language));
  return order.map((p) => t(`dates.${p}`)).join(separator);
}

export const DateInput = forwardRef<HTMLInputElement, Props>(function DateInput({ value, onValue, className, ...rest }, ref) {
  const { i18n } = useTranslation();
  // The language's way, in the person's own region when it is a variant of it (en-GB: 25/12/2026).
  const language = formatLocale(i18n.language);
  const [text, setText] = useState(() => formatDateText(value, language));
  // A value set from outside (a draft restored, a reset) or a switch of language shows the date the
  // language's way; what the officer is typing stays as typed while it means the same date.
  useEffect(() => {
    setText((shown) => ((shown.trim() === '' ? '' : (parseDateText(shown, language) ?? shown.trim())) === value ? shown : formatDateText(value, language)));
  }, [value, language]);
  return (
    <input
      {...rest}
      ref={ref}
      type="text"
      inputMode="numeric"
      dir="ltr"
      className={className ? `${className} input-date` : 'input-date'}
      autoComplete="off"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const typed = e.target.value;
        onValue(typed.trim() === '' ? '' : (parseDateText(typed, language) ?? typed.trim()));
      }}
    />
  );
});

/** A DateInput bound to one field of a react-hook-form form. */
export function ControlledDateInput<T extends FieldValues>({ name, control, ...rest }: Omit<Props, 'value' | 'onValue' | 'name'> & { name: Path<T>; control: Control<T> }) {
  const { field } = useController({ name, control });
  return <DateInput {...rest} id={rest.id} name={field.name} ref={field.ref} value={typeof field.value === 'string' ? field.value : ''} onValue={field.onChange} onBlur={field.onBlur} />;
}
