// The languages the product ships in: the six official languages of the United Nations, whose
// texts (the Tokyo and Bangkok Rules, the working paper on pre-sentence reports) it is built on.
// Each has its message catalogue (main/contract/messages/<language>/), its words in every data file
// and its report templates' dictionary (docs/languages.md). Tests fail when one lacks a text.
export const shippedLanguages = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type ShippedLanguage = (typeof shippedLanguages)[number];

const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/** The direction a language is written in ("ar" and "ar-EG" are right to left). */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(language.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}

/** The shipped language a tag falls back to ("fr-CA" -> "fr"), or undefined. */
export function shippedLanguageOf(tag: string): ShippedLanguage | undefined {
  const base = tag.split('-')[0]!.toLowerCase();
  return (shippedLanguages as readonly string[]).includes(base) ? (base as ShippedLanguage) : undefined;
}

/**
 * Languages a person may speak (ISO 639-1), offered by name on the case form's preferred-language
 * list; the screen names each in its own language with Intl.DisplayNames. A tag outside the list
 * (a regional variant such as "pt-BR", from an older case) is kept and shown as well.
 */
export const spokenLanguages = [
  'af', 'am', 'ar', 'as', 'ay', 'az', 'be', 'bg', 'bm', 'bn', 'bo', 'bs', 'ca', 'ckb', 'cs', 'cy', 'da', 'de', 'dv', 'dz', 'ee', 'el', 'en', 'es', 'et', 'eu',
  'fa', 'ff', 'fi', 'fil', 'fj', 'fo', 'fr', 'ga', 'gd', 'gl', 'gn', 'gu', 'ha', 'he', 'hi', 'hr', 'ht', 'hu', 'hy', 'id', 'ig', 'is', 'it', 'iu', 'ja', 'jv',
  'ka', 'kk', 'km', 'kn', 'ko', 'kr', 'ks', 'ku', 'ky', 'la', 'lb', 'lg', 'ln', 'lo', 'lt', 'lv', 'mg', 'mi', 'mk', 'ml', 'mn', 'mr', 'ms', 'mt', 'my',
  'ne', 'nl', 'no', 'ny', 'om', 'or', 'pa', 'pl', 'ps', 'pt', 'qu', 'rn', 'ro', 'ru', 'rw', 'sd', 'se', 'si', 'sk', 'sl', 'sm', 'sn', 'so', 'sq', 'sr',
  'ss', 'st', 'su', 'sv', 'sw', 'ta', 'te', 'tg', 'th', 'ti', 'tk', 'tl', 'tn', 'to', 'tr', 'ts', 'tt', 'ug', 'uk', 'ur', 'uz', 've', 'vi', 'wo', 'xh',
  'yi', 'yo', 'zh', 'zu',
] as const;
