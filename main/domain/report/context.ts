import type { CaseDetails } from '../../contract/case';
import type { AnyField, ChoiceOption, FormDefinition, Localized, RepeatableGroup, SubField } from '../../contract/form';
import { isGroupAnswer, type AnswerEntry, type AnswerSource, type GroupAnswer, type Interview } from '../../contract/interview';
import { groupsForStage, type MatchResult, type OptionRef, type Proposal, type ProposedCondition as OptionsCondition } from '../../contract/options';
import type {
  AnswerItem,
  ConsideredOption,
  InformationSource,
  ItemSource,
  PreviousConviction,
  ProposedCondition,
  ReportContext,
  ReportTemplate,
} from '../../contract/report';
import { evaluateForm, type ItemEvaluation } from '../forms';
import { hasDependants, readDependants, reportFacts, type RuleFacts } from '../rules/facts';
import { formatDate } from './format';
import { messageText, translator } from '../../contract/messages';

// Case + interview (+ options and proposal when there are any) -> the report context a template is
// filled from. Pure: the API, the CLI's `psr render` and the tests all build it here, so what the
// preview shows, what the DOCX holds and what the CLI writes cannot drift apart.
//
// Rules kept here rather than left to templates:
//  - only answers the form shows for this person go in (evaluateForm), never a hidden one;
//  - nothing marked as an offence account goes in for a pre-trial case (presumption of innocence);
//  - the not-for-disclosure flag travels with each item, so assembleReport removes it before render;
//  - where nothing has been recorded yet (no options matched, no proposal) the context says so.

export interface BuildReportContextInput {
  details: CaseDetails;
  interview: Interview | null;
  /** Null where the report type has no interview of its own (an addendum). */
  form: FormDefinition | null;
  /** The case facts (deriveFacts): the same ones that decided what the interview showed. */
  facts: RuleFacts;
  reportDate: string;
  status: 'draft' | 'final';
  author: { name: string; role: string; date?: string };
  countersigner?: { name: string; role: string; date?: string };
  match?: MatchResult;
  proposal?: Proposal;
  /** Names for option and programme ids a proposal refers to (match items give names too). */
  catalogueNames?: Readonly<Record<string, string>>;
  /** The report's language ("en-GB"): labels are taken in it, falling back to its base and then English. */
  language: string;
  /**
   * The answer sections the chosen template shows (answerSectionsOf). An answer whose own section
   * the template has no place for goes under circumstances instead of silently vanishing: a
   * woman's needs stay in a pre-trial or short-format report.
   */
  answerSections?: readonly string[];
  /** The officer's own text by report section id. */
  written?: Readonly<Record<string, string>>;
}

/** The `sections` keys a template's answers blocks show. */
export function answerSectionsOf(template: ReportTemplate): string[] {
  return [...new Set(template.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'answers' ? [b.section] : []))))];
}

/** Which report section each interview section's answers belong in (keys the templates use). */
const SECTION_KEYS: Record<string, string> = {
  participation: 'engagement',
  caseAndStage: 'engagement',
  identity: 'circumstances',
  offendingHistory: 'history',
  offenceAnalysis: 'offence',
  caregiving: 'dependants',
  accommodation: 'circumstances',
  educationEmploymentFinance: 'circumstances',
  relationships: 'circumstances',
  mentalHealth: 'circumstances',
  substanceUse: 'circumstances',
  physicalHealth: 'circumstances',
  maturity: 'maturity',
  attitudesStrengths: 'strengths',
  victim: 'risk',
  riskAssessment: 'risk',
};

/** Sections whose place depends on the case: victimisation is weighed with women's needs (Bangkok 61). */
function sectionKeyFor(sectionId: string, facts: RuleFacts): string {
  if (sectionId === 'genderResponsiveNeeds') return facts.isWoman ? 'women' : 'circumstances';
  if (sectionId === 'victimisation') return facts.isWoman ? 'women' : 'circumstances';
  // Ties, availability and consent read as grounds for release before trial, as feasibility after.
  if (sectionId === 'feasibility') return facts.stage === 'pre_trial' ? 'release' : 'circumstances';
  return SECTION_KEYS[sectionId] ?? 'circumstances';
}

