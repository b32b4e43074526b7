import type { AnswerItem, ReportContext, ReportTemplate, TemplateSection } from '../../contract/report';
import type { Proposal } from '../../contract/options';
import type { EvidenceItem, ReportChecks, ReportText, WithheldItem, WritableSection } from '../../contract/reportText';
import { invalidInput, type ApiIssue } from '../../contract/errors';
import { evaluateRule, type RuleValue } from '../rules';
import { analyseReport, readinessOf, type AnalysisInput, type AnalysisSection } from './analysis';
import { draftSection } from './drafting';

// Writing the report (docs/DOMAIN.md, writing the report): which sections of a template the
// officer writes, the recorded facts shown beside each, the draft from those facts and the
// checks. Pure functions over the report context the one pipeline built (buildReport), so the
// API, browser mode and the CLI show and check exactly the same thing.

type Writable = TemplateSection & { write: NonNullable<TemplateSection['write']> };

const isWritable = (s: TemplateSection): s is Writable => s.write !== undefined;

/** Whether an answer item is evidence for a section: an id prefix ("home."), or a whole context section ("section:women"). */
function evidenceOf(section: Writable, context: ReportContext): AnswerItem[] {
  const out: AnswerItem[] = [];
  const seen = new Set<string>();
  for (const pattern of section.write.evidence) {
    const whole = pattern.startsWith('section:') ? pattern.slice('section:'.length) : undefined;
    for (const [key, answers] of Object.entries(context.sections)) {
      if (whole !== undefined && key !== whole) continue;
      for (const item of answers.items) {
        if (seen.has(item.id)) continue;
        if (whole !== undefined || item.id.startsWith(pattern)) {
          seen.add(item.id);
          out.push(item);
        }
      }
    }
  }
  return out;
}

export interface WritingSection extends AnalysisSection {
  guidance?: string;
  applies: boolean;
}

/** Every section of the template the officer writes, in the template's order, with its evidence. */
export function writingSections(template: ReportTemplate, context: ReportContext): WritingSection[] {
  return template.sections.filter(isWritable).map((s) => ({
    id: s.id,
    title: s.title,
    ...(s.write.guidance !== undefined ? { guidance: s.write.guidance } : {}),
    required: s.write.required,
    opinion: s.write.opinion,
    analytical: s.write.analytical,
    applies: evaluateRule(s.when as RuleValue | undefined, context, { whenAbsent: true }),
    evidence: evidenceOf(s, context),
  }));
}

/** The sections as the Write the report page shows them: labels as the report words them. */
export function writableSections(template: ReportTemplate, sections: readonly WritingSection[]): WritableSection[] {
  return sections.map((s) => ({
    id: s.id,
    title: s.title,
    ...(s.guidance !== undefined ? { guidance: s.guidance } : {}),
    required: s.required,
    opinion: s.opinion,
    applies: s.applies,
    evidence: s.evidence.map(
      (e): EvidenceItem => ({
        id: e.id,
        label: template.labels.items[e.id] ?? e.label,
        value: e.value,
        status: e.status,
        kind: e.kind,
        source: e.source,
        notForDisclosure: e.notForDisclosure,
      }),
    ),
  }));
}

/** Refuses a section id the template does not let the officer write, naming it. */
export function writingSection(sections: readonly WritingSection[], sectionId: string): WritingSection {
  const found = sections.find((s) => s.id === sectionId);
  if (!found) {
    throw invalidInput([{ path: '$.sectionId', message: `The report has no section "${sectionId}" to write; it has: ${sections.map((s) => s.id).join(', ')}.`, key: 'report.errors.unknownSection', params: { sectionId } }]);
  }
  return found;
}

/** Refuses a text with a section the template does not have (every one named), so a save never stores text no report prints. */
export function assertKnownSections(templates: readonly ReportTemplate[], text: ReportText, at = '$.text'): void {
  const known = new Set(templates.flatMap((t) => t.sections.filter(isWritable).map((s) => s.id)));
  const issues: ApiIssue[] = Object.keys(text.sections)
    .filter((id) => !known.has(id))
    .map((sectionId) => ({ path: `${at}.sections.${sectionId}`, message: `The report has no section "${sectionId}" to write.`, key: 'report.errors.unknownSection', params: { sectionId } }));
  if (issues.length) throw invalidInput(issues);
}

/** "Start from the recorded facts" for one section. */
export function draftFor(template: ReportTemplate, context: ReportContext, sections: readonly WritingSection[], sectionId: string): string {
  const section = writingSection(sections, sectionId);
  return draftSection({ template, sectionId, items: section.evidence, personName: context.case.person.givenNames });
}

export interface ChecksInput {
  template: ReportTemplate;
  context: ReportContext;
  text: ReportText;
  proposal: Proposal | undefined;
  /** Assessed need ids (the matching profile's needs). */
  needs: readonly string[];
  avoidWords: readonly { word: string; suggestion: string }[];
  /** Condition checks on the proposal not yet acknowledged. */
  openConditionChecks: number;
}

/** The withheld items a report relies on: the officer sees them before export and decides; the document never shows them. */
export function withheldItems(template: ReportTemplate, context: ReportContext, sections: readonly WritingSection[]): WithheldItem[] {
  const sectionOf = new Map<string, string>();
  for (const s of sections) for (const e of s.evidence) if (!sectionOf.has(e.id)) sectionOf.set(e.id, s.id);
  const out: WithheldItem[] = [];
  for (const answers of Object.values(context.sections)) {
    for (const item of answers.items) {
      if (!item.notForDisclosure) continue;
      const sectionId = sectionOf.get(item.id);
      out.push({ id: item.id, label: template.labels.items[item.id] ?? item.label, ...(sectionId !== undefined ? { sectionId } : {}) });
    }
  }
  return out;
}

/** The analysis checks, the readiness check and the withheld items for a text over a case's report. */
export function reportChecks(input: ChecksInput): ReportChecks {
  const sections = writingSections(input.template, input.context).filter((s) => s.applies);
  const analysis: AnalysisInput = {
    template: input.template,
    text: input.text,
    sections,
    ...(input.proposal ? { proposal: input.proposal } : {}),
    riskAssessments: input.context.riskAssessments,
    needs: input.needs,
    avoidWords: input.avoidWords,
    openConditionChecks: input.openConditionChecks,
  };
  return { analysis: analyseReport(analysis), readiness: readinessOf(analysis), withheld: withheldItems(input.template, input.context, sections) };
}
