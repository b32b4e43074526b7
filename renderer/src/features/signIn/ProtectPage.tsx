import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/contract/api';
import { MIN_PASSPHRASE_LENGTH } from '../../../../main/contract/people';
import { ApiCallError, call } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { errorText } from '../../components/errors';
import { fieldId, TextField } from '../../components/fields';
import { longEnough, PersonChoice } from './fields';

// The first start after the upgrade, on a store written before encryption: nothing of it is shown
// until someone of the store sets the first passphrase, and the store and its backups are then
// encrypted (docs/encryption-at-rest.md). The page then starts again, signed in as that person.

interface Values {
  personId: string;
  passphrase: string;
  confirm: string;
}

export function ProtectStore({ people }: { people: Output<'session.signInState'>['people'] }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [summary, setSummary] = useState<{ items: Array<{ target: string; text: string }>; revision: number }>({ items: [], revision: 0 });
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({ defaultValues: { personId: people.length === 1 ? people[0]!.id : '', passphrase: '', confirm: '' } });
  const { errors } = form.formState;
  const shown = (name: 'passphrase' | 'confirm') => (errors[name] ? { ...errors[name], message: errors[name].message ?? '' } : undefined);
  const submit = form.handleSubmit(
    async ({ personId, passphrase }) => {
      setBusy(true);
      try {
        await call('session.setUp', { passphrase, personId });
        window.location.reload();
      } catch (e) {
        setBusy(false);
        if (!(e instanceof ApiCallError)) throw e;
        const text = errorText(t, e.error);
        form.setError('passphrase', { message: text });
        setSummary((s) => ({ items: [{ target: fieldId('passphrase'), text }], revision: s.revision + 1 }));
      }
    },
    (invalid) => setSummary((s) => ({ items: Object.entries(invalid).map(([name, err]) => ({ target: fieldId(name), text: (err as { message?: string }).message ?? '' })), revision: s.revision + 1 })),
  );
  return (
    <main id="main" className="who-is-using">
      <h1 tabIndex={-1} ref={heading}>
        {t('signIn.setUpTitle')}
      </h1>
      <p>{t('signIn.setUpIntro', { min: MIN_PASSPHRASE_LENGTH })}</p>
      <p>{t('signIn.setUpConverting')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary items={summary.items} revision={summary.revision} />
        <PersonChoice people={people} error={errors.personId} registration={form.register('personId', { required: t('signIn.choosePerson') })} />
        <TextField
          name="passphrase"
          type="password"
          label={t('signIn.newPassphrase')}
          hint={t('signIn.newPassphraseHint', { min: MIN_PASSPHRASE_LENGTH })}
          autoComplete="new-password"
          required
          error={shown('passphrase')}
          registration={form.register('passphrase', { validate: longEnough(t) })}
        />
        <TextField name="confirm" type="password" label={t('signIn.confirmPassphrase')} autoComplete="new-password" required error={shown('confirm')} registration={form.register('confirm', { validate: (v, all) => v === all.passphrase || t('signIn.mismatch') })} />
        <button type="submit" disabled={busy} aria-disabled={busy || undefined}>
          {busy ? t('signIn.converting') : t('signIn.setUpSubmit')}
        </button>
      </form>
    </main>
  );
}
