import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForms } from '../../main/loaders/forms';
import { loadCatalogue } from '../../main/loaders/catalogue';
import { loadReportTemplate } from '../../main/loaders/reportTemplates';
import { buildReport } from '../../main/domain/report/buildReport';
import { withoutNonDisclosable } from '../../main/domain/report/assemble';
import { CASE_FILE_FORMAT } from '../../main/contract/caseFile';
import type { Interview } from '../../main/contract/interview';
import { caseDetails, tempDir, testCore, type TestCore } from '../support/core';
import { cli } from '../support/doors';
import { InterviewRepository } from '../../main/store/interviews';
import { answered, completeInterview, facts } from '../unit/forms/support';

// Minimum disclosure from end to end: answers recorded in the interview and marked not for
// disclosure reach neither the preview nor any part of the exported DOCX, not even quoted in the
// reasons of the options table, while they still decide which options are suitable.

let core: TestCore;
beforeEach(() => {
  core = testCore();
});
afterEach(() => core.cleanup());

const secret = <T extends object>(entry: T) => ({ ...entry, notForDisclosure: true });

async function caseWithSecrets(): Promise<string> {
  const form = loadForms().get('full')!;
  const record = await core.call('cases.create', { details: caseDetails() });
  const interview: Interview = completeInterview(form, facts(), {
    'finance.monthlyIncome': secret(answered(98765)),
    'home.domesticAbuseInHousehold': secret(answered('current')),
    'risk.assessmentDone': answered(true),
    'risk.assessments': {
      status: 'answered',
      rows: [
        {
          instrument: answered('OASys'),
          assessedOn: answered('2026-10-01'),
          result: secret(answered('high')),
          scoreAsReported: secret(answered('SECRETSCORE 97')),
        },
      ],
    },
  });
  await core.call('interview.save', { caseId: record.id, version: 0, interview });
  return record.id;
}

function docxText(base64: string): string {
  const files = unzipSync(Buffer.from(base64, 'base64'));
  return Object.entries(files)
    .filter(([name]) => name.endsWith('.xml') || name.endsWith('.rels'))
    .map(([, bytes]) => strFromU8(bytes))
    .join('\n');
}

describe('answers marked not for disclosure', () => {
  it('still decide the options: house arrest is not suitable when domestic abuse is recorded', async () => {
    const caseId = await caseWithSecrets();
    const match = await core.call('options.match', { caseId });
    const houseArrest = match.items.find((i) => i.optionId.includes('house_arrest'));
    expect(houseArrest?.status).toBe('not_suitable');
  });

  it('appear nowhere in the preview or the DOCX, not even quoted as a reason, and nothing says that something was withheld', async () => {
    const caseId = await caseWithSecrets();
    const preview = JSON.stringify(await core.call('report.preview', { caseId, templateId: 'full-report' }));
    const exported = await core.call('report.export', { caseId, templateId: 'full-report' });
    const docx = docxText(exported.fileBase64);
    for (const [where, text] of [['preview', preview], ['DOCX', docx]] as const) {
      expect(text, where).not.toContain('98765');
      expect(text, where).not.toContain('98,765');
      expect(text, where).not.toContain('SECRETSCORE');
      expect(text, where).not.toMatch(/domestic abuse in the household is recorded/i);
      expect(text, where).not.toContain('not for disclosure decided this');
    }
  });
});

// The form marks some questions not for disclosure by default (a victim's safety details, a
// child's first name, domestic abuse at home). The screen ticks the box for the officer, but an
// answer can also arrive by a case file or straight through the API without the flag: the core
// applies the form's defaults itself, so the report is safe whichever way the answer came in.
const VICTIM_ADDRESS = '14 Larchfield Close, Eastbury';
const CHILD_NAME = 'Zephyrine';

function caseFileWithoutFlags() {
  const form = loadForms().get('full')!;
  const interview = completeInterview(form, facts(), {
    'victim.safetyConcerns': answered(true),
    'victim.safetyDetails': answered(`The victim has moved to ${VICTIM_ADDRESS}; she must not be contacted there.`),
    'home.domesticAbuseInHousehold': answered('current'),
    'dependants.hasDependants': answered(true),
    'dependants.people': { status: 'answered', rows: [{ relationship: answered('own_child'), firstName: answered(CHILD_NAME), ageYears: answered(6), livesWithThem: answered(true) }] },
  });
  return { format: CASE_FILE_FORMAT, formatVersion: 3, case: caseDetails(), interview };
}

/** Every part of the package as text, whatever its kind (XML, relationships, properties). */
function everyPart(bytes: Uint8Array): Array<[string, string]> {
  return Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]);
}

