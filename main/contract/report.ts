import { z } from 'zod';
import { CaseDetails, ReportType, Stage } from './case';
import { isoDate, languageTag, singleLine } from './text';
import {
  ALTERNATIVE_DESCRIPTION_MAX,
  ANSWER_TEXT_MAX,
  CONDITION_TEXT_MAX,
  FORM_TEXT_MAX,
  OPTION_NAME_MAX,
  PROPOSAL_OPTIONS_MAX,
  CONDITIONS_MAX,
  RATIONALE_MAX,
  REPORT_ALTERNATIVES_MAX,
  REPORT_ANSWER_MAX,
  REPORT_ANSWER_WITH_LABEL_MAX,
  REPORT_CONDITION_LINK_MAX,
  REPORT_ITEM_ID_MAX,
  REPORT_LABEL_MAX,
  REASON_SET_ASIDE_MAX,
  SOURCE_BY_MAX,
  SOURCE_HOW_MAX,
} from './limits';
import { isVariable, validateRule, variableName, type VariableScope, type VariableVerdict } from '../domain/rules/validate';

// Report templates (data in templates/reports/*.json) and the report context they are filled from.
// A template holds wording, order, conditions (JSON Logic) and binding paths into the context:
// nothing in it is code. Binding paths and condition variables are checked against the context
// schema when a template is loaded, so a misspelt path is refused with its JSON path, not printed
// as a blank in a court document.

// ---------------------------------------------------------------------------------------------
// The report context: plain data that later code fills from case + interview + options.
// Strings are deliberately loose (no control-character refusal): the export drops what XML
// cannot hold and says so, rather than refusing a whole report over one pasted character.
// ---------------------------------------------------------------------------------------------

const text = (max: number) => z.string().max(max);
// Caps on text built from the officer's input are those of the input (contract/limits.ts), so a
// case that could be stored can always be reported.

export const sourceKinds = ['self_reported', 'verified', 'third_party', 'document', 'observation'] as const;
export const SourceKind = z.enum(sourceKinds);

/** Where an item comes from: self-reported, verified (by whom, how), third-party, a document. */
export const ItemSource = z.strictObject({
  kind: SourceKind,
  by: text(SOURCE_BY_MAX).optional(),
  how: text(SOURCE_HOW_MAX).optional(),
});
export type ItemSource = z.infer<typeof ItemSource>;

export const AnswerItem = z.strictObject({
  id: text(REPORT_ITEM_ID_MAX),
  label: text(REPORT_LABEL_MAX),
  value: text(REPORT_ANSWER_MAX),
  status: z.enum(['answered', 'declined']),
  /** `fact` is what was found or said; `assessment` is the author's own opinion, labelled as such. */
  kind: z.enum(['fact', 'assessment']).default('fact'),
  source: ItemSource,
  /** Third-party safeguarding information, victims' details, children's identities: never exported. */
  notForDisclosure: z.boolean().default(false),
  /** The stored value (a choice id, true/false, a number), for drafting sentences from the facts; never printed. */
  answer: z.union([z.string(), z.array(z.string()), z.number(), z.boolean()]).optional(),
});
export type AnswerItem = z.infer<typeof AnswerItem>;

export const AnswerSection = z.strictObject({ items: z.array(AnswerItem).max(2000) });

export const PreviousConviction = z.strictObject({
  /** A full date when known; the interview records only the year ("2019"), and a blank when even that is unknown. */
  date: z.union([isoDate, z.string().regex(/^(\d{4})?$/, { message: 'Must be a date YYYY-MM-DD, a year YYYY or blank.' })]),
  court: text(ANSWER_TEXT_MAX),
  offence: text(ANSWER_TEXT_MAX),
  outcome: text(ANSWER_TEXT_MAX),
  /** How the person responded to that sentence or supervision. */
  response: text(ANSWER_TEXT_MAX).default(''),
});
export type PreviousConviction = z.infer<typeof PreviousConviction>;

export const InformationSource = z.strictObject({
  description: text(REPORT_ANSWER_WITH_LABEL_MAX),
  kind: SourceKind,
  by: text(REPORT_ANSWER_WITH_LABEL_MAX).default(''),
  date: isoDate.optional(),
  notForDisclosure: z.boolean().default(false),
});
export type InformationSource = z.infer<typeof InformationSource>;

