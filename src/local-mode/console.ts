import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  DISCORD_LOCALES,
  isObject,
  OptionType,
  type ChannelMessageEvent,
  type ErrorTree,
  type InteractionActivity,
  type InteractionEvent,
  type JsonObject,
  type LocalDiscordServer,
  type StoredMessage,
} from '../../discord-emulator/index.js';
import { messageOf } from '../error-message.js';
import { ConsoleContext } from './console-context.js';
import { commandUsage, parseCommandLine, shownName } from './console-parse.js';
import { consoleTexts } from './console-texts.js';
import { messageButtons, renderMessage, type ButtonView, type MentionNamer, type RenderableMessage } from './render.js';

export interface ConsoleOptions {
  server: LocalDiscordServer;
  input: Readable;
  output: Writable;
  /** Who is typing: a user key of the server's world; `moderator` by default. */
  user?: string;
  locale?: string;
  channel?: string;
  width?: number;
  ansi?: boolean;
  prompt?: string;
}

export interface LocalConsole {
  /** Handles one line as if typed; resolves once the bot's answer has settled and been printed. */
  submit(line: string): Promise<void>;
  close(): void;
  readonly closed: Promise<void>;
}

function flattenErrors(tree: ErrorTree | undefined, prefix = ''): string[] {
  if (!tree) return [];
  const lines: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    if (key === '_errors' && Array.isArray(value)) {
      for (const error of value) lines.push(`${prefix || '(body)'}: ${error.message}`);
    } else if (value && !Array.isArray(value)) lines.push(...flattenErrors(value, prefix ? `${prefix}.${key}` : key));
  }
  return lines;
}

