import type { Library } from '../src/library/index.js';
import { articleChoices } from '../src/discord/articles.js';
import { summaryView, searchView, toPayload } from '../src/discord/views/index.js';
import { latencyWithGc, type GcShare } from './gc.js';
import type { Latency } from './harness.js';
import { seededRandom } from './random.js';
import { typedPrefixes } from './typing.js';
import { measureSpeakerAnswers, type SpeakerAnswerFigures } from './speaker-answers.js';

export interface AnswerFigures {
  readonly articles: number;
  /** Per answer: how much of its tail fell on major collections. */
  readonly gc: Record<string, GcShare>;
  /** Per answer: CPU time per call, which other processes on the machine do not inflate. */
  readonly cpu: Record<string, Latency>;
  /** First request for an article: summary computed (then memoised by the library) and its embed built. */
  readonly summary: Latency;
  /** Same articles asked again: the memoised path. */
  readonly summaryRepeat: Latency;
  readonly search: Latency;
  readonly titleAutocomplete: Latency;
  readonly speakers: SpeakerAnswerFigures;
}

const TIME_ZONE = 'Asia/Jakarta';
const SEARCH_HITS = 5;

type Random = () => number;

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Distinct articles in random order. */
function sampleArticles(library: Library, count: number, random: Random): string[] {
  const ids = library.articles.map((a) => a.id);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
  }
  return ids.slice(0, count);
}

const wordsOf = (text: string): string[] => text.split(/[^\p{L}\p{N}-]+/u).filter((w) => w.length >= 3);

/**
 * What people type into /search: 60% one or two words of a title, 30% two neighbouring words of a body,
 * 10% one very common word (the slowest kind: the longest postings).
 */
function searchQueries(library: Library, count: number, random: Random): string[] {
  const frequency = new Map<string, number>();
  for (const article of library.articles.slice(0, 2000)) for (const w of new Set(wordsOf(article.title).map((x) => x.toLowerCase()))) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const common = [...frequency.entries()].sort((a, b) => b[1] - a[1]).slice(0, 50).map(([w]) => w);
  const queries: string[] = [];
  while (queries.length < count) {
    const article = pick(library.articles, random);
    const roll = random();
    if (roll < 0.6) {
      const words = wordsOf(article.title);
      if (words.length === 0) continue;
      const at = Math.floor(random() * words.length);
      queries.push(words.slice(at, at + 1 + Math.floor(random() * 2)).join(' '));
    } else if (roll < 0.9) {
      const words = wordsOf(pick(article.paragraphs, random) ?? '');
      if (words.length < 2) continue;
      const at = Math.floor(random() * (words.length - 1));
      queries.push(words.slice(at, at + 2).join(' '));
    } else queries.push(pick(common, random));
  }
  return queries;
}

function titlePhrases(library: Library, count: number, random: Random): string[] {
  const phrases: string[] = [];
  while (phrases.length < count) {
    const words = wordsOf(pick(library.articles, random).title);
    if (words.length === 0) continue;
    const at = Math.floor(random() * words.length);
    phrases.push(words.slice(at, at + 1 + Math.floor(random() * 2)).join(' ').toLowerCase());
  }
  return phrases;
}

/** p50/p99 of every answer's core path on a loaded library: the library call and the same view code the commands use, without Discord I/O. */
export async function measureAnswers(library: Library, calls: number): Promise<AnswerFigures> {
  const random = seededRandom(20230914);
  const sampled = sampleArticles(library, Math.min(calls + 20, library.articles.length), random);
  const ids = sampled.slice(0, calls);
  const warmupIds = sampled.slice(calls);
  const summaryAnswer = (id: string): unknown => {
    const article = library.findArticle(id);
    const summary = article === undefined ? undefined : library.summary(article.id, 3);
    return article === undefined || summary === undefined ? null : toPayload(summaryView({ article, summary, lang: 'id', timeZone: TIME_ZONE }));
  };
  for (const id of warmupIds) summaryAnswer(id);
  const gc: Record<string, GcShare> = {};
  const cpu: Record<string, Latency> = {};
  const timed = async <T>(name: string, inputs: readonly T[], call: (input: T) => unknown, warmup?: number): Promise<Latency> => {
    const result = await latencyWithGc(inputs, call, warmup);
    gc[name] = result.gc;
    cpu[name] = result.cpu;
    return result.latency;
  };
  const summary = await timed('summary', ids, summaryAnswer, 0);
  const summaryRepeat = await timed('summaryRepeat', ids, summaryAnswer, 0);

  const queries = searchQueries(library, calls, random);
  const search = await timed('search', queries, (query) => {
    const hits = library.search(query, SEARCH_HITS);
    return toPayload(searchView(query, hits, hits.length, 'id', TIME_ZONE));
  });

  const prefixes = typedPrefixes(titlePhrases(library, Math.ceil(calls / 8), random)).slice(0, calls);
  const titleAutocomplete = await timed('titleAutocomplete', prefixes, (prefix) => articleChoices(library, prefix, 'id', TIME_ZONE));

  const speakers = await measureSpeakerAnswers(library, calls, random, gc, cpu);
  return { articles: library.articles.length, gc, cpu, summary, summaryRepeat, search, titleAutocomplete, speakers };
}
