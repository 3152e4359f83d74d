import type { Article } from '../corpus/article.js';
import type { Quote, SpeakerEntry, SpeakerIndex, SpeakerLookup } from '../quotes/index.js';
import type { SpeakerQuote } from './types.js';

/** Who said what across one library's articles: speakers by id or by what someone typed, and each speaker's quotes in listing order. */
export class SpeakerQuotes {
  readonly #index: SpeakerIndex;
  readonly #articles: readonly Article[];
  readonly #positionOf: (articleId: string) => number | undefined;
  #byId: ReadonlyMap<string, SpeakerEntry> | null = null;
  readonly #lists = new Map<string, readonly SpeakerQuote[]>();

  /**
   * `articles` in the library's order (newest first), which is the order quotes are listed in; `positionOf` is the
   * library's own table of where each article stands (a second table of a quarter million ids cost the first /quotes 100 ms).
   */
  constructor(index: SpeakerIndex, articles: readonly Article[], positionOf: (articleId: string) => number | undefined) {
    this.#index = index;
    this.#articles = articles;
    this.#positionOf = positionOf;
  }

  speakerById(id: string): SpeakerEntry | undefined {
    this.#byId ??= new Map(this.#index.speakers().map((s) => [s.id, s]));
    return this.#byId.get(id);
  }

  find(query: string): SpeakerLookup {
    const byId = this.speakerById(query);
    return byId === undefined ? this.#index.lookup(query) : { kind: 'found', speaker: byId };
  }

  /** Built on the first ask and kept, so turning pages costs nothing. */
  quotesBy(speakerId: string, articleId?: string): readonly SpeakerQuote[] {
    const key = `${speakerId}\u0000${articleId ?? ''}`;
    let list = this.#lists.get(key);
    if (list === undefined) {
      const all = this.#index.quotesOf(speakerId);
      const quotes = articleId === undefined ? all : all.filter((q) => q.articleId === articleId);
      const at = quotes.map((quote) => this.#positionOf(quote.articleId) ?? Number.MAX_SAFE_INTEGER);
      const before = (i: number, j: number): number => {
        const a = quotes[i] as Quote;
        const b = quotes[j] as Quote;
        return (at[i] as number) - (at[j] as number) || a.paragraph - b.paragraph || a.start - b.start || i - j;
      };
      const order = quotes.map((_, i) => i);
      // the index keeps quotes in the library's order already, so the sort is only a check for most speakers
      if (!order.every((i) => i === 0 || before(i - 1, i) < 0)) order.sort(before);
      list = order.map((i) => {
        const quote = quotes[i] as Quote;
        return { text: quote.text, role: quote.role, partial: quote.partial, article: this.#articles[at[i] as number] };
      });
      this.#lists.set(key, list);
    }
    return list;
  }

  articlesQuoting(speakerId: string): ReadonlySet<string> {
    return new Set(this.#index.quotesOf(speakerId).map((q) => q.articleId));
  }
}
