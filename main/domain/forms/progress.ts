import type { FormDefinition, Localized } from '../../contract/form';
import type { Interview } from '../../contract/interview';
import { evaluateForm, type FormEvaluation, type FormIssue, type SectionEvaluation } from './evaluate';
import type { RuleFacts } from '../rules/facts';
import { offenceAccountViolations } from './guards';

export type SectionStatus = 'complete' | 'incomplete' | 'not_applicable';

/** Where "go to the first missing required answer" goes. */
export interface MissingAnswer {
  sectionId: string;
  fieldId: string;
  path: string;
  row?: number;
  subFieldId?: string;
}

export interface ProgressCounts {
  /** Required questions shown to this person (a required group counts once, and each required question in its rows). */
  required: number;
  answered: number;
  /** Required questions the person declined: recorded, so never missing. */
  declined: number;
  missing: number;
  /** Answers (required or not) whose value does not fit the question, or is not allowed at this stage. */
  invalid: number;
}

export interface SectionProgress extends ProgressCounts {
  sectionId: string;
  title: Localized;
  status: SectionStatus;
  firstMissing: MissingAnswer | null;
}

export interface FormProgress extends ProgressCounts {
  sections: SectionProgress[];
  firstMissing: MissingAnswer | null;
  /** Every required question answered or declined, and no invalid answer. */
  allDone: boolean;
}

/**
 * Each section is not applicable when it is hidden, or when nothing in it is required for this
 * person and nothing was recorded in it; otherwise complete when nothing required is missing and
 * nothing recorded is invalid.
 */
export function progress(
  form: FormDefinition,
  interview: Interview,
  facts: RuleFacts,
  /** Pass an evaluation already made of this same interview to avoid doing the work twice. */
  evaluation: FormEvaluation = evaluateForm(form, interview, facts),
): FormProgress {
  const forbidden = offenceAccountViolations(form, interview, facts);
  const sections = evaluation.sections.map((s) => sectionProgress(s, forbidden));
  const sum = (k: keyof ProgressCounts) => sections.reduce((n, s) => n + s[k], 0);
  const totals: ProgressCounts = { required: sum('required'), answered: sum('answered'), declined: sum('declined'), missing: sum('missing'), invalid: sum('invalid') };
  return {
    sections,
    ...totals,
    firstMissing: sections.find((s) => s.firstMissing)?.firstMissing ?? null,
    allDone: totals.missing === 0 && totals.invalid === 0 && evaluation.unknown.length === 0,
  };
}

function sectionProgress(s: SectionEvaluation, forbidden: FormIssue[]): SectionProgress {
  const counts: ProgressCounts = { required: 0, answered: 0, declined: 0, missing: 0, invalid: 0 };
  let firstMissing: MissingAnswer | null = null;
  let recorded = 0;
  for (const item of s.items) {
    if (!item.visible) continue;
    if (item.state !== 'missing') recorded += 1;
    if (item.issues.some((i) => i.kind === 'invalid' || i.kind === 'unknown')) counts.invalid += 1;
    if (!item.required) continue;
    counts.required += 1;
    if (item.state === 'answered') counts.answered += 1;
    else if (item.state === 'declined') counts.declined += 1;
    else {
      counts.missing += 1;
      if (!firstMissing) {
        firstMissing = { sectionId: item.sectionId, fieldId: item.fieldId, path: item.path };
        if (item.row !== undefined) firstMissing.row = item.row;
        if (item.subFieldId !== undefined) firstMissing.subFieldId = item.subFieldId;
      }
    }
  }
  counts.invalid += forbidden.filter((f) => f.sectionId === s.section.id).length;
  const status: SectionStatus = !s.visible || (counts.required === 0 && recorded === 0 && counts.invalid === 0)
    ? 'not_applicable'
    : counts.missing === 0 && counts.invalid === 0
      ? 'complete'
      : 'incomplete';
  return { sectionId: s.section.id, title: s.section.title, status, ...counts, firstMissing };
}
