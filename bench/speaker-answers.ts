import { speakerChoices } from '../src/discord/speakers.js';
import { ambiguousSpeakerView, quotesView, toPayload, unknownSpeakerView } from '../src/discord/views/index.js';
import type { Library } from '../src/library/index.js';
import { buildSpeakerIndex, type Quote, type SpeakerEntry, type SpeakerIndex } from '../src/quotes/index.js';
import { latencyWithGc, type GcShare } from './gc.js';
import type { Latency } from './harness.js';
import { typedPrefixes } from './typing.js';

type Random = () => number;

export interface SpeakerAnswerFigures {
  readonly speakers: number;
  readonly quotes: Latency;
  readonly autocomplete: Latency;
  /** `SpeakerIndex.lookup` of typed names over an index of this many articles' quotes. */
  readonly lookupIndex: {
    readonly articles: number;
    readonly quotes: number;
    readonly speakers: number;
    readonly buildMs: number;
    readonly latency: Latency;
    /** The same lookups split by what was typed: the typo path searches similar words. */
    readonly byKind: Record<string, Latency>;
  };
  /** What the /quotes queries were: ids from autocomplete, full names, short names, typos. */
  readonly queryMix: Record<string, number>;
}

const TIME_ZONE = 'Asia/Jakarta';
/** The issue's speaker-lookup floor is stated over this many articles' quotes. */
const LOOKUP_ARTICLES = 100_000;

/** Speakers drawn in proportion to their quote counts: people ask about who is quoted most. */
export function popularSampler(speakers: readonly SpeakerEntry[], random: Random): () => SpeakerEntry {
  const cumulative: number[] = [];
  let total = 0;
  for (const s of speakers) cumulative.push((total += s.quoteCount));
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] ?? 0) < target) low = mid + 1;
      else high = mid;
    }
    return speakers[low] as SpeakerEntry;
  };
}

/** One typo: a letter dropped or two neighbours swapped (`Putin` → `Putn`, `Ptuin`). */
function typo(name: string, random: Random): string {
  if (name.length < 5) return name;
  const at = 1 + Math.floor(random() * (name.length - 2));
  return random() < 0.5 ? name.slice(0, at) + name.slice(at + 1) : name.slice(0, at) + (name[at + 1] ?? '') + (name[at] ?? '') + name.slice(at + 2);
}

type Kind = 'id' | 'full name' | 'short name' | 'typo';

/** 40% ids (a choice picked from autocomplete), 30% full names, 15% one word of a name, 15% with a typo; popular people more often. */
export function speakerQueries(speakers: readonly SpeakerEntry[], count: number, random: Random): Array<{ kind: Kind; query: string }> {
  const popular = popularSampler(speakers, random);
  return Array.from({ length: count }, () => {
    const speaker = random() < 0.7 ? popular() : (speakers[Math.floor(random() * speakers.length)] as SpeakerEntry);
    const roll = random();
    if (roll < 0.4) return { kind: 'id' as const, query: speaker.id };
    if (roll < 0.7) return { kind: 'full name' as const, query: speaker.name };
    const words = speaker.name.split(/\s+/);
    if (roll < 0.85) return { kind: 'short name' as const, query: words[words.length - 1] ?? speaker.name };
    return { kind: 'typo' as const, query: typo(speaker.name, random) };
  });
}

/** The quotes of the library, plus copies under new article ids until they stand for `articles` articles. */
function quotesOfArticles(library: Library, articles: number): { quotes: Quote[]; articles: number } {
  const quotes: Quote[] = [];
  let counted = 0;
  for (let round = 0; counted < articles; round++) {
    for (const article of library.articles) {
      if (counted >= articles) break;
      const own = library.quotesIn(article.id);
      for (const quote of own) quotes.push(round === 0 ? quote : { ...quote, articleId: `${quote.articleId}~${round}` });
      counted++;
    }
    if (library.articles.length === 0) break;
  }
  return { quotes, articles: counted };
}

/** /quotes and speaker autocomplete through the commands' own helpers, and the bare index lookup at 100,000 articles. */
export async function measureSpeakerAnswers(
  library: Library,
  calls: number,
  random: Random,
  gc: Record<string, GcShare>,
  cpu: Record<string, Latency>,
): Promise<SpeakerAnswerFigures> {
  const timed = async <T>(name: string, inputs: readonly T[], call: (input: T) => unknown): Promise<Latency> => {
    const result = await latencyWithGc(inputs, call);
    gc[name] = result.gc;
    cpu[name] = result.cpu;
    return result.latency;
  };
  const speakers = library.speakers.speakers();
  if (speakers.length === 0) throw new Error('the library has no speakers');
  const queries = speakerQueries(speakers, calls, random);
  const queryMix: Record<string, number> = {};
  for (const q of queries) queryMix[q.kind] = (queryMix[q.kind] ?? 0) + 1;

  const quotes = await timed('quotes', queries, ({ query }) => {
    const match = library.findSpeaker(query);
    if (match.kind === 'none') return toPayload(unknownSpeakerView(query, match.suggestions, 'id'));
    if (match.kind === 'ambiguous') return toPayload(ambiguousSpeakerView(query, match.candidates, 'id'));
    const items = library.quotesBy(match.speaker.id);
    return toPayload(quotesView({ speaker: match.speaker, items, page: 0, lang: 'id', timeZone: TIME_ZONE, pageButtonId: (page, d) => `quotes:${d}:${page}` }));
  });

  const popular = popularSampler(speakers, random);
  const names = Array.from({ length: Math.ceil(calls / 6) }, () => popular().name.toLowerCase());
  const autocomplete = await timed('speakerAutocomplete', typedPrefixes(names).slice(0, calls), (prefix) => speakerChoices(library, prefix, 'id'));

  const target = library.articles.length >= 60_000 ? LOOKUP_ARTICLES : library.articles.length;
  const { quotes: allQuotes, articles } = quotesOfArticles(library, target);
  const started = performance.now();
  const index: SpeakerIndex = target === library.articles.length ? library.speakers : buildSpeakerIndex(allQuotes);
  const buildMs = target === library.articles.length ? 0 : performance.now() - started;
  const typed = speakerQueries(index.speakers(), calls, random).filter((q) => q.kind !== 'id');
  const lookup = await timed('speakerLookup', typed, ({ query }) => index.lookup(query));
  const byKind: Record<string, Latency> = {};
  for (const kind of ['full name', 'short name', 'typo'] as const) {
    byKind[kind] = await timed(`speakerLookup:${kind}`, typed.filter((q) => q.kind === kind), ({ query }) => index.lookup(query));
  }

  return {
    speakers: speakers.length,
    quotes,
    autocomplete,
    lookupIndex: { articles, quotes: allQuotes.length, speakers: index.speakers().length, buildMs, latency: lookup, byKind },
    queryMix,
  };
}