export const suitabilities = ['suitable', 'suitable_with_conditions', 'not_suitable', 'not_available'] as const;
export const ConsideredOption = z.strictObject({
  // A set-aside alternative may be described in the officer's words rather than named from the catalogue.
  name: text(Math.max(OPTION_NAME_MAX, ALTERNATIVE_DESCRIPTION_MAX)),
  kind: text(100),
  provider: text(200).default(''),
  suitability: z.enum(suitabilities),
  /** Proposed, or reasonably considered and set aside: a report lists only these, never the whole catalogue. */
  decision: z.enum(['proposed', 'set_aside']).default('proposed'),
  reasons: z.array(text(Math.max(2000, REASON_SET_ASIDE_MAX))).max(50),
});
export type ConsideredOption = z.infer<typeof ConsideredOption>;

export const ProposedCondition = z.strictObject({
  requirement: text(CONDITION_TEXT_MAX),
  /** The assessed risk or need it answers. */
  linkedTo: text(REPORT_CONDITION_LINK_MAX),
  duration: text(200),
  review: text(200).default(''),
});
export type ProposedCondition = z.infer<typeof ProposedCondition>;

export const RiskAssessment = z.strictObject({
  instrument: text(ANSWER_TEXT_MAX),
  date: isoDate,
  result: text(REPORT_ANSWER_WITH_LABEL_MAX),
});

export const Signatory = z.strictObject({
  name: text(200),
  role: text(200),
  date: isoDate.optional(),
});

export const ReportFacts = z.strictObject({
  ageAtOffence: z.number().int().min(0).max(150),
  ageAtReport: z.number().int().min(0).max(150),
  isWoman: z.boolean(),
  isYoungAdult: z.boolean(),
  hasDependants: z.boolean(),
  /** Recorded as pregnant (and not withheld): the impact of custody is reported even with no children. */
  isPregnant: z.boolean().optional(),
  stage: Stage,
});
export type ReportFacts = z.infer<typeof ReportFacts>;

/** A report version's states (main/contract/lifecycle.ts): drafted, reviewed, countersigned, issued. */
export const versionStates = ['draft', 'submitted', 'returned', 'countersigned', 'issued'] as const;
export const VersionState = z.enum(versionStates);
export type VersionState = z.infer<typeof VersionState>;

/** What changed in an amended report since the version it amends, computed from the two versions (domain/report/amendment.ts). */
export const AmendmentChange = z.strictObject({
  /** Which part of the report: a written section, the proposal, the options considered, a condition, the case details. */
  part: z.enum(['section', 'proposal', 'option', 'condition', 'case']),
  /** The section id, option name, condition index or case field changed. */
  id: z.string(),
  /** What the report calls it, in the report's language. */
  title: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  /** Before and after, where a short value says it better than "changed" (a suitability, a hearing date). */
  before: z.string().optional(),
  after: z.string().optional(),
});
export type AmendmentChange = z.infer<typeof AmendmentChange>;

export const ReportContext = z.strictObject({
  case: CaseDetails,
  reportDate: isoDate,
  status: z.enum(['draft', 'final']),
  facts: ReportFacts,
  /** Interview answers by section key (`circumstances`, `women`, `maturity`, ...). */
  sections: z.record(z.string().regex(/^[a-z][a-zA-Z0-9_]*$/), AnswerSection),
  previousConvictions: z.array(PreviousConviction).max(1000).default([]),
  sources: z.array(InformationSource).max(500).default([]),
  riskAssessments: z.array(RiskAssessment).max(50).default([]),
  options: z.array(ConsideredOption).max(200).default([]),
  proposal: z.strictObject({
    options: z.array(text(OPTION_NAME_MAX)).max(PROPOSAL_OPTIONS_MAX),
    rationale: text(RATIONALE_MAX),
    conditions: z.array(ProposedCondition).max(CONDITIONS_MAX),
    alternatives: text(REPORT_ALTERNATIVES_MAX).default(''),
  }),
  author: Signatory,
  countersigner: Signatory.optional(),
  /** The officer's own text by report section id (contract/reportText.ts), printed by `text` blocks. */
  written: z.record(z.string(), z.string()).default({}),
  /** Which version of the case's report this is; absent for a report made without a store (psr render). */
  version: z.strictObject({ number: z.number().int().min(1), state: VersionState, issuedOn: isoDate.optional() }).optional(),
  /** Present when this version amends an issued one: why, and what changed since it. */
  amendment: z
    .strictObject({
      amendsVersion: z.number().int().min(1),
      amendsIssuedOn: isoDate,
      reason: text(2000),
      changes: z.array(AmendmentChange).max(1000),
    })
    .optional(),
});
export type ReportContext = z.infer<typeof ReportContext>;
export type ReportContextInput = z.input<typeof ReportContext>;

