import { createReport } from 'docx-templates';
import { Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { AnswerItem, ReportContext, ReportTemplate } from '../main/contract/report';

// The peer for the export benchmark: the same full report produced by docx-templates
// filling a Word template. The template is built here with the `docx` package at bench time, so no
// binary lives in the repository. It has the full report's sections, the same loops and tables
// (charges, sources, previous convictions, assessments, options with reasons, conditions), the
// running header and "Page X of Y" footer, and the same data with not-for-disclosure items removed.
// It does less than our engine: no per-section numbering restarts, no right-to-left handling, no
// dropped-character report, no content hash, no template validation, no letterhead image.

const cmd = (s: string) => `+++${s}+++`;
const p = (...parts: string[]) => new Paragraph({ children: parts.map((text) => new TextRun(text)) });
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1) => new Paragraph({ heading: level, children: [new TextRun(text)] });
const cell = (text: string) => new TableCell({ children: [p(text)] });

/**
 * A table with a repeating header row and one row per element of `list`: docx-templates repeats
 * table rows when FOR and END-FOR stand in rows of their own around the template row (a FOR in the
 * first cell and END-FOR in the last cell of one row repeats cells inside that row instead).
 */
function loopTable(list: string, headers: string[], fields: string[]): Table {
  const blanks = (first: string) => fields.map((_, i) => cell(i === 0 ? first : ''));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map(cell) }),
      new TableRow({ children: blanks(cmd(`FOR row IN ${list}`)) }),
      new TableRow({ children: fields.map((f) => cell(cmd(`INS ${f}`))) }),
      new TableRow({ children: blanks(cmd('END-FOR row')) }),
    ],
  });
}

function answers(key: string, title: string, when?: string): Paragraph[] {
  const body = [
    heading(title),
    p(cmd(`FOR it IN items('${key}')`)),
    p(cmd('INS $it.label'), ': ', cmd('INS $it.text'), ' (source: ', cmd('INS $it.source'), ')'),
    p(cmd('END-FOR it')),
  ];
  return when ? [p(cmd(`IF ${when}`)), ...body, p(cmd('END-IF'))] : body;
}

/** The Word template, built once per run. */
export async function docxTemplatesTemplate(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        headers: {
          default: new Header({
            children: [p(cmd('INS kase.court'), ' | Case number ', cmd('INS kase.caseNumber'), ' | Hearing ', cmd('INS date(kase.hearingDate)')), p(cmd('INS status === "draft" ? "DRAFT - NOT FOR USE IN COURT" : ""'))],
          }),
        },
        footers: {
          default: new Footer({ children: [new Paragraph({ children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })] })] }),
        },
        children: [
          heading('Pre-sentence report', HeadingLevel.TITLE),
          heading('Front sheet'),
          p('Name: ', cmd('INS kase.person.familyName'), ', ', cmd('INS kase.person.givenNames')),
          p('Date of birth: ', cmd('INS date(kase.person.dateOfBirth)')),
          p('Age at the offence: ', cmd('INS facts.ageAtOffence')),
          p('Gender: ', cmd('INS value(kase.person.gender)')),
          p('Court: ', cmd('INS kase.court')),
          p('Case number: ', cmd('INS kase.caseNumber')),
          p('Hearing date: ', cmd('INS date(kase.hearingDate)')),
          p('Date of this report: ', cmd('INS date(reportDate)')),
          p('Author: ', cmd('INS author.name'), ', ', cmd('INS author.role')),
          loopTable('kase.charges', ['Offence', 'Date of offence', 'Plea'], ['$row.offence', 'date($row.offenceDate)', 'value($row.plea)']),
          ...answers('engagement', 'How the person took part'),
          heading('Sources of information'),
          loopTable('sources', ['Source', 'Kind', 'By', 'Date'], ['$row.description', 'value($row.kind)', '$row.by', 'date($row.date)']),
          ...answers('offence', 'Offence analysis', 'facts.stage === "convicted"'),
          heading('Previous offending and response to supervision'),
          loopTable('previousConvictions', ['Date', 'Court', 'Offence', 'Outcome', 'Response to supervision'], ['date($row.date)', '$row.court', '$row.offence', '$row.outcome', '$row.response']),
          ...answers('history', 'Earlier supervision'),
          ...answers('circumstances', 'Circumstances and needs'),
          ...answers('women', 'Circumstances and needs: women', 'facts.isWoman'),
          ...answers('maturity', 'Circumstances and needs: age and maturity', 'facts.isYoungAdult'),
          heading('Risk and protective factors'),
          loopTable('riskAssessments', ['Instrument', 'Date', 'Result'], ['$row.instrument', 'date($row.date)', '$row.result']),
          ...answers('risk', 'Risk'),
          ...answers('strengths', 'Strengths and protective factors'),
          heading('Community options considered'),
          loopTable('options', ['Option', 'Kind', 'Provider', 'Suitability', 'Reasons'], ['$row.name', '$row.kind', '$row.provider', 'value($row.suitability)', '$row.reasons.join("; ")']),
          heading('Proposal'),
          p('The author proposes: ', cmd('INS proposal.options.join("; ")')),
          p("Author's assessment: ", cmd('INS proposal.rationale')),
          loopTable('proposal.conditions', ['Requirement', 'Risk or need it answers', 'Duration', 'Review'], ['$row.requirement', '$row.linkedTo', '$row.duration', '$row.review']),
          p('Alternatives if the court does not accept the proposal: ', cmd('INS proposal.alternatives')),
          ...answers('dependants', 'Impact of custody on dependants', 'facts.hasDependants'),
          heading('Completion'),
          p('This report is prepared to assist the court. Its assessment and proposal do not bind the court, which alone decides the sentence.'),
          p('Report completed on ', cmd('INS date(reportDate)'), '.'),
          p('Signature: ____________________ ', cmd('INS author.name'), ', ', cmd('INS author.role')),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Fills the template with a (disclosable) report context, formatting as our engine does. */
export async function fillWithDocxTemplates(template: Uint8Array, context: ReportContext, labels: ReportTemplate['labels']): Promise<Uint8Array> {
  const fmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const date = (iso: string | undefined) => (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? fmt.format(new Date(`${iso}T00:00:00Z`)) : (iso ?? ''));
  const value = (v: string) => labels.values[v] ?? v;
  const items = (key: string) =>
    (context.sections[key]?.items ?? []).map((it: AnswerItem) => ({
      label: it.kind === 'assessment' ? `${labels.authorsAssessment}: ${it.label}` : it.label,
      text: it.status === 'declined' ? labels.declined : it.value,
      source: [value(it.source.kind), it.source.by, it.source.how].filter(Boolean).join(', '),
    }));
  const out = await createReport({
    template,
    // `case` is a reserved word in the template's JavaScript expressions.
    data: { ...context, kase: context.case },
    additionalJsContext: { date, value, items },
    failFast: true,
    // The documented setting for a trusted template: expressions run as plain functions, not in a
    // new `vm` context per command (the default sandbox, made for templates from strangers).
    noSandbox: true,
  });
  return out;
}
