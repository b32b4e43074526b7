import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors';
import type { Jurisdiction } from '../contract/jurisdiction';
import { ReportContext, type DroppedCharacters, type RenderedReport, type ReportTemplate } from '../contract/report';
import { parseOrThrow } from '../contract/validate';
import { assembleReport } from '../domain/report/assemble';
import { loadJurisdiction, templatesDir } from '../loaders/dataFiles';
import { loadReportTemplate, type TemplateSource } from '../loaders/reportTemplates';
import { canonicalJson } from './canonical';
// The writers (docx, pdfkit and its fonts: most of the app's code by size) are loaded when a
// document is first written, so a command or a start that writes none never loads them.
const docxWriter = () => import('./docx');
const pdfWriter = () => import('./pdf');

export { canonicalJson };

// The export's front door: a report context and a template id in, a court-ready DOCX out. It needs
// no store, so the CLI's `psr render <case-file.json>` and the app's export share it.

export interface ExportOptions extends TemplateSource {
  /** Overrides the template's own jurisdiction file (tests). */
  jurisdiction?: Jurisdiction;
}

export interface ExportResult {
  bytes: Uint8Array;
  /** sha256 of the canonical report model: the same content gives the same hash and the same bytes. */
  contentHash: string;
  /** Characters XML cannot hold, dropped from the user's text: tell the user. */
  dropped: DroppedCharacters[];
  model: RenderedReport;
  /** A file name a save dialog can offer: "CR-2026-0415-full-report-draft.docx", "CR-2026-0415-full-report-v2.docx". */
  suggestedFileName: string;
}

export function contentHash(model: RenderedReport): string {
  return createHash('sha256').update(canonicalJson(model)).digest('hex');
}

function jurisdictionFor(template: ReportTemplate, options: ExportOptions): Jurisdiction {
  return options.jurisdiction ?? loadJurisdiction(template.jurisdiction);
}

/** Validates a report context from outside (a file, a door), reporting every problem with its JSON path. */
export function parseReportContext(raw: unknown): ReportContext {
  return parseOrThrow(ReportContext, raw);
}

/** A template already loaded (the API's, checked once at start), or an id to load from `options.dirs`. */
const templateOf = (template: ReportTemplate | string, options: ExportOptions): ReportTemplate =>
  typeof template === 'string' ? loadReportTemplate(template, options) : template;

/** The render-ready model the in-app preview shows: the same one the DOCX is written from. */
export function previewReport(context: unknown, templateOrId: ReportTemplate | string, options: ExportOptions = {}): RenderedReport {
  const template = templateOf(templateOrId, options);
  return assembleReport(template, parseReportContext(context), { jurisdiction: jurisdictionFor(template, options) });
}

function pngSize(data: Uint8Array): { widthPx: number; heightPx: number } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const signature = [0x89, 0x50, 0x4e, 0x47];
  if (data.byteLength < 24 || signature.some((b, i) => data[i] !== b)) throw new AppError('invalid_input', 'The letterhead logo is not a PNG file.', { key: 'errors.logoNotPng' });
  return { widthPx: view.getUint32(16), heightPx: view.getUint32(20) };
}

/** The letterhead logo's bytes and size, when the model has one. */
function readLogo(model: RenderedReport): { data: Uint8Array; widthPx: number; heightPx: number } | undefined {
  if (!model.letterhead.logo) return undefined;
  const file = path.join(templatesDir(), 'jurisdictions', model.letterhead.logo.file);
  let data: Uint8Array;
  try {
    data = fs.readFileSync(file);
  } catch (e) {
    throw new AppError('invalid_input', `The letterhead logo ${file} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, {
      key: 'errors.logoUnreadable',
      params: { file: model.letterhead.logo.file },
    });
  }
  return { data, ...pngSize(data) };
}

/** The version's number in the name, so two versions of one report never share a file name; "-draft" only on a draft. */
const suggestedName = (model: RenderedReport, extension: 'docx' | 'pdf') =>
  `${model.running.caseNumber.replace(/[^A-Za-z0-9._-]+/g, '_')}-${model.template.id}${model.version !== undefined ? `-v${model.version}` : ''}${model.draft ? '-draft' : ''}.${extension}`;

/** Writes the DOCX for an assembled model. */
export async function writeReport(model: RenderedReport): Promise<ExportResult> {
  const logo = readLogo(model);
  const hash = contentHash(model);
  const { writeDocx } = await docxWriter();
  const bytes = await writeDocx(model, { contentHash: hash, ...(logo ? { logo } : {}) });
  return { bytes, contentHash: hash, dropped: model.dropped, model, suggestedFileName: suggestedName(model, 'docx') };
}

/**
 * Writes the PDF for an assembled model: the same model, hence the same content hash, as the DOCX.
 * `reportDate` (the context's, YYYY-MM-DD) dates the file, so the same report gives the same bytes.
 */
export async function writeReportPdf(model: RenderedReport, reportDate: string): Promise<ExportResult> {
  const logo = readLogo(model);
  const hash = contentHash(model);
  const { writePdf } = await pdfWriter();
  const bytes = await writePdf(model, { contentHash: hash, reportDate, ...(logo ? { logo } : {}) });
  return { bytes, contentHash: hash, dropped: model.dropped, model, suggestedFileName: suggestedName(model, 'pdf') };
}

/** Context (validated here) + template id -> DOCX. Needs no store: the CLI's `psr render` calls this. */
export async function renderReportFile(context: unknown, templateOrId: ReportTemplate | string, options: ExportOptions = {}): Promise<ExportResult> {
  const parsed: ReportContext = parseReportContext(context);
  const template = templateOf(templateOrId, options);
  const model = assembleReport(template, parsed, { jurisdiction: jurisdictionFor(template, options) });
  return writeReport(model);
}

/** Context (validated here) + template id -> the accessible PDF of the same report as renderReportFile's DOCX. */
export async function renderReportPdf(context: unknown, templateOrId: ReportTemplate | string, options: ExportOptions = {}): Promise<ExportResult> {
  const parsed: ReportContext = parseReportContext(context);
  const template = templateOf(templateOrId, options);
  const model = assembleReport(template, parsed, { jurisdiction: jurisdictionFor(template, options) });
  return writeReportPdf(model, parsed.reportDate);
}
