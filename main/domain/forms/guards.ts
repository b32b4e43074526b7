import { english, type FormDefinition } from '../../contract/form';
import { isGroupAnswer, type Interview } from '../../contract/interview';
import { childJusticeRefusal } from '../caseRules';
import type { RuleFacts } from '../rules/facts';
import { answerPath, type FormIssue } from './evaluate';

/** No interview for a child: child justice applies (docs/DOMAIN.md section 3). Enforced in main, not only hidden in the UI. */
export function assertInterviewAllowed(facts: RuleFacts): void {
  if (facts.isChild) throw childJusticeRefusal(facts);
}

/**
 * Offence-account answers present in a case before a finding of guilt (presumption of innocence,
 * docs/DOMAIN.md section 3). Any entry counts, a declined one too: the question should not have been
 * put at all. The API refuses a save that has any of these.
 */
export function offenceAccountViolations(form: FormDefinition, interview: Interview, facts: RuleFacts): FormIssue[] {
  if (facts.stage !== 'pre_trial') return [];
  const out: FormIssue[] = [];
  const forbidden = (sectionId: string, fieldId: string, path: string, label: string, row?: number, subFieldId?: string) => {
    const found: FormIssue = {
      kind: 'forbidden',
      path,
      sectionId,
      fieldId,
      message: `"${label}" is about the alleged offence; before a finding of guilt it is neither asked nor recorded.`,
      key: 'forms.offenceAccountPreTrial',
    };
    if (row !== undefined) found.row = row;
    if (subFieldId !== undefined) found.subFieldId = subFieldId;
    out.push(found);
  };
  for (const section of form.sections) {
    for (const field of section.fields) {
      const answer = interview.answers[field.id];
      if (!answer) continue;
      if (field.offenceAccount) {
        forbidden(section.id, field.id, answerPath(field.id), english(field.label));
        continue;
      }
      if (field.kind === 'repeatable_group' && isGroupAnswer(answer)) {
        answer.rows.forEach((row, i) => {
          for (const sub of field.fields) {
            if (sub.offenceAccount && row[sub.id]) forbidden(section.id, field.id, answerPath(field.id, i, sub.id), english(sub.label), i, sub.id);
          }
        });
      }
    }
  }
  return out;
}
