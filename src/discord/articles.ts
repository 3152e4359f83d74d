import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { Article } from '../corpus/article.js';
import type { Library } from '../library-types.js';
import { formatDate, type Lang } from '../i18n/index.js';
import { clip, Limits } from './views/index.js';

/** The article an option names: its id (what autocomplete sends), else the best title match for typed text. */
export function resolveArticle(library: Library, value: string | null): Article | undefined {
  if (value === null || value.trim() === '') return library.articles[0];
  const exact = library.get(value.trim());
  if (exact !== undefined) return exact;
  const best = library.titleAutocomplete(value, 1)[0];
  return best === undefined ? undefined : library.get(best.id);
}

/** Autocomplete choices over titles, newest first: `title · date`, valued by article id; `only` narrows to some articles. */
export function articleChoices(
  library: Library,
  query: string,
  lang: Lang,
  timeZone: string,
  only?: ReadonlySet<string>,
): ApplicationCommandOptionChoiceData<string>[] {
  const candidates =
    only === undefined
      ? library.titleAutocomplete(query, Limits.choices * 2)
      : query.trim() === ''
        ? library.articles.filter((a) => only.has(a.id)).slice(0, Limits.choices * 2)
        : library.titleAutocomplete(query, 500).filter((choice) => only.has(choice.id));
  return candidates
    .filter((choice) => choice.id.length <= Limits.choiceValue)
    .slice(0, Limits.choices)
    .map((choice) => {
      const date = formatDate(lang, choice.published, timeZone);
      const suffix = date === null ? '' : ` · ${date}`;
      return { name: `${clip(choice.title, Limits.choiceName - suffix.length) || choice.id.slice(0, 80)}${suffix}`, value: choice.id };
    });
}
