import { describe, expect, it } from 'vitest';
import type { ReportVersion, ReviewComment, VersionState } from '../../../main/contract/lifecycle';
import type { AppError } from '../../../main/contract/errors';
import { addressRefusal, assignRefusal, commentRefusal, editRefusal, openActions, refusal, type Actor, type LifeFacts } from '../../../main/domain/report/lifecycle';

// Who may take which step of a report's life: the same answer at every door, with the reason.

const officer: Actor = { personId: '00000000-0000-4000-8000-000000000001', name: 'Jane Doyle', role: 'probation_officer' };
const otherOfficer: Actor = { personId: '00000000-0000-4000-8000-000000000002', name: 'Sam Lee', role: 'probation_officer' };
const senior: Actor = { personId: '00000000-0000-4000-8000-000000000003', name: 'Ruth Okoye', role: 'senior_probation_officer' };
const screener: Actor = { personId: '00000000-0000-4000-8000-000000000004', name: 'Ana Ruiz', role: 'screener' };
const admin: Actor = { personId: '00000000-0000-4000-8000-000000000005', name: 'Admin', role: 'administrator' };
const CASE = '00000000-0000-4000-8000-0000000000aa';

function version(state: VersionState, number = 1): ReportVersion {
  const by = { personId: officer.personId, name: officer.name, role: officer.role, at: '2026-11-26T10:00:00.000Z' };
  return { caseId: CASE, number, state, templateId: 'full-report', author: by, submitted: null, returned: null, countersigned: null, issued: null, contentHash: null, amends: null };
}

function facts(actor: Actor, state: VersionState | null, extra: Partial<LifeFacts> = {}): LifeFacts {
  return { actor, authorId: officer.personId, authorName: officer.name, current: state ? version(state) : null, comments: [], reviewOptional: false, ...extra };
}

const comment = (addressed: boolean): ReviewComment => ({
  id: '00000000-0000-4000-8000-0000000000c1',
  caseId: CASE,
  versionNumber: 1,
  sectionId: 'offence-analysis',
  body: 'Say how the debt led to the offence.',
  by: { personId: senior.personId, name: senior.name, role: senior.role, at: '2026-11-26T11:00:00.000Z' },
  addressed: addressed ? { personId: officer.personId, name: officer.name, role: officer.role, at: '2026-11-26T12:00:00.000Z' } : null,
  addressedNote: null,
});

/** What the person is told, as every door reports it. */
const told = (e: AppError | null) => e?.toApiError();

describe('the author of a report', () => {
  it('submits a draft for review, and a returned one once every comment is addressed', () => {
    expect(refusal('submit', facts(officer, null))).toBeNull();
    expect(refusal('submit', facts(officer, 'returned', { comments: [comment(true)] }))).toBeNull();
    expect(refusal('submit', facts(officer, 'returned', { comments: [comment(false)] }))?.details.key).toBe('errors.lifecycle.openComments');
  });

  it('issues only after countersignature, unless review is optional for the report type', () => {
    expect(refusal('issue', facts(officer, 'draft'))?.details.key).toBe('errors.lifecycle.reviewNeeded');
    expect(refusal('issue', facts(officer, 'countersigned'))).toBeNull();
    expect(refusal('issue', facts(officer, 'draft', { reviewOptional: true }))).toBeNull();
    expect(refusal('issue', facts(officer, 'submitted', { reviewOptional: true }))?.details.key).toBe('errors.lifecycle.wrongState');
  });

  it('amends only an issued report', () => {
    expect(refusal('amend', facts(officer, 'issued'))).toBeNull();
    expect(refusal('amend', facts(officer, 'countersigned'))?.details.key).toBe('errors.lifecycle.wrongState');
  });

  it('edits the case only while the report is a draft or returned', () => {
    expect(editRefusal(facts(officer, 'draft'), 'text')).toBeNull();
    expect(editRefusal(facts(officer, 'returned'), 'interview')).toBeNull();
    expect(editRefusal(facts(officer, 'submitted'), 'text')?.details.key).toBe('errors.lifecycle.withReviewer');
    expect(editRefusal(facts(officer, 'countersigned'), 'proposal')?.details.key).toBe('errors.lifecycle.countersigned');
    expect(editRefusal(facts(officer, 'issued'), 'case')?.details.key).toBe('errors.lifecycle.issued');
  });

  it('marks comments addressed while the report is back with them, not while it is under review', () => {
    expect(addressRefusal(facts(officer, 'returned'))).toBeNull();
    expect(addressRefusal(facts(officer, 'submitted'))?.details.key).toBe('errors.lifecycle.withReviewer');
  });
});