// ---------------------------------------------------------------------------------------------
// Binding paths and conditions, checked against the context schema.
// ---------------------------------------------------------------------------------------------

type AnyZod = z.core.$ZodType;

function unwrap(schema: AnyZod): AnyZod {
  let s = schema;
  for (;;) {
    const def = (s as { _zod: { def: { type: string; innerType?: AnyZod; in?: AnyZod } } })._zod.def;
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') && def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}

/** The schema a dotted path leads to inside `root`, or a reason it leads nowhere. */
export function schemaAtPath(root: AnyZod, path: string): { schema: AnyZod } | { error: string } {
  let s = unwrap(root);
  const segments = path.split('.');
  for (const [i, seg] of segments.entries()) {
    const def = (s as { _zod: { def: { type: string; shape?: Record<string, AnyZod>; element?: AnyZod; valueType?: AnyZod } } })._zod.def;
    const at = segments.slice(0, i).join('.') || '(context)';
    if (def.type === 'object' && def.shape) {
      const next = def.shape[seg];
      if (!next) return { error: `"${seg}" is not a field of ${at}; known: ${Object.keys(def.shape).join(', ')}.` };
      s = unwrap(next);
    } else if (def.type === 'record' && def.valueType) {
      s = unwrap(def.valueType);
    } else if (def.type === 'array' && def.element && /^\d+$/.test(seg)) {
      s = unwrap(def.element);
    } else {
      return { error: `${at} has no field "${seg}".` };
    }
  }
  return { schema: s };
}

export function schemaType(schema: AnyZod): string {
  return (schema as { _zod: { def: { type: string } } })._zod.def.type;
}

/** The list an element scope iterates over, as a context path ("case.charges"); nested scopes join up. */
function elementList(scope: VariableScope): string | undefined {
  const element = scope.element;
  if (!element) return undefined;
  const name = isVariable(element.list) ? variableName(element.list) : undefined;
  if (typeof name !== 'string' || name === '') return undefined;
  if (!element.outer.element) return name;
  const outer = elementList(element.outer);
  return outer === undefined ? undefined : `${outer}.0.${name}`;
}

/**
 * A variable of a template condition: a dotted path into the report context. Inside some/all/none
 * it is a path into one element of the list being tested, and "" is the element itself.
 */
function templateVariable(name: string, scope: VariableScope): VariableVerdict {
  if (scope.element) {
    if (name === '') return 'local';
    const list = elementList(scope);
    if (list === undefined) return { reason: `"${name}" reads from an element of a list that is not a variable of the context` };
    const found = schemaAtPath(ReportContext, `${list}.0.${name}`);
    return 'error' in found ? { reason: `unknown variable "${name}" in an element of ${list}: ${found.error}` } : 'local';
  }
  if (name === '') return { reason: 'a variable is named by a dotted path' };
  const found = schemaAtPath(ReportContext, name);
  return 'error' in found ? { reason: `unknown variable "${name}": ${found.error}` } : 'read';
}

// ---------------------------------------------------------------------------------------------
// The template.
// ---------------------------------------------------------------------------------------------

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'Use lower-case letters, digits and hyphens.' });
const label = z.string().min(1).max(FORM_TEXT_MAX);

export const fieldFormats = ['text', 'date', 'number', 'value', 'list', 'language'] as const;

/** A bound field: a dotted path into the report context, formatted with the template's locale. */
export const BoundField = z.strictObject({
  field: z.string().regex(/^[a-zA-Z_][\w]*(\.[\w]+)*$/, { message: 'A binding is a dotted path such as "case.caseNumber".' }),
  /** date: locale date; number: locale number; value: an enum value looked up in `values`; list: one line per item; language: a language tag as the language's name. */
  format: z.enum(fieldFormats).default('text'),
  bold: z.boolean().optional(),
});
export type BoundField = z.infer<typeof BoundField>;

