import { describe, expect, it } from 'vitest';
import { genders } from '../../../main/contract/case';
import type { FormDefinition } from '../../../main/contract/form';
import type { Interview } from '../../../main/contract/interview';
import { evaluateForm } from '../../../main/domain/forms/evaluate';
import type { RuleFacts } from '../../../main/domain/rules/facts';
import { offenceAccountViolations } from '../../../main/domain/forms/guards';
import { progress } from '../../../main/domain/forms/progress';
import { validateInterview } from '../../../main/domain/forms/validate';
import { form } from './shipped';
import { answered, declined, facts, interviewFor } from './support';

// Which questions the officer must answer depends on who the person is and where the case stands.

function shown(f: FormDefinition, who: RuleFacts, interview: Interview = interviewFor(f)) {
  const items = evaluateForm(f, interview, who).sections.flatMap((s) => s.items);
  return {
    required: new Set(items.filter((i) => i.required).map((i) => i.fieldId)),
    visible: new Set(items.filter((i) => i.visible).map((i) => i.fieldId)),
  };
}

const WOMEN_REQUIRED = ['caregiving.pregnant', 'caregiving.breastfeeding', 'trauma.experiences', 'trauma.currentlyAtRisk', 'relationships.unhealthyRelationship', 'relationships.parentalStress', 'womensNeeds.womenOnlyServices'];
const YOUNG_ADULT_REQUIRED = ['maturity.weighingConsequences', 'maturity.impulseControl', 'maturity.peerSusceptibility', 'maturity.emotionalDevelopmentalAge', 'maturity.careLeaver', 'maturity.schooling', 'trauma.childhoodExperiences'];

describe('each gender option', () => {
  for (const gender of genders) {
    const woman = gender === 'female';
    it(`${gender}: women-specific questions are shown, and ${woman ? 'required' : 'optional'}`, () => {
      for (const id of ['full', 'short-format', 'pre-trial'] as const) {
        const { required, visible } = shown(form(id), facts({ person: { gender } }));
        for (const q of WOMEN_REQUIRED) {
          expect(visible.has(q), `${id}: ${q} shown`).toBe(true);
          expect(required.has(q), `${id}: ${q} required`).toBe(woman);
        }
      }
    });
  }

  it('marks the gender-responsive section not applicable for a man until something is recorded in it', () => {
    const f = form('full');
    const man = facts({ person: { gender: 'male' } });
    const before = progress(f, interviewFor(f), man).sections.find((s) => s.sectionId === 'genderResponsiveNeeds');
    expect(before).toMatchObject({ status: 'not_applicable', required: 0 });
    const withAnswer = interviewFor(f, { 'womensNeeds.parentingSupportWanted': answered(true) });
    expect(progress(f, withAnswer, man).sections.find((s) => s.sectionId === 'genderResponsiveNeeds')?.status).toBe('complete');
    const forWoman = progress(f, interviewFor(f), facts()).sections.find((s) => s.sectionId === 'genderResponsiveNeeds');
    expect(forWoman).toMatchObject({ status: 'incomplete', required: 3, missing: 3 });
  });

  it('asks about dependants of everyone, and who would care for them if custody were imposed', () => {
    const f = form('full');
    const man = facts({ person: { gender: 'male' } });
    expect(shown(f, man).required.has('dependants.hasDependants')).toBe(true);
    const withChild = interviewFor(f, {
      'dependants.hasDependants': answered(true),
      'dependants.people': { status: 'answered', rows: [{ relationship: answered('own_child') }] },
    });
    const rows = evaluateForm(f, withChild, man).sections.flatMap((s) => s.items).filter((i) => i.row === 0 && i.required);
    expect(rows.map((i) => i.subFieldId)).toEqual(['relationship', 'ageYears', 'livesWithThem', 'carerNow', 'carerIfCustody']);
    // The effect of custody on the children is required for a woman (Bangkok Rule 64), optional otherwise.
    expect(shown(f, man, withChild).required.has('caregiving.custodyImpact')).toBe(false);
    expect(shown(f, facts(), withChild).required.has('caregiving.custodyImpact')).toBe(true);
  });

  it('asks for the due date only when the person is pregnant', () => {
    const f = form('full');
    expect(shown(f, facts()).visible.has('caregiving.dueDate')).toBe(false);
    const pregnant = interviewFor(f, { 'caregiving.pregnant': answered('yes') });
    expect(shown(f, facts(), pregnant).required.has('caregiving.dueDate')).toBe(true);
  });
});

