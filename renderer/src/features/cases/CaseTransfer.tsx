import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { CaseRecord } from '../../../../main/contract/case';
import type { ApiError } from '../../../../main/contract/errors';
import type { Person } from '../../../../main/contract/people';
import { call } from '../../api/client';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { errorText, issueText } from '../../components/errors';
import { asApiError, caseFileName, downloadJson, downloadText } from './transfer';

// A case leaves and enters the store as a file (docs/DOMAIN.md section 1): a screener exports the
// inquiry they gathered, an officer exports a whole case file, and an officer opens a new case from
// either. Nothing is written unless main accepts the whole file; each problem is listed with where
// in the file it is.

/** Who may open a case from a file: the officer roles (main/contract/inquiry.ts, caseFile.import). */
export const canImport = (person: Person | null) => person?.role === 'probation_officer' || person?.role === 'senior_probation_officer';

export function CaseImport() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const inquiryId = 'import-inquiry';
  const caseFileId = 'import-case-file';
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [revision, setRevision] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);

  const show = (items: SummaryItem[]) => {
    setProblems(items);
    setRevision((n) => n + 1);
  };
  const describe = (error: ApiError, file: string, target: string): SummaryItem[] =>
    error.issues?.length
      ? error.issues.map((i) => ({ target, text: t('inquiry.transfer.problem', { problem: issueText(t, i), path: i.path, file }) }))
      : [{ target, text: error.path ? t('inquiry.transfer.problem', { problem: errorText(t, error), path: error.path, file }) : errorText(t, error) }];

  const importFile = async (kind: 'inquiry' | 'caseFile', file: File, target: string) => {
    setProblems([]);
    let parsed: unknown;
    const text = await file.text();
    try {
      // A sealed inquiry is age's armored text, opened by main with this person's key.
      parsed = kind === 'inquiry' && text.trimStart().startsWith('-----BEGIN AGE ENCRYPTED FILE-----') ? text : JSON.parse(text);
    } catch (e) {
      show([{ target, text: t('inquiry.transfer.notJson', { file: file.name, message: (e as Error).message }) }]);
      return;
    }
    setBusy(file.name);
    try {
      const record = kind === 'inquiry' ? await call('inquiry.import', { package: parsed }) : await call('caseFile.import', { file: parsed });
      navigate(`/cases/${record.id}`, { state: { imported: kind } });
    } catch (e) {
      setBusy(null);
      show(describe(asApiError(e), file.name, target));
    }
  };

  const input = (kind: 'inquiry' | 'caseFile', id: string, label: string, hint: string) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
      <input
        id={id}
        type="file"
        accept={kind === 'inquiry' ? 'application/json,.json,.age' : 'application/json,.json'}
        aria-describedby={`${id}-hint`}
        disabled={busy !== null}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(kind, file, id);
        }}
      />
    </div>
  );

  return (
    <section className="case-import" aria-labelledby={`${inquiryId}-title`}>
      <h2 id={`${inquiryId}-title`}>{t('inquiry.transfer.importTitle')}</h2>
      <ErrorSummary items={problems} revision={revision} />
      {input('inquiry', inquiryId, t('inquiry.transfer.importInquiry'), t('inquiry.transfer.importInquiryHint'))}
      {input('caseFile', caseFileId, t('inquiry.transfer.importCaseFile'), t('inquiry.transfer.importCaseFileHint'))}
      <p role="status" className="muted">
        {busy ? t('inquiry.transfer.importing', { file: busy }) : ''}
      </p>
      <InquiryAddress />
    </section>
  );
}

/** The officer's inquiry address, for screeners to seal inquiries to them (main/api/inquirySeal.ts). */
function InquiryAddress() {
  const { t } = useTranslation();
  const [address, setAddress] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const id = useId();
  return (
    <div className="inquiry-address">
      <h3 id={id}>{t('inquiry.transfer.addressTitle')}</h3>
      <p className="hint">{t('inquiry.transfer.addressHint')}</p>
      {address ? (
        <p>
          <code aria-labelledby={id} className="address">
            {address}
          </code>
        </p>
      ) : (
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void call('inquiry.address', {})
              .then((r) => setAddress(r.recipient))
              .catch((e: unknown) => setError(asApiError(e)))
          }
        >
          {t('inquiry.transfer.showAddress')}
        </button>
      )}
      {error && (
        <p className="field-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </div>
  );
}

/** The case page's way out: the inquiry for a screener, the whole case file for an officer. */
export function CaseExport({ record, person }: { record: CaseRecord; person: Person }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [recipient, setRecipient] = useState('');
  const screener = person.role === 'screener';
  const recipientId = useId();

  const run = async () => {
    setDone(null);
    setError(null);
    try {
      if (screener) {
        const to = recipient.trim();
        const result = await call('inquiry.export', { caseId: record.id, ...(to ? { recipient: to } : {}) });
        if (result.sealed) downloadText(result.fileName, result.sealed);
        else downloadJson(result.fileName, result.package);
        setDone(result.fileName);
      } else {
        const file = await call('caseFile.export', { id: record.id });
        const name = caseFileName(record.details.caseNumber);
        downloadJson(name, file);
        setDone(name);
      }
    } catch (e) {
      setError(asApiError(e));
    }
  };

  return (
    <section className="case-export" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('inquiry.transfer.exportTitle')}</h2>
      <p className="hint">{screener ? t('inquiry.transfer.exportInquiryHint') : t('inquiry.transfer.exportCaseFileHint')}</p>
      {screener && (
        <div className="field">
          <label htmlFor={recipientId}>{t('inquiry.transfer.sealTo')}</label>
          <span className="hint" id={`${recipientId}-hint`}>
            {t('inquiry.transfer.sealToHint')}
          </span>
          <input
            id={recipientId}
            type="text"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${recipientId}-hint`}
            aria-invalid={error?.path === '$.recipient' || undefined}
            value={recipient}
            onChange={(e) => setRecipient(e.target.value)}
          />
        </div>
      )}
      <p>
        <button type="button" className="secondary" onClick={() => void run()}>
          {screener ? t('inquiry.transfer.exportInquiry') : t('inquiry.transfer.exportCaseFile')}
        </button>
      </p>
      <p role="status">{done ? t('inquiry.transfer.exported', { file: done }) : ''}</p>
      {error && (
        <div className="banner banner-error" role="alert">
          <p>{errorText(t, error)}</p>
        </div>
      )}
    </section>
  );
}
