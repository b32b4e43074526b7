import { z } from 'zod';
import { ANSWER_ID_MAX, ANSWER_TEXT_MAX, CHOICE_ID_MAX, CHOICES_MAX, GROUP_ROWS_MAX, SOURCE_BY_MAX, SOURCE_HOW_MAX } from './limits';
import { singleLine } from './text';

// What the officer recorded, keyed by the form's field ids. The schema only checks the shape:
// whether a value fits its field (kind, option, limit, required) is `validateInterview`'s job, so
// an unfinished or partly wrong draft can still be saved and nothing typed is thrown away.

export const answerStatuses = ['answered', 'declined'] as const;
export const sourceKinds = ['self_reported', 'verified', 'third_party'] as const;

/** Where an item comes from (docs/DOMAIN.md section 3: every item's source). */
export const AnswerSource = z.strictObject({
  kind: z.enum(sourceKinds),
  /** Who verified it or who the third party is ("GP surgery", "Housing officer J. Smith"). */
  by: singleLine(SOURCE_BY_MAX).optional(),
  /** How it was verified ("tenancy agreement seen", "phone call 3 Nov"). */
  how: singleLine(SOURCE_HOW_MAX).optional(),
});
export type AnswerSource = z.infer<typeof AnswerSource>;

/** Text (short, long, date as YYYY-MM-DD, single choice option id), number, yes/no, or ticked option ids. */
export const AnswerValue = z.union([
  z.string().max(ANSWER_TEXT_MAX),
  z.number(),
  z.boolean(),
  z.array(z.string().max(CHOICE_ID_MAX)).max(CHOICES_MAX),
  z.null(),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

const entryCommon = {
  /** Declined is a recorded answer, never a gap: it is not scored against the person and never counts as missing. */
  status: z.enum(answerStatuses),
  source: AnswerSource.optional(),
  /** Kept out of every export (minimum disclosure). */
  notForDisclosure: z.boolean().optional(),
};

export const AnswerEntry = z.strictObject({ ...entryCommon, value: AnswerValue.optional() });
export type AnswerEntry = z.infer<typeof AnswerEntry>;

/** One row of a repeatable group (one dependant, one previous conviction), keyed by sub-field id. */
export const GroupRow = z.record(z.string().max(ANSWER_ID_MAX), AnswerEntry);
export type GroupRow = z.infer<typeof GroupRow>;

export const GroupAnswer = z.strictObject({ ...entryCommon, rows: z.array(GroupRow).max(GROUP_ROWS_MAX) });
export type GroupAnswer = z.infer<typeof GroupAnswer>;

/** A group answer has `rows`; anything else is a single answer entry. */
export const Answer = z.union([GroupAnswer, AnswerEntry]);
export type Answer = AnswerEntry | GroupAnswer;

export const Interview = z.strictObject({
  formId: z.string().regex(/^[a-z0-9-]+$/),
  formVersion: z.number().int().min(1),
  answers: z.record(z.string().max(ANSWER_ID_MAX), Answer),
});
export type Interview = z.infer<typeof Interview>;

export function isGroupAnswer(answer: Answer): answer is GroupAnswer {
  return 'rows' in answer;
}
