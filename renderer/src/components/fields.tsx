import type { ReactNode } from 'react';
import type { Control, FieldError, FieldValues, Path, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ControlledDateInput, useDatePattern } from './DateInput';

// Form controls with their label, hint and error wired up for assistive technology: the label names
// the control, the hint and error describe it, and aria-invalid marks it.

/** A DOM id for a form field name: person.givenNames -> f-person-givenNames */
export function fieldId(name: string): string {
  return `f-${name.replace(/\./g, '-')}`;
}

interface Common {
  name: string;
  label: string;
  hint?: string;
  error?: FieldError | undefined;
  registration: UseFormRegisterReturn;
  required?: boolean;
}

function describedBy(id: string, hint?: string, error?: FieldError): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

// Every field is required unless its label says "(optional)", so no asterisks (GOV.UK pattern).
function Frame({ id, label, hint, error, children }: { id: string; label: string; hint?: string | undefined; error?: FieldError | undefined; children: ReactNode }) {
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error?.message && (
        <span className="error-message" id={`${id}-error`}>
          {error.message}
        </span>
      )}
      {children}
    </div>
  );
}

export function TextField({ name, label, hint, error, registration, required, type = 'text', autoComplete = 'off', dir }: Common & { type?: 'text' | 'password'; autoComplete?: string; dir?: 'auto' | 'ltr' }) {
  const id = fieldId(name);
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        type={type}
        dir={dir}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...registration}
      />
    </Frame>
  );
}

export function SelectField({ name, label, hint, error, registration, required, options, placeholder }: Common & { options: Array<{ value: string; label: string }>; placeholder: string }) {
  const id = fieldId(name);
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...registration}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A date typed the way the app's language writes it (components/DateInput.tsx); the form holds YYYY-MM-DD. */
export function DateField<T extends FieldValues>({ name, label, hint, error, control, required }: Omit<Common, 'registration' | 'name'> & { name: Path<T>; control: Control<T> }) {
  const id = fieldId(name);
  const { t } = useTranslation();
  const pattern = useDatePattern();
  const shownHint = [hint, t('dates.hint', { pattern })].filter(Boolean).join(' ');
  return (
    <Frame id={id} label={label} hint={shownHint} error={error}>
      <ControlledDateInput<T>
        id={id}
        name={name}
        control={control}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, shownHint, error)}
      />
    </Frame>
  );
}

/** Language tags by name in the screen's language, sorted as that language sorts: a list to choose from, never a code to type. */
export function useLanguageOptions(tags: readonly string[], keep?: string): Array<{ value: string; label: string }> {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const all = keep && !tags.includes(keep) ? [...tags, keep] : [...tags];
  const names = new Intl.DisplayNames([language], { type: 'language', fallback: 'code' });
  const collator = new Intl.Collator(language);
  return all.map((tag) => ({ value: tag, label: names.of(tag) ?? tag })).sort((a, b) => collator.compare(a.label, b.label));
}
