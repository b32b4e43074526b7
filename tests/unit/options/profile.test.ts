import { describe, expect, it } from 'vitest';
import { loadForms } from '../../../main/loaders/forms';
import type { Interview } from '../../../main/contract/interview';
import { MatchingProfile } from '../../../main/contract/options';
import { matchOptions } from '../../../main/domain/options/match';
import { deriveProfile, offenceCategoriesOf } from '../../../main/domain/options/profile';
import { caseDetails } from '../../support/core';
import { answered, declined } from '../forms/support';
import { catalogue, item } from './support';

// The profile is read off what the officer recorded, and only that: declined stays declined,
// not asked stays unknown, and needs carry the source of the answer that shows them.

const full = loadForms().get('full')!;
const interview = (answers: Interview['answers']): Interview => ({ formId: full.id, formVersion: full.version, answers });
const english = () => catalogue().languages.get('en')!;

describe('deriveProfile', () => {
  it('with no interview knows only the case: every recorded fact is unknown, never a yes or a no', () => {
    const p = deriveProfile(caseDetails(), null, 25);
    expect(MatchingProfile.safeParse(p).success).toBe(true);
    expect(p).toMatchObject({ stage: 'convicted', gender: 'female', isWoman: true, ageAtReport: 36, isYoungAdult: false, charges: ['Theft from a shop'], offenceCategories: ['property'] });
    expect(p).toMatchObject({ monthlyIncome: 'unknown', ableToPay: 'unknown', stableSafeHome: 'unknown', domesticAbuseInHousehold: 'unknown', pregnant: 'unknown', risk: 'not_assessed', workingHours: 'unknown' });
    expect(p.needs).toEqual([]);
  });

  it('maps an unaffordable fine and an unsafe home so that the matcher refuses both with the facts', () => {
    const p = deriveProfile(
      caseDetails(),
      interview({
        'finance.monthlyIncome': answered(450),
        'finance.monthlyEssentialOutgoings': answered(420),
        'finance.abilityToPay': answered('unable'),
        'home.safeAndStable': answered(false),
        'home.domesticAbuseInHousehold': answered('current'),
      }),
      25,
    );
    expect(p).toMatchObject({ monthlyIncome: 450, monthlyOutgoings: 420, ableToPay: 'no', stableSafeHome: 'no', domesticAbuseInHousehold: 'yes' });
    const result = matchOptions(catalogue(), [], p);
    expect(item(result, 'sentencing.fine').status).toBe('not_suitable');
    expect(item(result, 'sentencing.fine').reasons.map((r) => r.message).join(' ')).toMatch(/Fine is not affordable \(unable without hardship\)/);
    const houseArrest = item(result, 'sentencing.house_arrest');
    expect(houseArrest.status).toBe('not_suitable');
    expect(houseArrest.reasons.find((r) => r.ruleId === 'home.domestic_abuse')!.message).toMatch(/domestic abuse in the household is recorded/);
  });

  it('keeps declined apart from not recorded', () => {
    const p = deriveProfile(caseDetails(), interview({ 'finance.monthlyIncome': declined, 'caregiving.pregnant': answered('not_sure'), 'home.safeAndStable': declined }), 25);
    expect(p.monthlyIncome).toBe('declined');
    expect(p.stableSafeHome).toBe('declined');
    expect(p.pregnant).toBe('unknown');
    expect(p.monthlyOutgoings).toBe('unknown');
  });

  it('treats an answer to a question the form hides for this person as not recorded', () => {
    const answers = { 'dependants.hasDependants': answered(false), 'caregiving.primaryCaregiver': answered(true) };
    expect(deriveProfile(caseDetails(), interview(answers), 25).primaryCaregiver).toBe('yes');
    const p = deriveProfile(caseDetails(), interview(answers), 25, { form: full });
    expect(p.primaryCaregiver).toBe('unknown');
    expect(p).toMatchObject({ dependants: 0, childcareResponsibilities: 'no', childcareTimes: [] });
  });

  it('reads a pregnant primary caregiver with children, and her working hours', () => {
    const p = deriveProfile(
      caseDetails(),
      interview({
        'dependants.hasDependants': answered(true),
        'dependants.people': { status: 'answered', rows: [{ relationship: answered('own_child'), ageYears: answered(4) }, { relationship: answered('own_child'), ageYears: answered(7) }] },
        'caregiving.primaryCaregiver': answered(true),
        'caregiving.pregnant': answered('yes'),
        'work.status': answered('part_time'),
        'work.workingHours': answered('Monday to Friday 09:00-13:00'),
      }),
      25,
      { form: full, language: english() },
    );
    expect(p).toMatchObject({ pregnant: 'yes', primaryCaregiver: 'yes', dependants: 2, childcareResponsibilities: 'yes', childcareTimes: 'unknown' });
    expect(p.workingHours).toEqual([{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '13:00' }]);
    expect(matchOptions(catalogue(), [], p).notes.map((n) => n.key)).toContain('options.note.preferNonCustodial');
  });

  it('takes the latest structured risk assessment, and a young adult from the dates', () => {
    const details = caseDetails({ person: { dateOfBirth: '2005-01-10', gender: 'male' } });
    const p = deriveProfile(
      details,
      interview({
        'risk.assessmentDone': answered(true),
        'risk.assessments': {
          status: 'answered',
          rows: [
            { instrument: answered('OASys'), assessedOn: answered('2025-03-01'), result: answered('high') },
            { instrument: answered('OGRS'), assessedOn: answered('2026-10-20'), result: answered('low') },
          ],
        },
      }),
      25,
    );
    expect(p.risk).toEqual({ instrument: 'OGRS', date: '2026-10-20', result: 'low' });
    expect(p.isYoungAdult).toBe(true);
    expect(p.isWoman).toBe(false);
  });

  it('records needs with the source of the answer that shows them', () => {
    const p = deriveProfile(
      caseDetails(),
      interview({
        'work.status': { status: 'answered', value: 'unemployed', source: { kind: 'verified', by: 'Jobcentre' } },
        'substance.use': answered(['alcohol']),
        'substance.pattern': answered('daily'),
        'mentalHealth.concerns': { status: 'answered', value: 'current', source: { kind: 'third_party', by: 'GP' } },
        'finance.debt': answered('problem'),
      }),
      25,
    );
    expect(p.needs.map((n) => [n.need, n.source])).toEqual([
      ['employment', 'verified'],
      ['finance', 'assessment'],
      ['alcohol', 'assessment'],
      ['mental_health', 'third_party'],
    ]);
  });

  it('names offence categories from the charges by keyword', () => {
    expect(offenceCategoriesOf(['Theft from a shop', 'Possession of a bladed article'])).toEqual(['property', 'weapons']);
    expect(offenceCategoriesOf(['Assault by beating of a partner (domestic)'])).toEqual(['domestic_abuse', 'violence']);
    expect(offenceCategoriesOf(['Failing to surrender'])).toEqual(['other']);
  });

  it('reads consents, fitness, literacy and acknowledgement of the facts', () => {
    const p = deriveProfile(
      caseDetails(),
      interview({
        'feasibility.consentCommunityService': answered('yes'),
        'feasibility.consentRestorativeJustice': answered('undecided'),
        'substance.consentToTreatment': answered('no'),
        'mentalHealth.consentToTreatment': answered('yes'),
        'health.fitForUnpaidWork': answered('with_adjustments'),
        'identity.literacy': answered('some_difficulty'),
        'offence.responsibility': answered('denies'),
      }),
      25,
    );
    expect(p.consents).toEqual({ community_service: 'yes', treatment: 'yes', restorative_justice: 'unknown', electronic_monitoring: 'unknown' });
    expect(p).toMatchObject({ fitForUnpaidWork: 'yes', literacy: 'limited', acknowledgesBasicFacts: 'no' });
    expect(deriveProfile(caseDetails({ stage: 'pre_trial', reportType: 'pre_trial' }), null, 25).acknowledgesBasicFacts).toBe('unknown');
  });
});
