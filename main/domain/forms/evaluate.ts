import type { ApiIssue } from '../../contract/errors';
import { english, type AnyField, type FormDefinition, type RepeatableGroup, type ScalarField, type Section, type SubField } from '../../contract/form';
import { isGroupAnswer, type Answer, type AnswerEntry, type AnswerValue, type GroupRow, type Interview } from '../../contract/interview';
import { isCalendarDate } from '../../contract/text';
import { evaluateRule } from '../rules/evaluate';
import type { RuleFacts } from '../rules/facts';
import { countGraphemes } from './graphemes';

// One pass over the form in order: which sections and fields are shown and required for this
// person, and what state each answer is in. Validation and progress are both read off this pass,
// so they can never disagree. Rules may only look at earlier questions, so one pass suffices and a
// hidden question's answer never keeps a later question open.

// What a form rule sees (domain/rules): the case facts (`isWoman`, `isYoungAdult`, ...),
// `answers.<fieldId>` and, inside a repeatable group, `row.<subFieldId>`. A declined, unanswered
// or hidden answer reads as null, so it is never taken as a yes or a no. With no rule a section or
// field is shown, a section is required and a field is optional.
type RuleData = RuleFacts & { answers: Record<string, unknown>; row?: Record<string, unknown> };

/** The value a rule sees for one answer entry. */
function ruleValueOf(entry: AnswerEntry | undefined): AnswerValue {
  if (!entry || entry.status !== 'answered' || entry.value === undefined) return null;
  return entry.value;
}

/** Puts `value` at the dotted `fieldId` inside `answers` (`finance.monthlyIncome` -> answers.finance.monthlyIncome). */
function setDotted(target: Record<string, unknown>, fieldId: string, value: unknown): void {
  const parts = fieldId.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) {
    const next = at[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) at[part] = {};
    at = at[part] as Record<string, unknown>;
  }
  at[parts[parts.length - 1] as string] = value;
}

export type FormIssueKind = 'missing' | 'invalid' | 'unknown' | 'forbidden';

/** One problem with one answer. `path` is `$.answers.<fieldId>` (rows: `...rows[0].<subFieldId>`). */
export interface FormIssue extends ApiIssue {
  kind: FormIssueKind;
  sectionId?: string;
  fieldId?: string;
  row?: number;
  subFieldId?: string;
}

/** Declined is its own state: it is recorded, it is never missing and never scored against the person. */
export type ItemState = 'answered' | 'declined' | 'missing';

export interface ItemEvaluation {
  sectionId: string;
  fieldId: string;
  /** Set for a sub-field of a repeatable group, with the row index. */
  subFieldId?: string;
  row?: number;
  path: string;
  field: AnyField;
  visible: boolean;
  required: boolean;
  state: ItemState;
  /** Problems with the recorded value (kind `invalid`), plus `missing` when required and not answered. */
  issues: FormIssue[];
}

export interface SectionEvaluation {
  section: Section;
  visible: boolean;
  /** The section's own rule; a field in it is required only when this and the field's rule hold. */
  required: boolean;
  items: ItemEvaluation[];
}

export interface FormEvaluation {
  sections: SectionEvaluation[];
  /** Answers whose id is not a question of this form, and a form id/version mismatch. */
  unknown: FormIssue[];
}

/** The JSON path of an answer, written with the field id as it is (`$.answers.finance.monthlyIncome`). */
export function answerPath(fieldId: string, row?: number, subFieldId?: string): string {
  const base = `$.answers.${fieldId}`;
  return row === undefined ? base : `${base}.rows[${row}]${subFieldId === undefined ? '' : `.${subFieldId}`}`;
}

export function evaluateForm(form: FormDefinition, interview: Interview, facts: RuleFacts): FormEvaluation {
  const data: RuleData = { ...facts, answers: {} };
  const unknown: FormIssue[] = [];
  if (interview.formId !== form.id || interview.formVersion !== form.version) {
    unknown.push({
      kind: 'unknown',
      path: '$.formId',
      message: `This interview was taken with form "${interview.formId}" version ${interview.formVersion}, not "${form.id}" version ${form.version}.`,
      key: 'forms.wrongForm',
      params: { formId: interview.formId, formVersion: interview.formVersion },
    });
  }
  const known = new Set(form.sections.flatMap((s) => s.fields.map((f) => f.id)));
  for (const id of Object.keys(interview.answers)) {
    if (!known.has(id)) {
      unknown.push({ kind: 'unknown', path: answerPath(id), fieldId: id, message: `"${id}" is not a question of this form.`, key: 'forms.unknownField' });
    }
  }

  const sections = form.sections.map((section): SectionEvaluation => {
    const visible = evaluateRule(section.visibleWhen, data, { whenAbsent: true });
    const required = visible && evaluateRule(section.requiredWhen, data, { whenAbsent: true });
    const items: ItemEvaluation[] = [];
    for (const field of section.fields) {
      const entry = interview.answers[field.id];
      const fieldVisible = visible && evaluateRule(field.visibleWhen, data, { whenAbsent: true });
      const fieldRequired = fieldVisible && required && evaluateRule(field.requiredWhen, data, { whenAbsent: false });
      const at = { sectionId: section.id, fieldId: field.id, path: answerPath(field.id) };
      if (field.kind === 'repeatable_group') {
        const rows = evaluateGroup(field, entry, at, fieldVisible, fieldRequired, required, data, items);
        setDotted(data.answers, field.id, fieldVisible ? rows : null);
      } else {
        items.push(evaluateScalar(field, entry, at, fieldVisible, fieldRequired));
        setDotted(data.answers, field.id, fieldVisible ? ruleValueOf(asEntry(entry)) : null);
      }
    }
    return { section, visible, required, items };
  });
  return { sections, unknown };
}

