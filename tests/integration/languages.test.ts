import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { Person } from '../../main/contract/people';
import type { RenderedReport } from '../../main/contract/report';
import { storeSnapshot, tempDir, testCore, type TestCore } from '../support/core';
import { cli } from '../support/doors';
import { womanWithTwoDependants } from '../fixtures/interviews';
import { textOf } from '../support/reports';

// The report is written in the court's language, chosen per case and independent of the screens'
// language (docs/languages.md); each person keeps the language of their own screens; the CLI
// speaks the language it is asked to. Every door refuses a language it cannot write in by name.

let core: TestCore;
let officer: Person;
let dir: string;
const as = (person: Person) => ({ session: { personId: person.id }, actor: person.fullName });

beforeEach(async () => {
  core = testCore();
  dir = tempDir('psr-languages-');
  officer = (await core.call('people.list', {}))[0]!;
});
afterEach(() => {
  core.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every text a reader sees in a preview, in order. */
function previewText(model: RenderedReport): string {
  const out: string[] = [model.title];
  for (const section of model.sections) {
    out.push(section.title);
    for (const block of section.blocks) {
      if (block.kind === 'heading') out.push(block.text);
      else if (block.kind === 'paragraph') out.push(block.runs.map((r) => r.text).join(''));
      else if (block.kind === 'table') out.push(block.caption, ...block.header, ...block.rows.flat(2).flatMap((runs) => runs.map((r) => r.text)));
    }
  }
  return out.join('\n');
}

let cases = 0;
async function caseInterviewed(courtLanguage?: string) {
  const c = womanWithTwoDependants(`CR-2026-${2000 + ++cases}`);
  const record = await core.call('cases.create', { details: { ...c.details, ...(courtLanguage ? { courtLanguage } : {}) } }, as(officer));
  const { form } = await core.call('interview.open', { caseId: record.id }, as(officer));
  await core.call('interview.save', { caseId: record.id, version: 0, interview: { formId: form.id, formVersion: form.version, answers: c.interview.answers } }, as(officer));
  return record;
}

describe('a report in the court’s language', () => {
  it('writes the report of a case whose court speaks French in French: headings, answers and the service’s own words', async () => {
    const record = await caseInterviewed('fr');
    const model = await core.call('report.preview', { caseId: record.id, templateId: 'full-report' }, as(officer));
    expect(model).toMatchObject({ language: 'fr', direction: 'ltr', title: 'Rapport présentenciel' });
    expect(model.letterhead.serviceName).not.toBe('Probation Service');
    const text = previewText(model);
    expect(text).toContain('Page de garde');
    expect(text).not.toMatch(/\bFront sheet\b|\bPre-sentence report\b/);
    // The screens may be in any language: the templates the Report page offers are titled in the report's.
    const offered = await core.call('report.templates', { caseId: record.id }, as(officer));
    expect(offered.find((t) => t.id === 'full-report')).toMatchObject({ title: 'Rapport présentenciel', language: 'fr' });
  });

  it('writes an Arabic report right to left, and a case with no court language in the service’s language', async () => {
    const arabic = await caseInterviewed('ar');
    const model = await core.call('report.preview', { caseId: arabic.id, templateId: 'full-report' }, as(officer));
    expect(model).toMatchObject({ language: 'ar', direction: 'rtl' });
    const plain = await caseInterviewed();
    expect(await core.call('report.preview', { caseId: plain.id, templateId: 'full-report' }, as(officer))).toMatchObject({ language: 'en-GB', direction: 'ltr' });
  });

  it('prints a draft in another language when asked, and refuses a language it has no words for, naming the field', async () => {
    const record = await caseInterviewed('fr');
    const spanish = await core.call('report.preview', { caseId: record.id, templateId: 'full-report', language: 'es' }, as(officer));
    expect(spanish.language).toBe('es');
    const before = storeSnapshot(core);
    const refused = await core.raw('report.export', { caseId: record.id, templateId: 'full-report', language: 'de' }, as(officer));
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', key: 'report.errors.noTranslation', path: '$.language' } });
    expect(storeSnapshot(core)).toBe(before);
    const badTag = await core.raw('report.preview', { caseId: record.id, templateId: 'full-report', language: 'not a language' }, as(officer));
    expect(badTag).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: '$.language' }] } });
  });

  it('exports the same refusal at the command line, and a DOCX in the language asked for', async () => {
    const record = await caseInterviewed();
    const out = path.join(dir, 'rapport.docx');
    const french = await cli(core, 'export', record.id, '--template', 'full-report', '--language', 'fr', '--out', out);
    expect(french.code).toBe(0);
    const document = textOf(strFromU8(unzipSync(fs.readFileSync(out))['word/document.xml']!));
    expect(document).toContain('Rapport présentenciel');
    const refused = await cli(core, 'export', record.id, '--template', 'full-report', '--language', 'de', '--out', path.join(dir, 'b.docx'));
    expect(refused.code).toBe(1);
    // Named as the court would read it: the language, in the CLI's own language.
    expect(refused.err).toContain('no translation into German');
    expect(fs.existsSync(path.join(dir, 'b.docx'))).toBe(false);
  });
});

