import { describe, expect, it } from 'vitest';
import { countGraphemes } from '../../../main/domain/forms/graphemes';

// The officer sees characters, not UTF-16 code units: the limit must agree with what is on screen.

describe('character limits count what the officer sees', () => {
  it('counts plain letters one each', () => {
    expect(countGraphemes('')).toBe(0);
    expect(countGraphemes('Amina')).toBe(5);
  });

  it('counts a letter with a combining accent as one character', () => {
    const decomposed = 'Jose\u0301'; // e + COMBINING ACUTE ACCENT, as some keyboards type it
    expect(decomposed.length).toBe(5);
    expect(countGraphemes(decomposed)).toBe(4);
    expect(countGraphemes('e\u0301\u0323')).toBe(1); // two combining marks on one letter
  });

  it('counts an emoji, a family emoji joined by ZWJ and a flag as one character each', () => {
    expect(countGraphemes('😀')).toBe(1);
    const family = '👨‍👩‍👧';
    expect(family.length).toBe(8);
    expect(countGraphemes(family)).toBe(1);
    expect(countGraphemes('🇬🇧')).toBe(1);
    expect(countGraphemes('👍🏽')).toBe(1); // with a skin-tone modifier
  });

  it('counts a Hangul syllable typed as separate jamo as one character', () => {
    expect(countGraphemes('\u1100\u1161\u11A8')).toBe(1);
  });

  it('counts a Windows line break as one character', () => {
    expect(countGraphemes('a\r\nb')).toBe(3);
  });

  it('agrees with the full segmenter on plain Latin text, line breaks and controls included', () => {
    const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
    const full = (text: string) => [...segmenter.segment(text)].length;
    const samples = ['Müller, Jörg – façade', 'line one\r\nline two\r\n\r\n', 'tab\there\rCR alone\nLF alone', '\r\r\n\n', 'ÿ Ā ž ǅ ɐ ʯ ˿', 'x'.repeat(5000)];
    for (const text of samples) expect(countGraphemes(text)).toBe(full(text));
  });
});
