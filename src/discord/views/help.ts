import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { LibraryStats } from '../../library/index.js';
import { formatDate, langOf, quantity, t, type Lang } from '../../i18n/index.js';
import { clip, listWithin, Limits } from './limits.js';
import { Colors, type View } from './message.js';

export type CommandData = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Localizations = Partial<Record<string, string | null>> | null | undefined;
const SUBCOMMANDS: ReadonlySet<ApplicationCommandOptionType> = new Set([ApplicationCommandOptionType.Subcommand, ApplicationCommandOptionType.SubcommandGroup]);

/** A name or description as the reader's Discord client shows it: the localization whose locale resolves to their language. */
export function inLang(map: Localizations, fallback: string, lang: Lang): string {
  for (const [locale, text] of Object.entries(map ?? {})) if (typeof text === 'string' && langOf(locale) === lang) return text;
  return fallback;
}

/** `/summary [article] [sentences]`, `/quotes speaker [article]`, `/digest set · off · status · now`, in the reader's language. */
function usage(command: CommandData, lang: Lang): string {
  const options = command.options ?? [];
  const name = `/${inLang(command.name_localizations, command.name, lang)}`;
  if (options.some((option) => SUBCOMMANDS.has(option.type))) {
    return `${name} ${options.map((option) => inLang(option.name_localizations, option.name, lang)).join(' · ')}`;
  }
  const parts = options.map((option) => {
    const optionName = inLang(option.name_localizations, option.name, lang);
    return 'required' in option && option.required === true ? optionName : `[${optionName}]`;
  });
  return [name, ...parts].join(' ');
}

/** The command list, generated from the commands' own definitions: everyone's commands first, then the moderators', each by name. */
function commandList(commands: readonly CommandData[], lang: Lang): string {
  const forModerators = (command: CommandData): number => (command.default_member_permissions == null ? 0 : 1);
  const lines = [...commands]
    .map((command) => ({ command, shown: usage(command, lang) }))
    .sort((a, b) => forModerators(a.command) - forModerators(b.command) || a.shown.localeCompare(b.shown))
    .map(({ command, shown }) => `\`${shown}\` — ${inLang(command.description_localizations, command.description, lang)}`);
  return listWithin(lines, Limits.fieldValue, (count) => t(lang, 'common.more', { count }));
}

/** What the bot can do (every command it has) and the corpus in numbers; `advice` says where articles go when there are none. */
export function helpView(
  stats: LibraryStats,
  problemFiles: number,
  lang: Lang,
  timeZone: string,
  commands: readonly CommandData[],
  advice: string | null = null,
): View {
  const lines = [
    t(lang, 'help.corpusNumbers', {
      articles: quantity(lang, stats.articles, 'article'),
      paragraphs: quantity(lang, stats.paragraphs, 'paragraph'),
      quotes: quantity(lang, stats.quotes, 'quote'),
      speakers: quantity(lang, stats.speakers, 'speaker'),
      sources: quantity(lang, stats.sources, 'outlet'),
    }),
  ];
  const oldest = formatDate(lang, stats.oldest, timeZone);
  const newest = formatDate(lang, stats.newest, timeZone);
  if (oldest !== null && newest !== null) lines.push(t(lang, 'help.range', { oldest, newest }));
  if (problemFiles > 0) lines.push(t(lang, 'help.problems', { files: quantity(lang, problemFiles, 'file') }));
  if (advice !== null) lines.push(advice);
  return {
    embeds: [
      {
        color: Colors.brand,
        title: t(lang, 'help.title'),
        description: t(lang, 'help.description'),
        fields: [
          { name: t(lang, 'help.commands'), value: commandList(commands, lang) },
          { name: t(lang, 'help.corpus'), value: clip(lines.join('\n'), Limits.fieldValue) },
        ],
      },
    ],
  };
}
