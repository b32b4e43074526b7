import { describe, expect, it } from 'vitest';
import type { AnswerEntry } from '../../../main/contract/interview';
import { canMarkComplete } from '../../../main/domain/forms/complete';
import { progress } from '../../../main/domain/forms/progress';
import { validateInterview } from '../../../main/domain/forms/validate';
import { form } from './shipped';
import { answered, completeInterview, declined, facts, interviewFor } from './support';

// What the officer records, and what stops the interview being marked complete.

const woman = facts();
const full = form('full');

describe('declined answers', () => {
  it('never count as missing: an interview with declined required questions is complete', () => {
    const interview = completeInterview(full, woman, {}, ['finance.monthlyIncome', 'trauma.experiences', 'caregiving.pregnant']);
    expect(interview.answers['finance.monthlyIncome']).toEqual(declined);
    const p = progress(full, interview, woman);
    expect(p.missing).toBe(0);
    expect(p.declined).toBe(3);
    expect(p.allDone).toBe(true);
    expect(validateInterview(full, interview, woman)).toEqual([]);
    expect(canMarkComplete(full, interview, woman)).toEqual({ ok: true, participationComplete: true, issues: [] });
  });

  it('are counted apart from answers in the section', () => {
    const interview = completeInterview(full, woman, {}, ['finance.monthlyIncome']);
    const finance = progress(full, interview, woman).sections.find((s) => s.sectionId === 'educationEmploymentFinance');
    expect(finance).toMatchObject({ status: 'complete', declined: 1, missing: 0 });
    expect(finance?.answered).toBe((finance?.required ?? 0) - 1);
  });

  it('cannot be used for what the officer records, such as whether the purpose was explained', () => {
    const interview = completeInterview(full, woman, {}, ['participation.purposeExplained']);
    const issues = validateInterview(full, interview, woman);
    expect(issues).toEqual([expect.objectContaining({ path: '$.answers.participation.purposeExplained', key: 'forms.cannotDecline', kind: 'invalid' })]);
  });

  it('should not also hold a value', () => {
    const interview = completeInterview(full, woman, { 'finance.monthlyIncome': { status: 'declined', value: 900 } });
    expect(validateInterview(full, interview, woman)).toEqual([expect.objectContaining({ path: '$.answers.finance.monthlyIncome', key: 'forms.declinedWithValue' })]);
  });
});

describe('values are checked against their question', () => {
  const check = (answers: Record<string, AnswerEntry>) => validateInterview(full, completeInterview(full, woman, answers), woman);

  it('counts the character limit in what the officer sees', () => {
    const family = '👨‍👩‍👧';
    expect(check({ 'case.courtQuestion': answered(family.repeat(1500)) })).toEqual([]);
    expect(check({ 'case.courtQuestion': answered(family.repeat(1501)) })).toEqual([
      expect.objectContaining({ path: '$.answers.case.courtQuestion', key: 'validation.tooLong', params: { max: 1500, count: 1501 } }),
    ]);
    // 81 code units but 80 characters: a combining accent does not use up the limit.
    expect(check({ 'identity.mainLanguage': answered(`Portugue\u0302s${'x'.repeat(71)}`) })).toEqual([]);
    expect(check({ 'identity.mainLanguage': answered(`Portugue\u0302s${'x'.repeat(72)}`) })).toEqual([
      expect.objectContaining({ key: 'validation.tooLong', params: { max: 80, count: 81 } }),
    ]);
  });

  it('refuses a choice that is not an option, a broken date, a number out of range and a line break in a short answer', () => {
    expect(check({ 'home.situation': answered('council') })[0]).toMatchObject({ key: 'validation.choose' });
    expect(check({ 'participation.interviewDate': answered('2026-02-30') })[0]).toMatchObject({ key: 'validation.date' });
    expect(check({ 'finance.monthlyIncome': answered(-5) })[0]).toMatchObject({ key: 'forms.numberTooSmall' });
    expect(check({ 'identity.mainLanguage': answered('English\nand Twi') })[0]).toMatchObject({ key: 'validation.controlCharacter' });
    expect(check({ 'dependants.hasDependants': answered('no') })[0]).toMatchObject({ key: 'forms.yesOrNo' });
  });

  it('refuses "none" ticked together with something else', () => {
    expect(check({ 'substance.use': answered(['none', 'alcohol']) })).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'forms.exclusiveChoice', path: '$.answers.substance.use' })]),
    );
  });

  it('asks who verified an item and how', () => {
    const issues = check({ 'home.situation': { status: 'answered', value: 'social_rent', source: { kind: 'verified', by: 'Housing officer' } } });
    expect(issues).toEqual([expect.objectContaining({ path: '$.answers.home.situation.source', key: 'forms.verifiedNeedsWhoAndHow' })]);
    const sourced = check({ 'home.situation': { status: 'answered', value: 'social_rent', source: { kind: 'verified', by: 'Housing officer', how: 'Tenancy agreement seen' } } });
    expect(sourced).toEqual([]);
  });

  it('reports an answer to a question the form does not have', () => {
    expect(check({ 'home.garden': answered(true) })).toEqual([expect.objectContaining({ kind: 'unknown', path: '$.answers.home.garden' })]);
  });

  it('records a newborn as a dependant aged 0', () => {
    const rows = [
      { relationship: answered('own_child'), ageYears: answered(0), livesWithThem: answered(true), carerNow: answered('Herself'), carerIfCustody: answered('No one identified') },
      { relationship: answered('own_child'), ageYears: answered(7), livesWithThem: answered(true), carerNow: answered('Herself'), carerIfCustody: answered('Her mother') },
    ];
    const interview = completeInterview(full, woman, { 'dependants.hasDependants': answered(true), 'dependants.people': { status: 'answered', rows } });
    expect(validateInterview(full, interview, woman)).toEqual([]);
    rows[0] = { ...rows[0], ageYears: answered(0.5) } as (typeof rows)[number];
    expect(validateInterview(full, interview, woman)[0]).toMatchObject({ path: '$.answers.dependants.people.rows[0].ageYears', key: 'forms.wholeNumber', row: 0, subFieldId: 'ageYears' });
  });
});

