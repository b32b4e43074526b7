import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { CaseRecord } from '../../../../main/contract/case';
import type { ApiError } from '../../../../main/contract/errors';
import type { RenderedReport } from '../../../../main/contract/report';
import type { ReportLife } from '../../../../main/contract/lifecycle';
import type { ReportExport, ReportTemplateSummary } from '../../../../main/contract/reportApi';
import { ApiCallError, call } from '../../api/client';
import { CaseNav } from '../../components/CaseNav';
import { errorText } from '../../components/errors';
import { BeforeExport } from './BeforeExport';
import { ReportPreview } from './ReportPreview';
import { ReviewPanel } from './ReviewPanel';
import { CloseCase } from '../erasure/CloseCase';
import './report.css';
import { isolate } from '../../i18n';

const MEDIA_TYPES = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf' } as const;

const asError = (e: unknown): ApiError => (e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });

/** Hands the file to the browser as a download; in Electron the same download opens the save dialog. */
function download(result: ReportExport): void {
  const binary = atob(result.fileBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: MEDIA_TYPES[result.format] }));
  const a = document.createElement('a');
  a.href = url;
  a.download = result.fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ReportPage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const selectId = useId();
  const [record, setRecord] = useState<CaseRecord | null>(null);
  const [templates, setTemplates] = useState<ReportTemplateSummary[] | null>(null);
  const [templateId, setTemplateId] = useState('');
  const [model, setModel] = useState<RenderedReport | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [previewError, setPreviewError] = useState<ApiError | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<ReportExport | null>(null);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const [life, setLife] = useState<ReportLife | null>(null);
  /** The version shown: a number, or null for the latest. */
  const [version, setVersion] = useState<number | null>(null);
  const versionId = useId();

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const [found, list, stands] = await Promise.all([call('cases.get', { id: caseId }), call('report.templates', { caseId }), call('report.life', { caseId })]);
        if (!live) return;
        setRecord(found);
        setTemplates(list);
        setLife(stands);
        setTemplateId((current) => current || list[0]?.id || '');
      } catch (e) {
        if (live) setLoadError(asError(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [caseId]);

  // A submitted, countersigned or issued version prints on its own template, as it was frozen.
  const shown = version === null ? life?.current : life?.versions.find((v) => v.number === version);
  const frozen = shown ? shown.state !== 'draft' && shown.state !== 'returned' : false;
  const loadPreview = useCallback(async (id: string, number: number | null, lifeKnown: boolean) => {
    setModel(null);
    setPreviewError(null);
    setExported(null);
    setExportError(null);
    if (!id || !lifeKnown) return;
    try {
      setModel(await call('report.preview', { caseId, templateId: id, ...(number !== null ? { version: number } : {}) }));
    } catch (e) {
      setPreviewError(asError(e));
    }
  }, [caseId]);

  const lifeStamp = life ? `${life.current?.number ?? 0}:${life.current?.state ?? 'none'}` : '';
  useEffect(() => {
    void loadPreview(templateId, version, lifeStamp !== '');
  }, [templateId, version, lifeStamp, loadPreview]);

  const onLifeChanged = (next: ReportLife) => {
    setLife(next);
    setVersion(null);
  };

  const onExport = async (format: 'docx' | 'pdf') => {
    setExporting(true);
    setExported(null);
    setExportError(null);
    try {
      const result = await call('report.export', { caseId, templateId, format, ...(version !== null ? { version } : {}) });
      download(result);
      setExported(result);
    } catch (e) {
      setExportError(asError(e));
    } finally {
      setExporting(false);
    }
  };

  if (loadError) {
    return (
      <>
        <h1>{t('errors.title')}</h1>
        <p role="alert">{loadError.code === 'not_found' ? t('errors.notFound') : errorText(t, loadError)}</p>
        <Link href="/">{t('app.backToCases')}</Link>
      </>
    );
  }
  if (!record || !templates || !life) return <p role="status">{t('app.loading')}</p>;

  const droppedCount = exported?.dropped.reduce((n, d) => n + d.count, 0) ?? 0;
  return (
    <>
      <h1>{t('report.title', { caseNumber: isolate(record.details.caseNumber) })}</h1>
      <CaseNav caseId={caseId} current="report" />
      <p>
        <Link href={`/cases/${caseId}`}>{t('report.backToCase', { caseNumber: isolate(record.details.caseNumber) })}</Link>
      </p>
      <ReviewPanel caseId={caseId} life={life} sections={model?.sections.map((s) => ({ id: s.id, title: s.title })) ?? []} templateId={templateId} onChanged={onLifeChanged} />
      <CloseCase key={lifeStamp} caseId={caseId} issued={life.current?.state === 'issued'} />
      {!frozen && <BeforeExport caseId={caseId} />}
      {templates.length === 0 ? (
        <p className="banner">{t('report.noTemplates')}</p>
      ) : (
        <div className="report-controls">
          {life.versions.length > 1 && (
            <div className="field report-version-choice">
              <label htmlFor={versionId}>{t('review.showVersion')}</label>
              <select id={versionId} value={version ?? ''} onChange={(e) => setVersion(e.target.value ? Number(e.target.value) : null)}>
                <option value="">{t('review.latest', { number: life.current!.number, state: t(`lifecycle.state.${life.current!.state}`) })}</option>
                {life.versions
                  .filter((v) => v.number !== life.current!.number)
                  .map((v) => (
                    <option key={v.number} value={v.number}>
                      {t('review.versionOption', { number: v.number, state: t(`lifecycle.state.${v.state}`) })}
                    </option>
                  ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={selectId}>{t('report.template')}</label>
            <select id={selectId} value={frozen && shown?.templateId ? shown.templateId : templateId} onChange={(e) => setTemplateId(e.target.value)} disabled={frozen}>
              {templates.map((tpl) => (
                <option key={tpl.id} value={tpl.id}>
                  {tpl.title}
                </option>
              ))}
            </select>
          </div>
          <button type="button" onClick={() => void onExport('docx')} disabled={exporting || !model}>
            {exporting ? t('report.exporting') : t('report.export')}
          </button>
          <button type="button" className="secondary" onClick={() => void onExport('pdf')} disabled={exporting || !model}>
            {t('report.exportPdf')}
          </button>
          {model && (
            <p className="hint report-language">
              {t('report.writtenIn', { language: model.language })} {!frozen && <Link href={`/cases/${caseId}`}>{t('report.changeLanguage')}</Link>}
            </p>
          )}
        </div>
      )}
      <div role="status" aria-live="polite" className="report-export-status">
        {exported && (
          <div className="banner">
            <p>{t('report.exported', { fileName: exported.fileName })}</p>
            <p>
              {t('report.contentHash')} <code className="content-hash">{exported.contentHash}</code>
            </p>
            {droppedCount > 0 ? (
              <>
                <p>{t('report.dropped', { count: droppedCount })}</p>
                <ul>
                  {exported.dropped.map((d) => (
                    <li key={d.path}>{t('report.droppedAt', { path: d.path, codePoints: d.codePoints.join(' '), count: d.count })}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{t('report.nothingDropped')}</p>
            )}
          </div>
        )}
      </div>
      {exportError && (
        <p className="banner banner-error" role="alert">
          {errorText(t, exportError)}
        </p>
      )}
      {previewError && (
        <p className="banner banner-error" role="alert">
          {errorText(t, previewError)}
        </p>
      )}
      {model ? (
        <>
          <p className="hint">{t('report.previewHint')}</p>
          <div className="report-page-wrap">
            <ReportPreview model={model} />
          </div>
        </>
      ) : (
        !previewError && templates.length > 0 && <p role="status">{t('report.loadingPreview')}</p>
      )}
    </>
  );
}
