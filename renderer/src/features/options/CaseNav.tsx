import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import './options.css';

/** The pages of one case, as a small navigation; the current page is marked for assistive technology. */
export function CaseNav({ caseId, current }: { caseId: string; current: 'details' | 'options' | 'proposal' }) {
  const { t } = useTranslation();
  const links = [
    ['details', `/cases/${caseId}`, t('caseNav.details')],
    ['options', `/cases/${caseId}/options`, t('caseNav.options')],
    ['proposal', `/cases/${caseId}/proposal`, t('caseNav.proposal')],
  ] as const;
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