describe('progress', () => {
  it('lists every section, and for an empty interview points at the first informed-participation question', () => {
    const p = progress(full, interviewFor(full), woman);
    expect(p.sections.map((s) => s.sectionId)).toEqual(full.sections.map((s) => s.id));
    expect(p.firstMissing).toEqual({ sectionId: 'participation', fieldId: 'participation.interviewDate', path: '$.answers.participation.interviewDate' });
    expect(p.sections[0]).toMatchObject({ status: 'incomplete', answered: 0, declined: 0 });
    expect(p.allDone).toBe(false);
  });

  it('marks the offence analysis not applicable in a pre-trial case and every section done once answered', () => {
    const preTrial = facts({ stage: 'pre_trial', reportType: 'pre_trial' });
    const p = progress(full, completeInterview(full, preTrial), preTrial);
    expect(p.sections.find((s) => s.sectionId === 'offenceAnalysis')?.status).toBe('not_applicable');
    expect(p.sections.every((s) => s.status !== 'incomplete')).toBe(true);
    expect(p.firstMissing).toBeNull();
  });

  it('goes to the missing question inside a group row', () => {
    const interview = completeInterview(full, woman, {
      'dependants.hasDependants': answered(true),
      'dependants.people': { status: 'answered', rows: [{ relationship: answered('own_child'), livesWithThem: answered(true), carerNow: answered('Herself'), carerIfCustody: answered('Her sister') }] },
    });
    delete (interview.answers['dependants.people'] as { rows: Array<Record<string, unknown>> }).rows[0]?.ageYears;
    const caregiving = progress(full, interview, woman).sections.find((s) => s.sectionId === 'caregiving');
    expect(caregiving).toMatchObject({ status: 'incomplete', missing: 1 });
    expect(caregiving?.firstMissing).toEqual({ sectionId: 'caregiving', fieldId: 'dependants.people', path: '$.answers.dependants.people.rows[0].ageYears', row: 0, subFieldId: 'ageYears' });
  });

  it('counts an invalid answer against its section even when nothing is missing', () => {
    const interview = completeInterview(full, woman, { 'home.situation': answered('council') });
    const home = progress(full, interview, woman).sections.find((s) => s.sectionId === 'accommodation');
    expect(home).toMatchObject({ status: 'incomplete', invalid: 1 });
  });
});

describe('marking the interview complete', () => {
  it('needs informed participation first, even when everything else is answered', () => {
    const interview = completeInterview(full, woman);
    delete interview.answers['participation.consentThirdPartyChecks'];
    const verdict = canMarkComplete(full, interview, woman);
    expect(verdict.ok).toBe(false);
    expect(verdict.participationComplete).toBe(false);
    expect(verdict.issues[0]).toMatchObject({ key: 'forms.participationFirst', path: '$.answers.participation.consentThirdPartyChecks' });
  });

  it('needs the purpose actually explained, not just the question answered "no"', () => {
    const interview = completeInterview(full, woman, { 'participation.purposeExplained': answered(false) });
    const verdict = canMarkComplete(full, interview, woman);
    expect(verdict.ok).toBe(false);
    expect(verdict.issues.map((i) => i.key)).toEqual(['forms.participationFirst', 'forms.mustBeYes']);
  });

  it('needs every required question answered or declined', () => {
    const interview = completeInterview(full, woman);
    delete interview.answers['risk.level'];
    const verdict = canMarkComplete(full, interview, woman);
    expect(verdict).toMatchObject({ ok: false, participationComplete: true });
    expect(verdict.issues).toEqual([expect.objectContaining({ kind: 'missing', path: '$.answers.risk.level' })]);
  });

  it('is never possible for a child', () => {
    const child = facts({ person: { dateOfBirth: '2009-01-01' } });
    const verdict = canMarkComplete(full, completeInterview(full, woman), child);
    expect(verdict.ok).toBe(false);
    expect(verdict.issues[0]).toMatchObject({ key: 'errors.childJustice' });
  });

  it('is possible for each shipped form once it is filled in', () => {
    for (const id of ['full', 'short-format', 'pre-trial'] as const) {
      const who = id === 'pre-trial' ? facts({ stage: 'pre_trial', reportType: 'pre_trial' }) : woman;
      expect(canMarkComplete(form(id), completeInterview(form(id), who), who).ok, id).toBe(true);
    }
  });
});
