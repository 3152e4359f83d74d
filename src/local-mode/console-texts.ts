// Every word the local console itself prints (the bot's replies are the bot's own), from the one i18n, in the console user's language.
import { langOf, quantity, t, type Lang } from '../i18n/index.js';

export interface UserEntry {
  name: string;
  /** Server owner, Manage Server, or neither. */
  role: 'owner' | 'manager' | 'member';
  current: boolean;
}

export interface ChannelEntry {
  name: string;
  current: boolean;
}

function textsIn(lang: Lang) {
  const userList = (users: UserEntry[]) =>
    users
      .map((u) => `${u.name}${u.role === 'member' ? '' : ` (${t(lang, `console.roles.${u.role}`)})`}${u.current ? ` ${t(lang, 'console.you')}` : ''}`)
      .join(' · ');
  const channelList = (channels: ChannelEntry[]) => channels.map((c) => `#${c.name}${c.current ? ` ${t(lang, 'console.here')}` : ''}`).join(' · ');
  const slashList = (names: string[]) => names.map((n) => `/${n}`).join(', ');

  return {
    banner: (url: string) => t(lang, 'console.banner', { url }),
    botConnected: (bot: string) => t(lang, 'console.botConnected', { bot }),
    botJoined: (bot: string) => t(lang, 'console.botJoined', { bot }),
    waitingForBot: (bot: string) => t(lang, 'console.waitingForBot', { bot }),
    typeHelp: t(lang, 'console.typeHelp'),
    commandsAnnounced: (names: string[]) => t(lang, 'console.commandsAnnounced', { commands: names.map((n) => `/${n}`).join(' ') }),

    help: (
      examples: { summary: string; quotes: string; search: string; option: string },
      users: UserEntry[],
      channels: ChannelEntry[],
      locale: string,
    ) =>
      [
        t(lang, 'console.help.examples', examples),
        t(lang, 'console.help.options', { example: examples.option }),
        t(lang, 'console.help.buttons'),
        t(lang, 'console.consoleCommands'),
        t(lang, 'console.help.users', { users: userList(users) }),
        t(lang, 'console.help.channels', { channels: channelList(channels) }),
        t(lang, 'console.help.locale', { locale }),
      ].join('\n'),
    unknownConsoleCommand: (command: string) => t(lang, 'console.unknownConsoleCommand', { command, commands: t(lang, 'console.consoleCommands') }),
    noCommandsYet: t(lang, 'console.noCommandsYet'),

    nowTypingAs: (user: string) => t(lang, 'console.nowTypingAs', { user }),
    whichUser: (typed: string, users: UserEntry[]) =>
      `${typed === '' ? t(lang, 'console.asWhom') : t(lang, 'console.noSuchUser', { typed })} ${t(lang, 'console.help.users', { users: userList(users) })}`,
    channelIs: (channel: string) => t(lang, 'console.channelIs', { channel }),
    whichChannel: (typed: string, channels: ChannelEntry[]) =>
      `${typed === '' ? t(lang, 'console.whichChannel') : t(lang, 'console.noSuchChannel', { typed })} ${t(lang, 'console.help.channels', { channels: channelList(channels) })}`,
    localeIs: (locale: string) => t(lang, 'console.localeIs', { locale }),
    unknownLocale: (typed: string, locales: readonly string[]) => t(lang, 'console.unknownLocale', { typed, locales: locales.join(' ') }),

    nothingToPress: (help: string) => t(lang, 'console.nothingToPress', { help }),
    noSuchButton: (typed: string, buttons: string) => t(lang, 'console.noSuchButton', { typed, buttons }),
    pressHint: (buttons: string) => `   ${t(lang, 'console.press', { buttons })}`,
    autocompletePicked: (option: string, typed: string, picked: string) => `  ${option}: "${typed}" → ${picked}`,

    needCommandAfterSlash: (help: string) => t(lang, 'console.needCommandAfterSlash', { help }),
    unknownCommand: (typed: string, close: string[], known: string[]) =>
      t(lang, 'console.unknownCommand', {
        typed,
        suggestion: close.length > 0 ? t(lang, 'console.didYouMean', { commands: slashList(close) }) : '',
        known: known.length > 0 ? slashList(known) : t(lang, 'console.noneRegistered'),
      }),
    needsSubcommand: (command: string, choices: string[]) => t(lang, 'console.needsSubcommand', { command, choices: choices.join(', ') }),
    takesNoOptions: (command: string) => t(lang, 'console.takesNoOptions', { command }),
    whichOption: (text: string) => t(lang, 'console.whichOption', { text }),
    needsOption: (command: string, option: string) => t(lang, 'console.needsOption', { command, option }),

    heading: {
      reply: t(lang, 'console.heading.reply'),
      updated: t(lang, 'console.heading.updated'),
      followUp: t(lang, 'console.heading.followUp'),
      followUpEdited: t(lang, 'console.heading.followUpEdited'),
      channelPost: (channel: string) => t(lang, 'console.heading.channelPost', { channel }),
      channelEdit: (channel: string) => t(lang, 'console.heading.channelEdit', { channel }),
    },
    thinking: (bot: string) => t(lang, 'console.thinking', { bot }),
    replyDeleted: t(lang, 'console.replyDeleted'),
    channelMessageDeleted: (channel: string) => t(lang, 'console.channelMessageDeleted', { channel }),
    missedDeadline: (bot: string, deadline: string) => t(lang, 'console.missedDeadline', { bot, deadline }),
    lateCallback: (bot: string, deadline: string) => t(lang, 'console.lateCallback', { bot, deadline }),
    rejected: (method: string, route: string, status: number, message: string, code: number) =>
      t(lang, 'console.rejected', { method, route, status, message, code }),
    failure: (message: string) => `✗ ${message}`,

    render: {
      ephemeral: t(lang, 'console.render.ephemeral'),
      thinking: (bot: string) => t(lang, 'console.render.thinking', { bot }),
      someBot: t(lang, 'console.render.someBot'),
      disabled: (label: string) => t(lang, 'console.render.disabled', { label }),
      selectPlaceholder: t(lang, 'console.render.selectPlaceholder'),
      image: t(lang, 'console.render.image'),
      thumbnail: t(lang, 'console.render.thumbnail'),
    },
  };
}

