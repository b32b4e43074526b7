import { beforeEach, describe, expect, it } from 'vitest';
import type { Interview } from '../../../main/contract/interview';
import { interviewParts } from '../../../main/domain/merge';
import { adoptEarlierCopy, readDraft, updateDraft, writeDraft, type DraftKey } from '../../../renderer/src/drafts/draftStore';
import { startFrom } from '../../../renderer/src/drafts/startFrom';

// Where an interview page starts when it opens over a copy kept on this computer.

class MemoryStorage {
  private items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

const said = (value: string) => ({ status: 'answered' as const, value });
const iv = (answers: Interview['answers']): Interview => ({ formId: 'full', formVersion: 1, answers });
const key: DraftKey = { kind: 'interview', caseId: '7d0c7d55-1111-4111-8111-111111111111', actor: 'a.officer' };

beforeEach(() => {
  (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
});

describe('opening a page over an unsaved copy', () => {
  it('recognises a save sent before the reload that reached the store, and continues over that version without a conflict', () => {
    const sent = iv({ lang: said('Yoruba') });
    writeDraft(key, { baseVersion: 3, base: iv({}), mine: iv({ lang: said('Yoruba, and English') }), sent: [{ saveId: 'abc', doc: sent }] });
    const start = startFrom(key, interviewParts, { version: 4, doc: sent, updatedAt: null });
    expect(start.reconcile).toBe(false);
    expect(start.base.version).toBe(4);
    expect(start.doc.answers.lang).toEqual(said('Yoruba, and English'));
    expect(start.restored?.parts).toEqual(['lang']);
  });

  it('forgets a copy the store already holds', () => {
    const doc = iv({ lang: said('Welsh') });
    writeDraft(key, { baseVersion: 1, base: iv({}), mine: doc, sent: [{ saveId: 'x', doc }] });
    const start = startFrom(key, interviewParts, { version: 2, doc: structuredClone(doc), updatedAt: null });
    expect(start.dirty).toBe(false);
    expect(readDraft(key)).toBeNull();
  });

  it('merges a copy typed over an older version with what was saved elsewhere since, keeping both', () => {
    writeDraft(key, { baseVersion: 1, base: iv({ a: said('x') }), mine: iv({ a: said('x'), mine: said('typed here') }), sent: [] });
    const start = startFrom(key, interviewParts, { version: 2, doc: iv({ a: said('x'), theirs: said('typed there') }), updatedAt: null });
    expect(start.reconcile).toBe(true);
    expect(Object.keys(start.doc.answers).sort()).toEqual(['a', 'mine', 'theirs']);
  });

  it('keeps copies per signed-in person: another person opening the case is offered nothing', () => {
    writeDraft(key, { baseVersion: 0, base: iv({}), mine: iv({ a: said('private') }), sent: [] });
    const other = startFrom({ ...key, actor: 'b.officer' }, interviewParts, { version: 0, doc: iv({}), updatedAt: null });
    expect(other.restored).toBeNull();
    expect(other.doc.answers).toEqual({});
  });

  it('lets another page change the copy and keeps the version it was typed over', () => {
    updateDraft(key, { version: 5, doc: iv({}) }, (d) => ({ ...d, answers: { a: said('ticked') } }));
    updateDraft(key, { version: 6, doc: iv({}) }, (d) => ({ ...d, answers: { ...d.answers, b: said('more') } }));
    expect(readDraft<Interview>(key)).toMatchObject({ baseVersion: 5, mine: { answers: { a: said('ticked'), b: said('more') } } });
  });
});

describe('a copy kept by an earlier version of the app', () => {
  it('is taken over once, typed over its version, and the earlier key is removed', () => {
    localStorage.setItem('psr.proposalDraft.case', JSON.stringify({ baseVersion: 2, proposal: { rationale: 'kept' } }));
    const proposalKey: DraftKey = { ...key, kind: 'proposal' };
    const parse = (raw: unknown) => ({ baseVersion: (raw as { baseVersion: number }).baseVersion, mine: (raw as { proposal: { rationale: string } }).proposal });
    adoptEarlierCopy(proposalKey, 'psr.proposalDraft.case', { version: 3, doc: { rationale: 'stored' } }, { rationale: '' }, parse);
    expect(readDraft(proposalKey)).toMatchObject({ baseVersion: 2, base: { rationale: '' }, mine: { rationale: 'kept' } });
    expect(localStorage.getItem('psr.proposalDraft.case')).toBeNull();
  });
});
