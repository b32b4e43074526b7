import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n';
import type { Restored } from './useDraftAutosave';

/** Offers back what was typed here and never reached the store, naming what differs from the stored version. */
export function RestoredNotice<T>({ restored, label, onDiscard, onDismiss }: { restored: Restored<T>; label: (part: string) => string; onDiscard: () => void; onDismiss: () => void }) {
  const { t, i18n } = useTranslation();
  const names = [...new Set(restored.parts.map(label))];
  return (
    <div className="banner restored" role="status" aria-labelledby="restored-title">
      <h2 id="restored-title">{t('drafts.restored.title')}</h2>
      <p>{restored.at ? t('drafts.restored.body', { when: formatDateTime(restored.at, i18n.language), count: names.length }) : t('drafts.restored.bodyNoTime', { count: names.length })}</p>
      <ul>
        {names.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="secondary small" onClick={onDismiss}>
          {t('drafts.restored.keep')}
        </button>
        <button type="button" className="secondary small" onClick={onDiscard}>
          {t('drafts.restored.discard')}
        </button>
      </div>
    </div>
  );
}
