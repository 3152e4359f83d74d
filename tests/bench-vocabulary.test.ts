import { describe, expect, it } from 'vitest';
import { addWordTypes, renamedWord, variedVocabulary } from '../bench/vocabulary.js';

const PARAGRAPHS = [
  'Presiden Joko Widodo mengatakan pemerintah akan membangun jembatan baru di Kalimantan Timur tahun depan.',
  'Menurut Menteri Keuangan Sri Mulyani, anggaran pembangunan infrastruktur meningkat dibandingkan tahun sebelumnya.',
];

describe('varied bench corpora', () => {
  it('keeps the base copy and is the same on every run', () => {
    expect(variedVocabulary(PARAGRAPHS, 0)).toEqual(PARAGRAPHS);
    expect(variedVocabulary(PARAGRAPHS, 7)).toEqual(variedVocabulary(PARAGRAPHS, 7));
  });

  it('renames a word the same way throughout a copy, keeping capitals and short words', () => {
    const words = ['pemerintah', 'pembangunan', 'anggaran', 'infrastruktur', 'jembatan', 'kalimantan', 'keuangan', 'presiden', 'menteri', 'sebelumnya'];
    const copy = Array.from({ length: 40 }, (_, c) => c + 1).find((c) => words.some((w) => renamedWord(w, c) !== w)) as number;
    const renamed = words.find((w) => renamedWord(w, copy) !== w) as string;
    const text = `${renamed} dan ${renamed[0]?.toUpperCase()}${renamed.slice(1)} di`;
    const [varied] = variedVocabulary([text], copy);
    const made = renamedWord(renamed, copy);
    expect(varied).toBe(`${made} dan ${made[0]?.toUpperCase()}${made.slice(1)} di`);
  });

  it('grows the vocabulary with the copies, sublinearly', () => {
    const words = Array.from({ length: 400 }, (_, i) => `kata${'abcdefghij'[i % 10]}${'klmnopqrst'[Math.floor(i / 10) % 10]}${'uvwxyz'[Math.floor(i / 100)]}`);
    const typesAfter = (copies: number): number => {
      const seen = new Set<string>();
      for (let c = 0; c < copies; c++) addWordTypes(seen, variedVocabulary([words.join(' ')], c));
      return seen.size;
    };
    const [ten, hundred] = [typesAfter(10), typesAfter(100)];
    expect(ten).toBeGreaterThan(words.length * 1.5);
    expect(hundred).toBeGreaterThan(ten * 2);
    expect(hundred).toBeLessThan(ten * 10);
  });
});