interface Where {
  sectionId: string;
  fieldId: string;
  path: string;
  subFieldId?: string;
  row?: number;
}

function asEntry(answer: Answer | undefined): AnswerEntry | undefined {
  return answer && !isGroupAnswer(answer) ? answer : undefined;
}

function issue(at: Where, kind: FormIssueKind, message: string, key: string, params?: ApiIssue['params'], pathSuffix = ''): FormIssue {
  const out: FormIssue = { kind, path: at.path + pathSuffix, message, key, sectionId: at.sectionId, fieldId: at.fieldId };
  if (at.row !== undefined) out.row = at.row;
  if (at.subFieldId !== undefined) out.subFieldId = at.subFieldId;
  if (params) out.params = params;
  return out;
}

function evaluateScalar(field: ScalarField | SubField, answer: Answer | undefined, at: Where, visible: boolean, required: boolean): ItemEvaluation {
  const issues: FormIssue[] = [];
  let state: ItemState = 'missing';
  if (answer && visible) {
    if (isGroupAnswer(answer)) {
      issues.push(issue(at, 'invalid', 'This question takes a single answer, not rows.', 'forms.wrongKind'));
    } else {
      issues.push(...entryIssues(field, answer, at));
      if (answer.status === 'declined') state = 'declined';
      else if (!isEmpty(answer.value)) {
        state = 'answered';
        issues.push(...valueIssues(field, answer.value as NonNullable<AnswerEntry['value']>, at));
      }
    }
  }
  if (required && state === 'missing') issues.push(missing(field, at));
  return { ...at, field, visible, required, state, issues };
}

function evaluateGroup(
  group: RepeatableGroup,
  answer: Answer | undefined,
  at: Where,
  visible: boolean,
  required: boolean,
  sectionRequired: boolean,
  data: RuleData,
  items: ItemEvaluation[],
): Array<Record<string, unknown>> {
  const issues: FormIssue[] = [];
  let state: ItemState = 'missing';
  const ruleRows: Array<Record<string, unknown>> = [];
  const rowItems: ItemEvaluation[] = [];
  if (answer && visible) {
    issues.push(...entryIssues(group, answer, at));
    if (answer.status === 'declined') {
      state = 'declined';
      if (isGroupAnswer(answer) && answer.rows.length > 0) {
        issues.push(issue(at, 'invalid', 'A declined question should not also hold rows.', 'forms.declinedWithValue'));
      }
    } else if (!isGroupAnswer(answer)) {
      issues.push(issue(at, 'invalid', 'This question takes rows, not a single answer.', 'forms.wrongKind'));
    } else {
      const minRows = group.minRows ?? 1;
      if (answer.rows.length > group.maxRows) {
        issues.push(issue(at, 'invalid', `At most ${group.maxRows} rows.`, 'validation.tooMany', { max: group.maxRows }));
      }
      if (answer.rows.length >= minRows) state = 'answered';
      else if (answer.rows.length > 0 && required) {
        issues.push(issue(at, 'missing', `At least ${minRows} rows are needed.`, 'validation.tooFew', { min: minRows }));
      }
      answer.rows.forEach((row, index) => ruleRows.push(evaluateRow(group, row, index, at, sectionRequired, data, rowItems)));
    }
  }
  if (required && state === 'missing' && !issues.some((i) => i.kind === 'missing')) issues.push(missing(group, at));
  items.push({ ...at, field: group, visible, required, state, issues }, ...rowItems);
  return ruleRows;
}

function evaluateRow(
  group: RepeatableGroup,
  row: GroupRow,
  index: number,
  at: Where,
  sectionRequired: boolean,
  data: RuleData,
  items: ItemEvaluation[],
): Record<string, unknown> {
  const known = new Set(group.fields.map((f) => f.id));
  for (const key of Object.keys(row)) {
    if (!known.has(key)) {
      const where = { ...at, row: index, subFieldId: key, path: answerPath(at.fieldId, index, key) };
      items.push({ ...where, field: group, visible: true, required: false, state: 'missing', issues: [issue(where, 'unknown', `"${key}" is not part of this group.`, 'forms.unknownField')] });
    }
  }
  const rowData: Record<string, unknown> = {};
  const scope: RuleData = { ...data, row: rowData };
  for (const sub of group.fields) {
    const visible = evaluateRule(sub.visibleWhen, scope, { whenAbsent: true });
    const required = visible && sectionRequired && evaluateRule(sub.requiredWhen, scope, { whenAbsent: false });
    const where = { ...at, row: index, subFieldId: sub.id, path: answerPath(at.fieldId, index, sub.id) };
    const entry = row[sub.id];
    items.push(evaluateScalar(sub, entry, where, visible, required));
    rowData[sub.id] = visible ? ruleValueOf(entry) : null;
  }
  return rowData;
}

