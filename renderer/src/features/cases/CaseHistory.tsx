import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../main/contract/api';
import { formatDateTime } from '../../i18n';

/** Who changed the case when, newest first, from the audit log. */
export function CaseHistory({ history }: { history: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (history.length === 0) return null;
  return (
    <details className="history">
      <summary>{t('case.history')}</summary>
      <ol>
        {history.map((h) => (
          <li key={h.id}>
            {t('case.historyEntry', {
              when: formatDateTime(h.at, lang),
              action: t(`case.action.${h.action}`, { defaultValue: h.action }),
              who: h.actor,
              version: h.version ?? '',
              count: h.changes.length,
            })}
          </li>
        ))}
      </ol>
    </details>
  );
}
