import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/contract/api';
import { ApiCallError, call, onLocked } from '../../api/client';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ErrorSummary } from '../../components/ErrorSummary';
import { errorText } from '../../components/errors';
import { fieldId, TextField } from '../../components/fields';
import { forgetDraftKey, useDraftKey } from '../../drafts/draftKey';
import { PersonChoice } from './fields';
import { ProtectStore } from './ProtectPage';

// The sign-in in front of an encrypted store (docs/encryption-at-rest.md): nothing of the app is
// shown until a person gives their passphrase. The session locks after the jurisdiction's idle
// time, on a lock by hand, or when the app says so (system sleep in the desktop app); the page is
// then taken down, its unsaved copies stay encrypted on this computer, and signing in again offers
// them back.

type GateState = Output<'session.signInState'>;

interface SignInContextValue {
  /** True on an encrypted store: the header offers Lock instead of Change person. */
  encrypted: boolean;
  lock(): void;
}

const SignInContext = createContext<SignInContextValue>({ encrypted: false, lock: () => undefined });
export const useSignIn = () => useContext(SignInContext);

const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

export function SignInGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<GateState | null>(null);
  const [lockedWhy, setLockedWhy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const draftKey = useDraftKey();

  const load = useCallback(() => {
    call('session.signInState', {})
      .then(async (s) => {
        if (s.signedIn) await draftKey.load();
        setState(s);
      })
      .catch((e: unknown) => setError(e instanceof ApiCallError ? errorText(t, e.error) : String(e)));
  }, [t, draftKey]);
  useEffect(load, [load]);

  const lock = useCallback(
    (why: string | null) => {
      forgetDraftKey();
      setLockedWhy(why);
      setState((s) => (s ? { ...s, signedIn: null } : s));
      // Then the sign-in screen is read anew: someone may have been added meanwhile.
      void call('session.lock', {})
        .catch(() => undefined)
        .then(() => call('session.signInState', {}))
        .then((s) => setState({ ...s, signedIn: null }))
        .catch(() => undefined);
    },
    [],
  );

  // The core refused a call because this session is no longer signed in (sleep, another lock).
  useEffect(() => onLocked(() => lock(t('signIn.locked'))), [lock, t]);

  // Idle lock: no key press, click, scroll or touch for the jurisdiction's minutes.
  const signedIn = state?.encrypted && state.signedIn !== null;
  const minutes = state?.idleLockMinutes ?? 10;
  useEffect(() => {
    if (!signedIn) return;
    let timer = 0;
    const arm = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => lock(t('signIn.idleLocked', { minutes })), minutes * 60_000);
    };
    arm();
    for (const e of ACTIVITY) window.addEventListener(e, arm, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, arm);
    };
  }, [signedIn, minutes, lock, t]);

  if (error) return <p role="alert">{error}</p>;
  if (!state) return <p role="status">{t('app.loading')}</p>;
  // A store no one has protected yet: a new one sets its passphrase on the first start
  // (WhoIsUsing's first-start form); one written before encryption is protected before anything of it shows.
  if (!state.encrypted && state.people.length > 0) return <ProtectStore people={state.people} />;
  if (!state.encrypted) return <SignInContext.Provider value={{ encrypted: false, lock: () => undefined }}>{children}</SignInContext.Provider>;
  if (!state.signedIn) {
    return (
      <SignIn
        people={state.people}
        why={lockedWhy}
        onSignedIn={async (person) => {
          await draftKey.load();
          setLockedWhy(null);
          setState({ ...state, signedIn: person });
        }}
      />
    );
  }
  return <SignInContext.Provider value={{ encrypted: true, lock: () => lock(null) }}>{children}</SignInContext.Provider>;
}

interface SignInValues {
  personId: string;
  passphrase: string;
}

function SignIn({ people, why, onSignedIn }: { people: GateState['people']; why: string | null; onSignedIn: (person: NonNullable<GateState['signedIn']>) => Promise<void> }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [summary, setSummary] = useState<{ items: Array<{ target: string; text: string }>; revision: number }>({ items: [], revision: 0 });
  const [busy, setBusy] = useState(false);
  const form = useForm<SignInValues>({ defaultValues: { personId: people.length === 1 ? people[0]!.id : '', passphrase: '' } });
  const { errors } = form.formState;
  const submit = form.handleSubmit(
    async ({ personId, passphrase }) => {
      setBusy(true);
      try {
        const person = await call('session.signIn', { personId, passphrase });
        form.reset({ personId, passphrase: '' });
        await onSignedIn(person);
      } catch (e) {
        if (!(e instanceof ApiCallError)) throw e;
        const text = errorText(t, e.error);
        form.setValue('passphrase', '');
        form.setError('passphrase', { message: text });
        setSummary((s) => ({ items: [{ target: fieldId('passphrase'), text }], revision: s.revision + 1 }));
      } finally {
        setBusy(false);
      }
    },
    (invalid) =>
      setSummary((s) => ({
        items: Object.entries(invalid).map(([name, err]) => ({ target: fieldId(name), text: (err as { message?: string }).message ?? '' })),
        revision: s.revision + 1,
      })),
  );
  return (
    <main id="main" className="who-is-using">
      <LanguageSwitch keepForPerson={false} />
      <h1 tabIndex={-1} ref={heading}>
        {t('signIn.title')}
      </h1>
      {why && <p role="status">{why}</p>}
      <p>{t('signIn.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary items={summary.items} revision={summary.revision} />
        <PersonChoice people={people} error={errors.personId} registration={form.register('personId', { required: t('signIn.choosePerson') })} />
        <TextField
          name="passphrase"
          type="password"
          label={t('signIn.passphrase')}
          autoComplete="current-password"
          required
          error={errors.passphrase ? { ...errors.passphrase, message: errors.passphrase.message ?? '' } : undefined}
          registration={form.register('passphrase', { required: t('signIn.passphraseRequired') })}
        />
        <button type="submit" disabled={busy} aria-disabled={busy || undefined}>
          {busy ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
