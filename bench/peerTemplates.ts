import { createReport } from 'docx-templates';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { RenderedReport, RenderRun } from '../main/contract/report';

// The export peers, each set up as its documentation recommends for a trusted template, filling a
// Word template built here with the `docx` package (no binary in the repository) from the same
// render-ready model our writer gets: main/domain/report's assembly, which each peer's timed run
// also performs. The templates lay the model out as main/export/docx.ts does (letterhead and title,
// a heading per section, each table's caption, header row and one row per entry with a paragraph
// per line of a cell, an empty paragraph after a table, four paragraphs per signatory), so the
// outputs hold the same paragraphs, rows and characters. They do less: no bold or italic runs, no
// numbering, no right-to-left, no logo, no content hash.

/** A table: its header as h0, h1, ... and each row's cells as c0, c1, ..., one string per line. */
type ViewTable = Record<string, unknown> & { rows: Record<string, string[]>[] };
/** One body item; exactly one member is set (flags, because docxtemplater's conditions are sections). */
interface ViewItem {
  title?: { text: string };
  p?: { text: string };
  t3?: ViewTable;
  t4?: ViewTable;
  t5?: ViewTable;
}
interface PeerView {
  court: string;
  caseNumber: string;
  hearingDate: string;
  body: ViewItem[];
}

/** The model as a flat list of paragraphs and tables, in the order main/export/docx.ts writes them; `lines` joins a text's lines. */
function peerView(model: RenderedReport, lines: (text: string) => string): PeerView {
  const text = (runs: RenderRun[]) => lines(runs.map((r) => r.text).join(''));
  const body: ViewItem[] = [{ p: { text: '' } }, { p: { text: lines(model.letterhead.serviceName) } }, { p: { text: lines(model.letterhead.jurisdictionName) } }, { title: { text: lines(model.title) } }];
  for (const section of model.sections) {
    body.push({ title: { text: lines(section.title) } });
    for (const block of section.blocks) {
      if (block.kind === 'heading') body.push({ title: { text: lines(block.text) } });
      else if (block.kind === 'paragraph') body.push({ p: { text: text(block.runs) } });
      else if (block.kind === 'table') {
        const columns = block.header.length;
        if (columns < 3 || columns > 5) throw new Error(`The peer templates have tables of 3 to 5 columns, not ${columns}.`);
        const table: ViewTable = { ...Object.fromEntries(block.header.map((h, i) => [`h${i}`, lines(h)])), rows: block.rows.map((row) => Object.fromEntries(row.map((cell, i) => [`c${i}`, cell.map(text)]))) };
        body.push({ p: { text: lines(block.caption) } }, { [`t${columns}`]: table }, { p: { text: '' } });
      } else {
        for (const s of block.signatories) {
          for (const t of [s.role, s.name, `${block.signatureLabel}: ______________________________`, `${block.dateLabel}: ${s.date || '____________________'}`]) body.push({ p: { text: lines(t) } });
        }
      }
    }
  }
  const r = model.running;
  return { court: r.court, caseNumber: r.caseNumber, hearingDate: r.hearingDate, body };
}

/** How a template language opens and closes a list or condition, inserts a value, and repeats a table row. */
interface Syntax {
  open(name: string): string;
  close(name: string): string;
  value(name: string): string;
  /** The template rows of a table of `columns` columns whose rows are in `list`. */
  rows(list: string, columns: number, cell: (paragraphs: string[]) => TableCell): TableRow[];
}

const paragraph = (text: string, heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ ...(heading ? { heading } : {}), children: [new TextRun(text)] });

