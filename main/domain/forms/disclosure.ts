import type { AnyField, FormDefinition } from '../../contract/form';
import { isGroupAnswer, type Answer, type AnswerEntry, type GroupRow, type Interview } from '../../contract/interview';

// Minimum disclosure is the core's job, not the screen's (docs/DOMAIN.md section 3): a
// question the form marks not-for-disclosure by default (a victim's safety details, a child's
// name) is kept out of reports unless the officer chose otherwise, however the answer arrived.
// An absent flag means "the default"; an explicit false is the officer's choice to disclose.

function flagged<T extends AnswerEntry | Answer>(field: AnyField, entry: T): T {
  return field.notForDisclosureDefault && entry.notForDisclosure === undefined ? { ...entry, notForDisclosure: true } : entry;
}

/**
 * The interview with the form's not-for-disclosure defaults written into every answer that leaves
 * the flag out: questions, repeatable groups and each cell of their rows. Answers to questions the
 * form does not have are left as they are (the save refuses them). Pure; the input is not changed.
 */
export function applyDisclosureDefaults(form: FormDefinition, interview: Interview): Interview {
  const answers: Interview['answers'] = { ...interview.answers };
  for (const section of form.sections) {
    for (const field of section.fields) {
      const answer = answers[field.id];
      if (!answer) continue;
      const withFlag = flagged(field, answer);
      if (field.kind === 'repeatable_group' && isGroupAnswer(withFlag)) {
        const rows = withFlag.rows.map((row): GroupRow => {
          const out: GroupRow = { ...row };
          for (const sub of field.fields) {
            const cell = row[sub.id];
            if (cell) out[sub.id] = flagged(sub, cell);
          }
          return out;
        });
        answers[field.id] = { ...withFlag, rows };
      } else {
        answers[field.id] = withFlag;
      }
    }
  }
  return { ...interview, answers };
}
