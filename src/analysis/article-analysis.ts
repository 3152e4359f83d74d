import type { Article } from '../corpus/article.js';
import { findQuotes, type Quote } from '../quotes/index.js';
import { analyzeArticle, type AnalyzedArticle } from '../text/index.js';
import { PackedAnalysis } from './compact.js';
import { packedAnalysis } from './encoded.js';

/** Everything the library computes from one article alone: its sentences and terms, and its quotes. */
export interface ArticleAnalysis {
  readonly analyzed: AnalyzedArticle;
  readonly quotes: readonly Quote[];
}

export function analyzeWithQuotes(article: Article): ArticleAnalysis {
  return { analyzed: packedAnalysis(analyzeArticle(article)), quotes: findQuotes(article) };
}

/**
 * The analysis of an article with the same content (title and paragraphs) under another id or file: sentences and terms
 * are shared, quotes are re-labelled with the new id.
 */
export function reuseAnalysis(article: Article, previous: ArticleAnalysis): ArticleAnalysis {
  const quotes = previous.quotes.every((quote) => quote.articleId === article.id)
    ? previous.quotes
    : previous.quotes.map((quote) => ({ ...quote, articleId: article.id }));
  const before = previous.analyzed;
  const analyzed =
    before instanceof PackedAnalysis ? before.for(article) : { article, sentences: before.sentences, termFrequencies: before.termFrequencies };
  return { analyzed, quotes };
}
