import type { Method } from '../contract/api';
import { templatesForCase } from '../domain/report/buildReport';
import { previewReport, renderReportFile } from '../export';
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
      const context = storedReportContext(area, caseId, template, { actor: ctx.actor });
      return previewReport(context, template, { jurisdiction: services.jurisdiction });
    },
    'report.export': async ({ caseId, templateId }, ctx) => {
      const template = templateById(area, templateId);
      const context = storedReportContext(area, caseId, template, { actor: ctx.actor });
      const result = await renderReportFile(context, template, { jurisdiction: services.jurisdiction });
      return {
        fileName: result.suggestedFileName,
        docxBase64: Buffer.from(result.bytes).toString('base64'),
        contentHash: result.contentHash,
        dropped: result.dropped,
      };
    },
  };
}
