import type { TFunction } from 'i18next';
import type { AnyField, FormDefinition } from '../../../../main/contract/form';
import { isGroupAnswer, type Answer, type AnswerEntry } from '../../../../main/contract/interview';
import { localize } from './model';

// An answer written out as the officer reads it, for the restored-copy notice and the conflict
// screen, where two versions of one answer are shown side by side.

export function findField(form: FormDefinition, fieldId: string): AnyField | undefined {
  for (const section of form.sections) {
    const field = section.fields.find((f) => f.id === fieldId);
    if (field) return field;
  }
  return undefined;
}

/** The question an answer part belongs to. */
export function answerLabel(form: FormDefinition, part: string, language: string, t: TFunction): string {
  if (part === '$form') return t('drafts.conflict.formPart');
  const field = findField(form, part);
  return field ? localize(field.label, language) : part;
}

function valueText(field: AnyField | undefined, value: AnswerEntry['value'], language: string, t: TFunction): string {
  if (value === undefined || value === null || value === '') return t('drafts.conflict.empty');
  if (typeof value === 'boolean') return value ? t('drafts.conflict.yes') : t('drafts.conflict.no');
  const options = field && (field.kind === 'single_choice' || field.kind === 'multiple_choice') ? field.options : [];
  const optionText = (id: string) => localize(options.find((o) => o.id === id)?.label, language) || id;
  if (Array.isArray(value)) return value.length ? value.map(optionText).join(', ') : t('drafts.conflict.empty');
  return typeof value === 'string' ? optionText(value) : String(value);
}

function entryText(field: AnyField | undefined, entry: AnswerEntry, language: string, t: TFunction): string {
  const text = entry.status === 'declined' ? t('drafts.conflict.declined') : valueText(field, entry.value, language, t);
  const source = entry.source ? ` (${t(`interview.source.${entry.source.kind}`)}${entry.source.by ? `: ${entry.source.by}` : ''})` : '';
  return `${text}${source}${entry.notForDisclosure ? `, ${t('interview.notForDisclosureShort')}` : ''}`;
}

/** One side of an answer, written out; a group lists its rows. */
export function answerText(form: FormDefinition, part: string, value: unknown, language: string, t: TFunction): string {
  if (value === undefined) return t('drafts.conflict.empty');
  const field = findField(form, part);
  if (part === '$form') return JSON.stringify(value);
  const answer = value as Answer;
  if (!isGroupAnswer(answer)) return entryText(field, answer, language, t);
  const subs = field?.kind === 'repeatable_group' ? field.fields : [];
  const rows = answer.rows.map((row, i) => {
    const cells = Object.entries(row).map(([id, entry]) => {
      const sub = subs.find((f) => f.id === id);
      return `${sub ? localize(sub.label, language) : id}: ${entryText(sub, entry, language, t)}`;
    });
    return `${i + 1}. ${cells.join('; ')}`;
  });
  return [t('drafts.conflict.rows', { count: answer.rows.length }), ...rows].join('\n');
}
