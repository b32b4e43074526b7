import { describe, expect, it } from 'vitest';
import { caseSearchText, matchesSearch, searchWords } from '../../../main/domain/searchText';

// An officer finds a case by what they remember of it: part of a name, with or without its
// accents, or part of the case number, whatever its punctuation.

describe('the words a case is found by', () => {
  it('fold capitals and accents on Latin letters, and split at punctuation', () => {
    expect(searchWords('MÜLLER-Dubois, Zoë')).toEqual(['muller', 'dubois', 'zoe']);
    expect(searchWords('CR-2026/0415')).toEqual(['cr', '2026', '0415']);
    expect(caseSearchText('NGUYEN, Thi Lan', 'CR-2026-0001')).toBe('nguyen thi lan cr 2026 0001');
  });

  it('keep the marks of other scripts, which are part of their words', () => {
    expect(searchWords('कविता शर्मा')).toEqual(['कविता', 'शर्मा']);
    expect(searchWords('ИВАНОВА Ольга')).toEqual(['иванова', 'ольга']);
    expect(searchWords('王 小明')).toEqual(['王', '小明']);
  });

  it('match every word typed, the last one as the start of a word', () => {
    const stored = caseSearchText('OKAFOR, Amina', 'CR-2021-000123');
    expect(matchesSearch(stored, searchWords('okaf'))).toBe(true);
    expect(matchesSearch(stored, searchWords('Amina Okafor'))).toBe(true);
    expect(matchesSearch(stored, searchWords('CR-2021'))).toBe(true);
    // Only the last word may be unfinished.
    expect(matchesSearch(stored, searchWords('okaf amina'))).toBe(false);
    expect(matchesSearch(stored, searchWords('oka amina'))).toBe(false);
    expect(matchesSearch(stored, searchWords('CR-2022'))).toBe(false);
    expect(matchesSearch(stored, [])).toBe(false);
  });
});
