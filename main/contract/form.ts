import { z } from 'zod';
import { languageTag } from './text';
import { reportTypes } from './case';
import { ANSWER_ID_MAX, CHOICES_MAX, FORM_TEXT_MAX, GROUP_FIELDS_MAX, GROUP_ROWS_MAX, LONG_ANSWER_MAX_GRAPHEMES, SHORT_ANSWER_MAX_GRAPHEMES } from './limits';
import { validateRule, type RuleValue } from '../domain/rules/validate';

// An interview form is data (templates/forms/*.json): a probation service edits the questions,
// the wording, the limits and the rules without touching code. Everything here is strict so a
// misspelt key in a data file is refused at load instead of being silently ignored.

/** Readable, stable ids. Dots group a field under its topic (`finance.monthlyIncome`). */
export const fieldIdPattern = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/;
const fieldId = z
  .string()
  .max(ANSWER_ID_MAX)
  .regex(fieldIdPattern, { message: 'Must be a dotted camelCase id such as "finance.monthlyIncome".' });
const subFieldId = z.string().max(ANSWER_ID_MAX).regex(/^[a-z][A-Za-z0-9]*$/, { message: 'Must be a camelCase id such as "ageYears".' });
const sectionId = z.string().regex(/^[a-z][A-Za-z0-9]*$/, { message: 'Must be a camelCase id such as "caregiving".' });
const optionId = z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'Must be a snake_case id such as "full_time".' });

/** Text in every language the service offers; English must always be there (the fallback). */
export const Localized = z
  .record(languageTag, singleLineOrParagraph())
  .refine((m) => typeof m.en === 'string', { message: 'English ("en") is required.', params: { key: 'forms.englishRequired' } });
export type Localized = z.infer<typeof Localized>;

/** The English text, always present (the schema requires it). */
export function english(text: Localized): string {
  return text.en ?? '';
}

function singleLineOrParagraph() {
  return z.string().trim().min(1, { message: 'Required.' }).max(FORM_TEXT_MAX);
}

/** A JSON Logic rule (https://jsonlogic.com) in the form dialect (domain/rules/dialect.ts); the same evaluator runs in the renderer and in main. */
export const Rule = z.custom<RuleValue>(() => true).superRefine((value, ctx) => {
  for (const issue of validateRule(value, 'form').issues) ctx.addIssue({ code: 'custom', path: issue.segments, message: issue.message, params: { key: issue.key } });
});

export const ChoiceOption = z.strictObject({
  id: optionId,
  label: Localized,
  help: Localized.optional(),
});
export type ChoiceOption = z.infer<typeof ChoiceOption>;

const fieldCommon = {
  id: fieldId,
  label: Localized,
  help: Localized.optional(),
  /** Shown unless this is false; absent means always shown (when its section is). */
  visibleWhen: Rule.optional(),
  /** Required before the interview is complete when this is true; absent means optional. */
  requiredWhen: Rule.optional(),
  /** False for what the officer records (was the purpose explained?): the person cannot decline those. */
  declinable: z.boolean().optional(),
  /** The person's account of the offence or an analysis of it: never asked or kept before a finding of guilt. */
  offenceAccount: z.literal(true).optional(),
  /** New answers start as not-for-disclosure (third-party safeguarding, victims, children's identities). */
  notForDisclosureDefault: z.literal(true).optional(),
  /** The officer's own opinion rather than a fact; the report labels it as the author's assessment. */
  authorAssessment: z.literal(true).optional(),
  /**
   * Whether a screener may answer this question in an inquiry (docs/DOMAIN.md section 1): true opens
   * it in a section that is not open to screeners, false closes it in one that is. Absent means as
   * its section says. A repeatable group is open or closed as a whole. An offence account or the
   * author's assessment is never open to a screener (main/domain/forms/screener.ts).
   */
  screener: z.boolean().optional(),
};

const ShortText = z.strictObject({ ...fieldCommon, kind: z.literal('short_text'), maxGraphemes: z.number().int().min(1).max(SHORT_ANSWER_MAX_GRAPHEMES) });
const LongText = z.strictObject({ ...fieldCommon, kind: z.literal('long_text'), maxGraphemes: z.number().int().min(1).max(LONG_ANSWER_MAX_GRAPHEMES) });
const SingleChoice = z.strictObject({ ...fieldCommon, kind: z.literal('single_choice'), options: z.array(ChoiceOption).min(2).max(CHOICES_MAX) });
const MultipleChoice = z.strictObject({
  ...fieldCommon,
  kind: z.literal('multiple_choice'),
  options: z.array(ChoiceOption).min(2).max(CHOICES_MAX),
  /** An option that cannot be ticked with any other ("none of these"). */
  exclusiveOption: optionId.optional(),
});
const DateField = z.strictObject({ ...fieldCommon, kind: z.literal('date') });
const numberShape = {
  kind: z.literal('number'),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  integer: z.boolean().optional(),
  unit: Localized.optional(),
};
const minNotAboveMax: [(f: { min?: number | undefined; max?: number | undefined }) => boolean, { message: string; path: string[] }] = [
  (f) => f.min === undefined || f.max === undefined || f.min <= f.max,
  { message: 'min is above max.', path: ['min'] },
];
const NumberField = z.strictObject({ ...fieldCommon, ...numberShape }).refine(...minNotAboveMax);
const YesNo = z.strictObject({
  ...fieldCommon,
  kind: z.literal('yes_no'),
  /** A safeguard that must be met, not just recorded ("was the purpose explained?"): "no" keeps the interview open. */
  mustBeYes: z.literal(true).optional(),
});