const FALLBACK_KEY = 'circumstances';
/** The matcher's reason that a withheld fact decided an option (options.withheld). */
const WITHHELD_KEY = 'options.withheld';

// The report's fixed phrases are the message catalogue's (report.docx.*), in the report's language.
export const NO_PROPOSAL = translator()('report.docx.noProposal');

/** Text in the report language, then its base language, then English (always present). */
export function localized(text: Localized, language: string): string {
  const base = language.split('-')[0] ?? language;
  return text[language] ?? text[base] ?? text.en ?? '';
}

function choiceLabel(options: readonly ChoiceOption[], id: string, language: string): string {
  const option = options.find((o) => o.id === id);
  return option ? localized(option.label, language) : id;
}

/** An answer value as the text a court reads: option labels, Yes/No, dates and numbers in the report's locale. */
export function answerText(field: AnyField, value: AnswerEntry['value'], language: string): string {
  if (value === undefined || value === null) return '';
  switch (field.kind) {
    case 'single_choice':
      return typeof value === 'string' ? choiceLabel(field.options, value, language) : String(value);
    case 'multiple_choice':
      return Array.isArray(value) ? value.map((id) => choiceLabel(field.options, id, language)).join('; ') : String(value);
    case 'yes_no': {
      const t = translator(language);
      return value === true ? t('report.docx.yes') : value === false ? t('report.docx.no') : String(value);
    }
    case 'date':
      return typeof value === 'string' ? formatDate(value, language) : String(value);
    case 'number': {
      if (typeof value !== 'number') return String(value);
      const n = new Intl.NumberFormat(language).format(value);
      return field.unit ? `${n} ${localized(field.unit, language)}` : n;
    }
    default:
      return Array.isArray(value) ? value.join('; ') : String(value);
  }
}

function sourceOf(source: AnswerSource | undefined, field: AnyField, authorName: string): ItemSource {
  if (source) return { kind: source.kind, ...(source.by ? { by: source.by } : {}), ...(source.how ? { how: source.how } : {}) };
  // Unsourced: the officer's own opinion or record is an observation by the author; anything else
  // was said by the person in interview.
  if (field.authorAssessment || field.declinable === false) return { kind: 'observation', by: authorName };
  return { kind: 'self_reported' };
}

/** Answers whose stored value is a code (a choice id, yes or no, a number or a date) rather than the person's words. */
const CODED_KINDS = new Set<AnyField['kind']>(['single_choice', 'multiple_choice', 'yes_no', 'number', 'date']);

function item(id: string, field: AnyField, entry: AnswerEntry | GroupAnswer, value: string, language: string, authorName: string, label?: string): AnswerItem {
  return {
    id,
    label: label ?? localized(field.label, language),
    value: entry.status === 'declined' ? '' : value,
    status: entry.status,
    kind: field.authorAssessment ? 'assessment' : 'fact',
    source: sourceOf(entry.source, field, authorName),
    notForDisclosure: entry.notForDisclosure === true,
    // The stored value picks a drafting phrase; free text is never copied here (it is `value` already).
    ...(entry.status === 'answered' && !isGroupAnswer(entry) && CODED_KINDS.has(field.kind) && entry.value !== undefined && entry.value !== null
      ? { answer: Array.isArray(entry.value) ? entry.value.map(String) : typeof entry.value === 'object' ? JSON.stringify(entry.value) : entry.value }
      : {}),
  };
}

const suitability: Record<MatchResult['items'][number]['status'], ConsideredOption['suitability']> = {
  suitable: 'suitable',
  suitable_with_concerns: 'suitable_with_conditions',
  not_suitable: 'not_suitable',
};

