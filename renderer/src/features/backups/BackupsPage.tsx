import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/contract/api';
import type { ApiError } from '../../../../main/contract/errors';
import { ApiCallError, call } from '../../api/client';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../i18n';

type Backups = Output<'store.listBackups'>;

/** Backups of the whole store: made at every start, on demand here, and restorable at the next start. */
export function BackupsPage() {
  const { t, i18n } = useTranslation();
  const [backups, setBackups] = useState<Backups | null>(null);
  const [status, setStatus] = useState<string>('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setBackups(await call('store.listBackups', {}));
    } catch (e) {
      setError(e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      setStatus(await action());
      await load();
    } catch (e) {
      setError(e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });
    } finally {
      setBusy(false);
    }
  };

  const backUpNow = () =>
    run(async () => {
      const result = await call('store.backupNow', {});
      return result.created ? t('backups.made', { bytes: result.created.bytes }) : t('backups.unchanged');
    });

  const restore = (backup: Backups[number]) => {
    if (!window.confirm(t('backups.confirmRestore', { when: formatDateTime(backup.createdAt, i18n.language) }))) return;
    void run(async () => {
      const result = await call('store.requestRestore', { backup: backup.path });
      return t('backups.restoreRequested', { when: formatDateTime(result.createdAt, i18n.language) });
    });
  };

  const lang = i18n.language;
  return (
    <>
      <h1>{t('backups.title')}</h1>
      <p>{t('backups.intro')}</p>
      <p>
        <button type="button" onClick={() => void backUpNow()} disabled={busy}>
          {t('backups.backUpNow')}
        </button>
      </p>
      <p role="status" aria-live="polite" className="save-status">
        {status}
      </p>
      {error && (
        <p role="alert" className="error-message">
          {errorText(t, error)}
        </p>
      )}
      {backups && backups.length === 0 && <p>{t('backups.none')}</p>}
      {backups && backups.length > 0 && (
        <table className="case-table">
          <caption className="visually-hidden">{t('backups.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('backups.col.made')}</th>
              <th scope="col">{t('backups.col.size')}</th>
              <th scope="col">{t('backups.col.file')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('backups.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.path}>
                <th scope="row">{formatDateTime(b.createdAt, lang)}</th>
                <td>{t('backups.kb', { kb: Math.max(1, Math.round(b.bytes / 1024)) })}</td>
                <td className="file-path">{b.path}</td>
                <td>
                  <button type="button" className="secondary" disabled={busy} onClick={() => restore(b)}>
                    {t('backups.restore', { when: formatDateTime(b.createdAt, lang) })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
