import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { verifyDocument } from '../../main/export/signature';
import { SigningKeyRepository } from '../../main/store/signingKeys';
import type { Person } from '../../main/contract/people';
import type { Proposal } from '../../main/contract/options';
import type { ReportText } from '../../main/contract/reportText';
import type { ApiResult } from '../../main/contract/errors';
import { storeSnapshot, tempDir, testCore, type TestCore } from '../support/core';
import { cli, httpDoor, ipcDoor } from '../support/doors';
import { womanWithTwoDependants } from '../fixtures/interviews';
import { textOf } from '../support/reports';
import { commentOf, withComment } from '../support/signedZip';

// A report's life through the handler table over a real SQLite file: written by its author,
// submitted, commented on and returned by a senior officer, resubmitted, countersigned, issued as
// a signed document a clerk can verify, and amended with the changes stated. Every refusal names
// the rule and changes nothing.

let core: TestCore;
let officer: Person;
let senior: Person;
let colleague: Person;
let screener: Person;

const as = (person: Person) => ({ session: { personId: person.id }, actor: person.fullName });

beforeEach(async () => {
  core = testCore();
  officer = (await core.call('people.list', {}))[0]!;
  senior = await core.call('people.add', { details: { fullName: 'Sam Senior', role: 'senior_probation_officer', team: 'North', service: 'Probation Service' } });
  colleague = await core.call('people.add', { details: { fullName: 'Cole Colleague', role: 'probation_officer', team: 'North', service: 'Probation Service' } });
  screener = await core.call('people.add', { details: { fullName: 'Grace Mensah', role: 'screener', team: 'Outreach', service: 'Hope Community Trust' } });
});
afterEach(() => core.cleanup());

const proposal = (rationale = 'A community order keeps her children at home while the supervision addresses her debts.'): Proposal => ({
  selected: [{ type: 'option', id: 'sentencing.probation' }],
  rationale,
  alternatives: [],
  conditions: [],
  acknowledgements: [],
});

/** A case its officer has written to the point the Write the report page calls ready. */
let cases = 0;
async function readyCase(reportType: 'full' | 'short_format' = 'full') {
  const c = womanWithTwoDependants();
  const record = await core.call('cases.create', { details: { ...c.details, reportType, caseNumber: `CR-2026-${1000 + ++cases}` } }, as(officer));
  // The interview on the case's own form: the answers its questions ask.
  const { form } = await core.call('interview.open', { caseId: record.id }, as(officer));
  const asked = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'id' && typeof x === 'string') asked.add(x);
        else walk(x);
      }
  };
  walk(form);
  const answers = Object.fromEntries(Object.entries(c.interview.answers).filter(([id]) => asked.has(id)));
  await core.call('interview.save', { caseId: record.id, version: 0, interview: { formId: form.id, formVersion: form.version, answers } }, as(officer));
  const saved = await core.call('proposal.save', { caseId: record.id, version: 0, proposal: proposal() }, as(officer));
  const conditionChecks = saved.checks.checks.map((k) => ({ checkId: k.id, reason: 'Weighed with the court’s question in mind.' }));
  await core.call('proposal.save', { caseId: record.id, version: 1, proposal: { ...proposal(), acknowledgements: conditionChecks } }, as(officer));
  const { sections } = await core.call('reportText.get', { caseId: record.id }, as(officer));
  const text: ReportText = {
    sections: Object.fromEntries(sections.filter((s) => s.applies).map((s) => [s.id, { text: `In my assessment the facts recorded for ${s.id} weigh towards supervision in the community.` }])),
    acknowledgements: [],
  };
  const open = await core.call('reportText.checks', { caseId: record.id, text }, as(officer));
  const answered: ReportText = { ...text, acknowledgements: open.analysis.map((k) => ({ checkId: k.id, reason: 'Weighed: the court asked about her caring responsibilities.' })) };
  await core.call('reportText.save', { caseId: record.id, version: 0, text: answered }, as(officer));
  const { readiness } = await core.call('reportText.checks', { caseId: record.id }, as(officer));
  expect(readiness).toEqual({ ready: true, blockers: [] });
  return { record, sections: sections.filter((s) => s.applies) };
}

/** A refused call: its error, and proof that it changed nothing in the store. */
async function refused(method: string, input: unknown, person: Person): Promise<{ code: string; key: string | undefined; message: string }> {
  const before = storeSnapshot(core);
  const result = (await core.raw(method, input, as(person))) as ApiResult<unknown>;
  expect(result.ok).toBe(false);
  expect(storeSnapshot(core)).toBe(before);
  if (result.ok) throw new Error('unreachable');
  return { code: result.error.code, key: result.error.key, message: result.error.message };
}

