import { describe, expect, it } from 'vitest';
import { FIXED_TIMESTAMP } from '../../../main/export/package';
import { renderReportFile } from '../../../main/export/index';
import { ALL_TEMPLATE_DIRS, docxParts, expectedNumbers, fixture, paragraphNumbers, textOf } from '../../support/reports';

const render = (templateId: string, input: unknown) => renderReportFile(input, templateId, { dirs: ALL_TEMPLATE_DIRS });

/** The modification date and time of every local file header in a zip, as DOS values. */
function zipEntryTimes(bytes: Uint8Array): Array<[number, number]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 30 <= bytes.length; ) {
    if (view.getUint32(i, true) !== 0x04034b50) break;
    out.push([view.getUint16(i + 12, true), view.getUint16(i + 10, true)]);
    const size = view.getUint32(i + 18, true);
    i += 30 + view.getUint16(i + 26, true) + view.getUint16(i + 28, true) + size;
  }
  return out;
}

describe('DOCX export', () => {
  it('gives the same bytes for the same report, so a clerk can trust two copies are one document', async () => {
    const a = await render('full-report', fixture('woman-with-dependants'));
    const b = await render('full-report', fixture('woman-with-dependants'));
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const core = docxParts(a.bytes)['docProps/core.xml']!;
    expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${FIXED_TIMESTAMP}</dcterms:created>`);
    expect(core).toContain(`<dcterms:modified xsi:type="dcterms:W3CDTF">${FIXED_TIMESTAMP}</dcterms:modified>`);
    const times = zipEntryTimes(a.bytes);
    expect(times.length).toBe(Object.keys(docxParts(a.bytes)).length + 1); // + the logo
    // 1 January 2000, 00:00 in DOS format.
    for (const t of times) expect(t).toEqual([((2000 - 1980) << 9) | (1 << 5) | 1, 0]);
  });

  it('shows a content hash in the properties and on every page footer, and a change to the officer’s text changes it', async () => {
    const input = fixture('woman-with-dependants');
    const a = await render('full-report', input);
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const parts = docxParts(a.bytes);
    expect(parts['docProps/custom.xml']).toContain(`<vt:lpwstr>sha256:${a.contentHash}</vt:lpwstr>`);
    expect(textOf(parts['word/footer1.xml']!)).toContain(`sha256:${a.contentHash}`);
    input.written = { ...input.written, circumstances: `${input.written?.circumstances ?? ''} Her arrears were cleared on 1 December.` };
    const b = await render('full-report', input);
    expect(b.contentHash).not.toBe(a.contentHash);
  });

  it('fills the document properties: title, author, subject', async () => {
    const core = docxParts((await render('full-report', fixture('woman-with-dependants'))).bytes)['docProps/core.xml']!;
    expect(core).toContain('<dc:title>Pre-sentence report: Okafor, Amina (CR-2026-0415)</dc:title>');
    expect(core).toContain('<dc:creator>Officer Jane Doyle</dc:creator>');
    expect(core).toContain('<dc:subject>Pre-sentence report (full written report) - City Magistrates&apos; Court, CR-2026-0415</dc:subject>');
  });

  it("uses real heading styles with outline levels, so Word's navigation pane lists the sections", async () => {
    const result = await render('full-report', fixture('woman-with-dependants'));
    const parts = docxParts(result.bytes);
    const styles = parts['word/styles.xml']!;
    for (const [id, level] of [['Heading1', 0], ['Heading2', 1], ['Heading3', 2]] as const) {
      const style = new RegExp(`<w:style w:type="paragraph" w:styleId="${id}">[\\s\\S]*?</w:style>`).exec(styles)?.[0];
      expect(style, id).toContain(`<w:outlineLvl w:val="${level}"/>`);
    }
    const headings = parts['word/document.xml']!.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="Heading1"\/>[\s\S]*?<\/w:p>/g)!;
    expect(headings.map(textOf)).toEqual(result.model.sections.map((s) => s.title));
  });

  it('tags the language, uses a font every court machine has, and gives the logo alt text', async () => {
    const parts = docxParts((await render('full-report', fixture('woman-with-dependants'))).bytes);
    expect(parts['word/styles.xml']).toContain('<w:lang w:val="en-GB"/>');
    expect(parts['word/styles.xml']).toMatch(/<w:rFonts w:ascii="Arial" w:cs="Noto Naskh Arabic" w:eastAsia="Noto Sans CJK SC" w:hAnsi="Arial"\/>/);
    const docPr = parts['word/document.xml']!.match(/<wp:docPr [^>]*>/g)!;
    expect(docPr[0]).toContain('descr="Probation Service emblem: a blue shield with a white balance"');
  });

  it('repeats the header row of every table on each page', async () => {
    const xml = docxParts((await render('full-report', fixture('woman-with-dependants'))).bytes)['word/document.xml']!;
    const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!;
    expect(tables.length).toBeGreaterThanOrEqual(5);
    for (const table of tables) {
      const rows = table.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!;
      expect(rows[0]).toContain('<w:tblHeader/>');
      expect(rows.slice(1).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    }
  });

  it('keeps every table row whole on one page, so no entry is read half on one page and half on the next', async () => {
    const xml = docxParts((await render('full-report', fixture('woman-with-dependants'))).bytes)['word/document.xml']!;
    const rows = xml.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!;
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row).toContain('<w:cantSplit/>');
  });

  it('gives every line height its rule, so LibreOffice does not read it as an exact height and clip the logo', async () => {
    const parts = docxParts((await render('full-report', fixture('woman-with-dependants'))).bytes);
    const spacings = Object.values(parts).flatMap((xml) => xml.match(/<w:spacing [^>]*w:line="[^"]*"[^>]*\/>/g) ?? []);
    expect(spacings.length).toBeGreaterThan(0);
    for (const s of spacings) expect(s).toMatch(/w:lineRule="auto"/);
  });

  it('writes each table caption in Word\'s caption style, kept with its table', async () => {
    const xml = docxParts((await render('full-report', fixture('woman-with-dependants'))).bytes)['word/document.xml']!;
    const beforeTables = [...xml.matchAll(/(<w:p>(?:(?!<w:p>)[\s\S])*?<\/w:p>)<w:tbl>/g)].map((m) => m[1]!);
    expect(beforeTables.length).toBeGreaterThanOrEqual(5);
    for (const p of beforeTables) {
      expect(p).toContain('<w:pStyle w:val="Caption"/>');
      expect(p).toContain('<w:keepNext/>');
    }
  });

  it('marks a draft on every page and a final report on none', async () => {
    const draft = docxParts((await render('full-report', fixture('woman-with-dependants'))).bytes);
    expect(textOf(draft['word/header1.xml']!)).toContain('DRAFT - NOT FOR USE IN COURT');
    const final = docxParts((await render('short-format-report', fixture('young-adult'))).bytes);
    expect(textOf(final['word/header1.xml']!) + textOf(final['word/footer1.xml']!)).not.toContain('DRAFT');
  });

  it('writes XML-special characters, emoji and combining marks as typed, and drops a control character, saying so', async () => {
    const input = fixture('woman-with-dependants');
    // The officer's text as pasted in: markup-like characters, a combining mark, an emoji and a bell.
    input.written = { ...input.written, circumstances: 'She wrote <b>bold?</b> & "quoted" \'text\' to Dr Zoe\u0308 Hart 👩‍👧‍👦 and a bell\u0007 came with it.' };
    const result = await render('full-report', input);
    const xml = docxParts(result.bytes)['word/document.xml']!;
    expect(xml).toContain('&lt;b&gt;bold?&lt;/b&gt; &amp; &quot;quoted&quot; &apos;text&apos;');
    expect(xml).toContain('Dr Zoe\u0308 Hart');
    expect(xml).toContain('👩‍👧‍👦');
    expect(xml).not.toContain('\u0007');
    // The fixture's answer with a bell is evidence only, not printed, so only the printed text is named.
    expect(result.dropped).toEqual([{ path: '$.written.circumstances', codePoints: ['U+0007'], count: 1 }]);
  });

  it('writes a right-to-left template with bidi paragraphs, runs and tables, keeping the Latin case number left-to-right', async () => {
    const parts = docxParts((await render('test-rtl-ar', fixture('arabic-language'))).bytes);
    const xml = parts['word/document.xml']!;
    const paragraphs = xml.match(/<w:p>[\s\S]*?<\/w:p>|<w:p [^>]*>[\s\S]*?<\/w:p>/g)!;
    expect(paragraphs.filter((p) => !p.includes('<w:bidi/>'))).toEqual([]);
    expect(xml).toContain('<w:rtl/>');
    expect(xml.match(/<w:tbl>/g)!.length).toBe(xml.match(/<w:bidiVisual\/>/g)!.length);
    const caseNumberRuns = [...xml.matchAll(/<w:r>((?:(?!<\/w:r>)[\s\S])*?)<w:t[^>]*>CR-2026-0902<\/w:t><\/w:r>/g)];
    expect(caseNumberRuns.length).toBeGreaterThan(0);
    for (const r of caseNumberRuns) expect(r[1]).not.toContain('<w:rtl/>');
    expect(parts['word/styles.xml']).toContain('<w:lang w:val="ar" w:bidi="ar"/>');
  });

  it('numbers paragraphs from 1 again in each section the template marks as a restart point, and carries on elsewhere', async () => {
    const result = await render('full-report', fixture('young-adult'));
    const numbers = paragraphNumbers(docxParts(result.bytes));
    expect(numbers).toEqual(expectedNumbers(result.model));
    // Circumstances restarts; the maturity section after it carries on from it.
    expect(numbers.filter((n) => n.section.startsWith('Circumstances')).map((n) => n.number)).toEqual([1, 2]);
  });
});
