import type { CaseDetails } from '../contract/case';
import type { ReportContext, ReportTemplate } from '../contract/report';
import { templateInLanguage } from '../loaders/translations';
import type { ReportText } from '../contract/reportText';
import { buildReport, reportLanguageOf, templatesForCase } from '../domain/report/buildReport';
import { localDate } from '../domain/localDate';
import { AppError } from '../contract/errors';
import { shippedCatalogue, shippedReportTemplate, shippedReportTemplates } from '../loaders/shipped';
import type { Area } from './types';

// A stored case as the report context of a template, from the one report pipeline
// (domain/report/buildReport): the report calls and the report-writing calls read the same
// context, with the officer's saved text, so the page, the preview and the file agree.

export function reportTemplates(area: Area): readonly ReportTemplate[] {
  return area.services.reportTemplates ?? shippedReportTemplates();
}

/** The language a case's report is written in: the court's language recorded on the case, else the jurisdiction's. */
export function reportLanguageFor(area: Area, details: CaseDetails): string {
  return details.courtLanguage ?? area.services.jurisdiction.locale;
}

/**
 * A template by id, in `language` when one is given: a shipped template is written in English and
 * translated by its language's dictionary (loaders/translations.ts); a service's template written
 * in another language prints in that language only.
 */
export function templateById(area: Area, templateId: string, language?: string): ReportTemplate {
  const template = area.services.reportTemplates?.find((t) => t.id === templateId) ?? shippedReportTemplate(templateId);
  return language ? inLanguage(area, template, language) : template;
}

export function inLanguage(area: Area, template: ReportTemplate, language: string): ReportTemplate {
  if (!template.language.startsWith('en')) return template;
  return templateInLanguage(template, language, area.services.jurisdiction);
}

/** The template the officer writes for: the first offered for the case (the one the Report page offers first), in the case's report language. */
export function writingTemplate(area: Area, caseId: string): ReportTemplate {
  const details = area.stores.cases.get(caseId).details;
  const template = templatesForCase(reportTemplates(area), details)[0];
  if (!template) throw new AppError('refused', 'No report template fits this case’s stage and report type.', { key: 'report.noTemplates' });
  return inLanguage(area, template, reportLanguageFor(area, details));
}

export interface StoredReportOptions {
  actor: string;
  /** The acting person's role id, printed under their name. */
  role?: string | undefined;
  /** The text to build with, in place of the saved one (the checks over text being typed). */
  text?: ReportText | undefined;
}

export function storedReportContext(area: Area, caseId: string, template: ReportTemplate, options: StoredReportOptions): ReportContext {
  const { services, stores } = area;
  const record = stores.cases.get(caseId);
  return buildReport({
    details: record.details,
    interview: stores.interviews.find(caseId)?.interview ?? null,
    proposal: stores.proposals.find(caseId)?.proposal,
    programmes: stores.programmes.list(true),
    forms: services.forms,
    catalogue: (services.catalogue ?? shippedCatalogue()).compiled,
    template,
    youngAdultUpperAge: services.jurisdiction.youngAdultUpperAge,
    jurisdictionOptions: services.jurisdiction.options,
    reportDate: localDate(services.now()),
    authorName: options.actor,
    authorRole: options.role,
    language: reportLanguageOf(template),
    reportText: options.text ?? stores.reportTexts.find(caseId)?.text,
  });
}
