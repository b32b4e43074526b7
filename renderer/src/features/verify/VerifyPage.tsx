import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/contract/api';
import type { ApiError } from '../../../../main/contract/errors';
import { ApiCallError, call } from '../../api/client';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../i18n';

// Checking a document (docs/ARCHITECTURE.md, signed documents): whether a DOCX or PDF is exactly
// what this service signed, who signed it and when, and which parts changed if not. The same
// check as `psr verify`, against this store's keys.

type Outcome = Output<'documents.verify'>;

/** The largest file checked: its base64 fits one request, as for `psr verify`. */
const LIMIT_BYTES = 6 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function VerifyPage() {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const [outcome, setOutcome] = useState<{ name: string; result: Outcome } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async (file: File | undefined) => {
    setOutcome(null);
    setError(null);
    if (!file) return;
    if (file.size > LIMIT_BYTES) {
      setError(t('verify.tooLarge', { limitMb: LIMIT_BYTES / 1024 / 1024 }));
      return;
    }
    setBusy(true);
    try {
      const result = await call('documents.verify', { fileBase64: toBase64(new Uint8Array(await file.arrayBuffer())) });
      setOutcome({ name: file.name, result });
    } catch (e) {
      setError(e instanceof ApiCallError ? errorText(t, e.error) : errorText(t, { code: 'internal', message: String(e) } as ApiError));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <div className="field">
        <label htmlFor={inputId}>{t('verify.file')}</label>
        <span className="hint" id={`${inputId}-hint`}>
          {t('verify.fileHint')}
        </span>
        <input id={inputId} type="file" accept=".docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" aria-describedby={`${inputId}-hint`} disabled={busy} onChange={(e) => void check(e.target.files?.[0])} />
      </div>
      <div role="status" aria-live="polite">
        {busy && <p>{t('verify.checking')}</p>}
        {error && <p className="error-message">{error}</p>}
        {outcome && <VerifyResult name={outcome.name} result={outcome.result} locale={i18n.language} />}
      </div>
    </>
  );
}

function VerifyResult({ name, result, locale }: { name: string; result: Outcome; locale: string }) {
  const { t } = useTranslation();
  if (result.status === 'unsigned') return <p className="banner banner-error">{t('verify.unsigned', { name })}</p>;
  if (result.status === 'unreadable') return <p className="banner banner-error">{t('verify.unreadable', { name, reason: result.reason })}</p>;
  const s = result.statement;
  const ok = result.status === 'valid' && result.trusted !== false;
  return (
    <div className={ok ? 'banner banner-done' : 'banner banner-error'}>
      <h2>{ok ? t('verify.valid', { name }) : result.status === 'valid' ? t('verify.untrusted', { name }) : t('verify.changed', { name })}</h2>
      {result.status === 'changed' && (
        <ul>
          {result.changed.map((p) => (
            <li key={`c${p}`}>{t('verify.partChanged', { part: p })}</li>
          ))}
          {result.added.map((p) => (
            <li key={`a${p}`}>{t('verify.partAdded', { part: p })}</li>
          ))}
          {result.removed.map((p) => (
            <li key={`r${p}`}>{t('verify.partRemoved', { part: p })}</li>
          ))}
          {!result.signatureHolds && <li>{t('verify.signatureBroken')}</li>}
        </ul>
      )}
      <dl className="verify-statement">
        <dt>{t('verify.what')}</dt>
        <dd>{s.status === 'issued' ? t('verify.issued', { version: s.reportVersion ?? '' }) : t('verify.draft')}</dd>
        <dt>{t('verify.service')}</dt>
        <dd>{s.service}</dd>
        <dt>{t('verify.case')}</dt>
        <dd>
          <bdi>{s.caseNumber}</bdi> ({s.templateId})
        </dd>
        <dt>{t('verify.signedBy')}</dt>
        <dd>{t('verify.signedByAt', { name: s.signedBy, at: formatDateTime(s.signedAt, locale) })}</dd>
        <dt>{t('verify.contentHash')}</dt>
        <dd>
          <code className="content-hash">{s.contentHash}</code>
        </dd>
        <dt>{t('verify.key')}</dt>
        <dd>
          <code>{result.fingerprint}</code>
        </dd>
      </dl>
    </div>
  );
}
