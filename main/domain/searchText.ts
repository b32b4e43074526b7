// What the case search matches on: the words of a person's name and a case number, folded so that
// capitals, accents on Latin letters and compatibility forms do not matter ("Müller" and "muller",
// "CR-2026-01" and "cr 2026 01"). The store indexes exactly these words (migration 16, FTS5 with
// its `ascii` tokenizer over this text), and the case list matches a walked row with the same
// words, so a search gives the same cases however the list finds them (main/store/cases.ts).

// Combining marks of the Latin, Greek and Cyrillic alphabets (U+0300–U+036F): an accent on a
// letter. Marks of other scripts (a Devanagari vowel sign, Arabic vowels) are part of the word.
const LATIN_DIACRITICS = /[\u0300-\u036f]/g;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The search words of a text, in order: folded, unaccented, split at anything but letters and digits. */
export function searchWords(text: string): string[] {
  return text.normalize('NFKD').replace(LATIN_DIACRITICS, '').normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** The text the store indexes for a case: its person's name and its case number, as search words. */
export function caseSearchText(personName: string, caseNumber: string): string {
  return [...searchWords(personName), ...searchWords(caseNumber)].join(' ');
}

/**
 * Whether stored search text holds every word typed, the last one as a prefix (it may be
 * unfinished): exactly what the index's query (ftsQuery) matches.
 */
export function matchesSearch(storedText: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const tokens = storedText.split(' ');
  const last = words.length - 1;
  return words.every((w, i) => (i === last ? tokens.some((t) => t.startsWith(w)) : tokens.includes(w)));
}
