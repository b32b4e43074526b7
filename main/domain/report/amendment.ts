import { translator } from '../../contract/messages';
import type { AmendmentChange, AmendmentLabelKey, ConsideredOption, ProposedCondition, ReportContext, ReportTemplate } from '../../contract/report';

// An amended report says what changed since the version it amends (docs/ARCHITECTURE.md, the
// report's life). Pure: two report contexts and the template in, the changes out, in a fixed order
// (the case details, the written sections in template order, the options considered, the proposal,
// its conditions), named in the report's language. Before and after values are kept as the context
// holds them (an ISO date, a suitability id); the assembly words them when it prints them.

type Params = Record<string, string | number>;

/** The message catalogue's words for each amendment label, in the report's language (static keys, so the catalogue check sees them). */
const catalogueWords: Record<AmendmentLabelKey, (t: ReturnType<typeof translator>, p: Params) => string> = {
  title: (t, p) => t('report.docx.amendment.title', p),
  reason: (t, p) => t('report.docx.amendment.reason', p),
  changes: (t, p) => t('report.docx.amendment.changes', p),
  noChanges: (t, p) => t('report.docx.amendment.noChanges', p),
  section: (t, p) => t('report.docx.amendment.section', p),
  option: (t, p) => t('report.docx.amendment.option', p),
  condition: (t, p) => t('report.docx.amendment.condition', p),
  charge: (t, p) => t('report.docx.amendment.charge', p),
  proposedOptions: (t, p) => t('report.docx.amendment.proposedOptions', p),
  rationale: (t, p) => t('report.docx.amendment.rationale', p),
  alternatives: (t, p) => t('report.docx.amendment.alternatives', p),
  reportDueDate: (t, p) => t('report.docx.amendment.reportDueDate', p),
  added: (t, p) => t('report.docx.amendment.added', p),
  removed: (t, p) => t('report.docx.amendment.removed', p),
  changed: (t, p) => t('report.docx.amendment.changed', p),
};

/** Fills a template label's {name} placeholders. */
const fill = (text: string, params: Params) => text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/**
 * The words of the report's version and amendment: the template's own labels, and for a template
 * that predates them the message catalogue's, in the template's language.
 */
export function reportLifeWords(template: ReportTemplate) {
  const t = translator(template.locale ?? template.language);
  const labels = template.labels;
  return {
    amendment: (key: AmendmentLabelKey, params: Params = {}): string => {
      const own = labels.amendment?.[key];
      return own !== undefined ? fill(own, params) : catalogueWords[key](t, params);
    },
    version: labels.version ?? t('report.docx.version'),
    issued: labels.issued ?? t('report.docx.issued'),
  };
}

/** Text compared for meaning, not layout: runs of white space are one space. */
const norm = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const TITLE_MAX = 120;
/** A long condition named by its start. */
const short = (s: string) => {
  const n = norm(s);
  return n.length > TITLE_MAX ? `${n.slice(0, TITLE_MAX - 1).trimEnd()}…` : n;
};
const sameCondition = (a: ProposedCondition, b: ProposedCondition) =>
  norm(a.requirement) === norm(b.requirement) && norm(a.linkedTo) === norm(b.linkedTo) && norm(a.duration) === norm(b.duration) && norm(a.review) === norm(b.review);
const sameOption = (a: ConsideredOption, b: ConsideredOption) =>
  a.suitability === b.suitability && a.decision === b.decision && a.kind === b.kind && a.provider === b.provider && a.reasons.map(norm).join('\n') === b.reasons.map(norm).join('\n');

