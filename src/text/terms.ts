import { isCapitalised, stemLowercase } from './stem.js';
import { isStopword } from './stopwords.js';
import { tokenize } from './tokenize.js';

const isAllCaps = (token: string): boolean => token.length > 1 && token === token.toUpperCase();

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
    if (lower.length < 2 || isStopword(lower)) continue;
    const capitalised = isCapitalised(token);
    const name = capitalised && (i > 0 || isAllCaps(token));
    const term = name ? lower : stemLowercase(lower);
    if (!isStopword(term)) result.push(term);
  }
  return result;
}
