// Character limits count what the officer sees: one emoji, one flag or one letter with its accents
// is one character, however many code points it is stored as (docs/DOMAIN.md section 7).

let segmenter: Intl.Segmenter | undefined;

// Below U+0300 (where combining marks begin) every code unit is a cluster of its own, except CR LF
// (UAX #29, GB3). Most answers are such text, and Intl.Segmenter costs ~1 µs a character: this
// keeps live counting and validation of a 300-question interview within a frame.
// eslint-disable-next-line no-control-regex -- the range starts at U+0000 on purpose
const SIMPLE = /^[\u0000-\u02FF]*$/;

/** Number of user-perceived characters (extended grapheme clusters) in `text`. */
export function countGraphemes(text: string): number {
  if (SIMPLE.test(text)) {
    let crlf = 0;
    for (let i = text.indexOf('\r\n'); i !== -1; i = text.indexOf('\r\n', i + 2)) crlf += 1;
    return text.length - crlf;
  }
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let n = 0;
  for (const _ of segmenter.segment(text)) n += 1;
  return n;
}