describe('the accessible PDF in Chinese', () => {
  it('sets Chinese in the computer’s Chinese font, embedded, so the text reads back', async () => {
    const record = await caseInterviewed('zh');
    const exported = await core.call('report.export', { caseId: record.id, templateId: 'full-report', format: 'pdf' }, as(officer));
    const pdf = path.join(dir, 'zh.pdf');
    fs.writeFileSync(pdf, Buffer.from(exported.fileBase64, 'base64'));
    expect(execFileSync('pdffonts', [pdf], { encoding: 'utf8' })).toMatch(/NotoSansCJK|MicrosoftYaHei|PingFang/);
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })).toContain('判决前报告');
  });
});

describe('each person’s screens in their own language', () => {
  it('keeps the language a person chooses with the person, and refuses one the app is not in', async () => {
    const chosen = await core.call('session.setLanguage', { language: 'zh' }, as(officer));
    expect(chosen.language).toBe('zh');
    expect((await core.call('people.list', {})).find((p) => p.id === officer.id)?.language).toBe('zh');
    const before = storeSnapshot(core);
    const refused = await core.raw('session.setLanguage', { language: 'de' }, as(officer));
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: '$.language' }] } });
    expect(storeSnapshot(core)).toBe(before);
  });
});

describe('psr in the language it is asked to speak', () => {
  it('gives its help in French with --lang and in Arabic with PSR_LANG, and refuses a language it does not speak', async () => {
    const french = await cli(core, '--lang', 'fr', '--help');
    expect(french.out).toContain('Rédaction de rapports présentenciels');
    process.env.PSR_LANG = 'ar';
    try {
      const arabic = await cli(core, '--help');
      expect(arabic.out).toMatch(/[\u0600-\u06FF]{4,}/);
    } finally {
      delete process.env.PSR_LANG;
    }
    const unknown = await cli(core, '--lang', 'xx', 'case', 'list');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('ar, zh, en, fr, ru, es');
  });

  it('renders a case file in the language asked for with psr render --language', async () => {
    const file = path.join(dir, 'case.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'psr-case-file', formatVersion: 1, case: womanWithTwoDependants().details }));
    const out = path.join(dir, 'ru.docx');
    const rendered = await cli(core, 'render', file, '--template', 'full-report', '--language', 'ru', '--out', out, '--report-date', '2026-11-26');
    expect(rendered.code).toBe(0);
    const document = textOf(strFromU8(unzipSync(fs.readFileSync(out))['word/document.xml']!));
    expect(document).toMatch(/[\u0400-\u04FF]{4,}/);
    expect(document).not.toContain('Front sheet');
  });
});
