import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Article } from './corpus/index.js';
import { CorpusReloader, loadCorpus, type CorpusSnapshot, type LoadOptions } from './corpus/index.js';
import type { Library, LibraryHolder, LibraryStats, SearchHit, TitleChoice } from './library-types.js';
import { buildSpeakerIndex, findQuotes, type Quote } from './quotes/index.js';
import { bestSnippet, RankedIndex, TitleIndex } from './search/index.js';
import { summarize, type Summary } from './summarize/index.js';
import { analyzeArticle, buildCorpusStats, exportStemCache, importStemCache, stemCacheSize, type AnalyzedArticle } from './text/index.js';

const MAX_SUMMARY_SENTENCES = 10;

/** Analyses every article once and builds the indexes every answer reads. */
export function buildLibrary(snapshot: CorpusSnapshot): Library {
  const articles = snapshot.articles;
  const analyzed: AnalyzedArticle[] = articles.map(analyzeArticle);
  const positionOf = new Map<string, number>(articles.map((a, i) => [a.id, i]));
  const corpusStats = buildCorpusStats(analyzed);
  const quotesByArticle = new Map<string, Quote[]>();
  for (const article of articles) quotesByArticle.set(article.id, findQuotes(article));
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

export interface LibraryOptions extends LoadOptions {
  /** Where stems computed by earlier runs are kept, so a restart does not stem the same words again. */
  readonly stemCacheFile?: string;
}

const STEM_CACHE_FORMAT = 1;

/** Seeds the stem cache from a file written by `saveStemCache`; a missing or corrupt file just means a cold start. */
function loadStemCache(file: string): number {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; stems?: unknown };
    if (saved.format !== STEM_CACHE_FORMAT || typeof saved.stems !== 'object' || saved.stems === null) return 0;
    return importStemCache(saved.stems as Record<string, unknown>);
  } catch {
    return 0;
  }
}

/** Writes the stem cache beside the data, atomically (temporary file, then rename); failures only cost the next start its warm cache. */
async function saveStemCache(file: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, JSON.stringify({ format: STEM_CACHE_FORMAT, stems: exportStemCache() }));
    await rename(temporary, file);
  } catch {
    // A read-only or full disk must not stop the bot from answering.
  }
}

/** Loads the corpus folder and keeps the current library, rebuilt aside on every reload. */
export async function openLibrary(dir: string, options: LibraryOptions = {}): Promise<LibraryHolder & { reloader: CorpusReloader<Library> }> {
  const { stemCacheFile, ...loadOptions } = options;
  let savedStems = stemCacheFile === undefined ? 0 : loadStemCache(stemCacheFile);
  const build = (snapshot: CorpusSnapshot): Library => {
    const library = buildLibrary(snapshot);
    const stems = stemCacheSize();
    if (stemCacheFile !== undefined && stems > savedStems) {
      savedStems = stems;
      void saveStemCache(stemCacheFile);
    }
    return library;
  };
  const reloader = await CorpusReloader.open(() => loadCorpus(dir, loadOptions), build);
  return {
    reloader,
    current: () => reloader.current(),
    reload: () => reloader.reload(),
    onSwap: (listener) => reloader.onSwap(listener),
  };
}
