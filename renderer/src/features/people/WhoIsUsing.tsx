import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/contract/api';
import { MIN_PASSPHRASE_LENGTH, PersonDetails, roles, type Person, type PersonDetailsInput } from '../../../../main/contract/people';
import { ApiCallError, call } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { errorText, fieldName, issueText } from '../../components/errors';
import { fieldId, SelectField, TextField } from '../../components/fields';
import { resetActor } from '../../drafts/actor';

// Who is using the app (docs/DOMAIN.md, users): on first start the app asks for the person's name,
// role, team and service; with several people on the store each chooses their name. The audit,
// the documents and every screen then name that person, never the operating-system user.

type Session = Output<'session.current'>;

export function WhoIsUsing({ children }: { children: (person: Person, change: () => void) => ReactNode }) {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session | null>(null);
  const [people, setPeople] = useState<Person[] | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = () => {
    call('session.current', {})
      .then(async (s) => {
        setSession(s);
        if (!s.person && s.people > 0) setPeople(await call('people.list', {}));
      })
      .catch((e: unknown) => setError(e instanceof ApiCallError ? errorText(t, e.error) : String(e)));
  };
  useEffect(load, [t]);

  const chosen = (person: Person) => {
    resetActor();
    setChoosing(false);
    setSession({ person, people: Math.max(1, session?.people ?? 1) });
  };

  if (error) return <p role="alert">{error}</p>;
  if (!session) return <p role="status">{t('app.loading')}</p>;
  if (session.person && !choosing) {
    return (
      <>
        {children(session.person, () => {
          void call('people.list', {}).then((list) => {
            setPeople(list);
            setChoosing(true);
          });
        })}
      </>
    );
  }
  if (session.people === 0) return <FirstStart onAdded={chosen} />;
  return <ChoosePerson people={people ?? []} onChosen={chosen} onAdded={chosen} />;
}

function usePageFocus() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

type PersonValues = PersonDetailsInput & { passphrase?: string; confirm?: string };

/**
 * The form's own check before a round trip: the same schema the core checks, worded from the
 * catalogue; with `withPassphrase`, the first passphrase too (at least the core's length, typed twice).
 */
const personResolver =
  (withPassphrase: boolean): Resolver<PersonValues> =>
  (values) => {
    const parsed = PersonDetails.safeParse({ fullName: values.fullName, role: values.role, team: values.team, service: values.service });
    const errors: Record<string, { type: string; message: string }> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0] ?? 'fullName');
        errors[name] ??= { type: 'schema', message: name === 'fullName' ? 'validation.person.fullName' : 'validation.required' };
      }
    }
    if (withPassphrase) {
      const passphrase = values.passphrase ?? '';
      if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) errors.passphrase = { type: 'schema', message: 'errors.passphraseTooShort' };
      else if (values.confirm !== passphrase) errors.confirm = { type: 'schema', message: 'signIn.mismatch' };
    }
    if (parsed.success && Object.keys(errors).length === 0) return { values: { ...parsed.data, passphrase: values.passphrase, confirm: values.confirm }, errors: {} };
    return { values: {}, errors: errors as never };
  };

