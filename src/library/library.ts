import { analyzeWithQuotes, type ArticleAnalysis } from '../analysis/article-analysis.js';
import { dictionaryOf, type TermDictionary } from '../analysis/compact.js';
import type { Article, LoadProblem } from '../corpus/article.js';
import type { CorpusSnapshot } from '../corpus/index.js';
import { buildSpeakerIndex, SpeakerIndex, type Quote, type SpeakerEntry, type SpeakerLookup } from '../quotes/index.js';
import { bestSnippet, joinedCount, RankedIndex, TitleIndex, type RankedParts } from '../search/index.js';
import { summarize, type Summary } from '../summarize/index.js';
import { inverseDocumentFrequency, type AnalyzedArticle, type CorpusStats as TermStats } from '../text/index.js';
import { articleQuoteKeys, withoutDuplicateQuotes, type ArticleQuoteKeys } from './duplicate-quotes.js';
import { groupNearDuplicates } from './near-duplicates.js';
import { clampSentences, SEARCH_HITS } from './limits.js';
import { SpeakerQuotes } from './speaker-quotes.js';
import { articleOrder, savedSpeakers, type LibraryIndexes, type SavedIndexes } from './restart-indexes.js';
import { dictionaryDigest, FrequenciesByTerm, numberedDocuments, TermNumbering } from './term-numbers.js';
import { messageOf } from '../error-message.js';
import type { Library, LibraryStats, SearchHit, SpeakerQuote, TitleChoice } from './types.js';

/** Analyses every article on this thread and builds the library (tests and benchmarks; the bot and the CLI use `openLibrary`). */
export function buildLibrary(snapshot: CorpusSnapshot): Library {
  return assembleLibrary(snapshot, snapshot.articles.map(analyzeWithQuotes));
}

/**
 * Search and title indexes saved by an earlier build (src/library/restart-indexes.ts), read when the other indexes are
 * built (by then what reading the restart snapshot left behind has been collected, so the two do not add up in memory),
 * and where to say why they were not used.
 */
export interface SavedIndexUse {
  readonly read: () => SavedIndexes | undefined;
  readonly warn: (message: string) => void;
}

/** Builds the indexes every answer reads from one analysis per article, in the snapshot's order (or takes saved ones made for the same articles). */
export function assembleLibrary(snapshot: CorpusSnapshot, analyses: readonly ArticleAnalysis[], saved?: SavedIndexUse): Library {
  if (analyses.length !== snapshot.articles.length) throw new Error(`${analyses.length} analyses for ${snapshot.articles.length} articles`);
  return new IndexedLibrary(snapshot, analyses, saved);
}

/** The indexes of a library that built them (one that took saved indexes has nothing new to save). */
export function indexesToSave(library: Library): LibraryIndexes | undefined {
  return library instanceof IndexedLibrary ? library.indexesToSave() : undefined;
}

/** Whether a term id has postings in the ranked index: the terms a library's numbering keeps. */
function hasPostings({ offsets }: RankedParts): (id: number) => boolean {
  return (id) => (offsets[id + 1] as number) > (offsets[id] as number);
}

/** Whether saved indexes were made for these articles in this order (after files changed they are not: a normal case, said nowhere). */
function madeFor(saved: SavedIndexes, articles: readonly Article[]): boolean {
  return saved.ranked.documentCount === articles.length && joinedCount(saved.titles.folded) === articles.length && saved.order === articleOrder(articles);
}

/**
 * Search and speaker indexes taken from saved parts, for articles whose analyses are packed under `dictionary` and whose
 * quotes, article by article, are `quotes`; undefined when made for other articles, or with a warning naming why they
 * cannot be used.
 */
function restoredIndexes(
  use: SavedIndexUse,
  articles: readonly Article[],
  dictionary: TermDictionary,
  quotes: readonly Quote[],
): { numbering: TermNumbering; ranked: RankedIndex; titles: TitleIndex; speakers: SpeakerIndex } | undefined {
  const saved = use.read();
  if (saved === undefined) return undefined;
  try {
    if (!madeFor(saved, articles)) return undefined;
    if (dictionaryDigest(dictionary, saved.base) !== saved.dictionary) throw new Error('made under another term numbering');
    const numbering = new TermNumbering(dictionary, saved.base, saved.extra, hasPostings(saved.ranked));
    const ranked = new RankedIndex({ parts: saved.ranked, termIdOf: (term) => numbering.termIdOf(term) });
    if (ranked.bodyFrequency.length !== numbering.termCount) throw new Error('ranked index does not match its terms');
    return { numbering, ranked, titles: new TitleIndex(saved.titles), speakers: SpeakerIndex.fromParts(savedSpeakers(saved), quotes) };
  } catch (error) {
    use.warn(`saved search indexes not used (${messageOf(error)}); building them`);
    return undefined;
  }
}

