import type { FormDefinition } from '../../../../main/contract/form';
import type { Interview } from '../../../../main/contract/interview';
import { evaluateForm, progress, type FormEvaluation, type FormProgress } from '../../../../main/domain/forms';
import type { RuleFacts } from '../../../../main/domain/rules';

// The renderer runs the very rules main runs on save (main/domain/forms): what is shown and
// required here cannot drift from what the store accepts and what blocks completion.

export interface Evaluated {
  evaluation: FormEvaluation;
  progress: FormProgress;
}

export function evaluate(form: FormDefinition, interview: Interview, facts: RuleFacts): Evaluated {
  return { evaluation: evaluateForm(form, interview, facts), progress: progress(form, interview, facts) };
}