function missing(field: AnyField, at: Where): FormIssue {
  return issue(at, 'missing', `"${english(field.label)}" needs an answer (or record that the person declined).`, 'validation.required');
}

function isEmpty(value: AnswerEntry['value']): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** Problems with the entry itself, whatever the value: declining what cannot be declined, an unsourced verification. */
function entryIssues(field: AnyField, answer: Answer, at: Where): FormIssue[] {
  const out: FormIssue[] = [];
  if (answer.status === 'declined') {
    if (field.declinable === false) {
      out.push(issue(at, 'invalid', 'This is recorded by the officer; it cannot be declined.', 'forms.cannotDecline'));
    }
    if (!isGroupAnswer(answer) && !isEmpty(answer.value)) {
      out.push(issue(at, 'invalid', 'A declined question should not also hold an answer.', 'forms.declinedWithValue'));
    }
  }
  if (answer.source?.kind === 'verified' && (!answer.source.by || !answer.source.how)) {
    out.push(issue(at, 'invalid', 'Say who verified this and how.', 'forms.verifiedNeedsWhoAndHow', undefined, '.source'));
  }
  return out;
}

// Below U+0020 only tab, line feed and carriage return belong in long answers; short answers are one line.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_LONG = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_SHORT = /[\u0000-\u001F\u007F-\u009F]/;

function valueIssues(field: ScalarField | SubField, value: NonNullable<AnswerEntry['value']>, at: Where): FormIssue[] {
  const out: FormIssue[] = [];
  const bad = (message: string, key: string, params?: ApiIssue['params']) => out.push(issue(at, 'invalid', message, key, params));
  switch (field.kind) {
    case 'short_text':
    case 'long_text': {
      if (typeof value !== 'string') {
        bad('Expected text.', 'forms.expectedText');
        break;
      }
      // A grapheme is at least one UTF-16 unit, so only a text longer than the limit in units can be over it.
      const count = value.length > field.maxGraphemes ? countGraphemes(value) : 0;
      if (count > field.maxGraphemes) {
        bad(`At most ${field.maxGraphemes} characters; this has ${count}.`, 'validation.tooLong', { max: field.maxGraphemes, count });
      }
      if ((field.kind === 'short_text' ? CONTROL_SHORT : CONTROL_LONG).test(value)) {
        bad(field.kind === 'short_text' ? 'A short answer is one line without control characters.' : 'Contains a control character.', 'validation.controlCharacter');
      }
      if (!value.isWellFormed()) bad('Contains a broken character (lone surrogate).', 'validation.brokenCharacter');
      break;
    }
    case 'single_choice':
      if (typeof value !== 'string' || !field.options.some((o) => o.id === value)) {
        bad(`Choose one of: ${field.options.map((o) => o.id).join(', ')}.`, 'validation.choose');
      }
      break;
    case 'multiple_choice': {
      if (!Array.isArray(value)) {
        bad('Expected a list of choices.', 'validation.choose');
        break;
      }
      const unknownChoice = value.filter((v) => !field.options.some((o) => o.id === v));
      if (unknownChoice.length > 0) bad(`Not a choice of this question: ${unknownChoice.join(', ')}.`, 'validation.choose');
      if (new Set(value).size !== value.length) bad('A choice is ticked twice.', 'forms.duplicateChoice');
      if (field.exclusiveOption && value.includes(field.exclusiveOption) && value.length > 1) {
        bad(`"${field.exclusiveOption}" cannot be ticked with other choices.`, 'forms.exclusiveChoice', { option: field.exclusiveOption });
      }
      break;
    }
    case 'date':
      if (typeof value !== 'string' || !isCalendarDate(value)) bad('Must be a calendar date written YYYY-MM-DD.', 'validation.date');
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        bad('Expected a number.', 'forms.expectedNumber');
        break;
      }
      if (field.integer && !Number.isInteger(value)) bad('Expected a whole number.', 'forms.wholeNumber');
      if (field.min !== undefined && value < field.min) bad(`At least ${field.min}.`, 'forms.numberTooSmall', { min: field.min });
      if (field.max !== undefined && value > field.max) bad(`At most ${field.max}.`, 'forms.numberTooLarge', { max: field.max });
      break;
    case 'yes_no':
      if (typeof value !== 'boolean') bad('Expected yes or no.', 'forms.yesOrNo');
      else if (field.mustBeYes && !value) bad('This must be done before the interview can be completed.', 'forms.mustBeYes');
      break;
  }
  return out;
}
