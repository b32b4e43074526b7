import { CHILD_JUSTICE_MESSAGE } from '../caseRules';
import type { FormDefinition } from '../../contract/form';
import type { Interview } from '../../contract/interview';
import { evaluateForm, type FormIssue } from './evaluate';
import type { RuleFacts } from '../rules/facts';
import { validateInterview } from './validate';

export interface CompletionVerdict {
  ok: boolean;
  /** The informed-participation section is complete (docs/DOMAIN.md section 3). */
  participationComplete: boolean;
  /** Why it cannot be marked complete, most important first; empty when `ok`. */
  issues: FormIssue[];
}

/**
 * The interview can be marked complete only when informed participation was recorded first
 * (purpose, readers, consequences, language, interpreter, consent) and every other problem is
 * resolved: no required question missing (declined counts as answered), no invalid or forbidden answer.
 */
export function canMarkComplete(form: FormDefinition, interview: Interview, facts: RuleFacts): CompletionVerdict {
  if (facts.isChild) {
    const refusal: FormIssue = { kind: 'forbidden', path: '$', message: CHILD_JUSTICE_MESSAGE, key: 'errors.childJustice' };
    return { ok: false, participationComplete: false, issues: [refusal] };
  }
  const evaluation = evaluateForm(form, interview, facts);
  const participation = evaluation.sections.filter((s) => s.section.informedParticipation);
  const participationIssues = participation.flatMap((s) => s.items.flatMap((i) => i.issues));
  const gate: FormIssue[] = [];
  if (participation.length === 0) {
    gate.push({ kind: 'missing', path: '$', message: 'This form has no informed-participation section.', key: 'forms.noParticipationSection' });
  } else if (participationIssues.length > 0) {
    const first = participationIssues[0] as FormIssue;
    gate.push({
      kind: 'missing',
      path: first.path,
      sectionId: first.sectionId ?? '',
      message: 'Record informed participation first: what was explained, in which language, with which interpreter, and consent to checks.',
      key: 'forms.participationFirst',
    });
  }
  const issues = [...gate, ...validateInterview(form, interview, facts)];
  return { ok: issues.length === 0, participationComplete: participation.length > 0 && participationIssues.length === 0, issues };
}