function readable(slug: string): string {
  const s = slug.replace(/[_.]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function durationText(d: { amount: number; unit: string } | undefined, language: string): string {
  if (!d) return '';
  return translator(language)(`report.docx.duration.${d.unit}`, { count: d.amount });
}

function conditionFor(c: OptionsCondition, language: string): ProposedCondition {
  const t = translator(language);
  const linked = [c.link?.need ? t(`need.${c.link.need}`, { defaultValue: readable(c.link.need) }) : '', c.link?.risk ?? ''].filter((s) => s !== '').join('; ');
  const duration = [durationText(c.duration, language), c.endDate ? t('report.docx.until', { date: formatDate(c.endDate, language) }) : ''].filter((s) => s !== '').join(', ');
  const review = [c.review?.date ? formatDate(c.review.date, language) : '', c.review?.after ? t('report.docx.after', { duration: durationText(c.review.after, language) }) : '']
    .filter((s) => s !== '')
    .join(', ');
  return { requirement: c.text, linkedTo: linked || t('report.docx.notLinked'), duration: duration || t('report.docx.notStated'), review };
}

const SOURCE_KINDS: Record<string, InformationSource['kind']> = {
  official_record: 'document',
};

const PREGNANT = 'caregiving.pregnant';

/** Pregnant as the form showed and recorded it; a withheld answer counts as not recorded, so no section betrays it. */
function recordedPregnant(interview: Interview | null, shown: ReadonlySet<string>): boolean {
  const entry = interview?.answers[PREGNANT];
  return shown.has(PREGNANT) && entry !== undefined && !isGroupAnswer(entry) && entry.status === 'answered' && entry.value === 'yes' && entry.notForDisclosure !== true;
}

export function buildReportContext(input: BuildReportContextInput): ReportContext {
  const { details, interview, form, facts, language } = input;
  const t = translator(language);
  const authorName = input.author.name;
  const sections: Record<string, { items: AnswerItem[] }> = {};
  const push = (key: string, it: AnswerItem) => (sections[key] ??= { items: [] }).items.push(it);
  const previousConvictions: PreviousConviction[] = [];
  const sources: InformationSource[] = [];
  const riskAssessments: ReportContext['riskAssessments'] = [];
  /** Top-level questions the form shows with an answer: the dependants fact is read from these. */
  const shown = new Set<string>();

  if (interview && form) {
    const evaluation = evaluateForm(form, interview, facts);
    for (const section of evaluation.sections) {
      if (!section.visible) continue;
      const own = sectionKeyFor(section.section.id, facts);
      const key = !input.answerSections || input.answerSections.includes(own) || !input.answerSections.includes(FALLBACK_KEY) ? own : FALLBACK_KEY;
      for (const ev of section.items) {
        if (ev.row !== undefined || !ev.visible || ev.state === 'missing') continue;
        shown.add(ev.fieldId);
        const field = ev.field;
        // Before a finding of guilt no account of the alleged offence is reported, whatever was stored.
        if (facts.stage === 'pre_trial' && field.offenceAccount) continue;
        const entry = interview.answers[field.id];
        if (!entry) continue;
        if (field.kind === 'repeatable_group') {
          if (!isGroupAnswer(entry) || entry.status === 'declined') {
            push(key, item(field.id, field, entry, '', language, authorName));
            continue;
          }
          const rows = section.items.filter((r) => r.fieldId === field.id && r.row !== undefined && r.subFieldId !== undefined);
          groupInto(field, entry, rows, key);
          continue;
        }
        if (isGroupAnswer(entry)) continue;
        push(key, item(field.id, field, entry, answerText(field, entry.value, language), language, authorName));
      }
    }
  }

  /** A group's rows: lists of their own where the report has one, items otherwise. */
  function groupInto(group: RepeatableGroup, answer: GroupAnswer, evaluations: ItemEvaluation[], key: string): void {
    const hidden = answer.notForDisclosure === true;
    answer.rows.forEach((row, index) => {
      const visible = new Map<string, SubField>();
      for (const ev of evaluations) if (ev.row === index && ev.visible && ev.state !== 'missing' && ev.subFieldId) visible.set(ev.subFieldId, ev.field as SubField);
      const text = (id: string): string => {
        const sub = visible.get(id);
        const e = row[id];
        return sub && e && e.status === 'answered' ? answerText(sub, e.value, language) : '';
      };
      const raw = (id: string) => (visible.has(id) && row[id]?.status === 'answered' ? row[id]?.value : undefined);
      const secret = (id: string) => hidden || row[id]?.notForDisclosure === true;
      const rowLabel = `${localized(group.itemLabel, language)} ${index + 1}`;

      // The tables below show only rows with nothing withheld; a row with a not-for-disclosure
      // part falls through to the generic path, which flags that part so assembly removes it.
      const anySecret = (...ids: string[]) => ids.some(secret);
      if (group.id === 'history.previousConvictions' && !anySecret('year', 'convictedOn', 'court', 'offence', 'outcome', 'completion')) {
        const year = raw('year');
        const on = raw('convictedOn');
        previousConvictions.push({
          // The full date where it was recorded, else the year (older case files hold only that).
          date: typeof on === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(on) ? on : typeof year === 'number' ? String(year).padStart(4, '0') : '',
          court: text('court'),
          offence: text('offence'),
          outcome: text('outcome'),
          response: text('completion'),
        });
        return;
      }
      if (group.id === 'case.sourcesConsulted') {
        // A source always stays in the sources table: a part not for disclosure is left blank in
        // its own column, and a source whose name is not for disclosure is left out whole, so the
        // report shows no trace of it (never a stray line in another section).
        if (secret('source')) return;
        const shownText = (id: string) => (secret(id) ? '' : text(id));
        const kind = secret('kind') ? undefined : raw('kind');
        const description = [shownText('source'), shownText('kind') ? `(${shownText('kind')})` : ''].filter((s) => s !== '').join(' ');
        const date = secret('contactedOn') ? undefined : raw('contactedOn');
        sources.push({
          description: description || rowLabel,
          kind: typeof kind === 'string' ? (SOURCE_KINDS[kind] ?? 'third_party') : 'third_party',
          // How it was obtained reads under "By": "Telephone", "Record seen".
          by: shownText('how'),
          ...(typeof date === 'string' ? { date } : {}),
          notForDisclosure: false,
        });
        return;
      }
      if (group.id === 'risk.assessments' && !anySecret('instrument', 'assessedOn', 'result', 'scoreAsReported')) {
        const date = raw('assessedOn');
        const instrument = text('instrument');
        if (typeof date === 'string' && instrument !== '') {
          const result = [text('result'), text('scoreAsReported') ? `(${text('scoreAsReported')})` : ''].filter((s) => s !== '').join(' ');
          riskAssessments.push({ instrument, date, result: result || t('report.docx.notRecorded') });
          return;
        }
      }
      // Any other group (dependants, other charges): one item per row with what may be disclosed,
      // and each not-for-disclosure part as an item of its own, flagged, so assembly removes it.
      const parts: string[] = [];
      for (const [id, sub] of visible) {
        const e = row[id];
        if (!e) continue;
        const value = e.status === 'declined' ? t('report.docx.declinedToAnswer') : text(id);
        if (value === '') continue;
        if (secret(id)) {
          push(key, {
            id: `${group.id}.${index}.${id}`,
            label: `${rowLabel}: ${localized(sub.label, language)}`,
            value: e.status === 'declined' ? '' : value,
            status: e.status,
            kind: sub.authorAssessment ? 'assessment' : 'fact',
            source: sourceOf(e.source ?? answer.source, sub, authorName),
            notForDisclosure: true,
          });
        } else {
          parts.push(`${localized(sub.label, language)}: ${value}`);
        }
      }
      if (parts.length > 0) {
        push(key, {
          id: `${group.id}.${index}`,
          label: rowLabel,
          value: parts.join('\n'),
          status: 'answered',
          kind: 'fact',
          source: sourceOf(answer.source, group, authorName),
          notForDisclosure: hidden,
        });
      }
    });
  }

  const nameOf = (ref: OptionRef): string =>
    input.catalogueNames?.[ref.id] ?? input.match?.items.find((m) => m.ref.type === ref.type && m.ref.id === ref.id)?.name ?? ref.id;
  const matched = (ref: OptionRef | undefined) => (ref ? input.match?.items.find((m) => m.ref.type === ref.type && m.ref.id === ref.id) : undefined);
  const allowed = groupsForStage[facts.stage];
  // A reason that only says a withheld fact decided it would tell the court something was withheld.
  const shownReasons = (reasons: MatchResult['items'][number]['reasons']) => reasons.filter((r) => r.key !== WITHHELD_KEY).map((r) => messageText(t, r)).slice(0, 50);

  // Options considered: the proposed ones and those set aside with the officer's reason, never the
  // whole catalogue, and never a measure from another stage (pre-trial release after conviction).
  const p = input.proposal;
  const options: ConsideredOption[] = [];
  for (const ref of p?.selected ?? []) {
    const m = matched(ref);
    if (m && !allowed.includes(m.group)) continue;
    options.push({
      name: nameOf(ref),
      kind: m ? readable(m.kind) : '',
      provider: m?.provider ?? '',
      suitability: m ? suitability[m.status] : 'suitable',
      decision: 'proposed',
      reasons: m ? shownReasons(m.reasons) : [],
    });
  }
  const setAside = (p?.alternatives ?? []).filter((a) => {
    const m = matched(a.ref);
    return !m || allowed.includes(m.group);
  });
  for (const a of setAside) {
    const m = matched(a.ref);
    options.push({
      name: a.ref ? nameOf(a.ref) : (a.description ?? ''),
      kind: m ? readable(m.kind) : '',
      provider: m?.provider ?? '',
      suitability: m ? suitability[m.status] : 'not_suitable',
      decision: 'set_aside',
      reasons: [a.reasonSetAside],
    });
  }

  const proposal: ReportContext['proposal'] = p
    ? {
        options: p.selected.map(nameOf),
        rationale: p.rationale,
        conditions: p.conditions.map((c) => conditionFor(c, language)),
        alternatives:
          setAside.length > 0 ? setAside.map((a) => `${a.ref ? nameOf(a.ref) : (a.description ?? '')}: ${a.reasonSetAside}`).join('\n\n') : t('report.docx.noAlternatives'),
      }
    : { options: [t('report.docx.noProposal')], rationale: t('report.docx.noRationale'), conditions: [], alternatives: t('report.docx.noAlternatives') };

  // In date order, oldest first, as a court record reads; a year sorts before the dates within it, an unknown date last.
  previousConvictions.sort((a, b) => (a.date === '' ? 1 : 0) - (b.date === '' ? 1 : 0) || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  return {
    case: details,
    reportDate: input.reportDate,
    status: input.status,
    facts: { ...reportFacts(facts, hasDependants(readDependants(interview, (id) => shown.has(id)))), isPregnant: recordedPregnant(interview, shown) },
    sections,
    previousConvictions,
    sources,
    riskAssessments,
    options,
    proposal,
    // A role given by id ("probation_officer") is worded in the report's language.
    author: { ...input.author, role: t(`report.role.${input.author.role}`, { defaultValue: input.author.role }) },
    ...(input.countersigner ? { countersigner: input.countersigner } : {}),
    written: { ...input.written },
  };
}