/** What changed from `before` (the issued version amended) to `after` (the amendment). */
export function amendmentChanges(before: ReportContext, after: ReportContext, template: ReportTemplate): AmendmentChange[] {
  const words = reportLifeWords(template);
  const labels = template.labels;
  const out: AmendmentChange[] = [];

  // The case details a court acts on.
  const caseField = (id: 'hearingDate' | 'court' | 'reportDueDate', title: string) => {
    const b = before.case[id];
    const a = after.case[id];
    if (b !== a) out.push({ part: 'case', id, title, change: 'changed', before: b, after: a });
  };
  caseField('hearingDate', labels.hearingDate);
  caseField('court', labels.court);
  caseField('reportDueDate', words.amendment('reportDueDate'));
  const chargeKey = (c: ReportContext['case']['charges'][number]) => `${norm(c.offence)}\n${c.offenceDate}`;
  const chargesBefore = new Map(before.case.charges.map((c) => [chargeKey(c), c]));
  const chargesAfter = new Set(after.case.charges.map(chargeKey));
  after.case.charges.forEach((c, i) => {
    const title = words.amendment('charge', { title: short(c.offence) });
    const was = chargesBefore.get(chargeKey(c));
    const id = `charges.${i}`;
    if (!was) out.push({ part: 'case', id, title, change: 'added' });
    else if (was.plea !== c.plea) out.push({ part: 'case', id, title, change: 'changed', before: was.plea, after: c.plea });
    else if (was.category !== c.category || was.seriousness !== c.seriousness) out.push({ part: 'case', id, title, change: 'changed' });
  });
  before.case.charges.forEach((c, i) => {
    if (!chargesAfter.has(chargeKey(c))) out.push({ part: 'case', id: `charges.${i}`, title: words.amendment('charge', { title: short(c.offence) }), change: 'removed' });
  });

  // The officer's written sections, in the template's order.
  for (const section of template.sections) {
    const b = norm(before.written[section.id]);
    const a = norm(after.written[section.id]);
    if (b === a) continue;
    out.push({ part: 'section', id: section.id, title: section.title, change: b === '' ? 'added' : a === '' ? 'removed' : 'changed' });
  }

  // The options considered, by name: in the amendment's order, then those it no longer lists.
  const optionsBefore = new Map<string, ConsideredOption>();
  for (const o of before.options) if (!optionsBefore.has(norm(o.name))) optionsBefore.set(norm(o.name), o);
  const namesAfter = new Set<string>();
  for (const o of after.options) {
    const key = norm(o.name);
    if (namesAfter.has(key)) continue;
    namesAfter.add(key);
    const was = optionsBefore.get(key);
    const base = { part: 'option' as const, id: o.name, title: o.name };
    if (!was) out.push({ ...base, change: 'added' });
    else if (was.suitability !== o.suitability) out.push({ ...base, change: 'changed', before: was.suitability, after: o.suitability });
    else if (was.decision !== o.decision) out.push({ ...base, change: 'changed', before: was.decision, after: o.decision });
    else if (!sameOption(was, o)) out.push({ ...base, change: 'changed' });
  }
  for (const [key, o] of optionsBefore) if (!namesAfter.has(key)) out.push({ part: 'option', id: o.name, title: o.name, change: 'removed' });

  // The proposal: what is proposed (shown before and after), why, and what was set aside.
  const list = (xs: string[]) => xs.map(norm).join('; ');
  if (list(before.proposal.options) !== list(after.proposal.options)) {
    out.push({ part: 'proposal', id: 'options', title: words.amendment('proposedOptions'), change: 'changed', before: list(before.proposal.options), after: list(after.proposal.options) });
  }
  if (norm(before.proposal.rationale) !== norm(after.proposal.rationale)) out.push({ part: 'proposal', id: 'rationale', title: words.amendment('rationale'), change: 'changed' });
  if (norm(before.proposal.alternatives) !== norm(after.proposal.alternatives)) out.push({ part: 'proposal', id: 'alternatives', title: words.amendment('alternatives'), change: 'changed' });

  // Each condition: the same one unchanged; the same requirement with another link, duration or
  // review changed; any other added or removed. Numbered as each version lists them.
  const used = new Set<number>();
  const pending: Array<{ c: ProposedCondition; i: number }> = [];
  after.proposal.conditions.forEach((c, i) => {
    const same = before.proposal.conditions.findIndex((b, j) => !used.has(j) && sameCondition(b, c));
    if (same >= 0) used.add(same);
    else pending.push({ c, i });
  });
  for (const { c, i } of pending) {
    const j = before.proposal.conditions.findIndex((b, k) => !used.has(k) && norm(b.requirement) === norm(c.requirement));
    if (j >= 0) used.add(j);
    out.push({ part: 'condition', id: String(i + 1), title: short(c.requirement), change: j >= 0 ? 'changed' : 'added' });
  }
  before.proposal.conditions.forEach((c, j) => {
    if (!used.has(j)) out.push({ part: 'condition', id: String(j + 1), title: short(c.requirement), change: 'removed' });
  });
  return out;
}
