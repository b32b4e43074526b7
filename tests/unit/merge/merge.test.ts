import { describe, expect, it } from 'vitest';
import type { CaseDetails } from '../../../main/contract/case';
import type { Interview } from '../../../main/contract/interview';
import type { Proposal } from '../../../main/contract/options';
import { caseDetailsParts, differingParts, interviewParts, mergeDocuments, mergeParts, proposalParts, resolveParts, sameJson } from '../../../main/domain/merge';

const said = (value: string | boolean) => ({ status: 'answered' as const, value });
const interview = (answers: Interview['answers']): Interview => ({ formId: 'full', formVersion: 1, answers });

describe('merging two saves of an interview made over the same version', () => {
  const base = interview({ 'participation.interviewLanguage': said('English'), 'home.situation': said('own_home') });

  it('takes answers changed in one window only from that window, without asking', () => {
    const mine = interview({ ...base.answers, 'participation.interviewLanguage': said('Yoruba') });
    const theirs = interview({ ...base.answers, 'home.situation': said('private_rent'), 'home.household': said('Partner') });
    const m = mergeDocuments(interviewParts, base, mine, theirs);
    expect(m.conflicts).toEqual([]);
    expect(m.merged.answers).toEqual({ 'participation.interviewLanguage': said('Yoruba'), 'home.situation': said('private_rent'), 'home.household': said('Partner') });
    expect(m.fromTheirs.sort()).toEqual(['home.household', 'home.situation']);
  });

  it('lists an answer changed differently in both windows, with the base, mine and theirs, and keeps mine until the officer chooses', () => {
    const mine = interview({ ...base.answers, 'participation.interviewLanguage': said('French') });
    const theirs = interview({ ...base.answers, 'participation.interviewLanguage': said('Arabic') });
    const m = mergeDocuments(interviewParts, base, mine, theirs);
    expect(m.conflicts).toEqual([{ key: 'participation.interviewLanguage', base: said('English'), mine: said('French'), theirs: said('Arabic') }]);
    expect(m.merged.answers['participation.interviewLanguage']).toEqual(said('French'));
    expect(m.resolve({ 'participation.interviewLanguage': 'theirs' }).answers['participation.interviewLanguage']).toEqual(said('Arabic'));
    expect(() => m.resolve({})).toThrow(/participation.interviewLanguage/);
  });

  it('does not ask about the same change made on both sides: a repeated save of my own answers is no conflict', () => {
    const mine = interview({ ...base.answers, 'participation.interviewLanguage': said('Welsh') });
    const m = mergeDocuments(interviewParts, base, mine, structuredClone(mine));
    expect(m.conflicts).toEqual([]);
    expect(m.fromTheirs).toEqual([]);
    expect(sameJson(m.merged, mine)).toBe(true);
  });

  it('keeps an answer deleted on one side only deleted, and asks when the other side changed it', () => {
    const mine = interview({ 'home.situation': said('own_home') });
    const untouched = mergeDocuments(interviewParts, base, mine, base);
    expect(untouched.merged.answers['participation.interviewLanguage']).toBeUndefined();
    const changed = mergeDocuments(interviewParts, base, mine, interview({ ...base.answers, 'participation.interviewLanguage': said('Polish') }));
    expect(changed.conflicts).toEqual([{ key: 'participation.interviewLanguage', base: said('English'), mine: undefined, theirs: said('Polish') }]);
    expect(changed.resolve({ 'participation.interviewLanguage': 'mine' }).answers['participation.interviewLanguage']).toBeUndefined();
  });

  it('names the answers a restored copy changes against the stored version', () => {
    const mine = interview({ ...base.answers, 'participation.interviewLanguage': said('Yoruba'), 'home.household': said('Alone') });
    expect(differingParts(interviewParts, base, mine).sort()).toEqual(['home.household', 'participation.interviewLanguage']);
  });
});

describe('merging two saves of the case details', () => {
  const details: CaseDetails = {
    person: { givenNames: 'Amina', familyName: 'Okafor', dateOfBirth: '1990-04-12', gender: 'female', preferredLanguage: 'en' },
    court: "City Magistrates' Court",
    caseNumber: 'CR-1',
    hearingDate: '2026-12-20',
    reportDueDate: '2026-12-10',
    reportType: 'full',
    stage: 'convicted',
    charges: [{ offence: 'Theft', offenceDate: '2026-08-02', plea: 'guilty' }],
  };

  it('merges the family name changed here with the hearing date changed there, and asks about the court changed in both', () => {
    const mine = { ...details, court: 'Crown Court', person: { ...details.person, familyName: 'Okafor-Adeyemi' } };
    const theirs = { ...details, court: 'Youth Court', hearingDate: '2026-12-22' };
    const m = mergeDocuments(caseDetailsParts, details, mine, theirs);
    expect(m.conflicts.map((c) => [c.key, c.mine, c.theirs])).toEqual([['court', 'Crown Court', 'Youth Court']]);
    const resolved = m.resolve({ court: 'theirs' });
    expect(resolved).toEqual({ ...details, court: 'Youth Court', hearingDate: '2026-12-22', person: { ...details.person, familyName: 'Okafor-Adeyemi' } });
  });
});

describe('merging two saves of a proposal', () => {
  const base: Proposal = {
    selected: [{ type: 'option', id: 'conditional-discharge' }],
    rationale: 'Low risk.',
    alternatives: [],
    conditions: [{ id: 'c1', text: 'Attend weekly' }],
    acknowledgements: [],
  };

  it('keeps an option selected in each window and a condition added in each, and asks about the rationale rewritten in both', () => {
    const mine: Proposal = { ...base, rationale: 'Low risk; debt.', conditions: [...base.conditions, { id: 'c2', text: 'Debt advice' }] };
    const theirs: Proposal = { ...base, rationale: 'Low risk; work.', selected: [...base.selected, { type: 'option', id: 'womens-centre' }], conditions: [...base.conditions, { id: 'c3', text: 'Keep working' }] };
    const m = mergeDocuments(proposalParts, base, mine, theirs);
    expect(m.conflicts.map((c) => c.key)).toEqual(['rationale']);
    expect(m.merged.selected.map((r) => r.id)).toEqual(['conditional-discharge', 'womens-centre']);
    expect(m.merged.conditions.map((c) => c.id)).toEqual(['c1', 'c3', 'c2']);
    expect(m.resolve({ rationale: 'mine' }).rationale).toBe('Low risk; debt.');
  });
});

describe('the merge of parts itself', () => {
  it('puts theirs order first and settles every conflict only by a choice', () => {
    const r = mergeParts(new Map([['a', 1]]), new Map([['a', 2], ['b', 1]]), new Map([['c', 1], ['a', 3]]));
    expect([...r.merged.keys()]).toEqual(['c', 'a', 'b']);
    expect([...resolveParts(r, { a: 'theirs' })]).toEqual([['c', 1], ['a', 3], ['b', 1]]);
  });
});
