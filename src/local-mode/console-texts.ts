// Every word the local console itself prints (the bot's replies are the bot's own), in one place for the i18n.

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

const roleNote: Record<UserEntry['role'], string> = {
  owner: ' (server owner)',
  manager: ' (Manage Server)',
  member: '',
};

const CONSOLE_COMMANDS = 'Console commands: .help  .commands  .as <user>  .channel <#name>  .locale <locale>  .quit';

const userList = (users: UserEntry[]) => users.map((u) => `${u.name}${roleNote[u.role]}${u.current ? ' ← you' : ''}`).join(' · ');
const channelList = (channels: ChannelEntry[]) => channels.map((c) => `#${c.name}${c.current ? ' ← here' : ''}`).join(' · ');

export const consoleTexts = {
  banner: (url: string) => `Ringkas local console — a Discord-compatible server runs at ${url}.`,
  botConnected: (bot: string) => `● ${bot} is connected`,
  botJoined: (bot: string) => `● ${bot} connected to the local gateway`,
  waitingForBot: (bot: string) => `waiting for ${bot} to connect…`,
  typeHelp: 'Type .help for help.',
  commandsAnnounced: (names: string[]) => `● commands: ${names.map((n) => `/${n}`).join(' ')}`,

  help: (examples: { summary: string; quotes: string; search: string }, users: UserEntry[], channels: ChannelEntry[], locale: string) =>
    [
      `Type a slash command the bot registered, e.g. ${examples.summary}, ${examples.quotes}, ${examples.search}.`,
      'Options go by position or as name:value (quote values with spaces: article:"Judul panjang").',
      'Press a button by typing its label (next, prev) or its number.',
      CONSOLE_COMMANDS,
      `Users: ${userList(users)}`,
      `Channels: ${channelList(channels)}`,
      `Locale: ${locale} (command names follow it, as in Discord)`,
    ].join('\n'),
  unknownConsoleCommand: (command: string) => `Unknown console command .${command}. ${CONSOLE_COMMANDS}`,
  noCommandsYet: 'No commands registered yet — is the bot running?',

  nowTypingAs: (user: string) => `now typing as ${user}`,
  whichUser: (typed: string, users: UserEntry[]) =>
    `${typed === '' ? 'Type .as and a user.' : `There is no user "${typed}".`} Users: ${userList(users)}`,
  channelIs: (channel: string) => `channel is #${channel}`,
  whichChannel: (typed: string, channels: ChannelEntry[]) =>
    `${typed === '' ? 'Type .channel and a channel.' : `There is no text channel "${typed}" on this server.`} Channels: ${channelList(channels)}`,
  localeIs: (locale: string) => `locale is ${locale}`,
  unknownLocale: (typed: string, locales: readonly string[]) => `"${typed}" is not a Discord locale. Locales: ${locales.join(' ')}`,

  nothingToPress: 'Nothing to press. Type a slash command (e.g. /help) or .help',
  noSuchButton: (typed: string, buttons: string) => `No button "${typed}". Buttons: ${buttons}`,
  pressHint: (buttons: string) => `   press: ${buttons}`,
  autocompletePicked: (option: string, typed: string, picked: string) => `  ${option}: "${typed}" → ${picked}`,

  needCommandAfterSlash: 'type a command after the slash, e.g. /help',
  unknownCommand: (typed: string, close: string[], known: string[]) =>
    `unknown command /${typed}${close.length > 0 ? ` — did you mean ${close.map((c) => `/${c}`).join(', ')}?` : ''}` +
    ` (commands: ${known.length > 0 ? known.map((c) => `/${c}`).join(', ') : 'none registered yet'})`,
  needsSubcommand: (command: string, choices: string[]) => `/${command} needs one of: ${choices.join(', ')}`,
  takesNoOptions: (command: string) => `/${command} takes no options`,
  whichOption: (text: string) => `don't know which option "${text}" is for — use name:value`,
  needsOption: (command: string, option: string) => `/${command} needs option ${option}`,

  heading: {
    reply: 'reply',
    updated: 'updated',
    followUp: 'follow-up',
    followUpEdited: 'follow-up (edited)',
    channelPost: (channel: string) => `posted in #${channel}`,
    channelEdit: (channel: string) => `edited in #${channel}`,
  },
  thinking: (bot: string) => `… ${bot} is thinking`,
  replyDeleted: '(the bot deleted its reply)',
  channelMessageDeleted: (channel: string) => `(the bot deleted a message in #${channel})`,
  missedDeadline: (bot: string, deadline: string) =>
    `✗ ${bot} did not answer within ${deadline} — Discord would show "The application did not respond".`,
  lateCallback: (bot: string, deadline: string) => `✗ ${bot} answered after the ${deadline} deadline; Discord refused it (Unknown interaction).`,
  rejected: (method: string, route: string, status: number, message: string, code: number) =>
    `✗ Discord rejected the bot's ${method} ${route}: ${status} ${message} (code ${code})`,
  failure: (message: string) => `✗ ${message}`,

  render: {
    ephemeral: '(only you can see this)',
    thinking: (bot: string) => `${bot} is thinking…`,
    someBot: 'The bot',
    disabled: (label: string) => `[${label} (disabled)]`,
    selectPlaceholder: 'choose…',
    image: '[image]',
    thumbnail: '[thumbnail]',
  },
} as const;
