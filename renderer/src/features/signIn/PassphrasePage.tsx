import { useEffect, useRef, useState } from 'react';
import { useForm, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH, PersonDetails, roles, type Person } from '../../../../main/contract/people';
import { ApiCallError, call } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { errorText } from '../../components/errors';
import { fieldId, SelectField, TextField } from '../../components/fields';
import { longEnough } from './fields';

// Passphrases on an encrypted store (docs/encryption-at-rest.md): each person changes their own
// (the current one is checked as a sign-in is); an administrator adds people with a first
// passphrase and gives someone who forgot theirs a new one. The store is never re-encrypted.

type Summary = { items: Array<{ target: string; text: string }>; revision: number };

function useSummary() {
  const [summary, setSummary] = useState<Summary>({ items: [], revision: 0 });
  return {
    summary,
    show: (items: Summary['items']) => setSummary((s) => ({ items, revision: s.revision + 1 })),
  };
}

const fieldError = (e: FieldError | undefined): FieldError | undefined => (e ? { ...e, message: e.message ?? '' } : undefined);

export function PassphrasePage({ person }: { person: Person }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        {t('passphrases.title')}
      </h1>
      <ChangeOwn />
      {person.role === 'administrator' && <PeopleAndPassphrases />}
    </>
  );
}

function ChangeOwn() {
  const { t } = useTranslation();
  const { summary, show } = useSummary();
  const [done, setDone] = useState(false);
  const form = useForm<{ current: string; next: string; confirm: string }>({ defaultValues: { current: '', next: '', confirm: '' } });
  const { errors } = form.formState;
  const submit = form.handleSubmit(
    async ({ current, next }) => {
      setDone(false);
      try {
        await call('session.changePassphrase', { current, next });
        form.reset();
        setDone(true);
      } catch (e) {
        if (!(e instanceof ApiCallError)) throw e;
        const name = e.error.path === '$.current' ? 'current' : 'next';
        const text = errorText(t, e.error);
        form.setError(name, { message: text });
        show([{ target: fieldId(name), text }]);
      }
    },
    (invalid) => show(Object.entries(invalid).map(([name, err]) => ({ target: fieldId(name), text: (err as { message?: string }).message ?? '' }))),
  );
  return (
    <section aria-labelledby="change-own">
      <h2 id="change-own">{t('passphrases.changeTitle')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary items={summary.items} revision={summary.revision} />
        <TextField name="current" type="password" label={t('passphrases.current')} autoComplete="current-password" required error={fieldError(errors.current)} registration={form.register('current', { required: t('signIn.passphraseRequired') })} />
        <TextField
          name="next"
          type="password"
          label={t('signIn.newPassphrase')}
          hint={t('signIn.newPassphraseHint', { min: MIN_PASSPHRASE_LENGTH })}
          autoComplete="new-password"
          required
          error={fieldError(errors.next)}
          registration={form.register('next', { validate: longEnough(t) })}
        />
        <TextField name="confirm" type="password" label={t('signIn.confirmPassphrase')} autoComplete="new-password" required error={fieldError(errors.confirm)} registration={form.register('confirm', { validate: (v, all) => v === all.next || t('signIn.mismatch') })} />
        <button type="submit">{t('passphrases.change')}</button>
      </form>
      <p role="status">{done ? t('passphrases.changed') : ''}</p>
    </section>
  );
}

interface AddValues {
  fullName: string;
  role: Person['role'];
  passphrase: string;
}

function PeopleAndPassphrases() {
  const { t } = useTranslation();
  const [people, setPeople] = useState<Person[]>([]);
  const [status, setStatus] = useState('');
  const load = () => void call('people.list', {}).then(setPeople);
  useEffect(load, []);
  const add = useForm<AddValues>({ defaultValues: { fullName: '', role: 'probation_officer', passphrase: '' } });
  const reset = useForm<{ personId: string; passphrase: string }>({ defaultValues: { personId: '', passphrase: '' } });
  const addSummary = useSummary();
  const resetSummary = useSummary();
  const long = longEnough(t);
  const invalid =
    (show: (i: Summary['items']) => void, ids: Record<string, string> = {}) =>
    (errs: Record<string, unknown>) =>
      show(Object.entries(errs).map(([name, err]) => ({ target: fieldId(ids[name] ?? name), text: (err as { message?: string }).message ?? '' })));

  const submitAdd = add.handleSubmit(async ({ fullName, role, passphrase }) => {
    try {
      const added = await call('people.add', { details: PersonDetails.parse({ fullName, role, team: '', service: '' }), passphrase });
      add.reset();
      setStatus(t('passphrases.added', { name: added.fullName }));
      load();
    } catch (e) {
      if (!(e instanceof ApiCallError)) throw e;
      const text = errorText(t, e.error);
      addSummary.show([{ target: fieldId('fullName'), text }]);
    }
  }, invalid(addSummary.show));

  const submitReset = reset.handleSubmit(async ({ personId, passphrase }) => {
    try {
      await call('people.resetPassphrase', { personId, passphrase });
      reset.reset();
      setStatus(t('passphrases.resetDone', { name: people.find((p) => p.id === personId)?.fullName ?? '' }));
    } catch (e) {
      if (!(e instanceof ApiCallError)) throw e;
      resetSummary.show([{ target: fieldId('resetPassphrase'), text: errorText(t, e.error) }]);
    }
  }, invalid(resetSummary.show, { passphrase: 'resetPassphrase' }));

  return (
    <>
      <section aria-labelledby="add-person">
        <h2 id="add-person">{t('passphrases.addTitle')}</h2>
        <p className="hint">{t('passphrases.addHint')}</p>
        <form onSubmit={(e) => void submitAdd(e)} noValidate>
          <ErrorSummary items={addSummary.summary.items} revision={addSummary.summary.revision} />
          <TextField name="fullName" label={t('people.fullName')} autoComplete="off" required error={fieldError(add.formState.errors.fullName)} registration={add.register('fullName', { validate: (v) => v.trim().length > 0 || t('validation.person.fullName') })} />
          <SelectField name="role" label={t('people.role')} placeholder={t('people.chooseRole')} required options={roles.map((r) => ({ value: r, label: t(`report.role.${r}`) }))} error={fieldError(add.formState.errors.role)} registration={add.register('role')} />
          <TextField name="passphrase" type="password" label={t('passphrases.first')} hint={t('signIn.newPassphraseHint', { min: MIN_PASSPHRASE_LENGTH })} autoComplete="new-password" required error={fieldError(add.formState.errors.passphrase)} registration={add.register('passphrase', { validate: long })} />
          <button type="submit">{t('passphrases.add')}</button>
        </form>
      </section>
      <section aria-labelledby="reset-passphrase">
        <h2 id="reset-passphrase">{t('passphrases.resetTitle')}</h2>
        <form onSubmit={(e) => void submitReset(e)} noValidate>
          <ErrorSummary items={resetSummary.summary.items} revision={resetSummary.summary.revision} />
          <SelectField name="personId" label={t('passphrases.whose')} placeholder={t('passphrases.choosePerson')} required options={people.map((p) => ({ value: p.id, label: p.fullName }))} error={fieldError(reset.formState.errors.personId)} registration={reset.register('personId', { required: t('passphrases.choosePerson') })} />
          <TextField name="resetPassphrase" type="password" label={t('passphrases.theirNew')} autoComplete="new-password" required error={fieldError(reset.formState.errors.passphrase)} registration={reset.register('passphrase', { validate: long })} />
          <button type="submit">{t('passphrases.reset')}</button>
        </form>
      </section>
      <p role="status">{status}</p>
    </>
  );
}
