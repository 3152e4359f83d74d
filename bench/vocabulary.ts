/**
 * Vocabulary growth for the large bench corpora: a copy of an article renames a share of its word types, so distinct terms
 * keep growing with the corpus as a real one's do (sublinearly, as Heaps' law has it), instead of stopping at the base's.
 */

/** Word types this long or longer may be renamed (content words and names; short function words stay). */
const MIN_LENGTH = 5;
/** Share of word types, in percent, renamed in one copy. */
const RENAMED_PERCENT = 15;
/** Syllables of the made-up words: Indonesian-looking, so stemming and name detection treat them as they treat real words. */
const SYLLABLES = ['ka', 'ri', 'to', 'ma', 'nu', 'se', 'la', 'di', 'po', 'gu', 'wa', 'hen', 'san', 'dar', 'bi', 'ro', 'yu', 'tan', 'mo', 'ling'];

/** FNV-1a over a string: cheap enough for every token of a quarter-million articles, deterministic across runs. */
export function fnv32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * How many variants a word type can have by copy `copy`: growing with the square root of the copies, so the distinct terms
 * of the corpus grow like n^0.5 past the base's vocabulary (Heaps' law with β ≈ 0.5, as news corpora show).
 */
export function variantPool(copy: number): number {
  return 1 + Math.floor(2 * Math.sqrt(copy));
}

function madeUpWord(word: string, variant: number): string {
  const keep = Math.max(2, Math.ceil(word.length * 0.5));
  let n = fnv32(word, variant + 1);
  let tail = '';
  for (let i = 0; i < 2 + (n % 2); i++) {
    tail += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return word.slice(0, keep) + tail;
}

/** The word `word` (lower case) becomes in copy `copy`, or itself when this copy keeps it. */
export function renamedWord(word: string, copy: number): string {
  if (copy === 0 || word.length < MIN_LENGTH) return word;
  const h = fnv32(`${word}:${copy}`);
  if (h % 100 >= RENAMED_PERCENT) return word;
  return madeUpWord(word, Math.floor(h / 100) % variantPool(copy));
}

const WORD = /\p{L}+/gu;

/** The paragraphs with this copy's renamings; a renamed word keeps its capital, so a renamed name is a new name. */
export function variedVocabulary(paragraphs: readonly string[], copy: number): string[] {
  if (copy === 0) return [...paragraphs];
  return paragraphs.map((p) =>
    p.replace(WORD, (token) => {
      const lower = token.toLowerCase();
      const renamed = renamedWord(lower, copy);
      if (renamed === lower) return token;
      if (token === token.toUpperCase() && token.length > 1) return renamed.toUpperCase();
      return token[0] === lower[0] ? renamed : renamed[0]?.toUpperCase() + renamed.slice(1);
    }),
  );
}

/** Distinct word types (lower case) of some texts, added to `seen`. */
export function addWordTypes(seen: Set<string>, paragraphs: readonly string[]): void {
  for (const p of paragraphs) for (const match of p.matchAll(WORD)) seen.add(match[0].toLowerCase());
}
