import { idfTable } from '../text/corpus-stats.js';
import { isCapitalised } from '../text/stem.js';
import { surfaceForms, type DocumentView } from './document.js';
import { memoizedPer } from './memo.js';

const KEYWORD_COUNT = 5;

const isKeywordTerm = (term: string): boolean => term.length >= 3 && /\p{L}/u.test(term) && !/^\p{N}/u.test(term);

function startsCapitalisedWord(token: string): boolean {
  const first = token.charCodeAt(0);
  const second = token.charCodeAt(1);
  if (first < 128 && second < 128) return first >= 65 && first <= 90 && second >= 97 && second <= 122;
  return /^\p{Lu}\p{Ll}/u.test(token);
}

/** Adjacent capitalised words seen together at least twice (`Kim Jong-un`): shown as one keyword. */
function namePairs(view: DocumentView): Map<string, number> {
  const pairs = new Map<string, number>();
  for (const sentence of view.sentences) {
    const tokens = sentence.tokens;
    for (let i = 1; i + 1 < tokens.length; i++) {
      const b = tokens[i + 1] as string;
      if (!isCapitalised(b)) continue;
      const a = tokens[i] as string;
      if (!startsCapitalisedWord(a)) continue;
      const pair = `${a} ${b}`;
      pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
    }
  }
  for (const [pair, count] of pairs) if (count < 2) pairs.delete(pair);
  return pairs;
}

const findKeywordsOnce = memoizedPer(findKeywords);

/** The article's top terms by tf-idf, as the article writes them (autotldr-style keywords); memoised per view. */
export function keywords(view: DocumentView): string[] {
  return [...findKeywordsOnce(view)];
}

function findKeywords(view: DocumentView): string[] {
  const { termFrequencies } = view.analyzed;
  const idf = idfTable(view.stats);
  const ranked = [...termFrequencies]
    .filter(([term]) => isKeywordTerm(term))
    .map(([term, tf]) => ({ term, score: tf * idf(term) }))
    .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const surfaces = surfaceForms(view, new Set(ranked.slice(0, 3 * KEYWORD_COUNT).map((r) => r.term)));
  const pairs = namePairs(view);
  const result: string[] = [];
  const shown = new Set<string>();
  for (const { term } of ranked) {
    if (result.length >= KEYWORD_COUNT) break;
    const surface = surfaces.get(term) ?? term;
    if (shown.has(surface.toLowerCase())) continue;
    let best: string | undefined;
    for (const [pair, count] of pairs) {
      const [a, b] = pair.split(' ');
      if ((a === surface || b === surface) && (best === undefined || count > (pairs.get(best) ?? 0))) best = pair;
    }
    const label = best ?? surface;
    for (const word of label.split(' ')) shown.add(word.toLowerCase());
    if (!result.some((k) => k.toLowerCase() === label.toLowerCase())) result.push(label);
  }
  return result;
}
