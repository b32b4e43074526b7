import type { JurisdictionOptions } from '../../contract/jurisdiction';
import type { CaseDetails } from '../../contract/case';
import type { CaseFile } from '../../contract/caseFile';
import { AppError } from '../../contract/errors';
import type { FormDefinition } from '../../contract/form';
import type { Interview } from '../../contract/interview';
import type { Programme, Proposal } from '../../contract/options';
import type { ReportContext, ReportTemplate } from '../../contract/report';
import type { ReportText } from '../../contract/reportText';
import { checkCaseFile, type CaseCheckSetting } from '../caseFileRules';
import { deriveFacts } from '../rules';
import { validateInterview } from '../forms';
import { applyDisclosureDefaults } from '../forms/disclosure';
import { assertWithinLimits } from '../forms/limits';
import { formForReportType } from '../interviewRules';
import type { Catalogue } from '../options/catalogue';
import { programmesToMatch, reportMatch } from '../options/caseMatch';
import { answerSectionsOf, buildReportContext } from './context';

// The one report pipeline (docs/ARCHITECTURE.md, data flow of one report): a case, its interview
// and proposal, the catalogue and the chosen template in; the report context out. The API's preview
// and export, `psr export` and `psr render` all call this, so no door assembles a report itself.

/** The author's role by id when the report is made without a person of the store (psr render); the report words it in its own language (report.role.* in the message catalogue). */
export const AUTHOR_ROLE = 'probation_officer';

/** Whether a template is offered for this case: shipped (never a test template), for its stage and report type. */
export function templateFitsCase(template: ReportTemplate, details: CaseDetails): boolean {
  return !template.test && template.stages.includes(details.stage) && (template.reportTypes === undefined || template.reportTypes.includes(details.reportType));
}

/** The templates offered for a case, in the order given. */
export function templatesForCase(templates: readonly ReportTemplate[], details: CaseDetails): ReportTemplate[] {
  return templates.filter((t) => templateFitsCase(t, details));
}

/** Refuses a template that is not for this case's report type and stage. */
export function assertTemplateForCase(template: ReportTemplate, details: CaseDetails): void {
  if (templateFitsCase(template, details)) return;
  throw new AppError('refused', `The template "${template.id}" is not for a ${details.reportType.replace('_', '-')} report at the ${details.stage.replace('_', '-')} stage.`, {
    path: '$.templateId',
    key: 'report.errors.templateNotForCase',
    params: { templateId: template.id, reportType: details.reportType, stage: details.stage },
  });
}

/** The language a template writes its report in ("en-GB"). */
export function reportLanguageOf(template: ReportTemplate): string {
  return template.locale ?? template.language;
}

export interface BuildReportInput {
  details: CaseDetails;
  /** The recorded interview, null when none is recorded yet. */
  interview: Interview | null;
  proposal?: Proposal | undefined;
  /** Local programmes as stored (a report made without a store has none); retired ones count only when the proposal names them. */
  programmes: readonly Programme[];
  forms: ReadonlyMap<string, FormDefinition>;
  catalogue: Catalogue;
  template: ReportTemplate;
  youngAdultUpperAge: number;
  /** The jurisdiction's options rules (measures per stage, currency, affordability), when it has them. */
  jurisdictionOptions?: JurisdictionOptions | undefined;
  /** The date the report bears, YYYY-MM-DD. */
  reportDate: string;
  /** Who writes the report (the person the door acts for). */
  authorName: string;
  /** Their role id (report.role.*); a probation officer when not known (a report rendered from a case file). */
  authorRole?: string | undefined;
  /** The report's language (the court's), independent of the interface language: reportLanguageOf(template) until a case records one. */
  language: string;
  /** The officer's own text for the report's sections, when any is saved. */
  reportText?: ReportText | undefined;
}

/** A case to its report context for the chosen template; refuses a template not for the case. */
export function buildReport(input: BuildReportInput): ReportContext {
  const { details, template } = input;
  assertTemplateForCase(template, details);
  const form = formForReportType(input.forms, details.reportType) ?? null;
  const facts = deriveFacts(details, { youngAdultUpperAge: input.youngAdultUpperAge });
  // An answer stored without its flag (before the core applied them) still gets the form's default.
  const interview = form && input.interview ? applyDisclosureDefaults(form, input.interview) : input.interview;
  // A draft may hold an answer over its question's limit; the report names that question instead.
  if (form && interview) assertWithinLimits(validateInterview(form, interview, facts));
  const match = reportMatch({
    details,
    interview,
    form: form ?? undefined,
    catalogue: input.catalogue,
    programmes: programmesToMatch(input.programmes, input.proposal),
    proposal: input.proposal,
    youngAdultUpperAge: input.youngAdultUpperAge,
    jurisdictionOptions: input.jurisdictionOptions,
    language: input.language,
  });
  return buildReportContext({
    details,
    // A report type without a form of its own (an addendum) shows no interview answers.
    interview: form ? interview : null,
    form,
    facts,
    reportDate: input.reportDate,
    // Signing and countersigning come with the review workflow; until then every report is a draft.
    status: 'draft',
    author: { name: input.authorName, role: input.authorRole ?? AUTHOR_ROLE },
    match,
    ...(input.proposal ? { proposal: input.proposal } : {}),
    language: input.language,
    answerSections: answerSectionsOf(template),
    written: Object.fromEntries(Object.entries(input.reportText?.sections ?? {}).map(([id, s]) => [id, s.text])),
  });
}

/**
 * A case file to its report context, with no store: the file is first refused exactly where
 * importing it would be refused (checkCaseFile), then built as a stored case is.
 */
export function buildReportFromCaseFile(
  caseFile: CaseFile,
  input: Omit<BuildReportInput, 'details' | 'interview' | 'proposal' | 'programmes' | 'forms' | 'youngAdultUpperAge' | 'reportText'>,
  checks: CaseCheckSetting,
): ReportContext {
  checkCaseFile(caseFile, checks);
  return buildReport({
    ...input,
    forms: checks.forms,
    youngAdultUpperAge: checks.youngAdultUpperAge,
    details: caseFile.case,
    interview: caseFile.interview ?? null,
    proposal: caseFile.proposal,
    reportText: caseFile.reportText,
    // Local programmes travel in the file when the sender chose to include them.
    programmes: caseFile.programmes ?? [],
  });
}