class IndexedLibrary implements Library {
  readonly articles: readonly Article[];
  readonly problems: readonly LoadProblem[];
  readonly loadedAt = new Date();
  readonly stats: LibraryStats;
  readonly speakers: SpeakerIndex;
  readonly #snapshot: CorpusSnapshot;
  readonly #analyzed: readonly AnalyzedArticle[];
  readonly #termStats: TermStats;
  /** By the article's place in `articles`. */
  readonly #quotesByArticle: readonly (readonly Quote[])[];
  /** Every quote, article by article in library order: what the speaker index was built from. */
  readonly #allQuotes: readonly Quote[];
  readonly #ranked: RankedIndex;
  readonly #titles: TitleIndex;
  readonly #numbering: TermNumbering;
  /** Whether the search indexes came from saved parts. */
  readonly #restored: boolean;
  readonly #speakerQuotes: SpeakerQuotes;
  readonly #summaries = new Map<string, Summary>();
  readonly #quotesOnce = new Map<string, readonly SpeakerQuote[]>();
  readonly #articleQuoteKeys: ArticleQuoteKeys = articleQuoteKeys((id) => this.quotesIn(id));

  constructor(snapshot: CorpusSnapshot, analyses: readonly ArticleAnalysis[], saved?: SavedIndexUse) {
    const articles = snapshot.articles;
    this.#snapshot = snapshot;
    this.articles = articles;
    this.problems = snapshot.problems;
    this.#analyzed = analyses.map((analysis) => analysis.analyzed);
    this.#quotesByArticle = analyses.map((analysis) => analysis.quotes);
    this.#allQuotes = this.#quotesByArticle.flat();
    const restored = saved === undefined ? undefined : restoredIndexes(saved, articles, dictionaryOf(this.#analyzed), this.#allQuotes);
    this.#restored = restored !== undefined;
    if (restored === undefined) {
      this.speakers = buildSpeakerIndex(this.#allQuotes);
      const numbered = numberedDocuments(this.#analyzed);
      this.#numbering = numbered.numbering;
      this.#ranked = new RankedIndex(numbered.documents);
      this.#numbering.keepOnly(hasPostings(this.#ranked.parts()));
      this.#titles = new TitleIndex(articles);
    } else ({ numbering: this.#numbering, ranked: this.#ranked, titles: this.#titles, speakers: this.speakers } = restored);
    this.#termStats = { documentCount: articles.length, documentFrequency: new FrequenciesByTerm(this.#numbering, this.#ranked.bodyFrequency) };
    this.#speakerQuotes = new SpeakerQuotes(this.speakers, articles, (id) => snapshot.positionOf(id));
    this.stats = { ...snapshot.stats, quotes: this.#allQuotes.length, speakers: this.speakers.speakers().length };
  }

  indexesToSave(): LibraryIndexes | undefined {
    if (this.#restored) return undefined;
    return {
      articles: this.articles,
      numbering: this.#numbering,
      ranked: this.#ranked.parts(),
      titles: this.#titles.parts(),
      speakers: this.speakers.parts(this.#allQuotes),
    };
  }

  get(id: string): Article | undefined {
    return this.#snapshot.get(id);
  }

  findArticle(query: string | null): Article | undefined {
    if (query === null || query.trim() === '') return this.articles[0];
    const exact = this.get(query.trim());
    if (exact !== undefined) return exact;
    const best = this.titleAutocomplete(query, 1)[0];
    return best === undefined ? undefined : this.get(best.id);
  }

  summary(id: string, sentences: number): Summary | undefined {
    const position = this.#snapshot.positionOf(id);
    const doc = position === undefined ? undefined : this.#analyzed[position];
    if (doc === undefined) return undefined;
    const count = clampSentences(sentences);
    const key = `${count}:${id}`;
    let summary = this.#summaries.get(key);
    if (summary === undefined) {
      summary = summarize(doc, this.#termStats, { sentences: count });
      this.#summaries.set(key, summary);
    }
    return summary;
  }

  search(query: string, limit: number): SearchHit[] {
    return this.#ranked.search(query, Math.min(limit, SEARCH_HITS.max)).flatMap((hit) => {
      const doc = this.#analyzed[hit.index];
      return doc === undefined ? [] : [{ article: doc.article, score: hit.score, snippet: bestSnippet(doc, hit.matched) }];
    });
  }

  titleAutocomplete(query: string, limit: number): TitleChoice[] {
    return this.#titles.match(query, limit).flatMap((index) => {
      const a = this.articles[index];
      return a === undefined ? [] : [{ id: a.id, title: a.title, published: a.published }];
    });
  }

  findSpeaker(query: string): SpeakerLookup {
    return this.#speakerQuotes.find(query);
  }

  speakerById(id: string): SpeakerEntry | undefined {
    return this.#speakerQuotes.speakerById(id);
  }

  quotesBy(speakerId: string, articleId?: string): readonly SpeakerQuote[] {
    const all = this.#speakerQuotes.quotesBy(speakerId, articleId);
    if (articleId !== undefined) return all;
    let once = this.#quotesOnce.get(speakerId);
    if (once === undefined) this.#quotesOnce.set(speakerId, (once = withoutDuplicateQuotes(all, this.#articleQuoteKeys)));
    return once;
  }

  articlesQuoting(speakerId: string): ReadonlySet<string> {
    return new Set(this.quotesBy(speakerId).flatMap((quote) => (quote.article === undefined ? [] : [quote.article.id])));
  }

  nearDuplicateGroups(articles: readonly Article[]): readonly (readonly Article[])[] {
    return groupNearDuplicates(articles, { rarity: (term) => inverseDocumentFrequency(this.#termStats, term) });
  }

  quotesIn(articleId: string): readonly Quote[] {
    const position = this.#snapshot.positionOf(articleId);
    return position === undefined ? [] : (this.#quotesByArticle[position] ?? []);
  }
}
