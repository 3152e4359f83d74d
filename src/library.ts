import { analyzeWithQuotes, type ArticleAnalysis } from './analysis/article-analysis.js';
import type { Article } from './corpus/index.js';
import type { CorpusSnapshot } from './corpus/index.js';
import type { Library, LibraryStats, SearchHit, TitleChoice } from './library-types.js';
import { buildSpeakerIndex, type Quote } from './quotes/index.js';
import { bestSnippet, RankedIndex, TitleIndex } from './search/index.js';
import { summarize, type Summary } from './summarize/index.js';
import { buildCorpusStats, type AnalyzedArticle } from './text/index.js';

const MAX_SUMMARY_SENTENCES = 10;

/** Analyses every article on this thread and builds the library (the CLI and tests; the bot uses `openLibrary`). */
export function buildLibrary(snapshot: CorpusSnapshot): Library {
  return assembleLibrary(snapshot, snapshot.articles.map(analyzeWithQuotes));
}

/** Builds the indexes every answer reads from one analysis per article, in the snapshot's order. */
export function assembleLibrary(snapshot: CorpusSnapshot, analyses: readonly ArticleAnalysis[]): Library {
  const articles = snapshot.articles;
  if (analyses.length !== articles.length) throw new Error(`${analyses.length} analyses for ${articles.length} articles`);
  const analyzed: AnalyzedArticle[] = analyses.map((analysis) => analysis.analyzed);
  const positionOf = new Map<string, number>(articles.map((a, i) => [a.id, i]));
  const corpusStats = buildCorpusStats(analyzed);
  const quotesByArticle = new Map<string, readonly Quote[]>();
  articles.forEach((article, i) => quotesByArticle.set(article.id, (analyses[i] as ArticleAnalysis).quotes));
  const speakers = buildSpeakerIndex([...quotesByArticle.values()].flat());
  const ranked = new RankedIndex(analyzed);
  const titles = new TitleIndex(articles);
  const summaries = new Map<string, Summary>();
  let quoteCount = 0;
  for (const list of quotesByArticle.values()) quoteCount += list.length;

  const stats: LibraryStats = {
    ...snapshot.stats,
    quotes: quoteCount,
    speakers: speakers.speakers().length,
  };

  return {
    articles,
    problems: snapshot.problems,
    loadedAt: new Date(),
    stats,
    speakers,
    get: (id: string): Article | undefined => snapshot.get(id),
    summary(id: string, sentences: number): Summary | undefined {
      const position = positionOf.get(id);
      const doc = position === undefined ? undefined : analyzed[position];
      if (doc === undefined) return undefined;
      const count = Math.min(Math.max(1, Math.trunc(sentences)), MAX_SUMMARY_SENTENCES);
      const key = `${count}:${id}`;
      let summary = summaries.get(key);
      if (summary === undefined) {
        summary = summarize(doc, corpusStats, { sentences: count });
        summaries.set(key, summary);
      }
      return summary;
    },
    quotesIn: (articleId: string): readonly Quote[] => quotesByArticle.get(articleId) ?? [],
    search(query: string, limit: number): SearchHit[] {
      return ranked.search(query, limit).flatMap((hit) => {
        const doc = analyzed[hit.index];
        return doc === undefined ? [] : [{ article: doc.article, score: hit.score, snippet: bestSnippet(doc, hit.matched) }];
      });
    },
    titleAutocomplete(query: string, limit: number): TitleChoice[] {
      return titles.match(query, limit).flatMap((index) => {
        const a = articles[index];
        return a === undefined ? [] : [{ id: a.id, title: a.title, published: a.published }];
      });
    },
  };
}
