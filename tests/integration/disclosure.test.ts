import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForms } from '../../main/loaders/forms';
import type { Interview } from '../../main/contract/interview';
import { caseDetails, testCore, type TestCore } from '../support/core';
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

  it('appear nowhere in the preview or the DOCX, not even quoted as a reason', async () => {
    const caseId = await caseWithSecrets();
    const preview = JSON.stringify(await core.call('report.preview', { caseId, templateId: 'full-report' }));
    const exported = await core.call('report.export', { caseId, templateId: 'full-report' });
    const docx = docxText(exported.docxBase64);
    for (const [where, text] of [['preview', preview], ['DOCX', docx]] as const) {
      expect(text, where).not.toContain('98765');
      expect(text, where).not.toContain('98,765');
      expect(text, where).not.toContain('SECRETSCORE');
      expect(text, where).not.toMatch(/domestic abuse in the household is recorded/i);
      expect(text, where).toContain('not for disclosure decided this');
    }
  });
});
