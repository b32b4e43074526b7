import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AuditEntry } from '../../../../main/contract/api';
import type { AuditChange, AuditValue } from '../../../../main/contract/audit';
import { formatDateTime } from '../../i18n';

/**
 * Who changed the case when, newest first, from the audit log. The log keeps which field changed
 * and how long its text was, never the text itself (docs/audit.md), so each change reads
 * "Offence changed (24 → 31 characters)"; a choice, a date or a number is shown as it is.
 */
export function CaseHistory({ history }: { history: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (history.length === 0) return null;
  const label = (path: string) => {
    const name = /([A-Za-z_$][\w$]*)\W*$/.exec(path)?.[1];
    const key = `fields.${name ?? ''}`;
    return name && i18n.exists(key) ? t(key) : path.replace(/^\$\.?/, '') || '—';
  };
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
            {h.changes.length > 0 && (
              <ul className="history-changes">
                {h.changes.map((c, i) => (
                  <li key={i}>{changeText(c, label(c.path), t)}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** One change in words: a text by its length before and after, any other value as it is. */
export function changeText(c: AuditChange, field: string, t: TFunction): string {
  const { before, after } = c;
  const isText = (v: AuditValue | undefined) => v === undefined || v.kind === 'text';
  if (isText(before) && isText(after)) {
    if (before?.kind === 'text' && after?.kind === 'text') return t('case.historyChange.textChanged', { field, before: before.length, count: after.length });
    if (after?.kind === 'text') return t('case.historyChange.textAdded', { field, count: after.length });
    if (before?.kind === 'text') return t('case.historyChange.textRemoved', { field, count: before.length });
    return t('case.historyChange.changed', { field });
  }
  const show = (v: AuditValue): string => {
    if (v.kind === 'text') return t('case.historyChange.length', { count: v.length });
    if (v.kind === 'empty' || v.value === null || v.value === '') return t('case.historyChange.empty');
    if (typeof v.value === 'boolean') return t(v.value ? 'case.historyChange.yes' : 'case.historyChange.no');
    return String(v.value);
  };
  if (before && after) return t('case.historyChange.valueChanged', { field, before: show(before), after: show(after) });
  if (after) return t('case.historyChange.valueAdded', { field, after: show(after) });
  if (before) return t('case.historyChange.valueRemoved', { field, before: show(before) });
  return t('case.historyChange.changed', { field });
}
