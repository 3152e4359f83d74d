import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/index.js';
import { describe, expect, it } from 'vitest';
import { withinEdits } from '../src/quotes/edit-distance.js';
import { seededRandom as seeded } from '../bench/random.js';


// A small alphabet makes repeated and doubled letters common: that is where transpositions and natural's quirks live.
const LETTERS = 'aaiuenkrst';

function name(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += LETTERS[Math.floor(random() * LETTERS.length)] ?? 'a';
  return text;
}

function typo(word: string, random: () => number): string {
  const at = Math.floor(random() * (word.length + 1));
  const letter = LETTERS[Math.floor(random() * LETTERS.length)] ?? 'a';
  switch (Math.floor(random() * 5)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
    case 2:
      return word.slice(0, at) + letter + word.slice(at);
    case 3:
      return word.slice(0, at) + letter + word.slice(at + 1);
    default:
      return word.slice(0, at) + (word[at] ?? '') + word.slice(at);
  }
}

function pairs(seed: number, count: number): Array<[string, string]> {
  const random = seeded(seed);
  return Array.from({ length: count }, () => {
    const word = name(random, 1 + Math.floor(random() * 12));
    let other = word;
    const edits = Math.floor(random() * 5);
    for (let i = 0; i < edits; i += 1) other = typo(other, random);
    return random() < 0.5 ? [word, other] : [other, word];
  });
}

/** What the speaker index asked before: a length check, then natural's full distance. */
function naturalWithin(a: string, b: string, allowed: number): boolean {
  return Math.abs(a.length - b.length) <= allowed && DamerauLevenshteinDistance(a, b) <= allowed;
}

describe('withinEdits', () => {
  it('agrees with a length check plus natural’s DamerauLevenshteinDistance on many random words and typos, for every threshold', () => {
    let disagreements = 0;
    let within = 0;
    for (const [a, b] of pairs(1, 20_000)) {
      for (let allowed = 0; allowed <= 4; allowed += 1) {
        const expected = naturalWithin(a, b, allowed);
        if (withinEdits(a, b, allowed) !== expected) disagreements += 1;
        if (expected) within += 1;
      }
    }
    expect(disagreements).toBe(0);
    expect(within).toBeGreaterThan(20_000);
  });

  it('agrees with natural on unrelated words of a real alphabet, including empty and accented ones', () => {
    const random = seeded(2);
    const words = ['', 'a', 'putin', 'ptuin', 'putn', 'jokowi', 'jokowie', 'abdullah', 'abdulah', 'ahok', 'sri mulyani', 'rené', 'renee', 'mahfud', 'mahfudz', 'prabowo', 'praboow'];
    for (let i = 0; i < 2_000; i += 1) words.push(name(random, Math.floor(random() * 9)));
    const wrong: string[] = [];
    for (let i = 0; i < words.length; i += 1) {
      const a = words[i] as string;
      const b = words[(i * 7 + 3) % words.length] as string;
      for (const allowed of [0, 1, 2]) if (withinEdits(a, b, allowed) !== naturalWithin(a, b, allowed)) wrong.push(`${a}/${b}/${allowed}`);
    }
    expect(wrong).toEqual([]);
  });

  it('counts a dropped letter, a swap and a substitution as one edit each, and rejects what is further', () => {
    expect(withinEdits('putn', 'putin', 1)).toBe(true);
    expect(withinEdits('ptuin', 'putin', 1)).toBe(true);
    expect(withinEdits('potin', 'putin', 1)).toBe(true);
    expect(withinEdits('ptn', 'putin', 1)).toBe(false);
    expect(withinEdits('ptn', 'putin', 2)).toBe(true);
    expect(withinEdits('jokowi', 'prabowo', 2)).toBe(false);
  });
});
