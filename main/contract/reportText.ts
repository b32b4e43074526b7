import { z } from 'zod';
import { entry } from './entry';
import { Acknowledgement } from './options';
import { ItemSource } from './report';
import { saveId } from './storeApi';
import { entityId, entityVersion } from './text';
import { REPORT_ACKNOWLEDGEMENTS_MAX, REPORT_SECTION_TEXT_MAX, REPORT_SECTIONS_MAX } from './limits';

// The report in the officer's own words (docs/DOMAIN.md, writing the report). The interview is the
// evidence; each section of the report template that has a `write` setting is a place for the
// officer's text, written with that section's recorded facts in view. One text per case, versioned
// on its own (so writing never conflicts with the interview or the proposal), autosaved by the same
// draft mechanism as the interview, audited, and carried in the case file.

/** A report template section id ("offence-analysis"). */
export const reportSectionId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'Must be a report section id such as "offence-analysis".' }).max(100);

export const SectionText = z.strictObject({
  /** What the officer wrote; blank lines separate paragraphs. */
  text: z.string().max(REPORT_SECTION_TEXT_MAX),
  /**
   * What "Start from the recorded facts" produced, kept so the readiness check can say a drafted
   * section was never edited (text === drafted). Absent when the officer wrote from scratch.
   */
  drafted: z.string().max(REPORT_SECTION_TEXT_MAX).optional(),
});
export type SectionText = z.infer<typeof SectionText>;

export const ReportText = z.strictObject({
  /** By report section id; a section with no entry is unwritten. */
  sections: z.record(reportSectionId, SectionText).refine((s) => Object.keys(s).length <= REPORT_SECTIONS_MAX, { message: `At most ${REPORT_SECTIONS_MAX} sections.` }),
  /** Analysis checks the officer answered with a reason (check ids from domain/report/analysis.ts); audited on save. */
  acknowledgements: z.array(Acknowledgement).max(REPORT_ACKNOWLEDGEMENTS_MAX).default([]),
});
export type ReportText = z.infer<typeof ReportText>;
export type ReportTextInput = z.input<typeof ReportText>;

export const emptyReportText = (): ReportText => ({ sections: {}, acknowledgements: [] });

/** A recorded fact shown beside the section it belongs to, as the officer writes. */
export const EvidenceItem = z.strictObject({
  id: z.string(),
  /** What the report calls it (labels.items), never the question. */
  label: z.string(),
  value: z.string(),
  status: z.enum(['answered', 'declined']),
  kind: z.enum(['fact', 'assessment']),
  source: ItemSource,
  /** The officer may see it; the report never prints it. */
  notForDisclosure: z.boolean(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

/** One section of the template the officer writes, with its evidence. */
export const WritableSection = z.strictObject({
  id: reportSectionId,
  title: z.string(),
  /** Guidance from the template: what the section is for. */
  guidance: z.string().optional(),
  required: z.boolean(),
  /** The text reads as the author's assessment (opinion), labelled so in the report. */
  opinion: z.boolean(),
  /** Whether the section's condition holds for this case (a pregnancy section for a man: false, and not offered). */
  applies: z.boolean(),
  evidence: z.array(EvidenceItem),
});
export type WritableSection = z.infer<typeof WritableSection>;

export const messageRef = z.strictObject({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).default({}) });

/** A check on the officer's analysis, explained in a sentence (message key), acknowledgeable with a reason. */
export const analysisCheckKinds = ['restates', 'proposalUnlinked', 'needUnanswered', 'scoreWithoutReasons', 'factWithoutSource', 'avoidWord'] as const;
export const AnalysisCheck = z.strictObject({
  /** Stable while the officer edits: `${kind}:${sectionId or item id}[:${detail}]`. */
  id: z.string().min(1).max(200),
  kind: z.enum(analysisCheckKinds),
  sectionId: reportSectionId.optional(),
  message: messageRef,
  /** For an avoided word: the word and its suggested replacement. */
  word: z.string().optional(),
  suggestion: z.string().optional(),
  /** The officer's reason, when acknowledged: the check no longer blocks a final report. */
  acknowledged: z.string().optional(),
});
export type AnalysisCheck = z.infer<typeof AnalysisCheck>;

export const readinessKinds = ['unwrittenSection', 'draftedNotEdited', 'noProposal', 'openConditionCheck', 'openAnalysisCheck', 'factWithoutSource'] as const;
export const ReadinessItem = z.strictObject({
  kind: z.enum(readinessKinds),
  sectionId: reportSectionId.optional(),
  message: messageRef,
});
export const Readiness = z.strictObject({
  /** True when nothing stops a final report. A draft export is always possible. */
  ready: z.boolean(),
  blockers: z.array(ReadinessItem),
});
export type Readiness = z.infer<typeof Readiness>;

/** A withheld (not-for-disclosure) item the report relies on: the officer decides before export. */
export const WithheldItem = z.strictObject({ id: z.string(), label: z.string(), sectionId: reportSectionId.optional() });
export type WithheldItem = z.infer<typeof WithheldItem>;

export const ReportTextRecord = z.strictObject({
  caseId: entityId,
  /** 0 while nothing is saved. */
  version: z.number().int().min(0),
  text: ReportText,
  updatedAt: z.string().optional(),
  /** The template the officer is writing for (the first offered for the case). */
  templateId: z.string(),
  sections: z.array(WritableSection),
});
export type ReportTextRecord = z.infer<typeof ReportTextRecord>;

export const ReportChecks = z.strictObject({
  analysis: z.array(AnalysisCheck),
  readiness: Readiness,
  withheld: z.array(WithheldItem),
});
export type ReportChecks = z.infer<typeof ReportChecks>;

export const reportTextEntries = {
  'reportText.get': entry({
    input: z.strictObject({ caseId: entityId }),
    output: ReportTextRecord,
    access: 'any',
    writes: false,
  }),
  'reportText.save': entry({
    // version 0 saves the first text; a stale version is a conflict naming the current one.
    input: z.strictObject({ caseId: entityId, version: z.number().int().min(0), text: ReportText, saveId }),
    output: z.strictObject({ version: entityVersion, updatedAt: z.string() }),
    access: 'any',
    writes: true,
    roles: ['probation_officer', 'senior_probation_officer'],
  }),
  'reportText.draft': entry({
    // "Start from the recorded facts": plain sentences for one section from its answers, in the report's language.
    input: z.strictObject({ caseId: entityId, sectionId: reportSectionId }),
    output: z.strictObject({ text: z.string() }),
    access: 'any',
    writes: false,
  }),
  'reportText.checks': entry({
    // The analysis checks and the readiness check, over the saved text or over `text` as the officer types it.
    input: z.strictObject({ caseId: entityId, text: ReportText.optional() }),
    output: ReportChecks,
    access: 'any',
    writes: false,
  }),
} as const;
