import { describe, expect, it } from 'vitest';
import { quoteKey } from '../src/library/duplicate-quotes.js';

/** The definition the fast loop must keep: lower case, every run of other characters one space, trimmed. */
const byRegex = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

describe('the key that makes two quotes the same', () => {
  it('ignores case, punctuation and spacing, in any script', () => {
    expect(quoteKey('  Kami SIAP—menurut kami, "siap"!  ')).toBe('kami siap menurut kami siap');
    expect(quoteKey('Ünïcode 😀 ٣ arabic ٤ 二〇二四年')).toBe('ünïcode ٣ arabic ٤ 二〇二四年');
    expect(quoteKey('...')).toBe('');
  });

  it('agrees with the regular expression on random text of letters, digits, marks, emoji and spaces', () => {
    const pieces = ['a', 'Z', '9', ' ', '  ', '\n', '\u00a0', ',', '—', 'é', 'É', 'e\u0301', '😀', '𝐀', 'İ', 'ß', '٣', '二', '\u200b', '-', "'", 'Σ'];
    let seed = 7;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      for (let i = Math.floor(random() * 12); i > 0; i--) text += pieces[Math.floor(random() * pieces.length)];
      expect(quoteKey(text)).toBe(byRegex(text));
    }
  });
});
