import { lazy, Suspense, useEffect, useRef, type RefObject } from 'react';
import type { Person } from '../../main/contract/people';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation } from 'wouter';
import { BackupsPage } from './features/backups/BackupsPage';
import { CaseListPage } from './features/cases/CaseListPage';
import { CasePage } from './features/cases/CasePage';
import { InterviewPage } from './features/interview/InterviewPage';
import { ReportPage } from './features/report/ReportPage';
import { WhoIsUsing } from './features/people/WhoIsUsing';
import { PassphrasePage } from './features/signIn/PassphrasePage';
import { SignInGate, useSignIn } from './features/signIn/SignInGate';
import { LanguageSwitch } from './components/LanguageSwitch';
import { shippedLanguageOf } from '../../main/contract/languages';
import { switchLanguage } from './i18n';

// The options pages (and the catalogue and checks they compile) load on first use.
const OptionsPage = lazy(() => import('./features/options/OptionsPage').then((m) => ({ default: m.OptionsPage })));
const ProposalPage = lazy(() => import('./features/options/ProposalPage').then((m) => ({ default: m.ProposalPage })));
const WritePage = lazy(() => import('./features/write/WritePage').then((m) => ({ default: m.WritePage })));
const VerifyPage = lazy(() => import('./features/verify/VerifyPage').then((m) => ({ default: m.VerifyPage })));
const ErasurePage = lazy(() => import('./features/erasure/ErasurePage').then((m) => ({ default: m.ErasurePage })));
const ProgrammesPage = lazy(() => import('./features/options/ProgrammesPage').then((m) => ({ default: m.ProgrammesPage })));

export function App() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const mainRef = useRef<HTMLElement>(null);

  // Move focus to the new page's heading after navigation, so screen-reader and keyboard users
  // start at the top of what changed.
  useEffect(() => {
    const heading = mainRef.current?.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
    document.title = `${heading?.textContent ?? ''} – ${t('app.title')}`;
  }, [location, t]);

  return (
    <SignInGate>
      <WhoIsUsing>
        {(person, change) => <Shell person={person} change={change} mainRef={mainRef} />}
      </WhoIsUsing>
    </SignInGate>
  );
}

function Shell({ person, change, mainRef }: { person: Person; change: () => void; mainRef: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  // The person's own language, kept in the store, whichever machine they sign in on.
  useEffect(() => {
    const own = person.language ? shippedLanguageOf(person.language) : undefined;
    if (own) void switchLanguage(own);
  }, [person.language]);
  return (
        <>
          <a className="skip-link" href="#main">
            {t('app.skipToContent')}
          </a>
          <header className="app-header">
            <span className="app-name">{t('app.title')}</span>
            <nav aria-label={t('app.mainNav')}>
              <Link href="/">{t('nav.cases')}</Link>
              <Link href="/cases/new">{t('nav.newCase')}</Link>
              <Link href="/backups">{t('nav.backups')}</Link>
              <Link href="/programmes">{t('programmesNav.link')}</Link>
              <Link href="/verify">{t('nav.verify')}</Link>
              {(person.role === 'senior_probation_officer' || person.role === 'administrator') && <Link href="/erasure">{t('nav.erasure')}</Link>}
            </nav>
            <LanguageSwitch keepForPerson />
            <p className="app-person">
              <span>{t('people.usingAs', { name: person.fullName, role: t(`report.role.${person.role}`) })}</span>{' '}
              {signIn.encrypted ? (
                <>
                  <Link href="/passphrases">{t('passphrases.link')}</Link>{' '}
                  <button type="button" className="small secondary" onClick={signIn.lock}>
                    {t('signIn.lock')}
                  </button>
                </>
              ) : (
                <button type="button" className="small secondary" onClick={change}>
                  {t('people.change')}
                </button>
              )}
            </p>
          </header>
          <main id="main" ref={mainRef}>
            <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <Switch>
              <Route path="/" component={CaseListPage} />
              <Route path="/backups" component={BackupsPage} />
              <Route path="/cases/new">{() => <CasePage key="new" id={null} />}</Route>
              <Route path="/cases/:id/write">{(params) => <WritePage key={params.id} caseId={params.id} />}</Route>
              <Route path="/cases/:id/report">{(params) => <ReportPage key={params.id} caseId={params.id} />}</Route>
              <Route path="/programmes" component={ProgrammesPage} />
              <Route path="/verify" component={VerifyPage} />
              <Route path="/erasure" component={ErasurePage} />
              <Route path="/passphrases">{() => <PassphrasePage person={person} />}</Route>
              <Route path="/cases/:id/options">{(params) => <OptionsPage key={params.id} id={params.id} />}</Route>
              <Route path="/cases/:id/proposal">{(params) => <ProposalPage key={params.id} id={params.id} />}</Route>
              <Route path="/cases/:id/interview">{(params) => <InterviewPage key={params.id} caseId={params.id} />}</Route>
              <Route path="/cases/:id">{(params) => <CasePage key={params.id} id={params.id} />}</Route>
              <Route>
                <h1>{t('app.notFound')}</h1>
                <Link href="/">{t('app.backToCases')}</Link>
              </Route>
            </Switch>
            </Suspense>
          </main>
        </>
  );
}
