import type { TFunction } from 'i18next';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH } from '../../../../main/contract/people';
import { fieldId } from '../../components/fields';

// What the sign-in, the protection of an older store and the Passphrases page share.

/** "Your name": one radio a person the sign-in offers; the first radio carries the field's id. */
export function PersonChoice({ people, error, registration }: { people: ReadonlyArray<{ id: string; fullName: string }>; error: FieldError | undefined; registration: UseFormRegisterReturn }) {
  const { t } = useTranslation();
  const errorId = `${fieldId('personId')}-error`;
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend>{t('signIn.person')}</legend>
      {error && (
        <p className="field-error" id={errorId}>
          {error.message}
        </p>
      )}
      {people.map((p, i) => {
        const id = i === 0 ? fieldId('personId') : `${fieldId('personId')}-${i}`;
        return (
          <div key={p.id} className="radio">
            <input type="radio" id={id} value={p.id} {...registration} />
            <label htmlFor={id}>{p.fullName}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** The form's own check of a new passphrase, before the core checks the same length. */
export const longEnough = (t: TFunction) => (value: string) => [...value.normalize('NFC')].length >= MIN_PASSPHRASE_LENGTH || t('errors.passphraseTooShort', { min: MIN_PASSPHRASE_LENGTH });
