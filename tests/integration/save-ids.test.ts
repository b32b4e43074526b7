import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForms } from '../../main/loaders/forms';
import type { Interview } from '../../main/contract/interview';
import type { Proposal } from '../../main/contract/options';
import { caseDetails, storeSnapshot, testCore, type TestCore } from '../support/core';
import { answered } from '../unit/forms/support';

// A page that reloads while a save is in flight sends that save again, over the version it was
// typed on. The store recognises the save by its id and answers as it did the first time.

let core: TestCore;
beforeEach(() => {
  core = testCore();
});
afterEach(() => core.cleanup());

const full = loadForms().get('full')!;
const draft = (language: string): Interview => ({ formId: 'full', formVersion: full.version, answers: { 'participation.interviewLanguage': answered(language) } });
const proposal = (text: string): Proposal => ({
  selected: [{ type: 'option', id: 'sentencing.conditional_discharge' }],
  rationale: 'Low risk; the offence is linked to debt.',
  alternatives: [],
  conditions: [{ id: 'c1', text }],
  acknowledgements: [],
});

describe('a save sent twice', () => {
  it('is recognised for an interview: the second send succeeds with the version the first made and writes nothing', async () => {
    const record = await core.call('cases.create', { details: caseDetails() });
    const first = await core.call('interview.save', { caseId: record.id, version: 0, interview: draft('English'), saveId: 'tab1-save-1' });
    expect(first.version).toBe(1);
    const before = storeSnapshot(core);
    const again = await core.call('interview.save', { caseId: record.id, version: 0, interview: draft('English'), saveId: 'tab1-save-1' });
    expect(again.version).toBe(1);
    expect(storeSnapshot(core)).toBe(before);
    // The page carries on from the version it was told about.
    expect((await core.call('interview.save', { caseId: record.id, version: 1, interview: draft('French'), saveId: 'tab1-save-2' })).version).toBe(2);
  });

  it('is recognised for a proposal and for case details', async () => {
    const record = await core.call('cases.create', { details: caseDetails() });
    const saved = await core.call('proposal.save', { caseId: record.id, version: 0, proposal: proposal('Live at 12 River Street'), saveId: 'p-1' });
    expect(saved.version).toBe(1);
    const beforeProposal = storeSnapshot(core);
    expect(await core.call('proposal.save', { caseId: record.id, version: 0, proposal: proposal('Live at 12 River Street'), saveId: 'p-1' })).toEqual(saved);
    expect(storeSnapshot(core)).toBe(beforeProposal);

    const details = { ...record.details, court: 'Crown Court at Riverside' };
    const updated = await core.call('cases.update', { id: record.id, version: 1, details, saveId: 'case-1' });
    expect(updated.version).toBe(2);
    const before = storeSnapshot(core);
    expect(await core.call('cases.update', { id: record.id, version: 1, details, saveId: 'case-1' })).toEqual(updated);
    expect(storeSnapshot(core)).toBe(before);
  });

  it('is still a conflict when the version is stale and the id belongs to another save', async () => {
    const record = await core.call('cases.create', { details: caseDetails() });
    await core.call('interview.save', { caseId: record.id, version: 0, interview: draft('English'), saveId: 'tab1-save-1' });
    await core.call('interview.save', { caseId: record.id, version: 1, interview: draft('French'), saveId: 'tab2-save-1' });
    const before = storeSnapshot(core);
    // The first tab's save, re-sent: but the current version was made by the other tab.
    const stale = await core.raw('interview.save', { caseId: record.id, version: 0, interview: draft('English'), saveId: 'tab1-save-1' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', currentVersion: 2 } });
    // An id with other content than the save it names is not that save.
    const reused = await core.raw('interview.save', { caseId: record.id, version: 1, interview: draft('Spanish'), saveId: 'tab2-save-1' });
    expect(reused).toMatchObject({ ok: false, error: { code: 'conflict', currentVersion: 2 } });
    // Without an id a stale save is a conflict, as before.
    expect(await core.raw('interview.save', { caseId: record.id, version: 1, interview: draft('French') })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(storeSnapshot(core)).toBe(before);
  });

  it('refuses a save id that is empty, too long or has other characters, naming the field, at every door', async () => {
    const record = await core.call('cases.create', { details: caseDetails() });
    for (const saveId of ['', 'x'.repeat(65), 'has space', 'ünï', '../x']) {
      const result = await core.raw('interview.save', { caseId: record.id, version: 0, interview: draft('English'), saveId });
      expect(result, saveId).toMatchObject({ ok: false, error: { code: 'invalid_input', path: '$.saveId' } });
    }
    expect((await core.call('interview.save', { caseId: record.id, version: 0, interview: draft('English'), saveId: 'A-z_09'.padEnd(64, 'x') })).version).toBe(1);
  });
});
