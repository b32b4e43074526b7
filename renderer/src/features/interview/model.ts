import type { AnyField, Field, FormDefinition, Localized, RepeatableGroup, ScalarField, SubField } from '../../../../main/contract/form';
import { isGroupAnswer, type Answer, type AnswerEntry, type AnswerSource, type GroupRow, type Interview } from '../../../../main/contract/interview';

// The interview as react-hook-form holds it, and the conversion to and from the stored Interview.
// Field ids contain dots ("dependants.people"), which react-hook-form reads as paths, so each id is
// encoded once here; everything typed is kept as typed (a number that is not yet a number stays
// text and is saved as an invalid draft, never dropped).

export type SourceKind = '' | AnswerSource['kind'];

/** One answer as the controls hold it. */
export interface UiEntry {
  /** Text, date (YYYY-MM-DD), number as typed, a single option id, or 'yes' / 'no'; ticked ids for multiple choice. */
  value: string | string[];
  declined: boolean;
  source: SourceKind;
  by: string;
  how: string;
  notForDisclosure: boolean;
}

export interface UiGroup extends Omit<UiEntry, 'value'> {
  rows: Array<Record<string, UiEntry>>;
}

export type UiValues = Record<string, UiEntry | UiGroup>;

/** "dependants.people" -> "dependants__people": a react-hook-form name segment without dots. */
export function encodeId(fieldId: string): string {
  return fieldId.replace(/\./g, '__');
}

/** The react-hook-form name of an answer, of a row's sub-answer, or of one part of either. */
export function answerName(fieldId: string, row?: number, subFieldId?: string): string {
  const base = encodeId(fieldId);
  return row === undefined || subFieldId === undefined ? base : `${base}.rows.${row}.${subFieldId}`;
}

/** The DOM id of the control an error or "go to the first missing answer" focuses. */
export function controlId(fieldId: string, row?: number, subFieldId?: string): string {
  const base = `q-${fieldId.replace(/\./g, '-')}`;
  return row === undefined ? base : `${base}-r${row}${subFieldId === undefined ? '' : `-${subFieldId}`}`;
}

/** Text in the interface language, falling back to its base language and then to English. */
export function localize(text: Localized | undefined, language: string): string {
  if (!text) return '';
  return text[language] ?? text[language.split('-')[0] ?? 'en'] ?? text.en ?? '';
}

export function emptyEntry(field: AnyField): UiEntry {
  return { value: field.kind === 'multiple_choice' ? [] : '', declined: false, source: '', by: '', how: '', notForDisclosure: field.notForDisclosureDefault === true };
}

export function emptyRow(group: RepeatableGroup): Record<string, UiEntry> {
  return Object.fromEntries(group.fields.map((sub) => [sub.id, emptyEntry(sub)]));
}

function entryMeta(field: AnyField, answer: Answer | undefined): Omit<UiEntry, 'value'> {
  return {
    declined: answer?.status === 'declined',
    source: answer?.source?.kind ?? '',
    by: answer?.source?.by ?? '',
    how: answer?.source?.how ?? '',
    notForDisclosure: answer?.notForDisclosure ?? field.notForDisclosureDefault === true,
  };
}

