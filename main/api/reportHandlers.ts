import type { Method } from '../contract/api';
import { templatesForCase } from '../domain/report/buildReport';
import { previewReport, renderReportFile, renderReportPdf } from '../export';
import { signDocument } from '../export/signature';
import { versionContext, versionTemplate, versionToShow } from './reportLife';
import { reportTemplates } from './storedReport';
import type { Area, CallContext, HandlerPart } from './types';
import type { LifecycleMethod } from './lifecycleHandlers';

// The report calls: template choice, preview and DOCX export for a stored case. The context comes
// from the one report pipeline (domain/report/buildReport), as `psr render` of a case file does,
// with the officer's saved text for the report's sections.

type ReportMethod = Exclude<Extract<Method, `report.${string}`>, LifecycleMethod>;

export function createReportHandlers(area: Area): HandlerPart<ReportMethod> {
  const { services, stores } = area;

  /** The report a call shows: the version asked for (else the latest), on its own template once frozen. */
  function shown(caseId: string, templateId: string | undefined, number: number | undefined, ctx: CallContext) {
    stores.cases.get(caseId);
    const version = versionToShow(area, caseId, number);
    const template = versionTemplate(area, version, templateId);
    return { template, version, context: versionContext(area, caseId, template, version, ctx) };
  }

  return {
    'report.templates': ({ caseId }) => templatesForCase(reportTemplates(area), stores.cases.get(caseId).details).map((t) => ({ id: t.id, title: t.title, language: t.language })),
    'report.preview': ({ caseId, templateId, version: number }, ctx) => {
      const { template, context } = shown(caseId, templateId, number, ctx);
      return previewReport(context, template, { jurisdiction: services.jurisdiction });
    },
    'report.export': async ({ caseId, templateId, version: number, format = 'docx' }, ctx) => {
      const { template, context, version } = shown(caseId, templateId, number, ctx);
      const render = format === 'pdf' ? renderReportPdf : renderReportFile;
      const result = await render(context, template, { jurisdiction: services.jurisdiction });
      // Every exported file is signed with the store's key, stating what it is (a draft, or the
      // issued version and its number), so a clerk can check it (psr verify).
      const issued = version?.state === 'issued';
      const key = stores.signingKeys.current();
      const signed = signDocument(
        result.bytes,
        {
          service: services.jurisdiction.serviceName,
          caseNumber: context.case.caseNumber,
          templateId: template.id,
          status: issued ? 'issued' : 'draft',
          ...(issued ? { reportVersion: version.number } : {}),
          signedBy: ctx.actor,
          signedAt: services.now().toISOString(),
          contentHash: result.contentHash,
        },
        key,
      );
      return {
        fileName: result.suggestedFileName,
        format,
        fileBase64: Buffer.from(signed).toString('base64'),
        contentHash: result.contentHash,
        dropped: result.dropped,
        signedWith: key.fingerprint,
      };
    },
  };
}