export const Inline = z.union([z.string().max(FORM_TEXT_MAX), BoundField]);
export type Inline = z.infer<typeof Inline>;
const Content = z.array(Inline).min(1).max(100);

export const TableColumn = z.strictObject({
  header: label,
  /** Relative to one row: "offence", "reasons". */
  field: z.string().regex(/^[a-zA-Z_][\w]*(\.[\w]+)*$/),
  format: z.enum(fieldFormats).default('text'),
  /** Relative width; the columns share the page. */
  width: z.number().int().min(1).max(100).default(1),
});

export const tableSources = ['case.charges', 'previousConvictions', 'sources', 'riskAssessments', 'options', 'proposal.conditions'] as const;

export const Block = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('heading'), text: label, level: z.union([z.literal(2), z.literal(3)]).default(2) }),
  z.strictObject({
    type: z.literal('paragraph'),
    content: Content,
    numbered: z.boolean().default(false),
    style: z.enum(['body', 'statement', 'note']).default('body'),
  }),
  z.strictObject({ type: z.literal('fields'), rows: z.array(z.strictObject({ label, content: Content })).min(1).max(50) }),
  z.strictObject({
    type: z.literal('answers'),
    /** A key of `sections` in the context. */
    section: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/),
    numbered: z.boolean().default(true),
    /** show: a declined question reads "declined to answer"; omit: it is left out. */
    declined: z.enum(['show', 'omit']).default('show'),
    empty: label.optional(),
  }),
  z.strictObject({
    type: z.literal('assessment'),
    /** Text the author wrote as an opinion, e.g. "proposal.rationale": labelled as the author's assessment. */
    content: Content,
    numbered: z.boolean().default(true),
  }),
  z.strictObject({
    type: z.literal('table'),
    caption: label,
    rows: z.enum(tableSources),
    columns: z.array(TableColumn).min(1).max(8),
    empty: label,
  }),
  z.strictObject({ type: z.literal('signatures') }),
  z.strictObject({ type: z.literal('notBinding'), text: label }),
  /** The officer's own text for this section (context.written[section.id]); the section needs a `write` setting. */
  z.strictObject({ type: z.literal('text'), numbered: z.boolean().default(true) }),
  /**
   * What an amended report changed since the version it amends (context.amendment): the reason and
   * one line per change. Prints nothing in a report that amends nothing; a template without one gets
   * it as a section of its own after the front sheet (docs/ARCHITECTURE.md, the report's life).
   */
  z.strictObject({ type: z.literal('amendment') }),
]);
export type Block = z.infer<typeof Block>;

export const TemplateSection = z.strictObject({
  id: slug,
  title: label,
  /** JSON Logic over the report context; the section is left out when it is false. */
  when: z.unknown().optional(),
  /** A numbering restart point: numbered paragraphs start again at 1 in this section. */
  restartNumbering: z.boolean().default(false),
  /** Lists the sources of the answers shown in the section at its end. */
  showSources: z.boolean().default(true),
  /** A place for the officer's own text, written on the Write the report page with its evidence beside it. */
  write: z
    .strictObject({
      /** A final report needs it written. */
      required: z.boolean().default(false),
      /**
       * The recorded facts shown beside it: answer items whose id starts with one of these prefixes
       * ("home.", "offence.culpability"), or a whole context section written "section:women".
       */
      evidence: z.array(z.string().min(1).max(200)).max(100).default([]),
      /** The text is the author's assessment (opinion), labelled so in the report. */
      opinion: z.boolean().default(false),
      /** Checked for restating answers without assessment in the officer's words. */
      analytical: z.boolean().default(true),
      /** What the section is for, shown beside it as the officer writes. */
      guidance: label.optional(),
    })
    .optional(),
  blocks: z.array(Block).min(1).max(200),
});
export type TemplateSection = z.infer<typeof TemplateSection>;

/**
 * How an amended report names what changed. Placeholders: {version} and {date} (the amended
 * version, its issue date), {title} (a section's title, an option's name, a condition, a charge).
 */
export const amendmentLabelKeys = [
  'title',
  'reason',
  'changes',
  'noChanges',
  'section',
  'option',
  'condition',
  'charge',
  'proposedOptions',
  'rationale',
  'alternatives',
  'reportDueDate',
  'added',
  'removed',
  'changed',
] as const;
export type AmendmentLabelKey = (typeof amendmentLabelKeys)[number];
export const AmendmentLabels = z.strictObject(Object.fromEntries(amendmentLabelKeys.map((k) => [k, label.optional()])) as Record<AmendmentLabelKey, z.ZodOptional<typeof label>>);

