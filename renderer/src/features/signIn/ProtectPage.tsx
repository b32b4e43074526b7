import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../main/contract/people';
import { ApiCallError, call } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { errorText } from '../../components/errors';
import { fieldId } from '../../components/fields';
import { NewPassphraseFields, type NewPassphraseValues } from './SignInGate';

// Protecting a store written before encryption: the person using it sets the first passphrase,
// and the store and its backups are encrypted (docs/encryption-at-rest.md). The page then starts
// again on the encrypted store, signed in as that person.

export function ProtectPage({ person }: { person: Person }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [summary, setSummary] = useState<{ items: Array<{ target: string; text: string }>; revision: number }>({ items: [], revision: 0 });
  const [busy, setBusy] = useState(false);
  const form = useForm<NewPassphraseValues>({ defaultValues: { passphrase: '', confirm: '' } });
  const submit = form.handleSubmit(
    async ({ passphrase }) => {
      setBusy(true);
      try {
        await call('session.setUp', { passphrase, personId: person.id });
        window.location.reload();
      } catch (e) {
        if (!(e instanceof ApiCallError)) throw e;
        const text = errorText(t, e.error);
        form.setError('passphrase', { message: text });
        setSummary((s) => ({ items: [{ target: fieldId('passphrase'), text }], revision: s.revision + 1 }));
      } finally {
        setBusy(false);
      }
    },
    (invalid) => setSummary((s) => ({ items: Object.entries(invalid).map(([name, err]) => ({ target: fieldId(name), text: (err as { message?: string }).message ?? '' })), revision: s.revision + 1 })),
  );
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        {t('signIn.setUpTitle')}
      </h1>
      <p>{t('signIn.setUpIntro')}</p>
      <p>{t('signIn.setUpConverting')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary items={summary.items} revision={summary.revision} />
        <NewPassphraseFields form={form} />
        <button type="submit" disabled={busy} aria-disabled={busy || undefined}>
          {busy ? t('signIn.working') : t('signIn.setUpSubmit')}
        </button>
      </form>
    </>
  );
}
