import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForms } from '../../main/loaders/forms';
import { CASE_FILE_FORMAT } from '../../main/contract/caseFile';
import type { Interview } from '../../main/contract/interview';
import type { Proposal } from '../../main/contract/options';
import { caseDetails, storeSnapshot, testCore, type TestCore } from '../support/core';
import { answered, completeInterview, facts } from '../unit/forms/support';

// One set of limits: each question's own limit comes from the form data, every other cap from
// main/contract/limits.ts. Whatever a case file, interview.save or proposal.save accepts, the report
// accepts too, so nothing can be stored that can then never be exported; what is refused is
// refused with the path of the question or field, never with a path inside the report model.

let core: TestCore;
beforeEach(() => {
  core = testCore();
});
afterEach(() => core.cleanup());

const full = loadForms().get('full')!;
const FAMILY = '👨‍👩‍👧'; // one character as the officer sees it, eight UTF-16 units

function interviewWith(answers: Interview['answers']): Interview {
  return completeInterview(full, facts(), answers);
}

function caseFile(interview: Interview, proposal?: Proposal) {
  return { format: CASE_FILE_FORMAT, formatVersion: 3, case: caseDetails(), interview, ...(proposal ? { proposal } : {}) };
}

/** A proposal with every text at its cap: 50 conditions of 2,000 characters, 50 alternatives set aside at length. */
function proposalAtTheCaps(): Proposal {
  return {
    selected: [{ type: 'option', id: 'sentencing.fine' }],
    rationale: 'r'.repeat(10_000),
    alternatives: Array.from({ length: 50 }, (_, i) => ({ description: `${i}`.padEnd(300, 'd'), reasonSetAside: 'a'.repeat(2_000) })),
    conditions: Array.from({ length: 50 }, (_, i) => ({ id: `c${i}`, text: 'c'.repeat(2_000), link: { need: 'accommodation' as const, risk: 'k'.repeat(300) } })),
    acknowledgements: [],
  };
}

async function refusal(method: string, input: unknown) {
  const result = await core.raw(method, input);
  expect(result.ok, `${method} should have been refused`).toBe(false);
  if (result.ok) throw new Error('unreachable');
  return result.error;
}

describe('what is accepted can be exported', () => {
  it('a case file with every answer, source and proposal text at its limit imports and exports', async () => {
    const interview = interviewWith({
      'offence.context': answered(FAMILY.repeat(4_000)),
      'home.situation': { status: 'answered', value: 'social_rent', source: { kind: 'verified', by: 'b'.repeat(200), how: 'h'.repeat(500) } },
    });
    const record = await core.call('caseFile.import', { file: caseFile(interview, proposalAtTheCaps()) });
    const exported = await core.raw('report.export', { caseId: record.id, templateId: 'full-report' });
    expect(exported.ok, JSON.stringify(exported).slice(0, 500)).toBe(true);
  });

  it('a proposal saved at its limits through the API exports', async () => {
    const record = await core.call('cases.create', { details: caseDetails() });
    await core.call('interview.save', { caseId: record.id, version: 0, interview: interviewWith({}) });
    await core.call('proposal.save', { caseId: record.id, version: 0, proposal: proposalAtTheCaps() });
    const exported = await core.raw('report.export', { caseId: record.id, templateId: 'full-report' });
    expect(exported.ok, JSON.stringify(exported).slice(0, 500)).toBe(true);
  });
});

describe('what is over a limit is refused where it comes in, naming the question', () => {
  it('refuses a case file answer longer than its question allows, and writes nothing', async () => {
    const before = storeSnapshot(core);
    const error = await refusal('caseFile.import', { file: caseFile(interviewWith({ 'offence.context': answered('x'.repeat(20_000)) })) });
    expect(error).toMatchObject({ code: 'invalid_input', path: '$.interview.answers.offence.context' });
    expect(error.issues).toEqual([expect.objectContaining({ path: '$.interview.answers.offence.context', key: 'validation.tooLong', params: { max: 4000, count: 20_000 } })]);
    expect(storeSnapshot(core)).toBe(before);
  });

  it('refuses a source or a condition over its cap at import with the case file’s own path', async () => {
    const longHow = interviewWith({ 'home.situation': { status: 'answered', value: 'social_rent', source: { kind: 'verified', by: 'Housing', how: 'h'.repeat(501) } } });
    expect(await refusal('caseFile.import', { file: caseFile(longHow) })).toMatchObject({ code: 'invalid_input', path: '$.interview.answers["home.situation"].source.how' });
    const proposal = { ...proposalAtTheCaps(), conditions: [{ id: 'c1', text: 'c'.repeat(2_001) }] };
    expect(await refusal('caseFile.import', { file: caseFile(interviewWith({}), proposal) })).toMatchObject({ code: 'invalid_input', path: '$.proposal.conditions[0].text' });
  });

  it('refuses a broken character (a lone surrogate) at import and at interview.save, naming the question', async () => {
    const broken = interviewWith({ 'offence.context': answered('Said she was \uD83D sorry.') });
    const before = storeSnapshot(core);
    const atImport = await refusal('caseFile.import', { file: caseFile(broken) });
    expect(atImport).toMatchObject({ code: 'invalid_input', path: '$.interview.answers.offence.context' });
    expect(atImport.issues).toEqual([expect.objectContaining({ key: 'validation.brokenCharacter' })]);
    expect(storeSnapshot(core)).toBe(before);

    const record = await core.call('cases.create', { details: caseDetails() });
    const atSave = await refusal('interview.save', { caseId: record.id, version: 0, interview: broken });
    expect(atSave).toMatchObject({ code: 'invalid_input', path: '$.interview.answers.offence.context' });
    expect((await core.call('interview.open', { caseId: record.id })).version).toBe(0);
  });

  it('keeps an over-long draft answer the officer is still typing, and the export names that question', async () => {
    const record = await core.call('cases.create', { details: caseDetails() });
    const saved = await core.call('interview.save', { caseId: record.id, version: 0, interview: interviewWith({ 'offence.context': answered('x'.repeat(4_001)) }) });
    expect(saved.issues).toEqual([expect.objectContaining({ path: '$.answers.offence.context', key: 'validation.tooLong' })]);
    const error = await refusal('report.export', { caseId: record.id, templateId: 'full-report' });
    expect(error).toMatchObject({ code: 'invalid_input', path: '$.interview.answers.offence.context' });
    expect(error.message).not.toContain('$.sections');
  });
});