export const TemplateLabels = z.strictObject({
  page: label,
  of: label,
  draft: label,
  declined: label,
  authorsAssessment: label,
  sourcesForSection: label,
  contentHash: label,
  caseNumber: label,
  court: label,
  hearingDate: label,
  source: label,
  signature: label,
  date: label,
  none: label,
  /** "Version" before a report version's number in every page footer; absent: the message catalogue's word. */
  version: label.optional(),
  /** "Issued" before the issue date in every page footer; absent: the message catalogue's word. */
  issued: label.optional(),
  /** The amendment's wording (a `amendment` block); a key left out takes the message catalogue's words. */
  amendment: AmendmentLabels.optional(),
  /** Words for enum values: "self_reported" -> "Self-reported", "suitable" -> "Suitable". */
  values: z.record(z.string(), label),
  /** What the report calls each interview answer, by field id: a court reads a statement, never the question asked. */
  items: z.record(z.string(), label).default({}),
});

export const ReportTemplate = z
  .strictObject({
    id: slug,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'A version is written MAJOR.MINOR.PATCH.' }),
    title: singleLine(200),
    language: languageTag,
    /** Locale for dates and numbers; defaults to the language. */
    locale: languageTag.optional(),
    direction: z.enum(['ltr', 'rtl']),
    /** A template for tests only: never offered to users. */
    test: z.boolean().default(false),
    /** Stages of a case the template is for: a pre-trial case never gets a sentencing report. */
    stages: z.array(Stage).min(1),
    /** The report types (as the court asked for them) the template writes; absent: any type at those stages. */
    reportTypes: z.array(ReportType).min(1).optional(),
    /** The letterhead: a file in templates/jurisdictions/. */
    jurisdiction: slug,
    subject: singleLine(300),
    labels: TemplateLabels,
    /**
     * Deterministic phrasing for "Start from the recorded facts", in the template's language:
     * one sentence per answer item id, chosen by the stored value ("yes", "no", a choice id) or "*"
     * for any value. Placeholders: {name} (the person's given names), {value} (the answer as the
     * report words it), {label} (labels.items or the item's label). An item with no phrase uses
     * `fallback`; a declined one `declined`.
     */
    drafting: z
      .strictObject({
        phrases: z.record(z.string(), z.record(z.string(), z.string().min(1).max(FORM_TEXT_MAX))).default({}),
        fallback: z.string().min(1).max(FORM_TEXT_MAX),
        declined: z.string().min(1).max(FORM_TEXT_MAX),
      })
      .optional(),
    sections: z.array(TemplateSection).min(1).max(100),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    let amendmentBlocks = 0;
    t.sections.forEach((section, si) => {
      if (seen.has(section.id)) ctx.addIssue({ code: 'custom', path: ['sections', si, 'id'], message: `Duplicate section id "${section.id}".` });
      seen.add(section.id);
      if (section.when !== undefined) {
        const check = validateRule(section.when, 'template', { path: ['sections', si, 'when'], variable: templateVariable });
        for (const issue of check.issues) ctx.addIssue({ code: 'custom', path: issue.segments, message: issue.message, params: { key: issue.key } });
      }
      section.blocks.forEach((block, bi) => {
        const at = ['sections', si, 'blocks', bi];
        if (block.type === 'amendment' && amendmentBlocks++ > 0) ctx.addIssue({ code: 'custom', path: [...at, 'type'], message: 'A template prints the amendment once: it has a second "amendment" block.' });
        if (block.type === 'text' && !section.write) ctx.addIssue({ code: 'custom', path: [...at, 'type'], message: `A "text" block prints the officer's text, so section "${section.id}" needs a "write" setting.` });
        const checkContent = (content: Inline[], where: PropertyKey[]) =>
          content.forEach((inline, ii) => {
            if (typeof inline === 'string') return;
            const found = schemaAtPath(ReportContext, inline.field);
            if ('error' in found) ctx.addIssue({ code: 'custom', path: [...at, ...where, ii, 'field'], message: `Unknown binding "${inline.field}": ${found.error}` });
          });
        if (block.type === 'paragraph' || block.type === 'assessment') checkContent(block.content, ['content']);
        if (block.type === 'fields') block.rows.forEach((row, ri) => checkContent(row.content, ['rows', ri, 'content']));
        if (block.type === 'table') {
          const rows = schemaAtPath(ReportContext, `${block.rows}.0`);
          if ('error' in rows) return;
          block.columns.forEach((col, ci) => {
            const found = schemaAtPath(rows.schema, col.field);
            if ('error' in found) ctx.addIssue({ code: 'custom', path: [...at, 'columns', ci, 'field'], message: `Unknown column "${col.field}" for ${block.rows}: ${found.error}` });
          });
        }
      });
    });
  });