function documentText(fileBase64: string): string {
  const parts = unzipSync(Buffer.from(fileBase64, 'base64'));
  return Object.entries(parts)
    .filter(([name]) => /^word\/(document|footer\d*|header\d*)\.xml$/.test(name))
    .map(([, bytes]) => textOf(strFromU8(bytes)))
    .join('\n');
}

describe('a report’s life from its author to an issued document', () => {
  it('goes to review, comes back with comments by section, is countersigned by a senior officer and issued', async () => {
    const { record, sections } = await readyCase();
    const caseId = record.id;
    const first = sections[0]!.id;

    const submitted = await core.call('report.submit', { caseId, templateId: 'full-report' }, as(officer));
    expect(submitted.current).toMatchObject({ number: 1, state: 'submitted', author: { name: 'officer.test' }, submitted: { name: 'officer.test' } });
    expect(submitted.editable.ok).toBe(false);

    // With the reviewer, the author cannot change it, and the author cannot countersign their own report.
    expect(await refused('proposal.save', { caseId, version: 2, proposal: proposal('Changed while with the reviewer.') }, officer)).toMatchObject({ key: 'errors.lifecycle.withReviewer' });
    expect(await refused('report.countersign', { caseId }, officer)).toMatchObject({ code: 'forbidden', key: 'errors.needsRole' });
    // A screener never countersigns; the refusal names the role it needs.
    expect((await refused('report.countersign', { caseId }, screener)).message).toMatch(/senior/i);

    const reviewerView = await core.call('report.life', { caseId }, as(senior));
    expect(reviewerView.actions).toEqual(expect.arrayContaining(['return', 'countersign']));
    await core.call('review.comment', { caseId, sectionId: first, body: 'Say how the debts affect the order’s feasibility.' }, as(senior));
    await core.call('review.comment', { caseId, sectionId: null, body: 'Check the spelling of the court’s name throughout.' }, as(senior));
    const returned = await core.call('report.return', { caseId, comment: 'Two points to address, then resubmit.' }, as(senior));
    expect(returned.current).toMatchObject({ state: 'returned', returned: { name: 'Sam Senior' } });

    // The author sees each comment by its section, and must address each one before resubmitting.
    const authorView = await core.call('report.life', { caseId }, as(officer));
    expect(authorView.editable.ok).toBe(true);
    expect(authorView.canAddress).toBe(true);
    const open = authorView.comments.filter((c) => !c.addressed);
    expect(open.map((c) => c.sectionId)).toEqual(expect.arrayContaining([first, null]));
    expect(await refused('report.submit', { caseId, templateId: 'full-report' }, officer)).toMatchObject({ key: 'errors.lifecycle.openComments' });
    for (const c of open) await core.call('review.address', { caseId, commentId: c.id, note: 'Done.' }, as(officer));
    expect(await refused('review.address', { caseId, commentId: open[0]!.id }, officer)).toMatchObject({ key: 'errors.lifecycle.alreadyAddressed' });
    await core.call('report.submit', { caseId, templateId: 'full-report' }, as(officer));

    const countersigned = await core.call('report.countersign', { caseId }, as(senior));
    expect(countersigned.current).toMatchObject({ state: 'countersigned', countersigned: { name: 'Sam Senior', role: 'senior_probation_officer' } });
    const issued = await core.call('report.issue', { caseId }, as(officer));
    expect(issued.current).toMatchObject({ number: 1, state: 'issued', issued: { name: 'officer.test' } });
    expect(issued.current!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // The comments and their resolution stay in the history.
    expect(issued.comments.every((c) => c.addressed?.name === 'officer.test' && c.addressedNote === 'Done.')).toBe(true);

    const file = await core.call('report.export', { caseId }, as(officer));
    expect(file.fileName).toMatch(/-v1\.docx$/);
    expect(file.contentHash).toBe(issued.current!.contentHash);
    const words = documentText(file.fileBase64);
    expect(words).not.toMatch(/DRAFT/);
    expect(words).toContain('officer.test');
    expect(words).toContain('Sam Senior');
    expect(words).toContain('Senior probation officer');
    expect(words).toContain(issued.current!.contentHash!);
    const verified = await core.call('documents.verify', { fileBase64: file.fileBase64 }, as(officer));
    expect(verified).toMatchObject({ status: 'valid', statement: { status: 'issued', reportVersion: 1, contentHash: issued.current!.contentHash } });
  });

  it('refuses to issue a full report without review, and issues a short-format report straight from its draft where the jurisdiction allows it', async () => {
    const full = await readyCase('full');
    expect(await refused('report.issue', { caseId: full.record.id, templateId: 'full-report' }, officer)).toMatchObject({ key: 'errors.lifecycle.reviewNeeded' });

    const short = await readyCase('short_format');
    const life = await core.call('report.life', { caseId: short.record.id }, as(officer));
    expect(life.reviewOptional).toBe(true);
    const issued = await core.call('report.issue', { caseId: short.record.id, templateId: 'short-format-report' }, as(officer));
    expect(issued.current).toMatchObject({ number: 1, state: 'issued', countersigned: null });
  });

  it('refuses an issued report any change, and an amendment makes version 2 whose report states what changed since version 1', async () => {
    const { record } = await readyCase('short_format');
    const caseId = record.id;
    const v1 = await core.call('report.issue', { caseId, templateId: 'short-format-report' }, as(officer));
    const firstFile = await core.call('report.export', { caseId, version: 1 }, as(officer));

    expect(await refused('proposal.save', { caseId, version: 2, proposal: proposal('Changed after issue.') }, officer)).toMatchObject({ key: 'errors.lifecycle.issued' });
    expect(await refused('report.amend', { caseId, reason: '   ' }, officer)).toMatchObject({ code: 'invalid_input' });
    // The store itself refuses an update of an issued version, whatever the code does.
    expect(() => core.db.prepare(`UPDATE report_versions SET content_hash = 'x' WHERE case_id = ?`).run(caseId)).toThrow();

    const amended = await core.call('report.amend', { caseId, reason: 'The court asked about the new tenancy.' }, as(officer));
    expect(amended.current).toMatchObject({ number: 2, state: 'draft', amends: { number: 1, reason: 'The court asked about the new tenancy.' } });
    const stored = await core.call('proposal.get', { caseId }, as(officer));
    await core.call('proposal.save', { caseId, version: stored!.version, proposal: { ...stored!.proposal, rationale: 'With the new tenancy a community order is the more workable sentence.' } as Proposal }, as(officer));

    const preview = await core.call('report.preview', { caseId, templateId: 'short-format-report' }, as(officer));
    const previewText = JSON.stringify(preview);
    expect(previewText).toContain('The court asked about the new tenancy.');
    expect(previewText).toContain('Reasons for the proposal: changed');

    // Version 1 still prints exactly as it was issued.
    const again = await core.call('report.export', { caseId, version: 1 }, as(officer));
    expect(again.contentHash).toBe(v1.current!.contentHash);
    expect(again.contentHash).toBe(firstFile.contentHash);
  });

  it('prints a version sent for review only in the language it was sent in, and a draft in any', async () => {
    const { record } = await readyCase();
    const caseId = record.id;
    expect((await core.call('report.preview', { caseId, templateId: 'full-report', language: 'fr' }, as(officer))).language).toBe('fr');
    await core.call('report.submit', { caseId, templateId: 'full-report' }, as(officer));
    const sent = await refused('report.export', { caseId, language: 'fr' }, officer);
    expect(sent).toMatchObject({ code: 'refused', key: 'report.errors.frozenLanguage' });
    expect((await core.call('report.preview', { caseId }, as(senior))).language).toBe('en-GB');
  });
});

describe('the issued files a clerk receives', () => {
  it('verify as issued, version 1, as DOCX and as PDF, with the same content; one changed part or byte is named', async () => {
    const { record } = await readyCase('short_format');
    const caseId = record.id;
    const issued = await core.call('report.issue', { caseId, templateId: 'short-format-report' }, as(officer));
    const docx = await core.call('report.export', { caseId, version: 1 }, as(officer));
    const pdf = await core.call('report.export', { caseId, version: 1, format: 'pdf' }, as(officer));
    expect(pdf.fileName).toMatch(/-v1\.pdf$/);
    expect(pdf.contentHash).toBe(issued.current!.contentHash);
    const trusted = new SigningKeyRepository(core.db).trusted();
    for (const file of [docx, pdf]) {
      expect(verifyDocument(Buffer.from(file.fileBase64, 'base64'), trusted)).toMatchObject({ status: 'valid', statement: { status: 'issued', reportVersion: 1, signedBy: 'officer.test', contentHash: issued.current!.contentHash } });
    }
    const bytes = Buffer.from(docx.fileBase64, 'base64');
    const parts = unzipSync(bytes);
    parts['word/document.xml'] = strToU8(strFromU8(parts['word/document.xml']!).replace('Okafor', 'Okafoz'));
    const forged = withComment(zipSync(parts), commentOf(bytes));
    expect(verifyDocument(forged, trusted)).toMatchObject({ status: 'changed', changed: ['word/document.xml'] });
    const pdfBytes = Buffer.from(pdf.fileBase64, 'base64');
    pdfBytes[2000] = pdfBytes[2000]! ^ 0x01;
    expect(verifyDocument(pdfBytes, trusted)).toMatchObject({ status: 'changed', changed: ['document'] });
  });
});

describe('who may do what, at every door', () => {
  it('lets only the author edit a draft, and names the author in the refusal', async () => {
    const { record } = await readyCase();
    const refusal = await refused('proposal.save', { caseId: record.id, version: 2, proposal: proposal('A colleague’s edit.') }, colleague);
    expect(refusal).toMatchObject({ key: 'errors.lifecycle.notAuthor' });
    expect(refusal.message).toContain('officer.test');
  });

  it('lets a senior officer give a case to another officer, who may then edit it', async () => {
    const { record } = await readyCase();
    expect(await refused('cases.assign', { caseId: record.id, personId: colleague.id }, colleague)).toMatchObject({ key: 'errors.lifecycle.assignOthers' });
    const life = await core.call('cases.assign', { caseId: record.id, personId: colleague.id }, as(senior));
    expect(life.author).toMatchObject({ personId: colleague.id, name: 'Cole Colleague' });
    expect((await core.call('report.life', { caseId: record.id }, as(colleague))).editable.ok).toBe(true);
  });

  it('refuses a screener the same submission at the IPC door, in browser mode and on the command line', async () => {
    const { record } = await readyCase();
    const input = { caseId: record.id, templateId: 'full-report' };
    const ipc = ipcDoor(core);
    const http = await httpDoor(core);
    try {
      for (const door of [ipc, http]) {
        const choose = door === ipc ? await ipc.invoke('session.choose', { personId: screener.id }) : (await http.post('session.choose', JSON.stringify({ personId: screener.id }))).json;
        expect(choose.ok).toBe(true);
      }
      const viaIpc = await ipc.invoke('report.submit', input);
      const viaHttp = (await http.post('report.submit', JSON.stringify(input))).json;
      const viaCli = await cli(core, '--as', 'Grace Mensah', '--json', 'report', 'submit', record.id, '--template', 'full-report');
      for (const result of [viaIpc, viaHttp]) expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.needsRole' } });
      expect(viaCli.code).not.toBe(0);
      expect(viaCli.err).toMatch(/needs the probation officer or senior probation officer role/i);
      expect((await core.call('report.life', { caseId: record.id }, as(officer))).current).toBeNull();
    } finally {
      await http.close();
    }
  });
});

describe('psr report', () => {
  it('takes the report through review to issue on the command line, and exports the issued version by its number', async () => {
    const { record } = await readyCase();
    const id = record.id;
    const asOfficer = ['--as', 'officer.test'];
    const asSenior = ['--as', 'Sam Senior'];
    expect((await cli(core, ...asOfficer, 'report', 'submit', id, '--template', 'full-report')).out).toMatch(/Submitted for review/);
    const commented = await cli(core, ...asSenior, 'report', 'comment', id, '--body', 'Say more about her debts.', '--section', 'conclusion');
    expect(commented.out).toMatch(/on conclusion by Sam Senior: Say more about her debts\.\n {2}Open/);
    expect((await cli(core, ...asSenior, 'report', 'return', id, '--comment', 'One point.')).out).toMatch(/Returned with comments/);
    // The comment on the section and the one the return was made with are both open until addressed.
    const open = [...(await cli(core, ...asOfficer, 'report', 'life', id)).out.matchAll(/Comment ([0-9a-f-]{36})/g)].map((m) => m[1]!);
    expect(open).toHaveLength(2);
    for (const commentId of open) expect((await cli(core, ...asOfficer, 'report', 'address', id, commentId, '--note', 'Added a paragraph.')).out).toMatch(/Addressed by officer\.test: Added a paragraph\./);
    expect(await cli(core, ...asOfficer, 'report', 'submit', id, '--template', 'full-report')).toMatchObject({ code: 0, err: '' });
    const signed = await cli(core, ...asSenior, 'report', 'countersign', id);
    expect(signed.err).toBe('');
    expect(signed.out).toMatch(/Countersigned by Sam Senior/);
    const issued = await cli(core, ...asOfficer, 'report', 'issue', id);
    expect(issued.out).toMatch(/Report for case CR-2026-\d+: Issued/);
    const hash = /Content hash: ([0-9a-f]{64})/.exec(issued.out)![1]!;

    const dir = tempDir('psr-life-cli-');
    try {
      const out = path.join(dir, 'issued.docx');
      const exported = await cli(core, ...asOfficer, 'export', id, '--version', '1', '--out', out);
      expect(exported).toMatchObject({ code: 0, err: '' });
      expect(exported.out).toContain(hash);
      expect((await cli(core, ...asOfficer, 'export', id, '--version', 'two', '--out', out, '--force')).err).toContain('$.version');
      expect((await cli(core, ...asOfficer, 'export', id, '--version', '7', '--out', out, '--force')).err).toMatch(/no report version 7/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
