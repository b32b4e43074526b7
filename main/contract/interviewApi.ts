import { z } from 'zod';
import { genders, reportTypes, stages } from './case';
import { FormDefinition } from './form';
import { Interview } from './interview';
import { entityId } from './text';

// Schemas of the interview calls' outputs. The renderer evaluates visibility, progress and checks
// itself with the same domain code (main/domain/forms), so the API sends the form, the facts the
// rules see, and the answers.

export const RuleFactsSchema = z.strictObject({
  gender: z.enum(genders),
  isWoman: z.boolean(),
  ageAtOffence: z.number().int(),
  ageAtReport: z.number().int(),
  isChild: z.boolean(),
  isYoungAdult: z.boolean(),
  stage: z.enum(stages),
  reportType: z.enum(reportTypes),
});

export const FormIssueSchema = z.strictObject({
  path: z.string(),
  message: z.string(),
  key: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  kind: z.enum(['missing', 'invalid', 'unknown', 'forbidden']),
  sectionId: z.string().optional(),
  fieldId: z.string().optional(),
  row: z.number().int().optional(),
  subFieldId: z.string().optional(),
});

export const InterviewStatus = z.enum(['in_progress', 'complete']);

export const ProgressSummary = z.strictObject({
  required: z.number().int(),
  answered: z.number().int(),
  declined: z.number().int(),
  missing: z.number().int(),
  invalid: z.number().int(),
  allDone: z.boolean(),
});

export const OpenInterviewOutput = z.strictObject({
  caseId: entityId,
  form: FormDefinition,
  facts: RuleFactsSchema,
  interview: Interview,
  /** 0 until the first save. */
  version: z.number().int().min(0),
  status: InterviewStatus,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export const SaveInterviewOutput = z.strictObject({
  version: z.number().int().min(1),
  status: InterviewStatus,
  updatedAt: z.string(),
  /** What still needs attention. The draft is saved regardless: nothing typed is thrown away. */
  issues: z.array(FormIssueSchema),
  progress: ProgressSummary,
});