describe('young adults', () => {
  const nineteen = facts({ person: { dateOfBirth: '2007-06-01', gender: 'male' } });
  const thirtySix = facts({ person: { gender: 'male' } });

  it('require maturity, childhood experiences, care-leaver status and schooling for a 19-year-old', () => {
    expect(nineteen.isYoungAdult).toBe(true);
    const { required } = shown(form('full'), nineteen);
    for (const q of YOUNG_ADULT_REQUIRED) expect(required.has(q), q).toBe(true);
  });

  it('show but do not require them for a 36-year-old man', () => {
    const { required, visible } = shown(form('full'), thirtySix);
    for (const q of YOUNG_ADULT_REQUIRED) {
      expect(visible.has(q), q).toBe(true);
      expect(required.has(q), q).toBe(false);
    }
  });

  it('require peer influence in the offence analysis for a young adult only', () => {
    expect(shown(form('full'), nineteen).required.has('offence.peerInfluence')).toBe(true);
    expect(shown(form('full'), thirtySix).required.has('offence.peerInfluence')).toBe(false);
  });

  it('ask for the leaving-care adviser only of a supported care leaver', () => {
    const f = form('full');
    expect(shown(f, nineteen).visible.has('maturity.personalAdviser')).toBe(false);
    const careLeaver = interviewFor(f, { 'maturity.careLeaver': answered('care_leaver_supported') });
    expect(shown(f, nineteen, careLeaver).visible.has('maturity.personalAdviser')).toBe(true);
  });
});

describe('pre-trial stage: presumption of innocence', () => {
  const preTrial = facts({ stage: 'pre_trial', reportType: 'pre_trial' });

  it('hides the offence analysis even in a form that has it', () => {
    const sections = evaluateForm(form('full'), interviewFor(form('full')), preTrial).sections;
    expect(sections.find((s) => s.section.id === 'offenceAnalysis')?.visible).toBe(false);
    expect(sections.find((s) => s.section.id === 'offenceAnalysis')?.items.some((i) => i.required)).toBe(false);
  });

  it('lists any offence-account answer as a violation, a declined one too, and none after conviction', () => {
    const f = form('full');
    const interview = interviewFor(f, { 'offence.ownAccount': answered('I was there but…'), 'offence.responsibility': declined, 'home.situation': answered('owner') });
    const found = offenceAccountViolations(f, interview, preTrial);
    expect(found.map((v) => v.path)).toEqual(['$.answers.offence.ownAccount', '$.answers.offence.responsibility']);
    expect(found.every((v) => v.kind === 'forbidden' && v.key === 'forms.offenceAccountPreTrial')).toBe(true);
    expect(offenceAccountViolations(f, interview, facts())).toEqual([]);
    expect(validateInterview(f, interview, preTrial).filter((i) => i.kind === 'forbidden')).toHaveLength(2);
  });

  it('treats an offence-account answer sent with the pre-trial form as not a question of that form', () => {
    const f = form('pre-trial');
    const issues = validateInterview(f, interviewFor(f, { 'offence.ownAccount': answered('My side of it') }), preTrial);
    expect(issues[0]).toMatchObject({ kind: 'unknown', path: '$.answers.offence.ownAccount', key: 'forms.unknownField' });
  });

  it('requires the officer to record that the offence will not be discussed, and where the person is held', () => {
    const { required } = shown(form('pre-trial'), preTrial);
    expect(required.has('participation.noOffenceQuestionsExplained')).toBe(true);
    expect(required.has('case.custodyStatus')).toBe(true);
    expect(required.has('history.bailCompliance')).toBe(true);
    // Consent to unpaid work or restorative justice belongs to sentencing, not release.
    expect(shown(form('full'), facts()).required.has('feasibility.consentCommunityService')).toBe(true);
    expect(shown(form('pre-trial'), preTrial).visible.has('feasibility.consentCommunityService')).toBe(false);
  });
});
