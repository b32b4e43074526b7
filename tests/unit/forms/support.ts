import type { FormDefinition, AnyField } from '../../../main/contract/form';
import type { AnswerEntry, GroupRow, Interview } from '../../../main/contract/interview';
import { evaluateForm } from '../../../main/domain/forms/evaluate';
import { deriveFacts, type CaseFactsSource, type RuleFacts } from '../../../main/domain/rules/facts';
import { caseDetails } from '../../support/core';

// Shared helpers for the forms tests: facts for a person, and an interview
// filled the way an officer would (answering what is shown and required, nothing else).

/** Facts for a case; defaults to the convicted woman of tests/support/core.ts, aged 36. */
export function facts(over: Partial<Omit<CaseFactsSource, 'person'>> & { person?: Partial<CaseFactsSource['person']> } = {}, upperAge = 25): RuleFacts {
  const base = caseDetails();
  const { person, ...rest } = over;
  return deriveFacts({ ...base, ...rest, person: { ...base.person, ...person } }, { youngAdultUpperAge: upperAge });
}

export function interviewFor(f: FormDefinition, answers: Interview['answers'] = {}): Interview {
  return { formId: f.id, formVersion: f.version, answers };
}

export const answered = (value: AnswerEntry['value']): AnswerEntry => ({ status: 'answered', value });
export const declined: AnswerEntry = { status: 'declined' };

/** A plausible valid answer for a field, preferring answers that open no further questions. */
export function sampleValue(field: AnyField): AnswerEntry['value'] {
  switch (field.kind) {
    case 'short_text':
      return 'Sample answer';
    case 'long_text':
      return 'A longer sample answer.';
    case 'single_choice':
      return (field.options[0] as { id: string }).id;
    case 'multiple_choice':
      return [field.exclusiveOption ?? (field.options[0] as { id: string }).id];
    case 'date':
      return '2026-11-20';
    case 'number':
      return field.min ?? 0;
    case 'yes_no':
      return field.mustBeYes ? true : false;
    case 'repeatable_group':
      throw new Error('groups take rows');
  }
}

/**
 * Answers every shown, required question (and a first row in each required group) until nothing
 * required is missing. `choose` overrides answers; `decline` records those fields as declined.
 */
export function completeInterview(
  f: FormDefinition,
  who: RuleFacts,
  choose: Interview['answers'] = {},
  decline: readonly string[] = [],
): Interview {
  const interview = interviewFor(f, { ...choose });
  for (const id of decline) interview.answers[id] = declined;
  for (let round = 0; round < 20; round += 1) {
    const evaluation = evaluateForm(f, interview, who);
    const open = evaluation.sections.flatMap((s) => s.items).filter((i) => i.required && i.state === 'missing');
    if (open.length === 0) return interview;
    for (const item of open) {
      if (item.row !== undefined && item.subFieldId !== undefined) {
        const group = interview.answers[item.fieldId] as { status: 'answered'; rows: GroupRow[] };
        const row = group.rows[item.row] as GroupRow;
        row[item.subFieldId] = answered(sampleValue(item.field.kind === 'repeatable_group' ? (item.field.fields.find((s) => s.id === item.subFieldId) as AnyField) : item.field));
      } else if (item.field.kind === 'repeatable_group') {
        interview.answers[item.fieldId] = { status: 'answered', rows: [{}] };
      } else {
        interview.answers[item.fieldId] = answered(sampleValue(item.field));
      }
    }
  }
  throw new Error('The interview did not settle after 20 rounds: a rule keeps opening questions.');
}
