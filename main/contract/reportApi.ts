import { z } from 'zod';
import { entry } from './entry';
import { DroppedCharacters, RenderedReport } from './report';
import { entityId, languageTag } from './text';

// The report calls: which templates a case can use, the preview model and the DOCX.
// Spread into `contract` in api.ts; the same door checks apply as for every other entry.


/** The language a report is printed in; a language the templates have no dictionary for is refused by name. */
const reportLanguage = languageTag;
const reportVersionNumber = z.number().int().min(1).max(10_000);
const templateId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'Must be a template id such as "full-report".' }).max(100);

export const ReportTemplateSummary = z.strictObject({
  id: z.string(),
  title: z.string(),
  language: z.string(),
});
export type ReportTemplateSummary = z.infer<typeof ReportTemplateSummary>;

export const exportFormats = ['docx', 'pdf'] as const;
export const ExportFormat = z.enum(exportFormats);

export const ReportExport = z.strictObject({
  /** A name a save dialog can offer: "CR-2026-0415-full-report-draft.docx". */
  fileName: z.string(),
  format: ExportFormat,
  /** The DOCX or the accessible PDF, signed (main/export/signature.ts), in base64. */
  fileBase64: z.string(),
  /** sha256 of the report model, also printed in the document's footer and properties. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Characters XML cannot hold, dropped from the user's text: the user is told. */
  dropped: z.array(DroppedCharacters),
  /** The fingerprint of the store's key the file is signed with (`psr verify` checks it). */
  signedWith: z.string(),
});
export type ReportExport = z.infer<typeof ReportExport>;

export const reportEntries = {
  'report.templates': entry({
    input: z.strictObject({ caseId: entityId }),
    output: z.array(ReportTemplateSummary),
    access: 'any',
    writes: false,
  }),
  'report.preview': entry({
    // `language`: a draft printed in another language than the case's (a frozen version refuses any but its own).
    // A version submitted, countersigned or issued prints as it was frozen, on its own template;
    // without `version`, the latest (or the live draft when nothing has been submitted).
    input: z.strictObject({ caseId: entityId, templateId: templateId.optional(), version: reportVersionNumber.optional(), language: reportLanguage.optional() }),
    output: RenderedReport,
    access: 'any',
    writes: false,
  }),
  'report.export': entry({
    // The same report as a Word document or as an accessible PDF for courts that do not open Word.
    input: z.strictObject({ caseId: entityId, templateId: templateId.optional(), version: reportVersionNumber.optional(), format: ExportFormat.optional(), language: reportLanguage.optional() }),
    output: ReportExport,
    access: 'any',
    writes: false,
  }),
} as const;
