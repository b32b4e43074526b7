import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { AppError } from '../contract/errors';
import type { RenderBlock, RenderedReport, RenderRun } from '../contract/report';

// The PDF writer: the same render-ready model the DOCX is written from, out as a tagged, accessible
// PDF (PDF/UA identification, a structure tree of headings, paragraphs, lists, tables and the logo
// as a figure; page furniture as artifacts). It mirrors docx.ts in layout: A4, 2 cm margins, the
// running header (DRAFT mark, protective marking, court, case number, hearing date) and footer
// (page x of y, case number, the version and its issue date with the content hash, protective marking). See docs/ARCHITECTURE.md.

export interface PdfAssets {
  /** The letterhead logo (PNG), when the jurisdiction has one. */
  logo?: { data: Uint8Array; widthPx: number; heightPx: number };
  /** sha256 of the canonical model, shown in the footer and the document information. */
  contentHash: string;
  /** The report's date (YYYY-MM-DD): the creation and modification dates, so the same report gives the same bytes. */
  reportDate: string;
}

type Doc = PDFKit.PDFDocument;
/** A run as the model has it, or page furniture with a colour of its own. */
type Run = RenderRun & { color?: string };
/** pdfkit's structure element (its types lag behind the library). */
interface Struct {
  add(child: Struct | StructContent): Struct;
  end(): void;
}
type StructContent = object;
interface TaggedDoc {
  struct(type: string, options?: { alt?: string; lang?: string; title?: string; scope?: 'Row' | 'Column' | 'Both' }): Struct;
  addStructure(s: Struct): void;
  markStructureContent(tag: string): StructContent;
  markContent(tag: string, options?: { type?: string; attached?: string[] }): void;
  endMarkedContent(): void;
}

/** A4 in points, with the DOCX's 2 cm margins and its header and footer 1 cm from the edge. */
const PAGE = { width: 595.28, height: 841.89, margin: 56.69, edge: 28.35 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const INDENT = 28.35;
const NAVY = '#1F3A6E';
const RED = '#C00000';
const GREY = '#404040';
const RULE = '#808080';
const HEAD_FILL = '#D9E2F3';
/** Body text: 11 pt at Word's 1.15 line spacing, 6 pt after. */
const BODY = { size: 11, after: 6 };
const CELL_PAD = 4;

// ---------------------------------------------------------------------------------------------
// Fonts, chosen per script so a script a family lacks can get its own (Arabic and CJK families
// come later: add an entry before the default with the code points it covers). Every font is
// embedded as a subset; no standard-14 font is ever used.
// ---------------------------------------------------------------------------------------------

type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';
interface FontFamily {
  name: string;
  /** The code points this family is chosen for; the last family is the default for the rest. */
  covers: RegExp;
  /** Files in the family's folder, by face. */
  files: Record<Face, string>;
  /** For a font collection (.ttc), the PostScript name of each face inside it. */
  faces?: Record<Face, string>;
  folder: () => string;
}

const packageDir = (pkg: string) => path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));

/**
 * DejaVu Sans Condensed (Bitstream Vera licence, free to redistribute; dejavu-fonts-ttf/LICENSE):
 * Latin, Greek, Cyrillic and more, about as wide as the DOCX's Arial, so pages break alike.
 */
const DEJAVU: FontFamily = {
  name: 'DejaVuSansCondensed',
  covers: /[\s\S]/u,
  files: {
    regular: 'DejaVuSansCondensed.ttf',
    bold: 'DejaVuSansCondensed-Bold.ttf',
    italic: 'DejaVuSansCondensed-Oblique.ttf',
    boldItalic: 'DejaVuSansCondensed-BoldOblique.ttf',
  },
  folder: () => path.join(packageDir('dejavu-fonts-ttf'), 'ttf'),
};
/**
 * Arabic and Hebrew letters in DejaVu Sans Condensed's upright faces: its oblique faces have no
 * glyphs for them, so an italic run would print nothing. (A family designed for Arabic comes later.)
 */
