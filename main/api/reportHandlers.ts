import type { Method } from '../contract/api';
import { templatesForCase } from '../domain/report/buildReport';
import { previewReport, renderReportFile, renderReportPdf } from '../export';
import { signDocument } from '../export/signature';
import { reportTemplates, storedReportContext, templateById } from './storedReport';
import type { Area, HandlerPart } from './types';

// The report calls: template choice, preview and DOCX export for a stored case. The context comes
// from the one report pipeline (domain/report/buildReport), as `psr render` of a case file does,
// with the officer's saved text for the report's sections.

type ReportMethod = Extract<Method, `report.${string}`>;

export function createReportHandlers(area: Area): HandlerPart<ReportMethod> {
  const { services, stores } = area;
  return {
    'report.templates': ({ caseId }) => templatesForCase(reportTemplates(area), stores.cases.get(caseId).details).map((t) => ({ id: t.id, title: t.title, language: t.language })),
    'report.preview': ({ caseId, templateId }, ctx) => {
      const template = templateById(area, templateId);
      const context = storedReportContext(area, caseId, template, { actor: ctx.actor, role: ctx.person?.role });
      return previewReport(context, template, { jurisdiction: services.jurisdiction });
    },
    'report.export': async ({ caseId, templateId, format = 'docx' }, ctx) => {
      const template = templateById(area, templateId);
      const context = storedReportContext(area, caseId, template, { actor: ctx.actor, role: ctx.person?.role });
      const render = format === 'pdf' ? renderReportPdf : renderReportFile;
      const result = await render(context, template, { jurisdiction: services.jurisdiction });
      // Every exported file is signed with the store's key, stating what it is (a draft until the
      // review workflow issues a version), so a clerk can check it (psr verify).
      const key = stores.signingKeys.current();
      const signed = signDocument(
        result.bytes,
        {
          service: services.jurisdiction.serviceName,
          caseNumber: context.case.caseNumber,
          templateId: template.id,
          status: context.status === 'final' ? 'issued' : 'draft',
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