function normalizeLabel(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const buttonList = (views: ButtonView[]) => views.map((b) => `${b.number} ${b.label}`).join(' · ');

/** The local console: a person types slash commands, the bot's replies and channel posts render as text, buttons can be pressed. */
export function startConsole(options: ConsoleOptions): LocalConsole {
  const { server, output } = options;
  const context = new ConsoleContext(server, options);
  // the console speaks the language of the locale it is set to, as the bot's replies do
  const texts = () => consoleTexts(context.locale);
  const width = options.width ?? Math.min(100, (output as { columns?: number }).columns ?? 80);
  const ansi = options.ansi ?? false;
  const terminal = (output as { isTTY?: boolean }).isTTY === true;
  const botName = server.world.botUser.username;
  const deadline = `${server.interactionDeadlineMs / 1000} s`;
  const mine = new Set<string>();
  let buttons: { messageId: string; views: ButtonView[] } | null = null;
  let announcedCommands = false;
  let busy = 0;
  let inputClosed = false;

  const readline = createInterface({ input: options.input, output, terminal });
  const print = (text: string) => output.write(`${text}\n`);
  // Channel posts arrive on the bot's own schedule; between commands they must not garble the prompt.
  const printUnprompted = (text: string) => {
    if (busy > 0 || !terminal || inputClosed) return print(text);
    output.write('\n');
    print(text);
    readline.prompt(true);
  };
  const mentionName: MentionNamer = (kind, id) => {
    if (kind === 'channel') return server.world.findChannel(id)?.name;
    if (kind === 'role') return server.guild.roles.find((role) => role.id === id)?.name.replace(/^@/, '');
    const user = server.world.findUser(id);
    return user ? (user.globalName ?? user.username) : undefined;
  };
  const render = (message: RenderableMessage) => renderMessage(message, { width, ansi, botName, mentionName, locale: context.locale });
  const shown = (name: string) => {
    const command = server.availableCommands().find((c) => c.type === 1 && c.name === name);
    return command ? shownName(command, context.locale) : name;
  };
  const shownOption = (commandName: string, optionName: string) => {
    const command = server.availableCommands().find((c) => c.type === 1 && c.name === commandName);
    const option = (command?.options ?? []).filter(isObject).find((o) => o.name === optionName);
    return option ? shownName(option, context.locale) : optionName;
  };

  const showMessage = (heading: string, message: StoredMessage, write: (text: string) => void = print) => {
    const lines = [`── ${heading} ──`, render(message)];
    const views = messageButtons(message).filter((b) => !b.disabled && b.customId);
    if (views.length > 0) {
      buttons = { messageId: message.id, views };
      lines.push(texts().pressHint(buttonList(views)));
    } else if (buttons?.messageId === message.id) buttons = null;
    write(lines.join('\n'));
  };

  const describe = (event: InteractionEvent) => {
    switch (event.kind) {
      case 'callback':
        if (event.type === 5) print(texts().thinking(botName));
        else if (event.message && event.type === 7) showMessage(texts().heading.updated, event.message);
        else if (event.message) showMessage(texts().heading.reply, event.message);
        return;
      case 'edit':
        showMessage(event.original ? texts().heading.reply : texts().heading.followUpEdited, event.message);
        return;
      case 'followup':
        showMessage(event.replacedLoading ? texts().heading.reply : texts().heading.followUp, event.message);
        return;
      case 'delete':
        print(texts().replyDeleted);
        return;
      case 'missed':
        print(texts().missedDeadline(botName, deadline));
        return;
      case 'late-callback':
        print(texts().lateCallback(botName, deadline));
        return;
      case 'rejected':
        print(texts().rejected(event.method, event.route, event.status, event.body.message, event.body.code));
        for (const line of flattenErrors(event.body.errors)) print(`    ${line}`);
        return;
    }
  };

  const onActivity = (activity: InteractionActivity) => {
    if (mine.has(activity.interactionId)) describe(activity.event);
  };
  const onChannelMessage = ({ kind, message, channel }: ChannelMessageEvent) => {
    if (kind === 'delete') printUnprompted(texts().channelMessageDeleted(channel.name));
    else showMessage(kind === 'create' ? texts().heading.channelPost(channel.name) : texts().heading.channelEdit(channel.name), message, printUnprompted);
  };
  const onReady = () => print(texts().botJoined(botName));
  const onCommands = () => {
    const available = server.availableCommands().filter((c) => c.type === 1);
    if (announcedCommands || available.length === 0) return;
    announcedCommands = true;
    print(texts().commandsAnnounced(available.map((c) => shownName(c, context.locale))));
  };
  server.on('interaction', onActivity);
  server.on('channel-message', onChannelMessage);
  server.on('ready', onReady);
  server.on('commands', onCommands);

  const resolveAutocomplete = async (name: string, values: Record<string, string>, definitions: JsonObject[]) => {
    const resolved: Record<string, string | number> = { ...values };
    for (const definition of definitions) {
      const optionName = String(definition.name);
      const typed = values[optionName];
      if (definition.autocomplete !== true || typed === undefined) continue;
      const outcome = await server.autocomplete(name, values, optionName, context.interaction);
      const choices = (outcome.choices ?? []).filter(isObject);
      const wanted = typed.toLowerCase();
      const pick =
        choices.find((c) => String(c.name).toLowerCase() === wanted || String(c.value).toLowerCase() === wanted) ?? choices[0];
      if (!pick) continue;
      const value = definition.type === OptionType.String ? String(pick.value) : Number(pick.value);
      resolved[optionName] = value;
      if (String(pick.value) !== typed) print(texts().autocompletePicked(shownName(definition, context.locale), typed, String(pick.name)));
    }
    return resolved;
  };

  const runSlash = async (line: string) => {
    const parsed = parseCommandLine(line, server.availableCommands(), context.locale);
    const name = [parsed.command.name, ...parsed.path].join(' ');
    const values = await resolveAutocomplete(name, parsed.values, parsed.definitions);
    const handle = server.sendInteraction({ type: 'command', name, options: values, ...context.interaction });
    mine.add(handle.id);
    await handle.settled();
  };

  const press = async (text: string) => {
    const current = buttons ? server.message(buttons.messageId) : undefined;
    const views = current ? messageButtons(current).filter((b) => !b.disabled && b.customId) : [];
    if (!current || views.length === 0) {
      print(texts().nothingToPress(`/${shown('help')}`));
      return;
    }
    const wanted = normalizeLabel(text);
    const asNumber = Number(text.replace(/[[\]]/g, ''));
    const view =
      views.find((b) => b.number === asNumber) ??
      views.find((b) => normalizeLabel(b.label) === wanted) ??
      views.find((b) => wanted !== '' && normalizeLabel(b.label).startsWith(wanted));
    if (!view?.customId) {
      print(texts().noSuchButton(text, buttonList(views)));
      return;
    }
    const handle = server.sendInteraction({ type: 'button', message: current.id, customId: view.customId, ...context.interaction });
    mine.add(handle.id);
    await handle.settled();
  };

  const help = () =>
    texts().help(
      {
        summary: `/${shown('summary')}`,
        quotes: `/${shown('quotes')} Putin`,
        search: `/${shown('search')} rudal`,
        option: `${shownOption('summary', 'article')}:"Judul panjang"`,
      },
      context.users(),
      context.channels(),
      context.locale,
    );

  const consoleCommand = (line: string): boolean => {
    const [command = '', ...args] = line.slice(1).trim().split(/\s+/);
    const arg = args.join(' ');
    switch (command) {
      case 'help':
        print(help());
        return false;
      case 'commands': {
        const available = server.availableCommands().filter((c) => c.type === 1);
        const describeCommand = (c: (typeof available)[number]) =>
          `${commandUsage(c, context.locale)} — ${c.description_localizations?.[context.locale] ?? c.description}`;
        print(available.length === 0 ? texts().noCommandsYet : available.map(describeCommand).join('\n'));
        return false;
      }
      case 'as': {
        const user = context.findUser(arg);
        if (!user) {
          print(texts().whichUser(arg, context.users()));
          return false;
        }
        context.user = user.key;
        print(texts().nowTypingAs(user.key));
        return false;
      }
      case 'channel': {
        const channel = context.findChannel(arg);
        if (!channel) {
          print(texts().whichChannel(arg, context.channels()));
          return false;
        }
        context.channel = channel.id;
        print(texts().channelIs(channel.name));
        return false;
      }
      case 'locale': {
        const locale = context.findLocale(arg);
        if (!locale) {
          print(texts().unknownLocale(arg, DISCORD_LOCALES));
          return false;
        }
        context.locale = locale;
        print(texts().localeIs(locale));
        return false;
      }
      case 'quit':
      case 'exit':
        return true;
      default:
        print(texts().unknownConsoleCommand(command));
        return false;
    }
  };

  const prompt = options.prompt ?? 'ringkas> ';
  readline.setPrompt(prompt);
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });

  const handleLine = async (raw: string): Promise<void> => {
    const line = raw.trim();
    if (!line) return;
    try {
      if (line.startsWith('/')) await runSlash(line);
      else if (line.startsWith('.')) {
        if (consoleCommand(line)) readline.close();
      } else await press(line);
    } catch (error) {
      print(texts().failure(messageOf(error)));
    }
  };

  let queue = Promise.resolve();
  const enqueue = (line: string): Promise<void> => {
    busy += 1;
    queue = queue.then(() => handleLine(line)).finally(() => {
      busy -= 1;
    });
    return queue;
  };
  readline.on('line', (line: string) => {
    void enqueue(line).then(() => {
      if (!inputClosed) readline.prompt();
    });
  });
  // Piped input ends before its commands are answered: keep listening until the last one has settled.
  readline.on('close', () => {
    inputClosed = true;
    void queue.then(() => {
      server.off('interaction', onActivity);
      server.off('channel-message', onChannelMessage);
      server.off('ready', onReady);
      server.off('commands', onCommands);
      resolveClosed();
    });
  });

  print(texts().banner(server.url));
  print(server.botConnected ? texts().botConnected(botName) : texts().waitingForBot(botName));
  print(texts().typeHelp);
  onCommands();
  readline.prompt();

  return {
    submit: enqueue,
    close: () => readline.close(),
    closed,
  };
}