async function buildTemplate(s: Syntax): Promise<Uint8Array> {
  const cell = (paragraphs: string[]) => new TableCell({ children: paragraphs.map((t) => paragraph(t)) });
  const table = (key: string, columns: number) => [
    paragraph(s.open(key)),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [new TableRow({ tableHeader: true, children: Array.from({ length: columns }, (_, i) => cell([s.value(`${key}.h${i}`)])) }), ...s.rows(`${key}.rows`, columns, cell)],
    }),
    paragraph(s.close(key)),
  ];
  const doc = new Document({
    sections: [
      {
        headers: { default: new Header({ children: [paragraph(`${s.value('court')} | ${s.value('caseNumber')} | ${s.value('hearingDate')}`)] }) },
        footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })] })] }) },
        children: [
          paragraph(s.open('body')),
          paragraph(s.open('title')),
          paragraph(s.value('title.text'), HeadingLevel.HEADING_1),
          paragraph(s.close('title')),
          paragraph(s.open('p')),
          paragraph(s.value('p.text')),
          paragraph(s.close('p')),
          ...table('t3', 3),
          ...table('t4', 4),
          ...table('t5', 5),
          paragraph(s.close('body')),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

// ---------------------------------------------------------------------------------------------
// docx-templates: FOR/IF commands in paragraphs (and table rows) of their own, which it removes.

const dt = (c: string) => `+++${c}+++`;
/** `$it.t3.rows` inside the body loop; values are read from the loop variable of their list. */
const dtPath = (name: string) => (['court', 'caseNumber', 'hearingDate'].includes(name) ? name : `$it.${name}`);
const docxTemplatesSyntax: Syntax = {
  open: (name) => (name === 'body' ? dt('FOR it IN body') : dt(`IF $it.${name}`)),
  close: (name) => (name === 'body' ? dt('END-FOR it') : dt('END-IF')),
  value: (name) => dt(`INS ${dtPath(name)}`),
  rows: (list, columns, cell) => {
    const blanks = (first: string) => new TableRow({ children: Array.from({ length: columns }, (_, i) => cell([i === 0 ? first : ''])) });
    return [
      blanks(dt(`FOR row IN $it.${list}`)),
      new TableRow({ children: Array.from({ length: columns }, (_, i) => cell([dt(`FOR l IN $row.c${i}`), dt('INS $l'), dt('END-FOR l')])) }),
      blanks(dt('END-FOR row')),
    ];
  },
};

let docxTemplatesZip: Promise<Uint8Array> | undefined;

/** The docx-templates Word template, built once per process. */
export function docxTemplatesTemplate(): Promise<Uint8Array> {
  docxTemplatesZip ??= buildTemplate(docxTemplatesSyntax);
  return docxTemplatesZip;
}

/** docx-templates with `noSandbox` (its documented choice for trusted templates: no `vm` context per command). */
export async function fillWithDocxTemplates(model: RenderedReport, template?: Uint8Array): Promise<Uint8Array> {
  // A line break as literal XML between text elements (its own line-break handling puts <w:br/>
  // inside <w:t>, which the validator refuses).
  const lines = (t: string) => t.split('\n').join('||</w:t><w:br/><w:t xml:space="preserve">||');
  return createReport({
    template: template ?? (await docxTemplatesTemplate()),
    data: peerView(model, lines) as unknown as Record<string, unknown>,
    noSandbox: true,
    failFast: true,
    cmdDelimiter: '+++',
    processLineBreaks: false,
    // Its guard against runaway templates counts every node walked; a 64-times report walks more.
    maximumWalkingDepth: 1e9,
  });
}

// ---------------------------------------------------------------------------------------------
// docxtemplater: sections {#x}…{/x}, alone in their paragraphs (paragraphLoop), rows by {-w:tr}.

/** Inside a section a name is read from the section's own value, so only its last part is written. */
const last = (name: string) => name.split('.').pop()!;
const docxtemplaterSyntax: Syntax = {
  open: (name) => `{#${name}}`,
  close: (name) => `{/${name}}`,
  value: (name) => `{${last(name)}}`,
  rows: (path, columns, cell) => [
    new TableRow({
      children: Array.from({ length: columns }, (_, i) => cell([`${i === 0 ? `{-w:tr ${last(path)}}` : ''}{-w:p c${i}}{.}{/c${i}}${i === columns - 1 ? `{/${last(path)}}` : ''}`])),
    }),
  ],
};

let docxtemplaterZip: Promise<Uint8Array> | undefined;

/** docxtemplater with paragraphLoop and linebreaks, as its documentation sets it up. */
export async function fillWithDocxtemplater(model: RenderedReport): Promise<Uint8Array> {
  docxtemplaterZip ??= buildTemplate(docxtemplaterSyntax);
  const doc = new Docxtemplater(new PizZip(await docxtemplaterZip), { paragraphLoop: true, linebreaks: true });
  doc.render(peerView(model, (t) => t));
  return doc.getZip().generate({ type: 'uint8array', compression: 'DEFLATE' });
}