export type ReportTemplate = z.infer<typeof ReportTemplate>;

// ---------------------------------------------------------------------------------------------
// The render-ready model: what the preview shows and the DOCX writer writes. Pure data.
// ---------------------------------------------------------------------------------------------

export const RenderRun = z.strictObject({
  text: z.string(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  /** A left-to-right island (a Latin-script case number) inside a right-to-left document. */
  ltr: z.boolean().optional(),
});
export type RenderRun = z.infer<typeof RenderRun>;

export const RenderParagraph = z.strictObject({
  kind: z.literal('paragraph'),
  runs: z.array(RenderRun),
  numbered: z.boolean(),
  /** `item`: one entry of a bulleted list (an amendment's changes). */
  role: z.enum(['body', 'assessment', 'declined', 'statement', 'note', 'sources', 'field', 'item']),
});
export type RenderParagraph = z.infer<typeof RenderParagraph>;

/** A cell is one or more paragraphs of runs. */
export const RenderCell = z.array(z.array(RenderRun)).min(1);
export type RenderCell = z.infer<typeof RenderCell>;

export const RenderBlock = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('heading'), text: z.string(), level: z.union([z.literal(2), z.literal(3)]) }),
  RenderParagraph,
  z.strictObject({
    kind: z.literal('table'),
    caption: z.string(),
    header: z.array(z.string()),
    widths: z.array(z.number()),
    rows: z.array(z.array(RenderCell)),
  }),
  z.strictObject({
    kind: z.literal('signatures'),
    signatureLabel: z.string(),
    dateLabel: z.string(),
    signatories: z.array(z.strictObject({ role: z.string(), name: z.string(), date: z.string() })),
  }),
]);
export type RenderBlock = z.infer<typeof RenderBlock>;

export const RenderSection = z.strictObject({
  id: z.string(),
  title: z.string(),
  restartNumbering: z.boolean(),
  blocks: z.array(RenderBlock),
});
export type RenderSection = z.infer<typeof RenderSection>;

export const DroppedCharacters = z.strictObject({
  /** Where in the report context, as a JSON path. */
  path: z.string(),
  /** The code points dropped, written U+XXXX. */
  codePoints: z.array(z.string()),
  count: z.number().int(),
});
export type DroppedCharacters = z.infer<typeof DroppedCharacters>;

export const RenderedReport = z.strictObject({
  template: z.strictObject({ id: z.string(), version: z.string(), test: z.boolean() }),
  title: z.string(),
  language: z.string(),
  direction: z.enum(['ltr', 'rtl']),
  draft: z.boolean(),
  /** The report version's number, when it has one (the file name carries it). */
  version: z.number().int().optional(),
  letterhead: z.strictObject({
    serviceName: z.string(),
    jurisdictionName: z.string(),
    protectiveMarking: z.string(),
    logo: z.strictObject({ file: z.string(), altText: z.string() }).optional(),
  }),
  /** On every page. */
  running: z.strictObject({
    court: z.string(),
    caseNumber: z.string(),
    hearingDate: z.string(),
    pageLabel: z.string(),
    ofLabel: z.string(),
    draftLabel: z.string(),
    contentHashLabel: z.string(),
    /** The version and its issue date, worded ("Version 2 · Issued 3 December 2026"), when the report has a version. */
    version: z.string().optional(),
    caseNumberLabel: z.string(),
    courtLabel: z.string(),
    hearingDateLabel: z.string(),
  }),
  properties: z.strictObject({ title: z.string(), author: z.string(), subject: z.string() }),
  sections: z.array(RenderSection),
  /** Characters XML cannot hold, dropped from the user's text. */
  dropped: z.array(DroppedCharacters),
});
export type RenderedReport = z.infer<typeof RenderedReport>;
