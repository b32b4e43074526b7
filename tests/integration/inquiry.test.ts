import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../main/contract/api';
import type { Interview } from '../../main/contract/interview';
import type { Person, PersonDetails } from '../../main/contract/people';
import { PeopleRepository } from '../../main/store/people';
import { caseDetails, storeSnapshot, tempDir, testCore, TODAY, type TestCore } from '../support/core';
import { cli } from '../support/doors';

// Inquiries from screeners (docs/DOMAIN.md section 1): a screener from a civil society organisation
// gathers the part of the interview the service opens to screeners, on their own store, and hands
// it to the officer as a package; the officer opens a new case from it, and each answer names the
// screener and their organisation as its source.

let screenerStore: TestCore;
let officerStore: TestCore;
let dir: string;
let screener: Person;
let officer: Person;

function addPerson(core: TestCore, details: PersonDetails): Person {
  return new PeopleRepository(core.db).add(details, { actor: 'setup', at: TODAY.toISOString() });
}
const as = (person: Person) => ({ session: { personId: person.id } });

beforeEach(() => {
  screenerStore = testCore();
  officerStore = testCore();
  dir = tempDir('psr-inquiry-');
  screener = addPerson(screenerStore, { fullName: 'Grace Mensah', role: 'screener', team: 'Women’s outreach', service: 'Hope Community Trust' });
  officer = new PeopleRepository(officerStore.db).list()[0]!;
});
afterEach(() => {
  screenerStore.cleanup();
  officerStore.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const answers: Interview['answers'] = {
  'home.situation': { status: 'answered', value: 'private_rent' },
  'dependants.hasDependants': { status: 'answered', value: true },
  'dependants.people': { status: 'answered', rows: [{ relationship: { status: 'answered', value: 'child' }, firstName: { status: 'answered', value: 'Kofi' }, ageYears: { status: 'answered', value: 4 } }] },
  'work.status': { status: 'answered', value: 'part_time' },
  // The person showed the screener a letter: the screener's own source is kept.
  'finance.debt': { status: 'answered', value: 'problem', source: { kind: 'verified', by: 'Grace Mensah', how: 'Arrears letter seen' } },
  'relationships.unhealthyRelationship': { status: 'answered', value: 'none_known' },
};

/** The screener opens the case on their store, records what they gathered and exports the inquiry. */
async function prepareInquiry(details = caseDetails()): Promise<Output<'inquiry.export'>> {
  const record = await screenerStore.call('cases.create', { details }, as(screener));
  const opened = await screenerStore.call('interview.open', { caseId: record.id }, as(screener));
  await screenerStore.call('interview.save', { caseId: record.id, version: 0, interview: { formId: opened.form.id, formVersion: opened.form.version, answers }, saveId: 'inquiry-1' }, as(screener));
  return screenerStore.call('inquiry.export', { caseId: record.id }, as(screener));
}

describe('a screener’s inquiry, exported on one store and imported by the officer on another', () => {
  it('carries the case, the screener and only their answers, with the not-for-disclosure marks kept', async () => {
    const { fileName, package: pkg } = await prepareInquiry();
    expect(fileName).toBe('inquiry-CR-2026-0415-2026-11-26.json');
    expect(pkg).toMatchObject({ format: 'psr-inquiry', version: 1, createdAt: TODAY.toISOString(), screener: { name: 'Grace Mensah', role: 'screener', team: 'Women’s outreach', service: 'Hope Community Trust' }, case: { caseNumber: 'CR-2026-0415' } });
    expect(Object.keys(pkg.interview.answers).sort()).toEqual(Object.keys(answers).sort());
    // A child's name and a harmful relationship stay withheld from the court's copy on the officer's store too.
    expect(pkg.interview.answers['relationships.unhealthyRelationship']).toMatchObject({ notForDisclosure: true });
    const dependants = pkg.interview.answers['dependants.people'] as { rows: Array<Record<string, { notForDisclosure?: boolean }>> };
    expect(dependants.rows[0]!.firstName).toMatchObject({ notForDisclosure: true });
  });

  it('leaves the officer’s own questions out, even when the case holds answers to them', async () => {
    const record = await screenerStore.call('cases.create', { details: caseDetails() }, as(screener));
    const opened = await screenerStore.call('interview.open', { caseId: record.id });
    // An officer on the screener's store recorded a risk level; the inquiry does not carry it.
    await screenerStore.call('interview.save', { caseId: record.id, version: 0, interview: { formId: opened.form.id, formVersion: opened.form.version, answers: { ...answers, 'risk.level': { status: 'answered', value: 'low' } } }, saveId: 'officer-1' });
    const { package: pkg } = await screenerStore.call('inquiry.export', { caseId: record.id }, as(screener));
    expect(pkg.interview.answers['risk.level']).toBeUndefined();
    expect(pkg.interview.answers['home.situation']).toBeDefined();
  });

  it('opens a new case whose answers name the screener and their organisation as their source', async () => {
    const { package: pkg } = await prepareInquiry();
    const record = await officerStore.call('inquiry.import', { package: JSON.parse(JSON.stringify(pkg)) }, as(officer));
    expect(record.details).toEqual(pkg.case);
    expect(record.createdBy).toBe('officer.test');
    const opened = await officerStore.call('interview.open', { caseId: record.id }, as(officer));
    const source = { kind: 'third_party', by: 'Grace Mensah, Women’s outreach, Hope Community Trust', how: 'Inquiry prepared 2026-11-26' };
    expect(opened.interview.answers['home.situation']).toEqual({ status: 'answered', value: 'private_rent', source });
    expect(opened.interview.answers['dependants.people']).toMatchObject({ source });
    // What the screener sourced themselves keeps its source.
    expect(opened.interview.answers['finance.debt']).toMatchObject({ source: { kind: 'verified', by: 'Grace Mensah', how: 'Arrears letter seen' } });
    expect(opened.interview.answers['relationships.unhealthyRelationship']).toMatchObject({ notForDisclosure: true, source });
  });

  it('is in the case’s history as created from an inquiry and given to the officer who imported it, with when it was prepared and how many answers it brought', async () => {
    const { package: pkg } = await prepareInquiry();
    const record = await officerStore.call('inquiry.import', { package: pkg }, as(officer));
    const history = await officerStore.call('cases.history', { id: record.id }, as(officer));
    expect(history.map((h) => h.action)).toEqual(['create', 'assign', 'create_from_inquiry']);
    // The screener and their organisation are named in the answers' sources; the audit keeps only their length.
    expect(history[2]).toMatchObject({
      actor: 'officer.test',
      changes: [
        { path: '$.inquiry.answers', after: { kind: 'value', value: 6 } },
        { path: '$.inquiry.organisation', after: { kind: 'text', length: 'Women’s outreach, Hope Community Trust'.length } },
        { path: '$.inquiry.preparedAt', after: { kind: 'value', value: TODAY.toISOString() } },
        { path: '$.inquiry.screener', after: { kind: 'text', length: 'Grace Mensah'.length } },
      ],
    });
  });

  it('refuses an inquiry for a case the store already has, naming the case number, and adds nothing', async () => {
    const { package: pkg } = await prepareInquiry();
    await officerStore.call('inquiry.import', { package: pkg }, as(officer));
    const before = storeSnapshot(officerStore);
    const again = await officerStore.raw('inquiry.import', { package: pkg }, as(officer));
    expect(again).toMatchObject({ ok: false, error: { code: 'duplicate', path: '$.case.caseNumber', key: 'errors.duplicateCase' } });
    expect(storeSnapshot(officerStore)).toBe(before);
  });
});

describe('a bad inquiry', () => {
  async function refused(pkg: unknown) {
    const before = storeSnapshot(officerStore);
    const result = await officerStore.raw('inquiry.import', { package: pkg }, as(officer));
    expect(storeSnapshot(officerStore)).toBe(before);
    expect(result.ok).toBe(false);
    return (result as { ok: false; error: { code: string; path?: string; issues?: Array<{ path: string; key?: string }> } }).error;
  }

  it('is refused naming the path of each problem, and changes nothing', async () => {
    const { package: pkg } = await prepareInquiry();
    expect(await refused('not an inquiry')).toMatchObject({ code: 'invalid_input', issues: [{ path: '$', key: 'inquiry.notObject' }] });
    expect(await refused({ ...pkg, format: 'psr-case-file' })).toMatchObject({ issues: [{ path: '$.format', key: 'inquiry.notAnInquiry' }] });
    expect(await refused({ ...pkg, version: 9 })).toMatchObject({ issues: [{ path: '$.version', key: 'inquiry.newerVersion' }] });
    expect(await refused({ ...pkg, case: { ...pkg.case, hearingDate: '2026-02-30' } })).toMatchObject({ issues: [{ path: '$.case.hearingDate' }] });
    expect(await refused({ ...pkg, screener: { ...pkg.screener, name: '' } })).toMatchObject({ issues: [{ path: '$.screener.name' }] });
    expect(await refused({ ...pkg, interview: { ...pkg.interview, formVersion: 99 } })).toMatchObject({ issues: [{ path: '$.interview.formId', key: 'forms.wrongForm' }] });
  });

  it('is refused when it answers a question that is not a screener’s, naming the answer', async () => {
    const { package: pkg } = await prepareInquiry();
    const tampered = { ...pkg, interview: { ...pkg.interview, answers: { ...pkg.interview.answers, 'risk.level': { status: 'answered', value: 'low' }, 'offence.ownAccount': { status: 'answered', value: 'It was me.' } } } };
    expect(await refused(tampered)).toMatchObject({
      code: 'invalid_input',
      issues: [
        { path: '$.interview.answers.offence.ownAccount', key: 'inquiry.notScreenerQuestion' },
        { path: '$.interview.answers.risk.level', key: 'inquiry.notScreenerQuestion' },
      ],
    });
  });

  it('is refused when an answer is over its question’s limit, naming the answer', async () => {
    const { package: pkg } = await prepareInquiry();
    const long = { ...pkg, interview: { ...pkg.interview, answers: { ...pkg.interview.answers, 'home.notes': { status: 'answered', value: 'x'.repeat(20_001) } } } };
    const error = await refused(long);
    expect(error.issues?.[0]?.path).toBe('$.interview.answers.home.notes');
  });
});

describe('who may move an inquiry', () => {
  it('lets a screener export but not import one', async () => {
    const { package: pkg } = await prepareInquiry();
    const other = addPerson(officerStore, { fullName: 'Sam Ade', role: 'screener', team: '', service: 'Hope Community Trust' });
    const before = storeSnapshot(officerStore);
    expect(await officerStore.raw('inquiry.import', { package: pkg }, as(other))).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.needsRole', params: { role: 'probation_officer,senior_probation_officer' } } });
    expect(storeSnapshot(officerStore)).toBe(before);
  });

  it('does not let an administrator export one', async () => {
    const record = await screenerStore.call('cases.create', { details: caseDetails() }, as(screener));
    const admin = addPerson(screenerStore, { fullName: 'Ada Admin', role: 'administrator', team: '', service: '' });
    expect(await screenerStore.raw('inquiry.export', { caseId: record.id }, as(admin))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('case files, both ways', () => {
  it('round-trip between two stores with the interview as recorded', async () => {
    const record = await screenerStore.call('cases.create', { details: caseDetails() }, as(screener));
    const opened = await screenerStore.call('interview.open', { caseId: record.id });
    await screenerStore.call('interview.save', { caseId: record.id, version: 0, interview: { formId: opened.form.id, formVersion: opened.form.version, answers }, saveId: 'cf-1' });
    const file = await screenerStore.call('caseFile.export', { id: record.id });
    const imported = await officerStore.call('caseFile.import', { file: JSON.parse(JSON.stringify(file)) }, as(officer));
    expect(imported.details).toEqual(record.details);
    const again = await officerStore.call('caseFile.export', { id: imported.id }, as(officer));
    expect(again.interview).toEqual(file.interview);
    expect(again.case).toEqual(file.case);
  });
});

describe('psr inquiry', () => {
  it('exports a case’s inquiry to a file and imports it on another store', async () => {
    const record = await screenerStore.call('cases.create', { details: caseDetails() }, as(screener));
    const opened = await screenerStore.call('interview.open', { caseId: record.id });
    await screenerStore.call('interview.save', { caseId: record.id, version: 0, interview: { formId: opened.form.id, formVersion: opened.form.version, answers }, saveId: 'cli-1' });
    const out = path.join(dir, 'inquiry.json');
    const exported = await cli(screenerStore, '--as', 'Grace Mensah', 'inquiry', 'export', record.id, '--out', out);
    expect(exported).toMatchObject({ code: 0, err: '' });
    expect(exported.out).toBe(`Wrote the inquiry for case CR-2026-0415, with 6 answers, to ${out}.\n`);
    expect((fs.statSync(out).mode & 0o777).toString(8)).toBe('600');

    const imported = await cli(officerStore, 'inquiry', 'import', out);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toMatch(/^Imported the inquiry by Grace Mensah as case CR-2026-0415 \(Okafor\), [0-9a-f-]{36}\.\n$/);
  });

  it('refuses a bad inquiry naming the path, and a screener importing one', async () => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'psr-inquiry', version: 1 }));
    const bad = await cli(officerStore, 'inquiry', 'import', file);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('$.createdAt');
    addPerson(officerStore, { fullName: 'Sam Ade', role: 'screener', team: '', service: '' });
    const forbidden = await cli(officerStore, '--as', 'Sam Ade', 'inquiry', 'import', file);
    expect(forbidden.code).toBe(1);
    expect(forbidden.err).toContain('probation officer');
  });
});

describe('an inquiry sealed to one officer', () => {
  async function screenerCase() {
    const record = await screenerStore.call('cases.create', { details: caseDetails({ person: { familyName: 'Mwangi-Sealed' } }) }, as(screener));
    const opened = await screenerStore.call('interview.open', { caseId: record.id });
    await screenerStore.call('interview.save', { caseId: record.id, version: 0, interview: { formId: opened.form.id, formVersion: opened.form.version, answers }, saveId: 'sealed-1' });
    return record;
  }

  it('is encrypted to the officer’s address and signed by the screener’s store, and opens only on the officer’s store', async () => {
    const { recipient } = await officerStore.call('inquiry.address', {}, as(officer));
    expect(recipient).toMatch(/^age1[0-9a-z]{58}$/);
    // The same person's address stays the same.
    expect((await officerStore.call('inquiry.address', {}, as(officer))).recipient).toBe(recipient);
    const record = await screenerCase();
    const exported = await screenerStore.call('inquiry.export', { caseId: record.id, recipient }, as(screener));
    expect(exported.fileName).toMatch(/\.age$/);
    expect(exported.sealed).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    expect(exported.sealed).not.toContain('Mwangi');
    expect(exported.sealed).not.toContain('Kofi');

    // Someone else (another officer's key) cannot open it.
    const other = addPerson(officerStore, { fullName: 'Officer Two', role: 'probation_officer', team: '', service: '' });
    const refused = await officerStore.raw('inquiry.import', { package: exported.sealed }, as(other));
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused', key: 'errors.inquiryNotForYou' } });

    const imported = await officerStore.call('inquiry.import', { package: exported.sealed }, as(officer));
    expect(imported.details.person.familyName).toBe('Mwangi-Sealed');
    // The audit names the key that signed it (its fingerprint), never the package's text.
    const history = await officerStore.call('cases.history', { id: imported.id }, as(officer));
    const fromInquiry = history.find((h) => h.action === 'create_from_inquiry')!;
    const screenerKey = (await screenerStore.call('signing.keys', {}, as(screener)))[0]!.fingerprint;
    expect(fromInquiry.changes).toContainEqual({ path: '$.inquiry.signedBy', after: { kind: 'text', length: screenerKey.length } });
  });

  it('is refused, changing nothing, when one byte of it was altered on the way', async () => {
    const { recipient } = await officerStore.call('inquiry.address', {}, as(officer));
    const record = await screenerCase();
    const { sealed } = await screenerStore.call('inquiry.export', { caseId: record.id, recipient }, as(screener));
    const lines = sealed!.split('\n');
    // Flip one character in the middle of the armored body.
    const i = Math.floor(lines.length / 2);
    lines[i] = lines[i]!.slice(0, 10) + (lines[i]![10] === 'A' ? 'B' : 'A') + lines[i]!.slice(11);
    const before = storeSnapshot(officerStore);
    const result = await officerStore.raw('inquiry.import', { package: lines.join('\n') }, as(officer));
    expect(result.ok).toBe(false);
    expect(storeSnapshot(officerStore)).toBe(before);
  });

  it('through psr: the officer prints an address, the screener seals to it, the officer imports the file', async () => {
    const address = await cli(officerStore, 'inquiry', 'address');
    expect(address.code).toBe(0);
    const recipient = /age1[0-9a-z]{58}/.exec(address.out)![0];
    const record = await screenerCase();
    const out = path.join(dir, 'inquiry.age');
    const exported = await cli(screenerStore, '--as', 'Grace Mensah', 'inquiry', 'export', record.id, '--out', out, '--to', recipient);
    expect(exported).toMatchObject({ code: 0, err: '' });
    expect((fs.statSync(out).mode & 0o777).toString(8)).toBe('600');
    expect(fs.readFileSync(out, 'utf8')).not.toContain('Mwangi');
    const badAddress = await cli(screenerStore, '--as', 'Grace Mensah', 'inquiry', 'export', record.id, '--out', path.join(dir, 'x.age'), '--to', 'age1notanaddress');
    expect(badAddress.code).toBe(1);
    expect(badAddress.err).toContain('recipient');
    const imported = await cli(officerStore, 'inquiry', 'import', out);
    expect(imported).toMatchObject({ code: 0, err: '' });
  });
});
