import type { CaseRecord } from '../contract/case';
import { AppError } from '../contract/errors';
import type { MatchResult, Proposal } from '../contract/options';
import type { ReportContext, ReportTemplate } from '../contract/report';
import { validateInterview } from '../domain/forms';
import { assertWithinLimits } from '../domain/forms/limits';
import { deriveFacts } from '../domain/rules';
import { answerSectionsOf, buildReportContext } from '../domain/report/context';
import { previewReport, renderReportFile } from '../export';
import { listReportTemplates, loadReportTemplate } from '../export/templates';
import type { CaseRepository } from '../store/cases';
import type { InterviewRepository } from '../store/interviews';
import { formForReportType } from './forms';
import { localDate, type CallContext, type Handlers, type Services } from './handlers';

// The report calls: template choice, preview and DOCX export for a stored case. The context is
// built in one place, `reportContextFor`, so the preview and the file are always the same report.

/** The options matched for a case and the officer's proposal, when the options store has them. */
export type OptionsProvider = (caseId: string) => { match?: MatchResult; proposal?: Proposal; catalogueNames?: Readonly<Record<string, string>> } | null;

/** The author's role by id; the report words it in its own language (report.role.* in the message catalogue). */
export const AUTHOR_ROLE = 'probation_officer';

type ReportHandlers = Pick<Handlers, 'report.templates' | 'report.preview' | 'report.export'>;

export function createReportHandlers(
  services: Services,
  stores: { cases: CaseRepository; interviews: InterviewRepository },
  optionsFor: OptionsProvider = () => null,
): ReportHandlers {
  /** Shipped templates that fit the case's stage and report type (test templates are never offered). */
  function templatesFor(record: CaseRecord) {
    const { stage, reportType } = record.details;
    return listReportTemplates().filter((t) => t.stages.includes(stage) && (t.reportTypes === undefined || t.reportTypes.includes(reportType)));
  }

  function templateFor(record: CaseRecord, templateId: string) {
    const template = loadReportTemplate(templateId);
    if (!templatesFor(record).some((t) => t.id === template.id)) {
      throw new AppError('refused', `The template "${templateId}" is not for a ${record.details.reportType.replace('_', '-')} report at the ${record.details.stage.replace('_', '-')} stage.`, {
        path: '$.templateId',
        key: 'report.errors.templateNotForCase',
        params: { templateId, reportType: record.details.reportType, stage: record.details.stage },
      });
    }
    return template;
  }

  /** The one place a stored case becomes a report context, for the template the officer chose. */
  function reportContextFor(caseId: string, templateId: string, ctx: CallContext): ReportContext {
    const record = stores.cases.get(caseId);
    const template: ReportTemplate = templateFor(record, templateId);
    const form = formForReportType(services.forms, record.details.reportType) ?? null;
    const stored = stores.interviews.find(caseId);
    const options = optionsFor(caseId);
    const facts = deriveFacts(record.details, services.jurisdiction);
    // A draft may hold an answer over its question's limit; the report names that question instead.
    if (stored && form) assertWithinLimits(validateInterview(form, stored.interview, facts));
    return buildReportContext({
      details: record.details,
      interview: stored && form ? stored.interview : null,
      form,
      facts,
      reportDate: localDate(services.now()),
      // Signing and countersigning come with the review workflow; until then every export is a draft.
      status: 'draft',
      author: { name: ctx.actor, role: AUTHOR_ROLE },
      ...(options?.match ? { match: options.match } : {}),
      ...(options?.proposal ? { proposal: options.proposal } : {}),
      ...(options?.catalogueNames ? { catalogueNames: options.catalogueNames } : {}),
      language: template.locale ?? template.language,
      answerSections: answerSectionsOf(template),
    });
  }

  return {
    'report.templates': ({ caseId }) => templatesFor(stores.cases.get(caseId)).map((t) => ({ id: t.id, title: t.title, language: t.language })),
    'report.preview': ({ caseId, templateId }, ctx) => {
      const context = reportContextFor(caseId, templateId, ctx);
      return previewReport(context, templateId, { jurisdiction: services.jurisdiction });
    },
    'report.export': async ({ caseId, templateId }, ctx) => {
      const context = reportContextFor(caseId, templateId, ctx);
      const result = await renderReportFile(context, templateId, { jurisdiction: services.jurisdiction });
      return {
        fileName: result.suggestedFileName,
        docxBase64: Buffer.from(result.bytes).toString('base64'),
        contentHash: result.contentHash,
        dropped: result.dropped,
      };
    },
  };
}
