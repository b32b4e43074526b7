import { describe, expect, it } from 'vitest';
import { evaluateRule, readsOf, unrecordedReads, type RuleValue } from '../../../main/domain/rules';

// One evaluator for every kind of rule, with one stated reading of what is not recorded.

describe('evaluateRule', () => {
  it('takes an absent rule as the caller says: shown, optional, or applying', () => {
    expect(evaluateRule(undefined, {}, { whenAbsent: true })).toBe(true);
    expect(evaluateRule(undefined, {}, { whenAbsent: false })).toBe(false);
    expect(evaluateRule(undefined, {})).toBe(true);
  });

  it('reads a variable the data does not hold as null, so it is never a yes or a no', () => {
    const isYes = { '==': [{ var: 'answers.dependants.hasDependants' }, true] };
    const isNo = { '==': [{ var: 'answers.dependants.hasDependants' }, false] };
    const notAnswered = { '==': [{ var: 'answers.dependants.hasDependants' }, null] };
    const data = { answers: {} };
    expect(evaluateRule(isYes, data)).toBe(false);
    expect(evaluateRule(isNo, data)).toBe(false);
    expect(evaluateRule(notAnswered, data)).toBe(true);
  });

  it('when asked to, leaves a rule undecided if it reads a fact that is not recorded, instead of evaluating it', () => {
    const rule: RuleValue = { or: [{ '<': [{ var: 'ageAtReport' }, 21] }, { '==': [{ var: 'consentTreatment' }, 'no'] }] };
    expect(evaluateRule(rule, { ageAtReport: 19 }, { unknown: 'undecided' })).toBe('unknown');
    expect(evaluateRule(rule, { ageAtReport: 19, consentTreatment: null }, { unknown: 'undecided' })).toBe('unknown');
    expect(evaluateRule(rule, { ageAtReport: 30, consentTreatment: 'no' }, { unknown: 'undecided' })).toBe(true);
    expect(evaluateRule(rule, { ageAtReport: 30, consentTreatment: 'yes' }, { unknown: 'undecided' })).toBe(false);
    // The same data read the default way: the missing consent is null, and the age decides.
    expect(evaluateRule(rule, { ageAtReport: 19 })).toBe(true);
  });

  it('does not count the element of "some" as a fact to be recorded, and reads facts through inherited properties', () => {
    const rule: RuleValue = { some: [{ var: 'needs' }, { '==': [{ var: '' }, 'education'] }] };
    expect(readsOf(rule)).toEqual(['needs']);
    const person = { needs: ['education'] };
    const perOption = Object.assign(Object.create(person) as object, { option: 'Unpaid work' });
    expect(unrecordedReads(rule, perOption)).toEqual([]);
    expect(evaluateRule(rule, perOption, { unknown: 'undecided' })).toBe(true);
  });

  it('uses JSON Logic truthiness for every caller: an empty list does not hold', () => {
    expect(evaluateRule({ filter: [{ var: 'needs' }, { '==': [{ var: '' }, 'finance'] }] }, { needs: ['education'] })).toBe(false);
    expect(evaluateRule({ filter: [{ var: 'needs' }, { '==': [{ var: '' }, 'finance'] }] }, { needs: ['finance'] })).toBe(true);
  });
});
