import { z } from 'zod';

// Text rules shared by every schema. Control characters never belong in a name or a case number;
// long answers may hold line breaks and tabs but nothing else below U+0020.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const wellFormed = (s: string) => s.isWellFormed();

export function singleLine(max: number) {
  return z
    .string()
    .trim()
    .min(1, { message: 'Required.' })
    .max(max, { message: `At most ${max} characters.` })
    .refine((s) => !CONTROL_SINGLE_LINE.test(s), {
      message: 'Contains a control character.',
      params: { key: 'validation.controlCharacter' },
    })
    .refine(wellFormed, { message: 'Contains a broken character (lone surrogate).', params: { key: 'validation.brokenCharacter' } });
}

export function multiLine(max: number) {
  return z
    .string()
    .max(max, { message: `At most ${max} characters.` })
    .refine((s) => !CONTROL_MULTI_LINE.test(s), {
      message: 'Contains a control character.',
      params: { key: 'validation.controlCharacter' },
    })
    .refine(wellFormed, { message: 'Contains a broken character (lone surrogate).', params: { key: 'validation.brokenCharacter' } });
}

/** A calendar date written YYYY-MM-DD (leap years included), the only date form the app stores. */
export const isoDate = z.iso.date({ message: 'Must be a calendar date written YYYY-MM-DD.' });

export const entityId = z.uuid({ message: 'Must be an id (a UUID).' });
export const entityVersion = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** BCP 47 language tag, kept simple: "en", "ar", "pt-BR", "sr-Latn". */
export const languageTag = z
  .string()
  .refine((s) => /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(s), {
    message: 'Must be a language tag such as "en" or "pt-BR".',
    params: { key: 'validation.language' },
  })
  .meta({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$', description: 'BCP 47 language tag, for example "en" or "pt-BR".' });

/** True when `s` is a real calendar date written YYYY-MM-DD (the same test `isoDate` applies). */
export function isCalendarDate(s: string): boolean {
  return isoDate.safeParse(s).success;
}
