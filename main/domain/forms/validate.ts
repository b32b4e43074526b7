import type { FormDefinition } from '../../contract/form';
import type { Interview } from '../../contract/interview';
import { evaluateForm, type FormEvaluation, type FormIssue } from './evaluate';
import type { RuleFacts } from '../rules/facts';
import { offenceAccountViolations } from './guards';

/**
 * Every field-level problem, in form order: answers that are not questions of this form, answers
 * the law forbids at this stage, values that do not fit their question, and required questions
 * with neither an answer nor a recorded refusal. Hidden questions are not checked; their answers
 * are kept but never count.
 */
export function validateInterview(
  form: FormDefinition,
  interview: Interview,
  facts: RuleFacts,
  /** Pass an evaluation already made of this same interview to avoid doing the work twice. */
  evaluation: FormEvaluation = evaluateForm(form, interview, facts),
): FormIssue[] {
  return [
    ...evaluation.unknown,
    ...offenceAccountViolations(form, interview, facts),
    ...evaluation.sections.flatMap((s) => s.items.flatMap((item) => item.issues)),
  ];
}
