import stemmer from 'natural/lib/natural/stemmers/indonesian/stemmer_id.js';

/** natural's own root dictionary, as its stemmer holds it. */
const roots: ReadonlySet<string> = new Set(stemmer.dictionary);

/** Sastrawi's suffix rules in its order: particle, possessive, derivational. */
const suffixRules = [/-*(lah|kah|tah|pun)$/, /-*(ku|mu|nya)$/, /(is|isme|isasi|i|kan|an)$/];

/** The patterns of Sastrawi's prefix and infix rules (natural's prefix_rules.js), two of them unanchored: a word matching none is left alone by all of them. */
const prefixTrigger = /^(?:di|ke|se|ku|kau|belajar$|ber|ter|te[bcdfghjklmnpqrstvwxyz]er[bcdfghjklmnpqrstvwxyz]|me[lrwy][aiueo]|mem|men|pe)|ber[bcdfghjklmnpqrstvwxyz][a-z]er[aiueo]|be[bcdfghjklmnpqstvwxyz]er[bcdfghjklmnpqrstvwxyz]|^[bcdfghjklmnpqrstvwxyz](?:el|em|er|in)[aiueo]|-/;

/**
 * StemmerId's answer for a word no prefix rule can touch: its suffix steps and the restore loop replayed
 * without the ~40 prefix rules that cannot match (same result, a fraction of the cost).
 */
function stemWithoutPrefixRules(word: string): string {
  if (word.length <= 3 || roots.has(word)) return word;
  const removals: Array<{ original: string; result: string }> = [];
  let current = word;
  for (const rule of suffixRules) {
    const result = current.replace(rule, '');
    if (result !== current) removals.push({ original: current, result });
    current = result;
    if (roots.has(current)) return current;
  }
  const last = removals[removals.length - 1];
  if (last === undefined) return word;
  const restored = last.original;
  for (let i = removals.length - 1; i >= 0; i--) {
    const removal = removals[i] as { original: string; result: string };
    if (removal.original.replace(removal.result, '') === 'kan') {
      if (roots.has(`${removal.result}k`)) return `${removal.result}k`;
      if (roots.has(`${removal.result}kan`)) return `${removal.result}kan`;
    } else if (roots.has(removal.original)) return removal.original;
  }
  return roots.has(restored) ? restored : word;
}

const cache = new Map<string, string>();

/** StemmerId's (Sastrawi's) stem of a lowercase word, uncached. */
export function stemUncached(word: string): string {
  if (!hasLetter(word)) return word;
  const stem = prefixTrigger.test(word) || word !== word.toLowerCase() ? stemmer.stem(word) : stemWithoutPrefixRules(word);
  return stem === '' ? word : stem;
}

function hasLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return true;
    if (code >= 128) return /\p{L}/u.test(word);
  }
  return false;
}

/** The Sastrawi stem of a lowercase word, computed once per distinct word. */
export function stemLowercase(word: string): string {
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = stemUncached(word);
    cache.set(word, stem);
  }
  return stem;
}

/** Forgets every stem worked out so far (when the corpus that needed them is gone); a stem is worked out again when asked. */
export function clearStemCaches(): void {
  cache.clear();
  tokenCache.clear();
}

export function stemCacheSize(): number {
  return cache.size;
}

/** Every stem computed so far, to persist across runs. */
export function exportStemCache(): Record<string, string> {
  return Object.fromEntries(cache);
}

/** Seeds the cache with stems saved by `exportStemCache` from the same stemmer; entries that are not strings are skipped. */
export function importStemCache(entries: Readonly<Record<string, unknown>>): number {
  let added = 0;
  for (const [word, stem] of Object.entries(entries)) {
    if (typeof stem !== 'string' || cache.has(word)) continue;
    cache.set(word, stem);
    added++;
  }
  return added;
}

export function isCapitalised(token: string): boolean {
  const code = token.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  return /^\p{Lu}/u.test(token);
}

const tokenCache = new Map<string, string>();

/** A token's stem; a capitalised token is taken for a name and only lowercased (`Megawati` stays `megawati`). */
export function stemWord(token: string): string {
  let stem = tokenCache.get(token);
  if (stem === undefined) {
    const lower = token.toLowerCase();
    stem = isCapitalised(token) ? lower : stemLowercase(lower);
    tokenCache.set(token, stem);
  }
  return stem;
}

/** Whether a lower-case word is Indonesian as natural's root dictionary knows it, itself or once its affixes are off. */
export function isKnownWord(word: string): boolean {
  return roots.has(word) || roots.has(stemWord(word));
}
