import { describe, expect, it } from 'vitest';
import type { Interview } from '../../../main/contract/interview';
import { evaluateForm } from '../../../main/domain/forms';
import { deriveProfile } from '../../../main/domain/options/profile';
import { buildReportContext } from '../../../main/domain/report/context';
import { deriveFacts, hasDependants, profileFacts, readDependants, type RuleFacts } from '../../../main/domain/rules';
import { preTrial, womanWithTwoDependants, youngAdult, type InterviewCase } from '../../fixtures/interviews';
import { form } from '../forms/shipped';

// The facts rules read (ages, woman, young adult, dependants, stage) are derived once, and the
// interview, the options and the report each read the same ones: a woman's provisions, a young
// adult's and a carer's never depend on which part of the product is asking.

const jurisdiction = { youngAdultUpperAge: 25 };
const author = { name: 'Officer Jane Doyle', role: 'Probation officer' };

function everyView(c: InterviewCase, interview: Interview = c.interview) {
  const f = form(interview.formId as 'full' | 'pre-trial');
  const facts = deriveFacts(c.details, jurisdiction);
  const profile = deriveProfile(c.details, interview, jurisdiction.youngAdultUpperAge, { form: f });
  const catalogueFacts = profileFacts(profile).values;
  const report = buildReportContext({ details: c.details, interview, form: f, facts, reportDate: '2026-11-26', status: 'draft', author, language: 'en' }).facts;
  return { facts, profile, catalogueFacts, report };
}

const shared = (f: RuleFacts) => ({ ageAtOffence: f.ageAtOffence, ageAtReport: f.ageAtReport, isWoman: f.isWoman, isYoungAdult: f.isYoungAdult, stage: f.stage });

describe('the derived facts', () => {
  it('are the same for forms, options and templates, for a woman carer, a young adult and a pre-trial case', () => {
    for (const c of [womanWithTwoDependants(), youngAdult(), preTrial()]) {
      const { facts, profile, catalogueFacts, report } = everyView(c);
      const expected = shared(facts);
      expect(report, c.details.caseNumber).toMatchObject(expected);
      expect(profile, c.details.caseNumber).toMatchObject(expected);
      expect(catalogueFacts, c.details.caseNumber).toMatchObject(expected);
    }
  });

  it('say a woman is one, and a man of 20 a young adult, wherever they are read', () => {
    const woman = everyView(womanWithTwoDependants());
    expect([woman.facts.isWoman, woman.profile.isWoman, woman.report.isWoman]).toEqual([true, true, true]);
    const young = everyView(youngAdult());
    expect([young.facts.isYoungAdult, young.profile.isYoungAdult, young.report.isYoungAdult]).toEqual([true, true, true]);
    expect(young.facts.ageAtReport).toBe(20);
  });

  it('count the dependants the form shows, the same for the options and the report', () => {
    const { profile, report } = everyView(womanWithTwoDependants());
    expect(profile.dependants).toBe(2);
    expect(report.hasDependants).toBe(true);
    const none = everyView(youngAdult());
    expect(none.profile.dependants).toBe(0);
    expect(none.report.hasDependants).toBe(false);
  });

  it('ignore a list of dependants the form hides because the person said there are none', () => {
    const c = womanWithTwoDependants();
    const interview: Interview = { ...c.interview, answers: { ...c.interview.answers, 'dependants.hasDependants': { status: 'answered', value: false } } };
    const evaluation = evaluateForm(form('full'), interview, deriveFacts(c.details, jurisdiction));
    expect(evaluation.sections.flatMap((s) => s.items).find((i) => i.fieldId === 'dependants.people' && i.row === undefined)?.visible).toBe(false);
    const { profile, report } = everyView(c, interview);
    expect(profile.dependants).toBe(0);
    expect(report.hasDependants).toBe(false);
  });

  it('keep a declined answer declined for the options and never read it as a yes in the report', () => {
    const c = womanWithTwoDependants();
    const answers: Interview['answers'] = { ...c.interview.answers, 'dependants.hasDependants': { status: 'declined' } };
    delete answers['dependants.people'];
    const { profile, report } = everyView(c, { ...c.interview, answers });
    expect(profile.dependants).toBe('declined');
    expect(report.hasDependants).toBe(false);
    expect(readDependants({ ...c.interview, answers })).toEqual({ answer: 'declined', listed: 'unknown' });
  });

  it('read nothing from an answer the form does not show', () => {
    const c = womanWithTwoDependants();
    const hidden = readDependants(c.interview, () => false);
    expect(hidden).toEqual({ answer: 'unknown', listed: 'unknown' });
    expect(hasDependants(hidden)).toBe(false);
  });
});
