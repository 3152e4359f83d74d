import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { Article } from '../corpus/article.js';
import type { Library } from '../library-types.js';
import type { SpeakerEntry, SpeakerLookup } from '../quotes/index.js';
import type { Lang } from '../i18n/index.js';
import { keyOf } from './paging.js';
import { Limits, speakerChoiceName, type QuoteItem } from './views/index.js';

interface LibraryTables {
  readonly speakerById: ReadonlyMap<string, SpeakerEntry>;
  readonly position: ReadonlyMap<string, number>;
  readonly speakerByKey: ReadonlyMap<string, SpeakerEntry>;
  readonly articleByKey: ReadonlyMap<string, Article>;
}

const tables = new WeakMap<Library, LibraryTables>();

/** Lookups the Discord side needs, built once per library (a reload gets new ones). */
function tablesOf(library: Library): LibraryTables {
  let found = tables.get(library);
  if (found === undefined) {
    found = {
      speakerById: new Map(library.speakers.speakers().map((s) => [s.id, s])),
      position: new Map(library.articles.map((a, i) => [a.id, i])),
      speakerByKey: new Map(library.speakers.speakers().map((s) => [keyOf(s.id), s])),
      articleByKey: new Map(library.articles.map((a) => [keyOf(a.id), a])),
    };
    tables.set(library, found);
  }
  return found;
}

export function speakerById(library: Library, id: string): SpeakerEntry | undefined {
  return tablesOf(library).speakerById.get(id);
}

/** The speaker an option names: the id autocomplete sends, else the index's forgiving lookup of typed text. */
export function findSpeaker(library: Library, value: string): SpeakerLookup {
  const byId = speakerById(library, value);
  return byId === undefined ? library.speakers.lookup(value) : { kind: 'found', speaker: byId };
}

export function speakerByKey(library: Library, key: string): SpeakerEntry | undefined {
  return tablesOf(library).speakerByKey.get(key);
}

export function articleByKey(library: Library, key: string): Article | undefined {
  return tablesOf(library).articleByKey.get(key);
}

const itemCache = new WeakMap<Library, Map<string, QuoteItem[]>>();

/** A speaker's quotes, newest article first and in reading order within one, each with its article; kept per library, so paging is free. */
export function quoteItems(library: Library, speakerId: string, articleId?: string): QuoteItem[] {
  let cache = itemCache.get(library);
  if (cache === undefined) itemCache.set(library, (cache = new Map()));
  const key = `${speakerId}\u0000${articleId ?? ''}`;
  let items = cache.get(key);
  if (items === undefined) {
    const { position } = tablesOf(library);
    items = library.speakers
      .quotesOf(speakerId)
      .filter((q) => articleId === undefined || q.articleId === articleId)
      .map((quote, order) => ({ quote, order, at: position.get(quote.articleId) ?? Number.MAX_SAFE_INTEGER }))
      .sort((a, b) => a.at - b.at || a.quote.paragraph - b.quote.paragraph || a.quote.start - b.quote.start || a.order - b.order)
      .map(({ quote }) => ({ text: quote.text, role: quote.role, partial: quote.partial, article: library.get(quote.articleId) }));
    cache.set(key, items);
  }
  return items;
}

/** The ids of the articles a speaker is quoted in. */
export function articlesQuoting(library: Library, speakerId: string): Set<string> {
  return new Set(library.speakers.quotesOf(speakerId).map((q) => q.articleId));
}

/** Autocomplete choices for a speaker: the name with the quote count, valued by speaker id. */
export function speakerChoices(library: Library, prefix: string, lang: Lang): ApplicationCommandOptionChoiceData<string>[] {
  return library.speakers
    .autocomplete(prefix, Limits.choices * 2)
    .filter((s) => s.id.length > 0 && s.id.length <= Limits.choiceValue)
    .slice(0, Limits.choices)
    .map((s) => ({ name: speakerChoiceName(s, lang), value: s.id }));
}
