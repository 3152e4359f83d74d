import { clip } from '../text/clip.js';
import type { AnalyzedArticle } from '../text/index.js';

/** The sentence that holds the most query terms, cut to a length on a word boundary. */
export function bestSnippet(doc: AnalyzedArticle, matched: readonly string[], maxLength = 200): string {
  const wanted = new Set(matched);
  let best = doc.sentences[0];
  let bestCount = 0;
  for (const sentence of doc.sentences) {
    let count = 0;
    for (const term of new Set(sentence.terms)) if (wanted.has(term)) count++;
    if (count > bestCount) {
      best = sentence;
      bestCount = count;
    }
  }
  return clip((best?.text ?? doc.article.paragraphs[0] ?? '').replace(/\s+/g, ' '), maxLength);
}
