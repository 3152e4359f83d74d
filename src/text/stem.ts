import stemmer from 'natural/lib/natural/stemmers/indonesian/stemmer_id.js';

const cache = new Map<string, string>();

/** The Sastrawi stem of a lowercase word, computed once per distinct word. */
export function stemLowercase(word: string): string {
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = /\p{L}/u.test(word) ? stemmer.stem(word) : word;
    if (stem === '') stem = word;
    cache.set(word, stem);
  }
  return stem;
}

export function isCapitalised(token: string): boolean {
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