export type ConsoleTexts = ReturnType<typeof textsIn>;

const byLang = new Map<Lang, ConsoleTexts>();

/** The console's words for a Discord locale (`.locale id` switches them to Indonesian, as it does the bot's replies). */
export function consoleTexts(locale: string | Lang = 'en'): ConsoleTexts {
  const lang = langOf(locale);
  let texts = byLang.get(lang);
  if (texts === undefined) byLang.set(lang, (texts = textsIn(lang)));
  return texts;
}

export interface ReadyCounts {
  readonly ms: number;
  readonly articles: number;
  readonly quotes: number;
  readonly speakers: number;
  readonly problemFiles: number;
  readonly logFile: string | null;
  /** The sample feed local mode serves, shown so a newcomer can try /feed add. */
  readonly sampleFeed?: string | null;
}

/** The line local mode starts with: the corpus in numbers, where the log goes, and how to reach Discord instead. */
export function readyLine(counts: ReadyCounts, lang: Lang = 'en'): string {
  const ready = t(lang, 'console.ready', {
    ms: counts.ms,
    articles: quantity(lang, counts.articles, 'article'),
    quotes: quantity(lang, counts.quotes, 'quote'),
    speakers: quantity(lang, counts.speakers, 'speaker'),
    problems: counts.problemFiles > 0 ? t(lang, 'console.readyProblems', { files: quantity(lang, counts.problemFiles, 'file') }) : '',
    log: counts.logFile ?? '-',
  });
  const feed = counts.sampleFeed === null || counts.sampleFeed === undefined ? '' : `\n${t(lang, 'console.sampleFeed', { url: counts.sampleFeed })}`;
  return `${ready}${feed}\n${t(lang, 'console.tokenHint')}`;
}
