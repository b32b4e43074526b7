import type { Method } from '../contract/api';
import type { ReportContext } from '../contract/report';
import { buildReport, reportLanguageOf, templatesForCase } from '../domain/report/buildReport';
import { localDate } from '../domain/localDate';
import { previewReport, renderReportFile } from '../export';
import { shippedCatalogue, shippedReportTemplate, shippedReportTemplates } from '../loaders/shipped';
import type { Area, CallContext, HandlerPart } from './types';

// The report calls: template choice, preview and DOCX export for a stored case. The context comes
// from the one report pipeline (domain/report/buildReport), as `psr render` of a case file does.

type ReportMethod = Extract<Method, `report.${string}`>;

export function createReportHandlers({ services, stores }: Area): HandlerPart<ReportMethod> {
  const templates = () => services.reportTemplates ?? shippedReportTemplates();
  const catalogue = () => (services.catalogue ?? shippedCatalogue()).compiled;

  /** A stored case, its interview and proposal, as the report for the template the officer chose. */
  function reportContextFor(caseId: string, templateId: string, ctx: CallContext) {
    const record = stores.cases.get(caseId);
    const template = services.reportTemplates?.find((t) => t.id === templateId) ?? shippedReportTemplate(templateId);
    const context: ReportContext = buildReport({
      details: record.details,
      interview: stores.interviews.find(caseId)?.interview ?? null,
      proposal: stores.proposals.find(caseId)?.proposal,
      programmes: stores.programmes.list(true),
      forms: services.forms,
      catalogue: catalogue(),
      template,
      youngAdultUpperAge: services.jurisdiction.youngAdultUpperAge,
      jurisdictionOptions: services.jurisdiction.options,
      reportDate: localDate(services.now()),
      authorName: ctx.actor,
      language: reportLanguageOf(template),
    });
    return { context, template };
  }

  return {
    'report.templates': ({ caseId }) => templatesForCase(templates(), stores.cases.get(caseId).details).map((t) => ({ id: t.id, title: t.title, language: t.language })),
    'report.preview': ({ caseId, templateId }, ctx) => {
      const { context, template } = reportContextFor(caseId, templateId, ctx);
      return previewReport(context, template, { jurisdiction: services.jurisdiction });
    },
    'report.export': async ({ caseId, templateId }, ctx) => {
      const { context, template } = reportContextFor(caseId, templateId, ctx);
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