function PersonForm({ onAdded, submitLabel, withPassphrase = false }: { onAdded: (p: Person) => void; submitLabel: string; withPassphrase?: boolean }) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<{ items: Array<{ target: string; text: string }>; revision: number }>({ items: [], revision: 0 });
  const form = useForm<PersonValues>({ resolver: personResolver(withPassphrase), defaultValues: { fullName: '', role: 'probation_officer', team: '', service: '', passphrase: '', confirm: '' } });
  const { errors } = form.formState;
  /** A field's error in the reader's words: the form's own keys, or the core's issue as it sent it. */
  const worded = (e: { message?: string } | undefined) => (e?.message ? t(e.message, { min: MIN_PASSPHRASE_LENGTH }) : undefined);
  const submit = form.handleSubmit(
    async ({ passphrase, confirm: _confirm, ...values }) => {
      try {
        const details = PersonDetails.parse(values);
        // The first person of a new store protects it at once: the store is created encrypted.
        if (withPassphrase) {
          await call('session.setUp', { details, passphrase: passphrase ?? '' });
          // The page starts again on the encrypted store, signed in (the sign-in gate reads it anew).
          window.location.reload();
          return;
        }
        onAdded(await call('people.add', { details }));
      } catch (e) {
        if (!(e instanceof ApiCallError)) throw e;
        const issues = e.error.issues ?? [];
        const items = issues.map((i) => ({ name: fieldName(i.path, '$.details'), text: issueText(t, i) }));
        for (const i of items) form.setError(i.name as keyof PersonValues, { message: i.text });
        setSummary((s) => ({ items: items.length ? items.map((i) => ({ target: fieldId(i.name), text: i.text })) : [{ target: fieldId('fullName'), text: errorText(t, e.error) }], revision: s.revision + 1 }));
      }
    },
    (invalid) => setSummary((s) => ({ items: Object.entries(invalid).map(([name, err]) => ({ target: fieldId(name), text: worded(err as { message?: string }) ?? '' })), revision: s.revision + 1 })),
  );
  const shown = (name: keyof PersonValues) => (errors[name] ? { ...errors[name], message: worded(errors[name]) } : undefined);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary items={summary.items} revision={summary.revision} />
      <TextField name="fullName" label={t('people.fullName')} hint={t('people.fullNameHint')} autoComplete="name" required error={shown('fullName')} registration={form.register('fullName')} />
      <SelectField
        name="role"
        label={t('people.role')}
        placeholder={t('people.chooseRole')}
        required
        options={roles.map((r) => ({ value: r, label: t(`report.role.${r}`) }))}
        error={shown('role')}
        registration={form.register('role')}
      />
      <TextField name="team" label={t('people.team')} autoComplete="organization-title" error={shown('team')} registration={form.register('team')} />
      <TextField name="service" label={t('people.service')} autoComplete="organization" error={shown('service')} registration={form.register('service')} />
      {withPassphrase && (
        <>
          <p>{t('signIn.firstStartPassphrase')}</p>
          <TextField name="passphrase" type="password" label={t('signIn.newPassphrase')} hint={t('signIn.newPassphraseHint', { min: MIN_PASSPHRASE_LENGTH })} autoComplete="new-password" required error={shown('passphrase')} registration={form.register('passphrase')} />
          <TextField name="confirm" type="password" label={t('signIn.confirmPassphrase')} autoComplete="new-password" required error={shown('confirm')} registration={form.register('confirm')} />
        </>
      )}
      <button type="submit">{submitLabel}</button>
    </form>
  );
}

function FirstStart({ onAdded }: { onAdded: (p: Person) => void }) {
  const { t } = useTranslation();
  const heading = usePageFocus();
  return (
    <main id="main" className="who-is-using">
      <LanguageSwitch keepForPerson={false} />
      <h1 tabIndex={-1} ref={heading}>
        {t('people.firstStartTitle')}
      </h1>
      <p>{t('people.firstStartIntro')}</p>
      <PersonForm onAdded={onAdded} submitLabel={t('people.start')} withPassphrase />
    </main>
  );
}

function ChoosePerson({ people, onChosen, onAdded }: { people: Person[]; onChosen: (p: Person) => void; onAdded: (p: Person) => void }) {
  const { t } = useTranslation();
  const heading = usePageFocus();
  const [adding, setAdding] = useState(false);
  return (
    <main id="main" className="who-is-using">
      <LanguageSwitch keepForPerson={false} />
      <h1 tabIndex={-1} ref={heading}>
        {t('people.chooseTitle')}
      </h1>
      <ul className="people-list">
        {people.map((p) => (
          <li key={p.id}>
            <button type="button" onClick={() => void call('session.choose', { personId: p.id }).then(onChosen)}>
              {p.fullName}
            </button>{' '}
            <span>
              {t(`report.role.${p.role}`)}
              {p.team ? `, ${p.team}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {adding ? (
        <section aria-labelledby="add-person">
          <h2 id="add-person">{t('people.addTitle')}</h2>
          <PersonForm onAdded={(p) => void call('session.choose', { personId: p.id }).then(() => onAdded(p))} submitLabel={t('people.add')} />
        </section>
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t('people.addTitle')}
        </button>
      )}
    </main>
  );
}
