// Character limits count what the officer sees: one emoji, one flag or one letter with its accents
// is one character, however many code points it is stored as (DOMAIN.md section 7).

let segmenter: Intl.Segmenter | undefined;

/** Number of user-perceived characters (extended grapheme clusters) in `text`. */
export function countGraphemes(text: string): number {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let n = 0;
  for (const _ of segmenter.segment(text)) n += 1;
  return n;
}
