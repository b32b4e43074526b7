import type { ReactNode } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';

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

export function TextField({ name, label, hint, error, registration, required, type = 'text', autoComplete = 'off' }: Common & { type?: 'text' | 'date' | 'password'; autoComplete?: string }) {
  const id = fieldId(name);
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        type={type}
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
