import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { Article } from '../corpus/article.js';
import type { Library } from '../library/index.js';
import type { SpeakerEntry } from '../quotes/index.js';
import type { Lang } from '../i18n/index.js';
import { keyOf } from './paging.js';
import { Limits, speakerChoiceName } from './views/index.js';

interface KeyTables {
  readonly speakerByKey: ReadonlyMap<string, SpeakerEntry>;
  readonly articleByKey: ReadonlyMap<string, Article>;
}

const tables = new WeakMap<Library, KeyTables>();

/** Page buttons name a speaker and an article by short keys (a custom_id holds 100 characters); built once per library. */
function keyTablesOf(library: Library): KeyTables {
  let found = tables.get(library);
  if (found === undefined) {
    found = {
      speakerByKey: new Map(library.speakers.speakers().map((s) => [keyOf(s.id), s])),
      articleByKey: new Map(library.articles.map((a) => [keyOf(a.id), a])),
    };
    tables.set(library, found);
  }
  return found;
}

export function speakerByKey(library: Library, key: string): SpeakerEntry | undefined {
  return keyTablesOf(library).speakerByKey.get(key);
}

export function articleByKey(library: Library, key: string): Article | undefined {
  return keyTablesOf(library).articleByKey.get(key);
}

/** Autocomplete choices for a speaker: the name with the quote count, valued by speaker id. */
export function speakerChoices(library: Library, prefix: string, lang: Lang): ApplicationCommandOptionChoiceData<string>[] {
  return library.speakers
    .autocomplete(prefix, Limits.choices * 2)
    .filter((s) => s.id.length > 0 && s.id.length <= Limits.choiceValue)
    .slice(0, Limits.choices)
    .map((s) => ({ name: speakerChoiceName(s, lang), value: s.id }));
}