const DEJAVU_RTL: FontFamily = {
  ...DEJAVU,
  name: 'DejaVuSansCondensed-rtl',
  covers: /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u,
  files: { ...DEJAVU.files, italic: DEJAVU.files.regular, boldItalic: DEJAVU.files.bold },
};
/** Chinese characters, CJK punctuation and full-width forms. */
const CJK_TEXT = /[\u2E80-\u2FFF\u3000-\u303F\u3100-\u312F\u31A0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/u;

/**
 * Chinese, in the computer's own font: a CJK family is 15 MB or more, so the app does not carry one.
 * Noto Sans CJK (Debian's fonts-noto-cjk, Fedora's google-noto-sans-cjk), Microsoft YaHei on
 * Windows, PingFang on macOS; the first found is embedded as a subset, like every font here.
 */
const CJK_CANDIDATES: ReadonlyArray<{ folder: string; regular: [string, string]; bold: [string, string] }> = [
  { folder: '/usr/share/fonts/opentype/noto', regular: ['NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'], bold: ['NotoSansCJK-Bold.ttc', 'NotoSansCJKsc-Bold'] },
  { folder: '/usr/share/fonts/google-noto-sans-cjk-fonts', regular: ['NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'], bold: ['NotoSansCJK-Bold.ttc', 'NotoSansCJKsc-Bold'] },
  { folder: '/usr/share/fonts/noto-cjk', regular: ['NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'], bold: ['NotoSansCJK-Bold.ttc', 'NotoSansCJKsc-Bold'] },
  { folder: 'C:\\Windows\\Fonts', regular: ['msyh.ttc', 'MicrosoftYaHei'], bold: ['msyhbd.ttc', 'MicrosoftYaHei-Bold'] },
  { folder: '/System/Library/Fonts', regular: ['PingFang.ttc', 'PingFangSC-Regular'], bold: ['PingFang.ttc', 'PingFangSC-Semibold'] },
];

let cjkFamily: FontFamily | null | undefined;
/** The computer's Chinese family, found once; null where it has none. */
export function chineseFamily(): FontFamily | null {
  if (cjkFamily !== undefined) return cjkFamily;
  const found = CJK_CANDIDATES.find((c) => fs.existsSync(path.join(c.folder, c.regular[0])) && fs.existsSync(path.join(c.folder, c.bold[0])));
  cjkFamily = found
    ? {
        name: 'CJK',
        covers: CJK_TEXT,
        // Chinese has no italic: an italic run is set upright.
        files: { regular: found.regular[0], bold: found.bold[0], italic: found.regular[0], boldItalic: found.bold[0] },
        faces: { regular: found.regular[1], bold: found.bold[1], italic: found.regular[1], boldItalic: found.bold[1] },
        folder: () => found.folder,
      }
    : null;
  return cjkFamily;
}

export const FONT_FAMILIES: readonly FontFamily[] = [DEJAVU_RTL, DEJAVU];

/** The families of this computer, in the order a character is matched against them. */
function families(): readonly FontFamily[] {
  const cjk = chineseFamily();
  return cjk ? [DEJAVU_RTL, cjk, DEJAVU] : FONT_FAMILIES;
}

const faceOf = (bold: boolean, italic: boolean): Face => (bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular');
/** A face is named by its file: pdfkit opens it once, caches it by that name and embeds the glyphs used. */
const fontFile = (family: FontFamily, face: Face) => path.join(family.folder(), family.files[face]);
/** The face's name inside its file, for a collection; the key a piece of text is merged by. */
const faceKey = (family: FontFamily, face: Face) => `${fontFile(family, face)}#${family.faces?.[face] ?? ''}`;

/** Splits text into pieces each set in one family. */
function byFamily(text: string): Array<{ text: string; family: FontFamily }> {
  const out: Array<{ text: string; family: FontFamily }> = [];
  const all = families();
  for (const ch of text) {
    const family = all.find((f) => f.covers.test(ch)) ?? all[all.length - 1]!;
    const last = out[out.length - 1];
    if (last && last.family === family) last.text += ch;
    else out.push({ text: ch, family });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The page geometry the body flows in: below the running header, above the footer.
// ---------------------------------------------------------------------------------------------

const HEADER_LINES = { draft: 20, marking: 12, running: 14 };
const FOOTER_HEIGHT = 12 + 12 + 10 + 12 + 6;

/** Where the body text of every page lies, in points from the top (what a reader of the text crops to). */
export function pdfBodyArea(model: RenderedReport): { top: number; bottom: number; left: number; right: number } {
  const header = (model.draft ? HEADER_LINES.draft : 0) + HEADER_LINES.marking + HEADER_LINES.running + 6;
  return {
    top: Math.max(PAGE.margin, PAGE.edge + header + 8),
    bottom: PAGE.height - Math.max(PAGE.margin, PAGE.edge + FOOTER_HEIGHT + 8),
    left: PAGE.margin,
    right: PAGE.width - PAGE.margin,
  };
}

/** The PDF date of a report date, at noon UTC so no time zone moves it to another day. */
const reportDateTime = (date: string) => new Date(`${/^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '2000-01-01'}T12:00:00Z`);

/** The runs of characters from..to of their joined text. */
function sliceRuns(runs: RenderRun[], from: number, to: number): RenderRun[] {
  const out: RenderRun[] = [];
  let at = 0;
  for (const r of runs) {
    const start = Math.max(from, at);
    const end = Math.min(to, at + r.text.length);
    if (start < end) out.push({ ...r, text: r.text.slice(start - at, end - at) });
    at += r.text.length;
  }
  return out.length ? out : [{ text: '' }];
}

/**
 * pdfkit copies the title, author and subject into the XMP metadata as they are: a court named
 * "X & Y" would break its XML. The metadata is written last, after the Info dictionary, so the
 * XML-escaped values are swapped in only while it is written.
 */
function escapeXmpInfo(doc: Doc): void {
  const target = doc as unknown as { info: Record<string, unknown>; _addInfo: () => void };
  const addInfo = target._addInfo.bind(target);
  const escape = (v: unknown) => (typeof v === 'string' ? v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : v);
  target._addInfo = () => {
    const info = target.info;
    target.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, escape(v)]));
    try {
      addInfo();
    } finally {
      target.info = info;
    }
  };
}

type Image = PDFKit.Mixins.ImageSrc & object;
/**
 * Opens and embeds an image once, before any page, and waits for it: pdfkit splits a PNG's alpha
 * channel asynchronously, and an image finished at a varying moment would reorder the file's
 * objects, so the same report would not give the same bytes. The one image serves every page.
 */
async function embedImage(doc: Doc, data: Uint8Array): Promise<Image> {
  const image = (doc as unknown as { openImage(src: Buffer): Image & { embed(d: Doc): void; finalize(): void } }).openImage(Buffer.from(data));
  await new Promise<void>((resolve) => {
    const finalize = image.finalize.bind(image);
    image.finalize = () => {
      finalize();
      resolve();
    };
    image.embed(doc);
  });
  return image;
}

export async function writePdf(model: RenderedReport, assets: PdfAssets): Promise<Uint8Array> {
  // A PDF that would print Chinese as empty boxes is refused, saying what to do instead.
  if (!chineseFamily() && CJK_TEXT.test(JSON.stringify(model))) {
    throw new AppError('refused', 'This computer has no font for Chinese, so a PDF could not show it: export the Word document, or install Noto Sans CJK.', {
      key: 'report.errors.pdfNoChineseFont',
    });
  }
  const rtl = model.direction === 'rtl';
  const area = pdfBodyArea(model);
  const when = reportDateTime(assets.reportDate);
  const doc: Doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margins: { top: area.top, bottom: PAGE.height - area.bottom, left: area.left, right: PAGE.width - area.right },
    bufferPages: true,
    autoFirstPage: false,
    tagged: true,
    lang: model.language,
    displayTitle: true,
    pdfVersion: '1.7',
    subset: 'PDF/UA',
    // The default font would be a standard-14 font, read from pdfkit's own files: start with ours.
    font: fontFile(DEJAVU, 'regular'),
    info: {
      Title: model.properties.title,
      Author: model.properties.author,
      Subject: model.properties.subject,
      Keywords: `sha256:${assets.contentHash}`,
      Creator: `${model.template.id} ${model.template.version}`,
      Producer: 'psr-author',
      CreationDate: when,
      ModDate: when,
      ContentHash: `sha256:${assets.contentHash}`,
      Template: `${model.template.id} ${model.template.version}`,
      Status: model.draft ? 'draft' : 'final',
      CaseNumber: model.running.caseNumber,
      ...(model.version !== undefined ? { Version: String(model.version) } : {}),
    } as PDFKit.DocumentInfo,
  } as unknown as PDFKit.PDFDocumentOptions);
  const tagged = doc as unknown as TaggedDoc;
  escapeXmpInfo(doc);
  const logoImage = assets.logo ? await embedImage(doc, assets.logo.data) : undefined;
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const align = rtl ? 'right' : 'left';
  const pageIndex = () => doc.bufferedPageRange().count - 1;
  const newPage = () => {
    doc.addPage();
    doc.x = area.left;
    doc.y = area.top;
  };
  const atTop = () => doc.y <= area.top + 0.5;
  /** Starts a new page unless `height` still fits on this one. */
  const ensure = (height: number) => {
    if (doc.y + height > area.bottom && !atTop()) newPage();
  };
  const space = (points: number) => {
    if (!atTop()) doc.y += points;
  };
  const lineGap = (size: number) => size * 0.17;
  const useFont = (bold: boolean, italic: boolean, size: number, family: FontFamily = DEJAVU) => {
    const face = faceOf(bold, italic);
    const inCollection = family.faces?.[face];
    return (inCollection ? doc.font(fontFile(family, face), inCollection) : doc.font(fontFile(family, face))).fontSize(size);
  };

  /** Runs drawn as one paragraph at (x, doc.y), wrapping within `width` and flowing onto new pages. */
  const drawRuns = (runs: Run[], x: number, width: number, style: { size: number; bold?: boolean; italic?: boolean; color?: string; align?: 'left' | 'center' | 'right' }) => {
    const oneLook = (style.align ?? align) !== 'left';
    const pieces = runs
      .flatMap((r) =>
        byFamily(r.text.replace(/\t/g, '    ')).map((p) => {
          // pdfkit places each continued piece of a right-aligned or centred line on its own: such a
          // paragraph (a right-to-left one) is set in the paragraph's style, its bold runs lost.
          const bold = oneLook ? !!style.bold : style.bold || !!r.bold;
          const italic = oneLook ? !!style.italic : style.italic || !!r.italic;
          const color = oneLook ? (style.color ?? 'black') : (r.color ?? style.color ?? 'black');
          return { ...p, bold, italic, color, file: faceKey(p.family, faceOf(bold, italic)) };
        }),
      )
      .filter((p) => p.text !== '')
      // Pieces in the same face of the same file are one piece: fewer, longer pieces wrap as one text.
      .reduce<Array<{ text: string; family: FontFamily; bold: boolean; italic: boolean; color: string; file: string }>>((out, p) => {
        const last = out[out.length - 1];
        if (last && last.file === p.file && last.color === p.color) last.text += p.text;
        else out.push({ ...p });
        return out;
      }, []);
    if (pieces.length === 0) return;
    const y = doc.y;
    pieces.forEach((p, i) => {
      useFont(p.bold, p.italic, style.size, p.family);
      doc.fillColor(p.color);
      const options = { width, lineGap: lineGap(style.size), align: style.align ?? align, continued: i < pieces.length - 1 };
      if (i === 0) doc.text(p.text, x, y, options);
      else doc.text(p.text, options);
    });
    doc.x = area.left;
  };
  const heightOf = (runs: RenderRun[], width: number, size: number, bold = false) => {
    const text = runs.map((r) => r.text.replace(/\t/g, '    ')).join('');
    if (text === '') return 0;
    useFont(bold || runs.some((r) => r.bold), false, size);
    return doc.heightOfString(text, { width, lineGap: lineGap(size) });
  };

  /** One tagged element: its content marked and tied to it, wherever the text flows. */
  const element = (type: string, parent: Struct, draw: () => void, options: { alt?: string } = {}) => {
    const el = tagged.struct(type, options);
    parent.add(el);
    const content = tagged.markStructureContent(type);
    draw();
    tagged.endMarkedContent();
    el.add(content);
    el.end();
  };
  const artifact = (draw: () => void) => {
    tagged.markContent('Artifact', { type: 'Layout' });
    draw();
    tagged.endMarkedContent();
  };

  const root = tagged.struct('Document', { lang: model.language, title: model.title });
  tagged.addStructure(root);
  newPage();

  // The letterhead and the title.
  if (assets.logo && logoImage && model.letterhead.logo) {
    const logo = assets.logo;
    const width = 36;
    const height = (width * logo.heightPx) / logo.widthPx;
    const alt = model.letterhead.logo.altText;
    element('Figure', root, () => doc.image(logoImage!, (PAGE.width - width) / 2, doc.y, { width, height }), { alt });
    doc.y += height + 6;
  }
  element('P', root, () => drawRuns([{ text: model.letterhead.serviceName }], area.left, TEXT_WIDTH, { size: 14, bold: true, align: 'center' }));
  doc.y += 4;
  element('P', root, () => drawRuns([{ text: model.letterhead.jurisdictionName }], area.left, TEXT_WIDTH, { size: BODY.size, align: 'center' }));
  doc.y += 12;
  element('H1', root, () => drawRuns([{ text: model.title }], area.left, TEXT_WIDTH, { size: 18, bold: true, color: NAVY, align: 'center' }));
  doc.y += 8;
  doc.outline.addItem(model.title);

  let number = 0;
  for (const section of model.sections) {
    if (section.restartNumbering) number = 0;
    const sect = tagged.struct('Sect');
    root.add(sect);
    heading(sect, section.title, 14, 14, 5, NAVY, 'H2', section.blocks[0]);
    doc.outline.addItem(section.title);
    let list: { el: Struct; bullets: boolean } | undefined;
    for (const [bi, block] of section.blocks.entries()) {
      // Numbered paragraphs, and an amendment's bulleted changes, are each a list of their own.
      const bullets = block.kind === 'paragraph' && block.role === 'item';
      if (block.kind === 'paragraph' && (block.numbered || bullets)) {
        if (list && list.bullets !== bullets) {
          list.el.end();
          list = undefined;
        }
        if (!list) {
          list = { el: tagged.struct('L'), bullets };
          sect.add(list.el);
        }
        numbered(list.el, block.runs, bullets ? '•' : `${++number}.`, bullets ? 'field' : block.role);
        continue;
      }
      if (list) {
        list.el.end();
        list = undefined;
      }
      renderBlock(sect, block, section.blocks[bi + 1]);
    }
    list?.el.end();
    sect.end();
  }
  root.end();

  function heading(parent: Struct, text: string, size: number, before: number, after: number, color: string, type: string, next: RenderBlock | undefined) {
    const runs = [{ text }];
    // Kept with the start of what follows, as Word's keep-with-next does.
    ensure(heightOf(runs, TEXT_WIDTH, size, true) + before + firstLines(next));
    space(before);
    element(type, parent, () => drawRuns(runs, area.left, TEXT_WIDTH, { size, bold: true, color }));
    doc.y += after;
  }
  function firstLines(next: RenderBlock | undefined): number {
    if (!next) return 0;
    if (next.kind === 'table') return 110;
    return 3 * BODY.size * 1.4;
  }

  function paragraphStyle(role: string) {
    switch (role) {
      case 'statement':
        return { size: BODY.size, bold: true, before: 12, after: 12 };
      case 'note':
        return { size: 10, italic: true, before: 0, after: BODY.after };
      case 'sources':
        return { size: 9, color: GREY, before: 6, after: BODY.after };
      case 'field':
        return { size: BODY.size, before: 0, after: 2 };
      case 'caption':
        return { size: 10, bold: true, before: 0, after: 3 };
      default:
        return { size: BODY.size, before: 0, after: BODY.after };
    }
  }

  /** A paragraph, with the assessment's rule down its side when it is the author's opinion. */
  function paragraph(parent: Struct, runs: RenderRun[], role: string, x = area.left, width = TEXT_WIDTH, type = 'P') {
    const style = paragraphStyle(role);
    const bar = role === 'assessment';
    const inset = bar ? 9 : 0;
    ensure(Math.min(heightOf(runs, width - inset, style.size, style.bold), style.size * 1.4 * 2));
    space(style.before);
    if (runs.every((r) => r.text === '')) {
      doc.y += style.size * 1.2 + style.after;
      return;
    }
    const start = { page: pageIndex(), y: doc.y };
    element(type, parent, () => drawRuns(runs, x + (rtl ? 0 : inset), width - inset, style));
    if (bar) sideRule(start, { page: pageIndex(), y: doc.y }, rtl ? x + width - 1.5 : x);
    doc.y += style.after;
  }

  function sideRule(from: { page: number; y: number }, to: { page: number; y: number }, x: number) {
    const current = pageIndex();
    for (let p = from.page; p <= to.page; p++) {
      doc.switchToPage(p);
      const top = p === from.page ? from.y : area.top;
      const bottom = p === to.page ? to.y : area.bottom;
      artifact(() => doc.save().rect(x, top, 1.5, bottom - top).fill(NAVY).restore());
    }
    doc.switchToPage(current);
  }

  /** A numbered paragraph: a list item whose label is its number (or a bullet), as Word's paragraph numbering shows it. */
  function numbered(list: Struct, runs: RenderRun[], label: string, role: string) {
    const style = paragraphStyle(role);
    ensure(style.size * 1.4 * 2);
    space(style.before);
    const item = tagged.struct('LI');
    list.add(item);
    const y = doc.y;
    const labelX = rtl ? area.right - INDENT : area.left;
    element('Lbl', item, () => {
      useFont(!!style.bold, false, style.size);
      doc.fillColor('black').text(label, labelX, y, { width: INDENT, lineBreak: false, align });
    });
    doc.y = y;
    const body = tagged.struct('LBody');
    item.add(body);
    paragraph(body, runs, role, rtl ? area.left : area.left + INDENT, TEXT_WIDTH - INDENT);
    body.end();
    item.end();
  }

  function renderBlock(parent: Struct, block: RenderBlock, next: RenderBlock | undefined) {
    switch (block.kind) {
      case 'heading':
        return block.level === 2 ? heading(parent, block.text, 12, 10, 5, NAVY, 'H3', next) : heading(parent, block.text, BODY.size, 10, 4, 'black', 'H4', next);
      case 'paragraph':
        return paragraph(parent, block.runs, block.role);
      case 'table':
        return table(parent, block);
      case 'signatures':
        for (const s of block.signatories) {
          ensure(110);
          space(12);
          paragraph(parent, [{ text: s.role, bold: true }], 'body');
          paragraph(parent, [{ text: s.name }], 'body');
          doc.y += 12;
          paragraph(parent, [{ text: `${block.signatureLabel}: ______________________________` }], 'body');
          paragraph(parent, [{ text: `${block.dateLabel}: ` }, { text: s.date || '____________________' }], 'body');
        }
    }
  }

  function table(parent: Struct, block: Extract<RenderBlock, { kind: 'table' }>) {
    const total = block.widths.reduce((a, b) => a + b, 0) || 1;
    const widths = block.widths.map((w) => (TEXT_WIDTH * w) / total);
    const xs = widths.map((_, i) => {
      const before = widths.slice(0, i).reduce((a, b) => a + b, 0);
      return rtl ? area.right - before - widths[i]! : area.left + before;
    });
    const cellSize = BODY.size - 1;
    const cellHeight = (paragraphs: RenderRun[][], width: number, bold: boolean) =>
      paragraphs.reduce((h, runs) => h + Math.max(heightOf(runs, width - 2 * CELL_PAD, cellSize, bold), cellSize * 1.2) + 3, 0) + 2 * CELL_PAD - 3;
    const headerCells = block.header.map((h) => [[{ text: h }]]);
    const rowHeight = (cells: RenderRun[][][], bold: boolean) => Math.max(...cells.map((c, i) => cellHeight(c, widths[i]!, bold)));
    const headerHeight = rowHeight(headerCells, true);

    const captionRuns = [{ text: block.caption, bold: true }];
    const firstRow = block.rows[0] ? rowHeight(block.rows[0], false) : 0;
    // The caption stays with the header row and the first row.
    ensure(heightOf(captionRuns, TEXT_WIDTH, 10, true) + 9 + headerHeight + Math.min(firstRow, 200));
    space(6);
    const tableEl = tagged.struct('Table');
    parent.add(tableEl);
    paragraph(tableEl, captionRuns, 'caption', area.left, TEXT_WIDTH, 'Caption');

    /**
     * One row (or the part of a row that fits) at doc.y. Each cell's content goes to its structure
     * element in `cellEls`; without them the row is a repeated header, page furniture the structure
     * has once.
     */
    const drawRow = (cells: RenderRun[][][], head: boolean, cellEls: Struct[] | undefined) => {
      const height = rowHeight(cells, head);
      const y = doc.y;
      artifact(() => {
        doc.save();
        cells.forEach((_, i) => {
          if (head) doc.rect(xs[i]!, y, widths[i]!, height).fill(HEAD_FILL);
        });
        doc.lineWidth(0.5).strokeColor(RULE);
        cells.forEach((_, i) => doc.rect(xs[i]!, y, widths[i]!, height).stroke());
        doc.restore();
      });
      // A cell never flows onto another page by itself: the row decides where pages break.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      cells.forEach((paragraphs, i) => {
        const draw = () => {
          doc.y = y + CELL_PAD;
          for (const runs of paragraphs) {
            const before = doc.y;
            drawRuns(runs, xs[i]! + CELL_PAD, widths[i]! - 2 * CELL_PAD, { size: cellSize, bold: head });
            doc.y = Math.max(doc.y, before + cellSize * 1.2) + 3;
          }
        };
        const cell = cellEls?.[i];
        if (!cell) artifact(draw);
        else if (paragraphs.some((runs) => runs.some((r) => r.text !== ''))) {
          const content = tagged.markStructureContent(head ? 'TH' : 'TD');
          draw();
          tagged.endMarkedContent();
          cell.add(content);
        }
      });
      doc.page.margins.bottom = bottom;
      doc.y = y + height;
    };
    const repeatHeader = () => {
      newPage();
      drawRow(headerCells, true, undefined);
    };
    /** The part of a cell that fits in `maxHeight`, and the rest (empty when all of it fits). */
    const splitCell = (paragraphs: RenderRun[][], width: number, maxHeight: number): [RenderRun[][], RenderRun[][]] => {
      const inner = width - 2 * CELL_PAD;
      let room = maxHeight - 2 * CELL_PAD + 3;
      const fit: RenderRun[][] = [];
      for (const [k, runs] of paragraphs.entries()) {
        const h = Math.max(heightOf(runs, inner, cellSize), cellSize * 1.2) + 3;
        if (h <= room) {
          fit.push(runs);
          room -= h;
          continue;
        }
        const parts = splitRuns(runs, inner, room - 3);
        if (parts) fit.push(parts[0]);
        return [fit.length ? fit : [[{ text: '' }]], [...(parts ? [parts[1]] : [runs]), ...paragraphs.slice(k + 1)]];
      }
      return [fit, []];
    };
    /** A paragraph cut at the last space before it would pass `maxHeight` (within a word if it must); undefined when not one character fits. */
    const splitRuns = (runs: RenderRun[], width: number, maxHeight: number, atWords = true): [RenderRun[], RenderRun[]] | undefined => {
      const text = runs.map((r) => r.text).join('');
      const breaks = atWords
        ? [...text.matchAll(/\s+/g)].map((m) => m.index + m[0].length).filter((i) => i < text.length)
        : [...text].reduce<number[]>((out, ch) => [...out, (out[out.length - 1] ?? 0) + ch.length], []).slice(0, -1);
      let lo = -1;
      let hi = breaks.length - 1;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi + 1) / 2);
        if (heightOf(sliceRuns(runs, 0, breaks[mid]!), width, cellSize) <= maxHeight) lo = mid;
        else hi = mid - 1;
      }
      // A first word longer than the room (a long reference with no spaces) is cut where the room ends.
      if (lo < 0) return atWords ? splitRuns(runs, width, maxHeight, false) : undefined;
      return [sliceRuns(runs, 0, breaks[lo]!), sliceRuns(runs, breaks[lo]!, text.length)];
    };

    const thead = tagged.struct('THead');
    tableEl.add(thead);
    const headRow = tagged.struct('TR');
    thead.add(headRow);
    const headEls = headerCells.map(() => {
      const th = tagged.struct('TH', { scope: 'Column' });
      headRow.add(th);
      return th;
    });
    drawRow(headerCells, true, headEls);
    headEls.forEach((th) => th.end());
    headRow.end();
    thead.end();
    const tbody = tagged.struct('TBody');
    tableEl.add(tbody);
    const bodyHeight = area.bottom - area.top;
    for (const row of block.rows) {
      const rowEl = tagged.struct('TR');
      tbody.add(rowEl);
      const cellEls = row.map(() => {
        const td = tagged.struct('TD');
        rowEl.add(td);
        return td;
      });
      let rest = row;
      for (;;) {
        const height = rowHeight(rest, false);
        if (doc.y + height <= area.bottom) {
          drawRow(rest, false, cellEls);
          break;
        }
        // A row never splits across a page: it moves whole to the next, under the repeated header.
        if (height + headerHeight <= bodyHeight) {
          repeatHeader();
          drawRow(rest, false, cellEls);
          break;
        }
        // Only a row taller than a whole page is split, line by line, continuing under the repeated header.
        if (area.bottom - doc.y < 4 * cellSize * 1.4) repeatHeader();
        const room = area.bottom - doc.y;
        const parts = rest.map((cell, i) => splitCell(cell, widths[i]!, room));
        if (parts.every(([fit]) => fit.every((runs) => runs.every((r) => r.text === '')))) {
          drawRow(rest, false, cellEls);
          break;
        }
        drawRow(
          parts.map(([fit]) => fit),
          false,
          cellEls,
        );
        if (parts.every(([, more]) => more.length === 0)) break;
        rest = parts.map(([, more]) => (more.length ? more : [[{ text: '' }]]));
        repeatHeader();
      }
      cellEls.forEach((td) => td.end());
      rowEl.end();
    }
    tbody.end();
    tableEl.end();
    doc.y += 8;
  }

  // The running header and footer on every page, as artifacts: a reader skips them, a printout shows them.
  const running = model.running;
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: area.left, right: PAGE.width - area.right };
    // One line of furniture, centred as a whole (pdfkit centres each continued piece on its own).
    const line = (runs: Run[], y: number, size: number, color = 'black') => {
      const pieces = runs.flatMap((r) => byFamily(r.text).map((p) => ({ ...p, bold: !!r.bold, color: r.color ?? color })));
      const widthOf = (p: (typeof pieces)[number]) => {
        useFont(p.bold, false, size, p.family);
        return doc.widthOfString(p.text);
      };
      let x = (PAGE.width - pieces.reduce((w, p) => w + widthOf(p), 0)) / 2;
      for (const p of pieces) {
        const width = widthOf(p);
        doc.fillColor(p.color).text(p.text, x, y, { lineBreak: false });
        x += width;
      }
    };
    artifact(() => {
      let y = PAGE.edge;
      if (model.draft) {
        line([{ text: running.draftLabel, bold: true }], y, 16, RED);
        y += HEADER_LINES.draft;
      }
      line([{ text: model.letterhead.protectiveMarking, bold: true }], y, 9);
      y += HEADER_LINES.marking;
      const headerRuns: RenderRun[] = [
        { text: `${running.courtLabel}: `, bold: true },
        { text: running.court },
        { text: `  |  ${running.caseNumberLabel}: `, bold: true },
        { text: running.caseNumber },
        { text: `  |  ${running.hearingDateLabel}: `, bold: true },
        { text: running.hearingDate },
      ];
      let x = area.left;
      if (assets.logo && logoImage && model.letterhead.logo) {
        const h = 11;
        doc.image(logoImage!, rtl ? area.right - (h * assets.logo.widthPx) / assets.logo.heightPx : x, y - 1, { height: h });
        x += rtl ? 0 : (h * assets.logo.widthPx) / assets.logo.heightPx + 4;
      }
      doc.y = y;
      drawRuns(headerRuns, x, area.right - x, { size: 9, align: rtl ? 'right' : 'left' });
      y += HEADER_LINES.running;
      doc.save().lineWidth(0.5).strokeColor(RULE).moveTo(area.left, y).lineTo(area.right, y).stroke().restore();

      y = PAGE.height - PAGE.edge - FOOTER_HEIGHT;
      doc.save().lineWidth(0.5).strokeColor(RULE).moveTo(area.left, y).lineTo(area.right, y).stroke().restore();
      y += 4;
      line([{ text: `${running.pageLabel} ${i + 1} ${running.ofLabel} ${pages.count}` }], y, 9);
      y += 12;
      line(
        [{ text: `${running.caseNumberLabel}: ` }, { text: running.caseNumber }, ...(model.draft ? [{ text: `  |  ${running.draftLabel}`, bold: true, color: RED }] : [])],
        y,
        9,
      );
      y += 12;
      // The version and its issue date beside the content hash: which issued document this page belongs to.
      line([{ text: `${running.version ? `${running.version} · ` : ''}${running.contentHashLabel}: sha256:${assets.contentHash}` }], y, 7, GREY);
      y += 10;
      line([{ text: model.letterhead.protectiveMarking, bold: true }], y, 9);
    });
    doc.page.margins = margins;
  }

  doc.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}