export const ScalarField = z.discriminatedUnion('kind', [ShortText, LongText, SingleChoice, MultipleChoice, DateField, NumberField, YesNo]);
export type ScalarField = z.infer<typeof ScalarField>;

/** A field inside a repeatable group: its id is local to the group (`ageYears` in `dependants.children`). */
export const SubField = z.discriminatedUnion('kind', [
  ShortText.extend({ id: subFieldId }),
  LongText.extend({ id: subFieldId }),
  SingleChoice.extend({ id: subFieldId }),
  MultipleChoice.extend({ id: subFieldId }),
  DateField.extend({ id: subFieldId }),
  z.strictObject({ ...fieldCommon, ...numberShape, id: subFieldId }).refine(...minNotAboveMax),
  YesNo.extend({ id: subFieldId }),
]);
export type SubField = z.infer<typeof SubField>;

export const RepeatableGroup = z
  .strictObject({
    ...fieldCommon,
    kind: z.literal('repeatable_group'),
    /** What one row is called ("Dependant", "Previous conviction"). */
    itemLabel: Localized,
    /** When the group is required, at least this many rows (default 1). */
    minRows: z.number().int().min(1).max(100).optional(),
    maxRows: z.number().int().min(1).max(GROUP_ROWS_MAX),
    fields: z.array(SubField).min(1).max(GROUP_FIELDS_MAX),
  })
  .refine((g) => g.minRows === undefined || g.minRows <= g.maxRows, { message: 'minRows is above maxRows.', path: ['minRows'] });
export type RepeatableGroup = z.infer<typeof RepeatableGroup>;

export const Field = z.union([ScalarField, RepeatableGroup]);
export type Field = ScalarField | RepeatableGroup;
export type FieldKind = Field['kind'];
export type AnyField = Field | SubField;

export const Section = z.strictObject({
  id: sectionId,
  title: Localized,
  help: Localized.optional(),
  visibleWhen: Rule.optional(),
  /** When false, nothing in the section is required (its fields stay available). Absent means true. */
  requiredWhen: Rule.optional(),
  /** The informed-participation section: it comes first and gates marking the interview complete. */
  informedParticipation: z.literal(true).optional(),
  /** Open to screeners: a screener's inquiry may answer its questions (each question may say otherwise). */
  screener: z.literal(true).optional(),
  fields: z.array(Field).min(1).max(200),
}).superRefine((section, ctx) => {
  // A screener gathers facts; the account of the offence and the officer's own assessment stay the officer's.
  section.fields.forEach((field, i) => {
    if (field.screener === true && (field.offenceAccount || field.authorAssessment)) {
      ctx.addIssue({ code: 'custom', path: ['fields', i, 'screener'], message: 'An offence account or the author’s assessment cannot be open to screeners.', params: { key: 'forms.screenerNotAllowed' } });
    }
  });
});
export type Section = z.infer<typeof Section>;

/** A section written in `templates/forms/sections/<name>.json` and shared by several forms. */
export const SectionInclude = z.strictObject({
  include: z.string().regex(/^[a-z0-9-]+$/, { message: 'Must name a file in forms/sections/ without ".json", such as "caregiving".' }),
  /**
   * Fields of the shared section this form leaves out: a shorter interview, or the offence-account
   * fields a pre-trial interview must not have. Each id must be a field of the section.
   */
  omit: z.array(fieldId).min(1).optional(),
});
export type SectionInclude = z.infer<typeof SectionInclude>;

const formHeader = {
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Bumped whenever a question, rule or limit changes; an interview records the version it was taken with. */
  version: z.number().int().min(1),
  /** i18n key of the form's name in the UI (`forms.title.full`). */
  titleKey: z.string().regex(/^[a-zA-Z0-9_.]+$/),
  title: Localized,
  /** The report types this interview serves. */
  reportTypes: z.array(z.enum(reportTypes)).min(1),
};

/** A form file as written: sections inline or included from `sections/`. */
export const FormFile = z.strictObject({ ...formHeader, sections: z.array(z.union([SectionInclude, Section])).min(1).max(60) });
export type FormFile = z.infer<typeof FormFile>;

/** A form with its includes resolved: what the rules, the store and the UI work with. */
export const FormDefinition = z.strictObject({ ...formHeader, sections: z.array(Section).min(1).max(60) });
export type FormDefinition = z.infer<typeof FormDefinition>;
