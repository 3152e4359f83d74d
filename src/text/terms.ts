import { isCapitalised, stemLowercase } from './stem.js';
import { isStopword } from './stopwords.js';
import { tokenize } from './tokenize.js';

const isAllCaps = (token: string): boolean => token.length > 1 && token === token.toUpperCase();

/** Each lowercase word's term, or null for a stopword before or after stemming: one lookup per token instead of three. */
const wordTerms = new Map<string, string | null>();

function termOfWord(lower: string): string | null {
  let term = wordTerms.get(lower);
  if (term === undefined) {
    const stem = isStopword(lower) ? null : stemLowercase(lower);
    term = stem === null || isStopword(stem) ? null : stem;
    wordTerms.set(lower, term);
  }
  return term;
}

export function clearTermCache(): void {
  wordTerms.clear();
}

/**
 * The index terms of a text: lowercase, stopwords dropped, stemmed. A capitalised first word is stemmed
 * like any word (`Pertemuan` → `temu`) since capitals there mark the sentence start, not a name.
 */
export function terms(text: string): string[] {
  const result: string[] = [];
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const lower = token.toLowerCase();
    if (lower.length < 2) continue;
    if (isCapitalised(token) && (i > 0 || isAllCaps(token))) {
      if (!isStopword(lower)) result.push(lower);
      continue;
    }
    const term = termOfWord(lower);
    if (term !== null) result.push(term);
  }
  return result;
}
