import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../main/contract/errors';
import { ApiCallError, call } from '../../api/client';
import { errorText } from '../../components/errors';
import { formatDate } from '../../i18n';

// Closing a case (docs/retention.md): once its report is issued, or the court's request is
// withdrawn before it is. The retention period counts from then. The core decides; this offers the
// one reason that fits where the report stands, and shows the core's answer.

export function CloseCase({ caseId, issued }: { caseId: string; issued: boolean }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const reason = issued ? 'report_issued' : 'withdrawn';

  const close = async () => {
    if (!window.confirm(issued ? t('erasure.close.confirmIssued') : t('erasure.close.confirmWithdrawn'))) return;
    setBusy(true);
    setError(null);
    try {
      const closed = await call('cases.close', { caseId, reason });
      setStatus(t('erasure.close.closed', { date: formatDate(closed.closedAt.slice(0, 10), i18n.language) }));
    } catch (e) {
      setError(e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="close-case-title">
      <h2 id="close-case-title">{t('erasure.close.title')}</h2>
      <p>{issued ? t('erasure.close.introIssued') : t('erasure.close.introWithdrawn')}</p>
      <p>
        <button type="button" className="secondary" disabled={busy} onClick={() => void close()}>
          {issued ? t('erasure.close.buttonIssued') : t('erasure.close.buttonWithdrawn')}
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
    </section>
  );
}
