import { useTranslation } from 'react-i18next';
import { errorText } from '../components/errors';
import { formatTime } from '../i18n';
import type { DraftStatus } from './useDraftAutosave';

/** The one save status every autosaved page shows: saving, saved at HH:MM, offline, conflict. */
export function DraftStatusLine({ status }: { status: DraftStatus }) {
  const { t, i18n } = useTranslation();
  let text = '';
  switch (status.kind) {
    case 'idle':
      break;
    case 'dirty':
      text = t('drafts.status.dirty');
      break;
    case 'incomplete':
      text = t('drafts.status.incomplete');
      break;
    case 'saving':
      text = t('drafts.status.saving');
      break;
    case 'saved':
      text = t('drafts.status.saved', { time: formatTime(status.at, i18n.language) });
      break;
    case 'offline':
      text = t('drafts.status.offline');
      break;
    case 'conflict':
      text = t('drafts.status.conflict');
      break;
    case 'error':
      text = t('drafts.status.error', { message: errorText(t, status.error) });
      break;
  }
  return (
    <p className={`save-status save-${status.kind}`} role="status" aria-live="polite" data-testid="save-status">
      {text}
    </p>
  );
}
