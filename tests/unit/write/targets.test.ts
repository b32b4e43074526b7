import { describe, expect, it } from 'vitest';
import type { AnalysisCheck, Readiness } from '../../../main/contract/reportText';
import { blockerTarget, placeChecks, reasonFor } from '../../../renderer/src/features/write/targets';

const titles = new Map([
  ['risk', 'Risk and protective factors'],
  ['conclusion', 'Conclusion'],
]);
const check = (id: string, kind: AnalysisCheck['kind'], key: string, params: Record<string, string> = {}, sectionId?: string): AnalysisCheck => ({ id, kind, message: { key, params }, ...(sectionId ? { sectionId } : {}) });
const trauma = check('needUnanswered:trauma', 'needUnanswered', 'report.checks.needUnanswered', { need: 'trauma' });
const housing = check('needUnanswered:housing', 'needUnanswered', 'report.checks.needUnanswered', { need: 'housing' });
const offender = check('avoidWord:risk:offender', 'avoidWord', 'report.checks.avoidWord', { word: 'offender', suggestion: 'the person' }, 'risk');
const blocker = (b: Partial<Readiness['blockers'][number]> & Pick<Readiness['blockers'][number], 'kind'>): Readiness['blockers'][number] => ({ message: { key: `report.readiness.${b.kind}`, params: {} }, ...b });

describe('where the officer puts right what stops a final report', () => {
  it('sends a missing proposal and open condition checks to the proposal page', () => {
    expect(blockerTarget(blocker({ kind: 'noProposal' }), [], titles)).toEqual({ kind: 'proposal' });
    expect(blockerTarget(blocker({ kind: 'openConditionCheck', message: { key: 'report.readiness.openConditionCheck', params: { count: 2 } } }), [], titles)).toEqual({ kind: 'proposal' });
  });

  it('sends an unwritten or unedited section to its text, named by its title', () => {
    expect(blockerTarget(blocker({ kind: 'unwrittenSection', sectionId: 'conclusion' }), [], titles)).toEqual({ kind: 'section', sectionId: 'conclusion', title: 'Conclusion' });
    expect(blockerTarget(blocker({ kind: 'openAnalysisCheck', sectionId: 'risk', message: offender.message }), [offender], titles)).toEqual({ kind: 'section', sectionId: 'risk', title: 'Risk and protective factors' });
  });

  it('sends an open check about no section to that very check, told apart from others of its kind by its sentence', () => {
    const b = blocker({ kind: 'openAnalysisCheck', message: { key: 'report.checks.needUnanswered', params: { need: 'housing' } } });
    expect(blockerTarget(b, [trauma, housing], titles)).toEqual({ kind: 'check', checkId: 'needUnanswered:housing' });
    expect(blockerTarget(b, [trauma], titles)).toEqual({ kind: 'none' });
  });

  it('shows each check beside its section, and the checks about no section (or a section not offered) at the top', () => {
    const elsewhere = check('restates:pregnancy', 'restates', 'report.checks.restates', { title: 'Pregnancy' }, 'pregnancy');
    const placed = placeChecks([trauma, offender, elsewhere], titles);
    expect([...placed.bySection]).toEqual([['risk', [offender]]]);
    expect(placed.general).toEqual([trauma, elsewhere]);
  });

  it('reads an acknowledgement from the text being written', () => {
    const text = { sections: {}, acknowledgements: [{ checkId: 'needUnanswered:trauma', reason: 'The centre assesses trauma.' }] };
    expect(reasonFor(text, 'needUnanswered:trauma')).toBe('The centre assesses trauma.');
    expect(reasonFor(text, 'needUnanswered:housing')).toBeUndefined();
  });
});
