import type { AnalysisCheck, Readiness, ReportText } from '../../../../main/contract/reportText';
import { sameJson } from '../../../../main/domain/merge';

// Where the officer puts right each thing the checks name (docs/DOMAIN.md, writing the report):
// pure, so the Write the report page and the Report page's "Before you export" agree.

type Blocker = Readiness['blockers'][number];

export type BlockerTarget =
  /** The proposal page: no proposal, or its condition checks. */
  | { kind: 'proposal' }
  /** A section's text on the Write the report page. */
  | { kind: 'section'; sectionId: string; title: string }
  /** An analysis check about no one section (an assessed need, a condition), answered at the top of the page. */
  | { kind: 'check'; checkId: string }
  | { kind: 'none' };

export function blockerTarget(blocker: Blocker, analysis: readonly AnalysisCheck[], titles: ReadonlyMap<string, string>): BlockerTarget {
  if (blocker.kind === 'noProposal' || blocker.kind === 'openConditionCheck') return { kind: 'proposal' };
  const title = blocker.sectionId ? titles.get(blocker.sectionId) : undefined;
  if (blocker.sectionId && title) return { kind: 'section', sectionId: blocker.sectionId, title };
  // An open analysis check reads as its own sentence: the check with that sentence is the one.
  const check = analysis.find((c) => (!c.sectionId || !titles.has(c.sectionId)) && c.message.key === blocker.message.key && sameJson(c.message.params, blocker.message.params));
  return check ? { kind: 'check', checkId: check.id } : { kind: 'none' };
}

/** The checks shown beside a section, and those about no section shown (with their answers) at the top of the page. */
export function placeChecks(analysis: readonly AnalysisCheck[], titles: ReadonlyMap<string, string>): { bySection: Map<string, AnalysisCheck[]>; general: AnalysisCheck[] } {
  const bySection = new Map<string, AnalysisCheck[]>();
  const general: AnalysisCheck[] = [];
  for (const c of analysis) {
    if (c.sectionId && titles.has(c.sectionId)) bySection.set(c.sectionId, [...(bySection.get(c.sectionId) ?? []), c]);
    else general.push(c);
  }
  return { bySection, general };
}

/** The officer's reason for a check, from the text being written (so it shows before main checks again). */
export function reasonFor(text: ReportText, checkId: string): string | undefined {
  return text.acknowledgements.find((a) => a.checkId === checkId)?.reason;
}
