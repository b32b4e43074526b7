import { z } from 'zod';
import { translator } from '../contract/messages';
import type { CaseFile } from '../contract/caseFile';
import { isoDate, languageTag } from '../contract/text';
import { templateInLanguage } from '../loaders/translations';
import { parseOrThrow } from '../contract/validate';
import { parseCaseFile } from '../domain/caseFile';
import { offenceAccountFieldIds } from '../domain/interviewRules';
import { localDate } from '../domain/localDate';
import { buildReportFromCaseFile, reportLanguageOf, templatesForCase } from '../domain/report/buildReport';
import { assertKnownSections } from '../domain/report/writing';
import { renderReportFile } from '../export';
import { shippedCatalogue, shippedForms, shippedJurisdiction, shippedReportTemplate, shippedReportTemplates } from '../loaders/shipped';

// `psr render`, kept apart from cli.ts so the command line loads the export and the loaders only
// for the command that needs them (cli.ts imports this module when `render` runs).

/**
 * A case file (any version) to a DOCX, with forms, jurisdiction and templates read from disk and no
 * store. The file is refused where `psr import` would refuse it, and the report is built by the same
 * pipeline as `psr export` (domain/report/buildReport); local programmes live in a store, so a
 * store-less render lists the catalogue's options only.
 */
export async function renderCaseFile(raw: unknown, templateId: string, reportDate?: string, authorName?: string, language?: string) {
  return renderParsedCaseFile(parseCaseFile(raw), templateId, reportDate, authorName, language);
}

/** A parsed case file to a DOCX; its proposal is used when the file's version carries one. */
export async function renderParsedCaseFile(caseFile: CaseFile, templateId: string, reportDate?: string, authorName?: string, language?: string) {
  const today = localDate(new Date());
  const date = reportDate === undefined ? today : parseOrThrow(isoDate, reportDate);
  const jurisdiction = shippedJurisdiction();
  const forms = shippedForms();
  // The report's language: --language, else the court's language the case records, else the service's.
  const asked = language === undefined ? undefined : parseOrThrow(z.strictObject({ language: languageTag }), { language }).language;
  const shipped = shippedReportTemplate(templateId);
  const reportLanguage = asked ?? caseFile.case.courtLanguage ?? jurisdiction.locale;
  const template = shipped.language.startsWith('en') ? templateInLanguage(shipped, reportLanguage, jurisdiction) : shipped;
  // Text for a section no template of the case writes is refused here as `psr import` refuses it.
  if (caseFile.reportText) assertKnownSections(templatesForCase(shippedReportTemplates(), caseFile.case), caseFile.reportText, '$.file.reportText');
  const context = buildReportFromCaseFile(
    caseFile,
    { catalogue: shippedCatalogue().compiled, jurisdictionOptions: jurisdiction.options, template, reportDate: date, // A store-less draft names the author given (--as), never the operating-system user.
      authorName: authorName?.trim() || translator(reportLanguageOf(template))('report.docx.notStated'), language: reportLanguageOf(template) },
    { forms, youngAdultUpperAge: jurisdiction.youngAdultUpperAge, today, offenceAccountIds: offenceAccountFieldIds(forms) },
  );
  return renderReportFile(context, template, { jurisdiction });
}
