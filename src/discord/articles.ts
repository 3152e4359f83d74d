import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { Library } from '../library/index.js';
import { formatDate, type Lang } from '../i18n/index.js';
import { clip, Limits } from './views/index.js';

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