function uiValue(field: ScalarField | SubField, value: AnswerEntry['value']): UiEntry['value'] {
  if (field.kind === 'multiple_choice') return Array.isArray(value) ? value : [];
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

function uiEntry(field: ScalarField | SubField, answer: Answer | undefined): UiEntry {
  const entry = answer && !isGroupAnswer(answer) ? answer : undefined;
  return { value: uiValue(field, entry?.value), ...entryMeta(field, answer) };
}

export function toUiValues(form: FormDefinition, interview: Interview): UiValues {
  const out: UiValues = {};
  for (const section of form.sections) {
    for (const field of section.fields) {
      const answer = interview.answers[field.id];
      if (field.kind === 'repeatable_group') {
        const rows = answer && isGroupAnswer(answer) ? answer.rows : [];
        out[encodeId(field.id)] = {
          ...entryMeta(field, answer),
          rows: rows.map((row) => Object.fromEntries(field.fields.map((sub) => [sub.id, uiEntry(sub, row[sub.id])]))),
        };
      } else {
        out[encodeId(field.id)] = uiEntry(field, answer);
      }
    }
  }
  return out;
}

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

function storedValue(field: ScalarField | SubField, value: UiEntry['value'] | null | undefined | boolean): AnswerEntry['value'] {
  // react-hook-form reads an unticked radio group as null and a lone checkbox as a boolean.
  if (value === null || value === undefined || typeof value === 'boolean') return undefined;
  if (Array.isArray(value)) return value.length > 0 ? value : undefined;
  const text = field.kind === 'short_text' || field.kind === 'long_text' ? value : value.trim();
  if (text.trim() === '') return undefined;
  if (field.kind === 'yes_no') return text === 'yes' ? true : text === 'no' ? false : text;
  if (field.kind === 'number') return NUMBER.test(text) ? Number(text.replace(',', '.')) : text;
  return text;
}

function withMeta<T extends { status: AnswerEntry['status'] }>(field: AnyField, ui: Omit<UiEntry, 'value'>, entry: T): T {
  const out: T & { source?: AnswerSource; notForDisclosure?: boolean } = entry;
  if (ui.source) {
    const source: AnswerSource = { kind: ui.source };
    if (ui.source !== 'self_reported') {
      const by = (ui.by ?? '').trim();
      const how = (ui.how ?? '').trim();
      if (by) source.by = by;
      if (how) source.how = how;
    }
    out.source = source;
  }
  if (ui.notForDisclosure || field.notForDisclosureDefault) out.notForDisclosure = Boolean(ui.notForDisclosure);
  return out;
}

/** Something was recorded besides the defaults: only then is an entry stored. */
function recorded(field: AnyField, ui: Omit<UiEntry, 'value'>, hasValue: boolean): boolean {
  return hasValue || ui.declined === true || Boolean(ui.source) || Boolean(ui.notForDisclosure) !== (field.notForDisclosureDefault === true);
}

function storedEntry(field: ScalarField | SubField, ui: UiEntry | undefined): AnswerEntry | undefined {
  if (!ui) return undefined;
  const value = storedValue(field, ui.value);
  if (!recorded(field, ui, value !== undefined)) return undefined;
  const entry: AnswerEntry = { status: ui.declined === true ? 'declined' : 'answered' };
  // A declined question keeps what was typed before: the check says to clear one or the other.
  if (value !== undefined) entry.value = value;
  return withMeta(field, ui, entry);
}

function storedGroup(group: RepeatableGroup, ui: UiGroup | undefined): Answer | undefined {
  if (!ui) return undefined;
  const rows: GroupRow[] = (ui.rows ?? []).map((row) => {
    const out: GroupRow = {};
    for (const sub of group.fields) {
      const entry = storedEntry(sub, row[sub.id]);
      if (entry) out[sub.id] = entry;
    }
    return out;
  });
  if (!recorded(group, ui, rows.length > 0)) return undefined;
  return withMeta(group, ui, { status: ui.declined === true ? 'declined' : 'answered', rows });
}

export function toInterview(form: FormDefinition, values: UiValues): Interview {
  const answers: Interview['answers'] = {};
  for (const section of form.sections) {
    for (const field of section.fields) {
      const ui = values[encodeId(field.id)];
      const answer = field.kind === 'repeatable_group' ? storedGroup(field, ui as UiGroup | undefined) : storedEntry(field, ui as UiEntry | undefined);
      if (answer) answers[field.id] = answer;
    }
  }
  return { formId: form.id, formVersion: form.version, answers };
}

/** The section and field a stored answer path points at ($.answers.<fieldId>[.rows[i].<sub>]). */
export function locatePath(form: FormDefinition, path: string): { sectionId: string; field: Field; row?: number; subFieldId?: string } | null {
  const m = /^\$(?:\.interview)?\.answers\.(.+?)(?:\.rows\[(\d+)\](?:\.([A-Za-z0-9]+))?)?(?:\.source)?$/.exec(path);
  if (!m) return null;
  const [, fieldId, row, sub] = m;
  for (const section of form.sections) {
    const field = section.fields.find((f) => f.id === fieldId);
    if (field) {
      const found: { sectionId: string; field: Field; row?: number; subFieldId?: string } = { sectionId: section.id, field };
      if (row !== undefined) found.row = Number(row);
      if (sub !== undefined) found.subFieldId = sub;
      return found;
    }
  }
  return null;
}