function expectNothingUndisclosed(bytes: Uint8Array): void {
  const parts = everyPart(bytes);
  expect(parts.length).toBeGreaterThan(5);
  for (const [name, text] of parts) {
    expect(text, name).not.toContain(VICTIM_ADDRESS);
    expect(text, name).not.toContain('Larchfield');
    expect(text, name).not.toContain(CHILD_NAME);
    expect(text, name).not.toMatch(/domestic abuse in the household is recorded/i);
  }
  // The report is still the report: the case is in it, so the check above could fail.
  expect(parts.find(([name]) => name === 'word/document.xml')![1]).toContain('CR-2026-0415');
}

describe('answers the form keeps out of reports by default', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('psr-disclosure-');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stay out of every part of the DOCX when a case file without the flags is imported through the CLI', async () => {
    const file = path.join(dir, 'case.json');
    fs.writeFileSync(file, JSON.stringify(caseFileWithoutFlags()));
    const imported = await cli(core, '--json', 'import', file);
    expect(imported.code, imported.err).toBe(0);
    const caseId = (JSON.parse(imported.out) as { id: string }).id;
    const out = path.join(dir, 'report.docx');
    const exported = await cli(core, 'export', caseId, '--template', 'full-report', '--out', out);
    expect(exported.code, exported.err).toBe(0);
    expectNothingUndisclosed(fs.readFileSync(out));
  });

  it('stay out of every part of the DOCX when the same file is imported through the API', async () => {
    const record = await core.call('caseFile.import', { file: caseFileWithoutFlags() });
    const exported = await core.call('report.export', { caseId: record.id, templateId: 'full-report' });
    expectNothingUndisclosed(Buffer.from(exported.fileBase64, 'base64'));
  });

  it('stay out of every part of the DOCX when an interview without the flags is saved through the API', async () => {
    const record = await core.call('cases.create', { details: caseDetails() });
    await core.call('interview.save', { caseId: record.id, version: 0, interview: caseFileWithoutFlags().interview });
    const exported = await core.call('report.export', { caseId: record.id, templateId: 'full-report' });
    expectNothingUndisclosed(Buffer.from(exported.fileBase64, 'base64'));
  });

  it('stay out of every part of the DOCX that psr render writes straight from the file', async () => {
    const file = path.join(dir, 'case.json');
    fs.writeFileSync(file, JSON.stringify(caseFileWithoutFlags()));
    const out = path.join(dir, 'rendered.docx');
    const rendered = await cli(core, 'render', file, '--template', 'full-report', '--out', out, '--report-date', '2026-11-26');
    expect(rendered.code, rendered.err).toBe(0);
    expectNothingUndisclosed(fs.readFileSync(out));
  });

  it('stay out of the DOCX even for an interview stored without the flags before the core applied them', async () => {
    const record = await core.call('cases.create', { details: caseDetails() });
    new InterviewRepository(core.db).save(record.id, 0, caseFileWithoutFlags().interview, 'in_progress', { actor: 'older.version', at: '2026-11-01T09:00:00Z' });
    const exported = await core.call('report.export', { caseId: record.id, templateId: 'full-report' });
    expectNothingUndisclosed(Buffer.from(exported.fileBase64, 'base64'));
  });

  it('are stored flagged, and an officer’s explicit choice to disclose one is kept', async () => {
    const file = caseFileWithoutFlags();
    file.interview.answers['home.domesticAbuseInHousehold'] = { ...answered('current'), notForDisclosure: false };
    const record = await core.call('caseFile.import', { file });
    const { interview } = await core.call('interview.open', { caseId: record.id });
    expect(interview.answers['victim.safetyDetails']).toMatchObject({ notForDisclosure: true });
    expect(interview.answers['home.domesticAbuseInHousehold']).toMatchObject({ notForDisclosure: false });
    const people = interview.answers['dependants.people'] as { rows: Array<Record<string, { notForDisclosure?: boolean }>> };
    expect(people.rows[0]!.firstName).toMatchObject({ notForDisclosure: true });
    expect(people.rows[0]!.ageYears!.notForDisclosure).toBeUndefined();
    // What the officer chose to disclose reaches the report as evidence for the officer's text (the
    // report prints that text, not the answers); what is withheld reaches no part of the DOCX.
    const template = loadReportTemplate('full-report');
    const context = withoutNonDisclosable(
      buildReport({ forms: loadForms(), catalogue: loadCatalogue(), youngAdultUpperAge: 25, reportDate: '2026-11-26', authorName: 'Jane Doyle', programmes: [], details: file.case, interview, template, language: 'en-GB' }),
    );
    const disclosed = Object.values(context.sections).flatMap((s) => s.items).find((i) => i.id === 'home.domesticAbuseInHousehold');
    expect(disclosed).toMatchObject({ value: 'Current or suspected', notForDisclosure: false });
    expect(template.sections.find((s) => s.id === 'circumstances')?.write?.evidence).toContain('home.');
    const exported = await core.call('report.export', { caseId: record.id, templateId: 'full-report' });
    expect(docxText(exported.fileBase64)).not.toContain(VICTIM_ADDRESS);
  });
});
