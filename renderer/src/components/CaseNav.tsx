import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useActingPerson } from '../features/cases/transfer';
import '../features/options/options.css';

/** The pages a screener prepares an inquiry on; options, proposal and the report are the officer's (docs/DOMAIN.md, people and roles). */
const SCREENER_PAGES = new Set(['details', 'interview']);

/** The pages of one case in the order of a report's life, as a small navigation; the current page is marked for assistive technology. */
export function CaseNav({ caseId, current }: { caseId: string; current: 'details' | 'interview' | 'options' | 'proposal' | 'write' | 'report' }) {
  const { t } = useTranslation();
  const person = useActingPerson();
  const all = [
    ['details', `/cases/${caseId}`, t('caseNav.details')],
    ['interview', `/cases/${caseId}/interview`, t('caseNav.interview')],
    ['options', `/cases/${caseId}/options`, t('caseNav.options')],
    ['proposal', `/cases/${caseId}/proposal`, t('caseNav.proposal')],
    ['write', `/cases/${caseId}/write`, t('caseNav.write')],
    ['report', `/cases/${caseId}/report`, t('caseNav.report')],
  ] as const;
  const links = person?.role === 'screener' ? all.filter(([page]) => SCREENER_PAGES.has(page)) : all;
  return (
    <nav className="case-nav" aria-label={t('caseNav.label')}>
      <ul>
        {links.map(([page, href, label]) => (
          <li key={page}>
            <Link href={href} aria-current={page === current ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
