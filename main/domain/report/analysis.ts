import type { AnswerItem, ReportTemplate } from '../../contract/report';
import type { AnalysisCheck, Readiness, ReportText } from '../../contract/reportText';
import type { Proposal } from '../../contract/options';

// Checks on the officer's analysis and the readiness check for a final report (docs/DOMAIN.md,
// writing the report). Pure: the same text and facts give the same checks, with stable ids.

export interface AnalysisSection {
  id: string;
  title: string;
  required: boolean;
  opinion: boolean;
  analytical: boolean;
  evidence: AnswerItem[];
}

export interface AnalysisInput {
  template: ReportTemplate;
  text: ReportText;
  sections: readonly AnalysisSection[];
  proposal?: Proposal;
  riskAssessments: readonly { instrument: string; date: string; result: string }[];
  /** Assessed need ids. */
  needs: readonly string[];
  avoidWords: readonly { word: string; suggestion: string }[];
  openConditionChecks: number;
  drafted?: (sectionId: string) => string;
}

type Kind = AnalysisCheck['kind'];

// Written out so the catalogue test sees every key main can send.
const checkKeys: Record<Kind, string> = {
  restates: 'report.checks.restates',
  proposalUnlinked: 'report.checks.proposalUnlinked',
  needUnanswered: 'report.checks.needUnanswered',
  scoreWithoutReasons: 'report.checks.scoreWithoutReasons',
  factWithoutSource: 'report.checks.factWithoutSource',
  avoidWord: 'report.checks.avoidWord',
};

const textOf = (input: AnalysisInput, id: string): string => input.text.sections[id]?.text ?? '';
const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
const sentences = (s: string): string[] =>
  s
    // A full stop, question or exclamation mark ends a sentence, Arabic's ؟ too; Chinese ones
    // (。！？) end it without a space after them.
    .split(/(?<=[.!?\u061F])(?:\s+|$)|(?<=[\u3002\uFF01\uFF1F])/u)
    .map(norm)
    .filter((x) => x.length > 0);

/**
 * The restates rule: a sentence is the officer's own unless it appears in the drafted text, or it
 * is just "label: value" for one of the section's evidence items. A written section with no
 * sentence of the officer's own restates the answers.
 */
function restates(input: AnalysisInput, section: AnalysisSection, written: string): boolean {
  const drafted = new Set(sentences(input.drafted?.(section.id) ?? input.text.sections[section.id]?.drafted ?? ''));
  // "label: value." as the template's own fallback phrase writes it in its language.
  const fallback = input.template.drafting?.fallback ?? '{label}: {value}.';
  const plain = new Set(
    section.evidence.flatMap((e) => {
      const label = input.template.labels.items[e.id] ?? e.label;
      return [norm(`${label}: ${e.value}.`), norm(fallback.replace('{label}', label).replace('{value}', e.value))];
    }),
  );
  return sentences(written).every((s) => drafted.has(s) || plain.has(s));
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const containsWord = (text: string, word: string): boolean =>
  // Chinese and Japanese write words without spaces: a word there is found wherever it stands.
  (UNSPACED.test(word) ? new RegExp(escape(word), 'iu') : new RegExp(`(?<![\\p{L}\\p{N}_])${escape(word)}(?![\\p{L}\\p{N}_])`, 'iu')).test(text);
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

const isRiskSection = (s: AnalysisSection): boolean => s.evidence.some((e) => e.id.startsWith('risk.'));

export function analyseReport(input: AnalysisInput): AnalysisCheck[] {
  const checks: AnalysisCheck[] = [];
  const add = (kind: Kind, subject: string, params: Record<string, string | number>, extra: Partial<AnalysisCheck> = {}, detail?: string): void => {
    checks.push({ id: detail === undefined ? `${kind}:${subject}` : `${kind}:${subject}:${detail}`, kind, message: { key: checkKeys[kind], params }, ...extra });
  };
  for (const section of input.sections) {
    const written = textOf(input, section.id);
    if (section.analytical && written.trim() && restates(input, section, written)) add('restates', section.id, { title: section.title }, { sectionId: section.id });
    for (const { word, suggestion } of input.avoidWords) {
      if (containsWord(written, word)) add('avoidWord', section.id, { word, suggestion }, { sectionId: section.id, word, suggestion }, word.toLowerCase());
    }
  }
  for (const c of input.proposal?.conditions ?? []) {
    if (!c.link?.need && !c.link?.risk?.trim()) add('proposalUnlinked', c.id, { condition: c.text });
  }
  const linked = new Set((input.proposal?.conditions ?? []).map((c) => c.link?.need).filter((n) => n !== undefined));
  for (const need of input.needs) if (!linked.has(need as never)) add('needUnanswered', need, { need });
  if (input.riskAssessments.length > 0) {
    const risk = input.sections.find(isRiskSection);
    if (risk && !textOf(input, risk.id).trim()) add('scoreWithoutReasons', risk.id, {}, { sectionId: risk.id });
  }
  const seen = new Set<string>();
  for (const section of input.sections) {
    for (const e of section.evidence) {
      if (seen.has(e.id) || e.kind !== 'fact' || e.status !== 'answered') continue;
      if ((e.source.kind === 'third_party' || e.source.kind === 'verified') && !e.source.by?.trim() && !e.source.how?.trim()) {
        seen.add(e.id);
        add('factWithoutSource', e.id, { label: input.template.labels.items[e.id] ?? e.label }, { sectionId: section.id });
      }
    }
  }
  const reasons = new Map(input.text.acknowledgements.map((a) => [a.checkId, a.reason]));
  return checks.map((c) => (reasons.has(c.id) ? { ...c, acknowledged: reasons.get(c.id) } : c));
}

export function readinessOf(input: AnalysisInput): Readiness {
  const blockers: Readiness['blockers'] = [];
  for (const s of input.sections) {
    const entry = input.text.sections[s.id];
    if (s.required && !entry?.text.trim()) blockers.push({ kind: 'unwrittenSection', sectionId: s.id, message: { key: 'report.readiness.unwrittenSection', params: { title: s.title } } });
    else if (entry?.drafted !== undefined && entry.text.trim() && norm(entry.text) === norm(entry.drafted)) blockers.push({ kind: 'draftedNotEdited', sectionId: s.id, message: { key: 'report.readiness.draftedNotEdited', params: { title: s.title } } });
  }
  if (!input.proposal) blockers.push({ kind: 'noProposal', message: { key: 'report.readiness.noProposal', params: {} } });
  if (input.openConditionChecks > 0) blockers.push({ kind: 'openConditionCheck', message: { key: 'report.readiness.openConditionCheck', params: { count: input.openConditionChecks } } });
  for (const c of analyseReport(input)) {
    if (c.kind === 'factWithoutSource') blockers.push({ kind: 'factWithoutSource', sectionId: c.sectionId, message: { key: 'report.readiness.factWithoutSource', params: c.message.params } });
    // An open check reads as its own sentence: the officer sees what to answer, not an id.
    else if (c.acknowledged === undefined) blockers.push({ kind: 'openAnalysisCheck', sectionId: c.sectionId, message: c.message });
  }
  return { ready: blockers.length === 0, blockers };
}
