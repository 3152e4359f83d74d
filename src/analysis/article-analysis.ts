import type { Article } from '../corpus/article.js';
import { findQuotes, type Quote } from '../quotes/index.js';
import { analyzeArticle, type AnalyzedArticle } from '../text/index.js';
import { withCountsFromSentences } from './term-counts.js';

/** Everything the library computes from one article alone: its sentences and terms, and its quotes. */
export interface ArticleAnalysis {
  readonly analyzed: AnalyzedArticle;
  readonly quotes: readonly Quote[];
}

export function analyzeWithQuotes(article: Article): ArticleAnalysis {
  return { analyzed: withCountsFromSentences(analyzeArticle(article)), quotes: findQuotes(article) };
}

/**
 * The analysis of an article with the same content (title and paragraphs) under another id or file: sentences and terms
 * are shared, quotes are re-labelled with the new id.
 */
export function reuseAnalysis(article: Article, previous: ArticleAnalysis): ArticleAnalysis {
  const { sentences, termFrequencies } = previous.analyzed;
  const quotes = previous.quotes.every((quote) => quote.articleId === article.id)
    ? previous.quotes
    : previous.quotes.map((quote) => ({ ...quote, articleId: article.id }));
  return { analyzed: { article, sentences, termFrequencies }, quotes };
}
