import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { CaseRecord } from '../../../../main/contract/case';
import type { ApiError } from '../../../../main/contract/errors';
import type { Person } from '../../../../main/contract/people';
import { call } from '../../api/client';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { errorText, issueText } from '../../components/errors';
import { asApiError, caseFileName, downloadJson } from './transfer';

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
    try {
      parsed = JSON.parse(await file.text());
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
        accept="application/json,.json"
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
    </section>
  );
}

/** The case page's way out: the inquiry for a screener, the whole case file for an officer. */
export function CaseExport({ record, person }: { record: CaseRecord; person: Person }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const screener = person.role === 'screener';

  const run = async () => {
    setDone(null);
    setError(null);
    try {
      if (screener) {
        const result = await call('inquiry.export', { caseId: record.id });
        downloadJson(result.fileName, result.package);
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