describe('anyone who is not the author', () => {
  it('cannot edit, submit, issue or amend the report, and is told whose it is', () => {
    for (const action of ['submit', 'issue', 'amend'] as const) {
      const refused = told(refusal(action, facts(otherOfficer, action === 'amend' ? 'issued' : 'countersigned')));
      expect(refused?.key).toBe('errors.lifecycle.notAuthor');
      expect(refused?.params).toMatchObject({ name: 'Jane Doyle' });
    }
    expect(editRefusal(facts(otherOfficer, 'draft'), 'text')?.details.key).toBe('errors.lifecycle.notAuthor');
  });

  it('may edit a case nobody writes yet (a case from before people were recorded)', () => {
    expect(editRefusal(facts(otherOfficer, null, { authorId: null, authorName: null }), 'interview')).toBeNull();
  });
});

describe('the reviewer', () => {
  it('is a senior probation officer who is not the author', () => {
    expect(refusal('countersign', facts(senior, 'submitted'))).toBeNull();
    expect(told(refusal('countersign', facts(otherOfficer, 'submitted')))).toMatchObject({ code: 'forbidden', key: 'errors.needsRole', params: { role: 'senior_probation_officer' } });
    expect(refusal('countersign', facts(senior, 'submitted', { authorId: senior.personId, authorName: senior.name }))?.details.key).toBe('errors.lifecycle.ownReport');
  });

  it('returns a report only with a comment, given with the step or anchored to a section', () => {
    expect(refusal('return', facts(senior, 'submitted'))?.details.key).toBe('errors.lifecycle.returnNeedsComment');
    expect(refusal('return', facts(senior, 'submitted'), true)).toBeNull();
    expect(refusal('return', facts(senior, 'submitted', { comments: [comment(false)] }))).toBeNull();
  });

  it('comments only on a report submitted for review', () => {
    expect(commentRefusal(facts(senior, 'submitted'))).toBeNull();
    expect(commentRefusal(facts(senior, 'draft'))?.details.key).toBe('errors.lifecycle.commentNotUnderReview');
    expect(commentRefusal(facts(officer, 'submitted'))?.details.key).toBe('errors.needsRole');
  });

  it('cannot countersign a draft or an issued report', () => {
    expect(refusal('countersign', facts(senior, 'draft'))?.details.key).toBe('errors.lifecycle.wrongState');
    expect(refusal('countersign', facts(senior, 'issued'))?.details.key).toBe('errors.lifecycle.wrongState');
  });
});

describe('screeners and administrators', () => {
  it('a screener never submits, countersigns or issues, and never writes the proposal or the report text', () => {
    for (const action of ['submit', 'return', 'countersign', 'issue', 'amend'] as const) {
      expect(refusal(action, facts(screener, 'submitted'))?.details.key).toBe('errors.needsRole');
    }
    const own = { authorId: screener.personId, authorName: screener.name };
    expect(editRefusal(facts(screener, null, own), 'interview')).toBeNull();
    expect(editRefusal(facts(screener, null, own), 'proposal')?.details.key).toBe('errors.needsRole');
    expect(editRefusal(facts(screener, null, own), 'text')?.details.key).toBe('errors.needsRole');
  });

  it('an administrator assigns cases but does not write them', () => {
    expect(editRefusal(facts(admin, 'draft'), 'case')?.details.key).toBe('errors.needsRole');
    expect(assignRefusal(facts(admin, 'draft'), { personId: otherOfficer.personId, role: 'probation_officer', authorRole: 'probation_officer' })).toBeNull();
    expect(assignRefusal(facts(admin, 'draft'), { personId: admin.personId, role: 'administrator', authorRole: 'probation_officer' })?.details.key).toBe('errors.lifecycle.assignRole');
  });

  it('an officer takes a screener’s inquiry for themselves, but does not hand someone else’s case to anyone', () => {
    const inquiry = facts(otherOfficer, null, { authorId: screener.personId, authorName: screener.name });
    expect(assignRefusal(inquiry, { personId: otherOfficer.personId, role: 'probation_officer', authorRole: 'screener' })).toBeNull();
    expect(assignRefusal(facts(otherOfficer, 'draft'), { personId: otherOfficer.personId, role: 'probation_officer', authorRole: 'probation_officer' })?.details.key).toBe('errors.lifecycle.assignOthers');
  });
});

describe('the steps a screen offers', () => {
  it('are exactly the ones the person may take now', () => {
    expect(openActions(facts(officer, 'draft'))).toEqual(['submit']);
    expect(openActions(facts(officer, 'draft', { reviewOptional: true }))).toEqual(['submit', 'issue']);
    expect(openActions(facts(senior, 'submitted'))).toEqual(['return', 'countersign']);
    expect(openActions(facts(officer, 'countersigned'))).toEqual(['issue']);
    expect(openActions(facts(officer, 'issued'))).toEqual(['amend']);
    expect(openActions(facts(screener, 'draft'))).toEqual([]);
  });
});
