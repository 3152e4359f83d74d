import { terms } from '../text/index.js';

/** What near-duplicate detection reads of an article: its title and body (an `Article` fits). */
export interface DuplicateText {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

/** How rare a term is in the corpus (inverse document frequency): shared rare words say more than shared common ones. */
export type TermRarity = (term: string) => number;

export interface NearDuplicateOptions {
  readonly rarity: TermRarity;
  /** Cosine of the tf-idf vectors from which two texts tell the same story (default NEAR_DUPLICATE_THRESHOLD). */
  readonly threshold?: number;
}

/**
 * Chosen with `npm run --silent eval -- duplicates --threshold N`: at 0.65, 3 of 2.3 million pairs of distinct IndoSum
 * articles merge (two of them about one affair), and rewrites across outlets are found (PLN, BWF, Maruarar in realnews);
 * at 0.7 no IndoSum pair merges but those rewrites are missed; at 0.6 and below, stories of one series merge.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.65;
/** From here the texts are one text, whatever their titles say. */
const SAME_TEXT = 0.9;
/** Texts shorter than this many terms carry too little to be judged the same story by their words. */
const MIN_TERMS = 40;

interface Fingerprint {
  /** log(1 + count) per term. */
  readonly weights: ReadonlyMap<string, number>;
  readonly termCount: number;
  /** Numbers and names of the title, as its own body writes names: another text of the same story mentions them. */
  readonly titleMarks: readonly string[];
  /** Every word of title and body, lowercased, numbers without their separators. */
  readonly words: ReadonlySet<string>;
}

const fingerprints = new WeakMap<DuplicateText, Fingerprint>();

const WORD = /[\p{L}\p{N}][\p{L}\p{N}.,'’-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** `Rp5,50`, `5.50` and `5,5` are one number; a word keeps its letters and hyphens. */
function normalWord(word: string): string {
  const lower = word.toLowerCase().replace(/^rp(?=\d)/, '');
  if (!/^\d/.test(lower)) return lower;
  return lower.replace(/[.,'’]/g, '').replace(/0+$/, '') || '0';
}

function fingerprintOf(text: DuplicateText): Fingerprint {
  let found = fingerprints.get(text);
  if (found !== undefined) return found;
  const body = text.paragraphs.join('\n');
  const weights = new Map<string, number>();
  let termCount = 0;
  for (const term of terms(`${text.title}\n${body}`)) {
    weights.set(term, (weights.get(term) ?? 0) + 1);
    termCount++;
  }
  for (const [term, count] of weights) weights.set(term, 1 + Math.log(count));
  const words = new Set<string>();
  const namesInBody = new Set<string>();
  for (const sentence of body.split(/(?<=[.!?])\s+|\n+/)) {
    const tokens = sentence.match(WORD) ?? [];
    tokens.forEach((token, i) => {
      words.add(normalWord(token));
      if (i > 0 && /^\p{Lu}/u.test(token)) namesInBody.add(token.toLowerCase());
    });
  }
  const titleMarks: string[] = [];
  for (const token of text.title.match(WORD) ?? []) {
    const word = normalWord(token);
    words.add(word);
    if (/^\d/.test(word) || namesInBody.has(token.toLowerCase())) titleMarks.push(word);
  }
  found = { weights, termCount, titleMarks, words };
  fingerprints.set(text, found);
  return found;
}

/** A unit tf-idf vector: term numbers ascending (numbered per comparison) and their weights. */
interface Vector {
  readonly terms: Int32Array;
  readonly weights: Float64Array;
}

function vectorOf(fingerprint: Fingerprint, rarity: TermRarity, numberOf: (term: string) => number): Vector {
  const entries = [...fingerprint.weights].map(([term, weight]) => [numberOf(term), weight * rarity(term)] as const).sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
  return { terms: Int32Array.from(entries, ([n]) => n), weights: Float64Array.from(entries, ([, w]) => w / norm) };
}

function cosine(a: Vector, b: Vector): number {
  let sum = 0;
  for (let i = 0, j = 0; i < a.terms.length && j < b.terms.length; ) {
    const x = a.terms[i] as number;
    const y = b.terms[j] as number;
    if (x === y) sum += (a.weights[i++] as number) * (b.weights[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

function numbering(): (term: string) => number {
  const numbers = new Map<string, number>();
  return (term) => {
    let n = numbers.get(term);
    if (n === undefined) numbers.set(term, (n = numbers.size));
    return n;
  };
}

/**
 * Every number and name a title puts forward appears in the other text, and two titles that both count something count
 * some of the same ("20 Kota Termacet" is not "5 Kota Termacet", page 205 is not page 209).
 */
function titleHolds(a: Fingerprint, b: Fingerprint): boolean {
  if (!a.titleMarks.every((mark) => b.words.has(mark)) || !b.titleMarks.every((mark) => a.words.has(mark))) return false;
  const numbersA = a.titleMarks.filter(isNumber);
  const numbersB = new Set(b.titleMarks.filter(isNumber));
  return numbersA.length === 0 || numbersB.size === 0 || numbersA.some((n) => numbersB.has(n));
}

const isNumber = (mark: string): boolean => /^\d/.test(mark);

/** How alike two texts are in their words, 0 to 1 (cosine of tf-idf vectors over stems). */
export function textSimilarity(a: DuplicateText, b: DuplicateText, rarity: TermRarity): number {
  const numberOf = numbering();
  return cosine(vectorOf(fingerprintOf(a), rarity, numberOf), vectorOf(fingerprintOf(b), rarity, numberOf));
}

/**
 * Groups texts that tell the same story: the same text under another title, a lightly edited copy, another outlet's close
 * rewrite. Each group keeps the input order and groups come in the order of their first member; a text alike to none is
 * a group of its own. Pairwise: meant for tens to a few hundred texts (a digest's candidates, the articles quoting one person).
 */
export function groupNearDuplicates<T extends DuplicateText>(texts: readonly T[], options: NearDuplicateOptions): T[][] {
  const threshold = options.threshold ?? NEAR_DUPLICATE_THRESHOLD;
  const prints = texts.map(fingerprintOf);
  const numberOf = numbering();
  const vectors = prints.map((print) => (print.termCount >= MIN_TERMS ? vectorOf(print, options.rarity, numberOf) : null));
  const parent = texts.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  for (let i = 0; i < texts.length; i++) {
    const a = vectors[i];
    if (a === null || a === undefined) continue;
    for (let j = i + 1; j < texts.length; j++) {
      const b = vectors[j];
      if (b === null || b === undefined || root(i) === root(j)) continue;
      const similarity = cosine(a, b);
      if (similarity >= SAME_TEXT || (similarity >= threshold && titleHolds(prints[i] as Fingerprint, prints[j] as Fingerprint))) {
        const [low, high] = [root(i), root(j)].sort((x, y) => x - y) as [number, number];
        parent[high] = low;
      }
    }
  }
  const groups = new Map<number, T[]>();
  texts.forEach((text, i) => {
    const key = root(i);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [text]);
    else group.push(text);
  });
  return [...groups.values()];
}
