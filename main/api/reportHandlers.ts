import type { Method } from '../contract/api';
import { templatesForCase } from '../domain/report/buildReport';
import { previewReport, renderReportFile, renderReportPdf } from '../export';
import { signDocument } from '../export/signature';
import { versionContext, versionTemplate, versionToShow } from './reportLife';
import { inLanguage, reportLanguageFor, reportTemplates } from './storedReport';
import type { Area, CallContext, HandlerPart } from './types';
import type { LifecycleMethod } from './lifecycleHandlers';

// The report calls: template choice, preview and DOCX export for a stored case. The context comes
// from the one report pipeline (domain/report/buildReport), as `psr render` of a case file does,
// with the officer's saved text for the report's sections.

type ReportMethod = Exclude<Extract<Method, `report.${string}`>, LifecycleMethod>;

export function createReportHandlers(area: Area): HandlerPart<ReportMethod> {
  const { services, stores } = area;

  /** The report a call shows: the version asked for (else the latest), on its own template once frozen. */
  function shown(caseId: string, templateId: string | undefined, number: number | undefined, ctx: CallContext, language?: string) {
    stores.cases.get(caseId);
    const version = versionToShow(area, caseId, number);
    const template = versionTemplate(area, caseId, version, templateId, language);
    return { template, version, context: versionContext(area, caseId, template, version, ctx) };
  }

  return {
    'report.templates': ({ caseId }) => {
      // Each template as it prints for this case: its title in the case's report language.
      const details = stores.cases.get(caseId).details;
      return templatesForCase(reportTemplates(area), details).map((t) => inLanguage(area, t, reportLanguageFor(area, details))).map((t) => ({ id: t.id, title: t.title, language: t.language }));
    },
    'report.preview': ({ caseId, templateId, version: number, language }, ctx) => {
      const { template, context } = shown(caseId, templateId, number, ctx, language);
      return previewReport(context, template, { jurisdiction: services.jurisdiction });
    },
    'report.export': async ({ caseId, templateId, version: number, format = 'docx', language }, ctx) => {
      const { template, context, version } = shown(caseId, templateId, number, ctx, language);
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
