import type { ReportContext, ReportTemplate } from '../main/contract/report';
import { previewReport } from '../main/export/index';
import { docxTemplatesTemplate as peerTemplate, fillWithDocxTemplates as fillModel } from './peerTemplates';

// The docx-templates peer of bench/export.ts: the template and filling of bench/peerTemplates.ts
// (the same render-ready model our writer gets, so the same paragraphs, rows and characters, and
// run without its per-command `vm` sandbox), behind the calls bench/export.ts makes.

/** The Word template, built once per run. */
export function docxTemplatesTemplate(): Promise<Uint8Array> {
  return peerTemplate();
}

/** Fills the template with a (disclosable) report context, assembled as our export assembles it. */
export async function fillWithDocxTemplates(template: Uint8Array, context: ReportContext, _labels?: ReportTemplate['labels']): Promise<Uint8Array> {
  return fillModel(previewReport(context, 'full-report'), template);
}
