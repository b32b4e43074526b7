import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import type { RenderBlock, RenderedReport, RenderRun } from '../contract/report';
import { normaliseDocx, zipNormalised, type PackageParts } from './package';

// The DOCX writer: the render-ready model in, the bytes of a Word document out. It decides
// layout only; what the report says was settled by the assembly (domain/report).

export interface DocxAssets {
  /** The letterhead logo (PNG), when the jurisdiction has one. */
  logo?: { data: Uint8Array; widthPx: number; heightPx: number };
  /** sha256 of the canonical model, shown in the footer and the document properties. */
  contentHash: string;
}

/** Fonts that exist on a court's Windows machine, and that LibreOffice maps to Liberation Sans. */
const FONT = 'Arial';
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
/**
 * The fonts each script is set in: Latin, Greek and Cyrillic in Arial (Liberation Sans where Arial
 * is absent), Chinese in Noto Sans CJK SC, Arabic and the other complex scripts in Noto Naskh
 * Arabic. Word picks among them by script; a machine without one substitutes its own font for that
 * script (docs/languages.md).
 */
const FONTS = { ascii: FONT, hAnsi: FONT, eastAsia: 'Noto Sans CJK SC', cs: 'Noto Naskh Arabic' };
const NUMBERING = 'psr-paragraphs';
const BULLETS = 'psr-bullets';
/** A4 with 2 cm margins: the text width, in twips. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

export async function writeDocx(model: RenderedReport, assets: DocxAssets): Promise<Uint8Array> {
  const rtl = model.direction === 'rtl';
  // The report's language on every run, so Word spell-checks, hyphenates and shapes it as that
  // language: as the bidirectional language in a right-to-left report, the East Asian one in Chinese.
  const cjk = /^(zh|ja|ko)\b/.test(model.language);
  const language = rtl ? { value: model.language, bidirectional: model.language } : cjk ? { value: model.language, eastAsia: model.language } : { value: model.language };
  const fonts = cjk ? { ...FONTS, hint: 'eastAsia' } : FONTS;
  let drawingId = 0;

  const textRuns = (r: RenderRun, extra: IRunOptions = {}): TextRun[] => {
    const style: IRunOptions = {
      bold: r.bold,
      italics: r.italic,
      language,
      ...(cjk ? { font: fonts } : {}),
      ...(rtl && !r.ltr ? { rightToLeft: true } : {}),
      ...extra,
    };
    // A left-to-right island holding right-to-left letters (a case number "RV-2026-0455/ع") is
    // embedded left to right (U+202A ... U+202C), so its parts keep the order they were typed in.
    const text = rtl && r.ltr && RTL_LETTER.test(r.text) ? `\u202A${r.text}\u202C` : r.text;
    // Line breaks inside an answer become breaks; tabs become tabs.
    return text.split('\n').map(
      (line, i) =>
        new TextRun({
          ...style,
          ...(i > 0 ? { break: 1 } : {}),
          children: line.split('\t').flatMap((part, j) => (j > 0 ? [new Tab(), part] : [part])),
        }),
    );
  };
  const para = (runs: RenderRun[], options: IParagraphOptions = {}, runExtra: IRunOptions = {}): Paragraph =>
    new Paragraph({ bidirectional: rtl, ...options, children: runs.flatMap((r) => textRuns(r, runExtra)) });
  const plain = (text: string): RenderRun => ({ text, ...(rtl && /^[\x20-\x7E]+$/.test(text) ? { ltr: true } : {}) });

  const logoRun = (width: number) => {
    if (!assets.logo || !model.letterhead.logo) return [];
    drawingId += 1;
    const height = Math.round((width * assets.logo.heightPx) / assets.logo.widthPx);
    return [
      new ImageRun({
        type: 'png',
        data: assets.logo.data,
        transformation: { width, height },
        altText: { id: String(drawingId), name: `Logo ${drawingId}`, title: model.letterhead.serviceName, description: model.letterhead.logo.altText },
      }),
    ];
  };

  // Running header and footer: on every page.
  const running = model.running;
  const header = new Header({
    children: [
      ...(model.draft
        ? [para([{ text: running.draftLabel, bold: true }], { alignment: AlignmentType.CENTER }, { color: 'C00000', size: 32 })]
        : []),
      para([{ text: model.letterhead.protectiveMarking, bold: true }], { alignment: AlignmentType.CENTER }, { size: 18 }),
      new Paragraph({
        bidirectional: rtl,
        children: [
          ...logoRun(18),
          ...[
            { text: ` ${running.courtLabel}: `, bold: true },
            plain(running.court),
            { text: `  |  ${running.caseNumberLabel}: `, bold: true },
            { text: running.caseNumber, ltr: rtl },
            { text: `  |  ${running.hearingDateLabel}: `, bold: true },
            plain(running.hearingDate),
          ].flatMap((r) => textRuns(r, { size: 18 })),
        ],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '808080', space: 4 } },
      }),
    ],
  });
  const footer = new Footer({
    children: [
      // "Page X of Y" stands alone in its paragraph, so it reads the same in either direction.
      new Paragraph({
        bidirectional: rtl,
        alignment: AlignmentType.CENTER,
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: '808080', space: 4 } },
        children: [new TextRun({ rightToLeft: rtl, size: 18, children: [`${running.pageLabel} `, PageNumber.CURRENT, ` ${running.ofLabel} `, PageNumber.TOTAL_PAGES] })],
      }),
      new Paragraph({
        bidirectional: rtl,
        alignment: AlignmentType.CENTER,
        children: [
          ...textRuns({ text: `${running.caseNumberLabel}: ` }, { size: 18 }),
          ...textRuns({ text: running.caseNumber, ltr: rtl }, { size: 18 }),
          ...(model.draft ? textRuns({ text: `  |  ${running.draftLabel}`, bold: true }, { size: 18, color: 'C00000' }) : []),
        ],
      }),
      // The version and its issue date beside the content hash: which issued document this page belongs to.
      para(
        [...(running.version ? [{ text: `${running.version} · ` }] : []), { text: `${running.contentHashLabel}: ` }, { text: `sha256:${assets.contentHash}`, ltr: rtl }],
        { alignment: AlignmentType.CENTER },
        { size: 14, color: '404040' },
      ),
      para([{ text: model.letterhead.protectiveMarking, bold: true }], { alignment: AlignmentType.CENTER }, { size: 18 }),
    ],
  });

  // The letterhead and title, then the sections.
  const body: Array<Paragraph | Table> = [
    new Paragraph({ bidirectional: rtl, alignment: AlignmentType.CENTER, children: logoRun(48) }),
    para([{ text: model.letterhead.serviceName, bold: true }], { alignment: AlignmentType.CENTER }, { size: 28 }),
    para([{ text: model.letterhead.jurisdictionName }], { alignment: AlignmentType.CENTER }),
    new Paragraph({ bidirectional: rtl, style: 'Title', children: textRuns({ text: model.title }) }),
  ];

  let listInstance = 0;
  for (const [si, section] of model.sections.entries()) {
    if (section.restartNumbering && si > 0) listInstance += 1;
    body.push(new Paragraph({ bidirectional: rtl, style: 'Heading1', children: textRuns({ text: section.title }) }));
    for (const block of section.blocks) body.push(...renderBlock(block, listInstance));
  }

  function renderBlock(block: RenderBlock, instance: number): Array<Paragraph | Table> {
    switch (block.kind) {
      case 'heading':
        return [new Paragraph({ bidirectional: rtl, style: block.level === 2 ? 'Heading2' : 'Heading3', children: textRuns({ text: block.text }) })];
      case 'paragraph':
        return [
          para(block.runs, {
            ...(block.numbered ? { numbering: { reference: NUMBERING, level: 0, instance } } : {}),
            ...(block.role === 'item' ? { numbering: { reference: BULLETS, level: 0 }, spacing: { after: 40 } } : {}),
            ...(block.role === 'statement' || block.role === 'note' || block.role === 'sources' ? { style: roleStyle[block.role] } : {}),
            // The front sheet's fields read as one compact block, not a page of spaced lines.
            ...(block.role === 'field' ? { spacing: { after: 40 } } : {}),
            ...(block.role === 'assessment'
              ? { border: { left: { style: BorderStyle.SINGLE, size: 12, color: '1F3A6E', space: 6 }, right: { style: BorderStyle.NONE, size: 0, color: 'auto', space: 0 } } }
              : {}),
          }),
        ];
      case 'table': {
        const total = block.widths.reduce((a, b) => a + b, 0);
        const widths = block.widths.map((w) => Math.floor((TEXT_WIDTH * w) / total));
        const cell = (paragraphs: RenderRun[][], width: number, head: boolean) =>
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            ...(head ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E2F3' } } : {}),
            // A cell always ends with a paragraph: one per line of its value.
            children: paragraphs.map((runs) => para(runs, { spacing: { after: 60 } }, head ? { bold: true } : {})),
          });
        return [
          para([{ text: block.caption, bold: true }], { keepNext: true, style: 'Caption' }),
          new Table({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            columnWidths: widths,
            layout: TableLayoutType.FIXED,
            visuallyRightToLeft: rtl,
            rows: [
              new TableRow({
                tableHeader: true,
                cantSplit: true,
                children: block.header.map((h, i) => cell([[plain(h)]], widths[i]!, true)),
              }),
              // A row never splits across a page: a court reads each entry whole, under the repeated header.
              ...block.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, widths[i]!, false)) })),
            ],
          }),
          // A small gap after the table (a table cannot end a cell or the document in Word).
          new Paragraph({ bidirectional: rtl, spacing: { after: 0, line: 160, lineRule: LineRuleType.AUTO }, children: [] }),
        ];
      }
      case 'signatures':
        return block.signatories.flatMap((s) => [
          para([{ text: s.role, bold: true }], { keepNext: true, spacing: { before: 240 } }),
          para([{ text: s.name }], { keepNext: true }),
          para([{ text: `${block.signatureLabel}: ______________________________` }], { keepNext: true, spacing: { before: 360 } }),
          para([{ text: `${block.dateLabel}: ` }, plain(s.date || '____________________')]),
        ]);
    }
  }

  const doc = new Document({
    title: model.properties.title,
    creator: model.properties.author,
    lastModifiedBy: model.properties.author,
    subject: model.properties.subject,
    description: `${model.template.id} ${model.template.version}`,
    keywords: `sha256:${assets.contentHash}`,
    revision: 1,
    customProperties: [
      { name: 'ContentHash', value: `sha256:${assets.contentHash}` },
      { name: 'Template', value: `${model.template.id} ${model.template.version}` },
      { name: 'Status', value: model.draft ? 'draft' : 'final' },
      { name: 'CaseNumber', value: model.running.caseNumber },
      ...(model.version !== undefined ? [{ name: 'Version', value: String(model.version) }] : []),
    ],
    styles: {
      default: {
        document: {
          run: { font: fonts, size: 22, language },
          // A line height without its rule reads as "exactly" in LibreOffice, which clips the logo.
          paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
        },
        title: { run: { font: fonts, size: 36, bold: true, color: '1F3A6E' }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 160 } } },
        heading1: { run: { font: fonts, size: 28, bold: true, color: '1F3A6E' }, paragraph: { outlineLevel: 0, keepNext: true, spacing: { before: 280, after: 100 } } },
        heading2: { run: { font: fonts, size: 24, bold: true, color: '1F3A6E' }, paragraph: { outlineLevel: 1, keepNext: true, spacing: { before: 200, after: 100 } } },
        heading3: { run: { font: fonts, size: 22, bold: true }, paragraph: { outlineLevel: 2, keepNext: true, spacing: { before: 200, after: 80 } } },
      },
      paragraphStyles: [
        { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { bold: true, size: 20 }, paragraph: { spacing: { before: 120, after: 60 } } },
        { id: 'Statement', name: 'Statement', basedOn: 'Normal', next: 'Normal', run: { bold: true }, paragraph: { spacing: { before: 240, after: 240 } } },
        { id: 'Note', name: 'Note', basedOn: 'Normal', next: 'Normal', run: { italics: true, size: 20 } },
        { id: 'Sources', name: 'Sources', basedOn: 'Normal', next: 'Normal', run: { size: 18, color: '404040' }, paragraph: { spacing: { before: 120 } } },
      ],
    },
    numbering: {
      config: [
        {
          reference: NUMBERING,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { start: 567, hanging: 567 } } },
            },
          ],
        },
        {
          reference: BULLETS,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { start: 567, hanging: 283 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 567, footer: 567 },
          },
        },
        headers: { default: header },
        footers: { default: footer },
        children: body,
      },
    ],
  });
  return packageOf(doc);
}

/** docx's own compiler: the package's parts as docx writes them, before docx zips them. */
type PartsCompiler = { compile(file: Document): PackageParts };
const compiler = (Packer as unknown as { compiler?: Partial<PartsCompiler> }).compiler;

/**
 * The package's bytes, zipped once: the parts docx compiles are normalised (main/export/package.ts)
 * and deflated in one pass, instead of docx deflating them and the normalisation inflating and
 * deflating them again. `Packer.compiler` is docx's own (the pinned version has it, and
 * tests/unit/export/package.test.ts says so); were it gone, docx's zip is normalised instead.
 */
export async function packageOf(doc: Document): Promise<Uint8Array> {
  if (typeof compiler?.compile === 'function') return zipNormalised((compiler as PartsCompiler).compile(doc));
  return normaliseDocx(await Packer.toBuffer(doc));
}

const roleStyle = { statement: 'Statement', note: 'Note', sources: 'Sources' } as const;

