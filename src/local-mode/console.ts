import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  isObject,
  OptionType,
  type ErrorTree,
  type InteractionActivity,
  type InteractionContext,
  type InteractionEvent,
  type JsonObject,
  type LocalDiscordServer,
  type StoredMessage,
} from '../../discord-emulator/index.js';
import { commandUsage, parseCommandLine } from './console-parse.js';
import { messageButtons, renderMessage, type ButtonView, type RenderableMessage } from './render.js';
import { messageOf } from '../error-message.js';

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

const HELP = [
  'Type a slash command the bot registered, e.g. /summary, /quotes Putin, /search rudal,',
  '/quotes speaker:Putin article:"Judul", /digest set channel:#news schedule:07:00.',
  'Press a button by typing its label (next, prev) or its number.',
  'Console commands: .help  .commands  .as <user>  .locale <locale>  .channel <#name>  .quit',
].join('\n');

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

/** The local console: a person types slash commands, the bot's replies render as text, buttons can be pressed. */
export function startConsole(options: ConsoleOptions): LocalConsole {
  const { server, output } = options;
  const context: Required<Pick<InteractionContext, 'user' | 'locale'>> & Pick<InteractionContext, 'channel'> = {
    user: options.user ?? 'moderator',
    locale: options.locale ?? 'en-US',
    ...(options.channel ? { channel: options.channel } : {}),
  };
  const width = options.width ?? Math.min(100, (output as { columns?: number }).columns ?? 80);
  const ansi = options.ansi ?? false;
  const botName = server.world.botUser.username;
  const deadline = `${server.interactionDeadlineMs / 1000} s`;
  const mine = new Set<string>();
  let buttons: { messageId: string; views: ButtonView[] } | null = null;
  let announcedCommands = false;

  const print = (text: string) => output.write(`${text}\n`);
  const render = (message: RenderableMessage) => renderMessage(message, { width, ansi, botName });

  const showMessage = (heading: string, message: StoredMessage) => {
    print(`── ${heading} ──`);
    print(render(message));
    const views = messageButtons(message).filter((b) => !b.disabled && b.customId);
    if (views.length > 0) {
      buttons = { messageId: message.id, views };
      print(`   press: ${views.map((b) => `${b.number} ${b.label}`).join(' · ')}`);
    } else if (buttons?.messageId === message.id) buttons = null;
  };

  const describe = (event: InteractionEvent) => {
    switch (event.kind) {
      case 'callback':
        if (event.type === 5) print(`… ${botName} is thinking`);
        else if (event.message && event.type === 7) showMessage('updated', event.message);
        else if (event.message) showMessage('reply', event.message);
        return;
      case 'edit':
        showMessage(event.original ? 'reply' : 'follow-up (edited)', event.message);
        return;
      case 'followup':
        showMessage(event.replacedLoading ? 'reply' : 'follow-up', event.message);
        return;
      case 'delete':
        print('(the bot deleted its reply)');
        return;
      case 'missed':
        print(`✗ ${botName} did not answer within ${deadline} — Discord would show "The application did not respond".`);
        return;
      case 'late-callback':
        print(`✗ ${botName} answered after the ${deadline} deadline; Discord refused it (Unknown interaction).`);
        return;
      case 'rejected':
        print(`✗ Discord rejected the bot's ${event.method} ${event.route}: ${event.status} ${event.body.message} (code ${event.body.code})`);
        for (const line of flattenErrors(event.body.errors)) print(`    ${line}`);
        return;
    }
  };

  const onActivity = (activity: InteractionActivity) => {
    if (mine.has(activity.interactionId)) describe(activity.event);
  };
  const onReady = () => print(`● ${botName} connected to the local gateway`);
  const onCommands = () => {
    const available = server.availableCommands();
    if (announcedCommands || available.length === 0) return;
    announcedCommands = true;
    print(`● commands: ${available.map((c) => `/${c.name}`).join(' ')}`);
  };
  server.on('interaction', onActivity);
  server.on('ready', onReady);
  server.on('commands', onCommands);

  const resolveAutocomplete = async (name: string, values: Record<string, string>, definitions: JsonObject[]) => {
    const resolved: Record<string, string | number> = { ...values };
    for (const definition of definitions) {
      const optionName = String(definition.name);
      const typed = values[optionName];
      if (definition.autocomplete !== true || typed === undefined) continue;
      const outcome = await server.autocomplete(name, values, optionName, context);
      const choices = (outcome.choices ?? []).filter(isObject);
      const wanted = typed.toLowerCase();
      const pick =
        choices.find((c) => String(c.name).toLowerCase() === wanted || String(c.value).toLowerCase() === wanted) ?? choices[0];
      if (!pick) continue;
      const value = definition.type === OptionType.String ? String(pick.value) : Number(pick.value);
      resolved[optionName] = value;
      if (String(pick.value) !== typed) print(`  ${optionName}: "${typed}" → ${String(pick.name)}`);
    }
    return resolved;
  };

  const runSlash = async (line: string) => {
    const parsed = parseCommandLine(line, server.availableCommands());
    const name = [parsed.command.name, ...parsed.path].join(' ');
    const values = await resolveAutocomplete(name, parsed.values, parsed.definitions);
    const handle = server.sendInteraction({ type: 'command', name, options: values, ...context });
    mine.add(handle.id);
    await handle.settled();
  };

  const press = async (text: string) => {
    const current = buttons ? server.message(buttons.messageId) : undefined;
    const views = current ? messageButtons(current).filter((b) => !b.disabled && b.customId) : [];
    if (!current || views.length === 0) {
      print('Nothing to press. Type a slash command (e.g. /help) or .help');
      return;
    }
    const wanted = normalizeLabel(text);
    const asNumber = Number(text.replace(/[[\]]/g, ''));
    const view =
      views.find((b) => b.number === asNumber) ??
      views.find((b) => normalizeLabel(b.label) === wanted) ??
      views.find((b) => wanted !== '' && normalizeLabel(b.label).startsWith(wanted));
    if (!view?.customId) {
      print(`No button "${text}". Buttons: ${views.map((b) => `${b.number} ${b.label}`).join(' · ')}`);
      return;
    }
    const handle = server.sendInteraction({ type: 'button', message: current.id, customId: view.customId, ...context });
    mine.add(handle.id);
    await handle.settled();
  };

  const consoleCommand = (line: string): boolean => {
    const [command = '', ...args] = line.slice(1).trim().split(/\s+/);
    const arg = args.join(' ');
    switch (command) {
      case 'help':
        print(HELP);
        return false;
      case 'commands': {
        const available = server.availableCommands();
        print(available.length === 0 ? 'No commands registered yet — is the bot running?' : available.map((c) => `${commandUsage(c)} — ${c.description}`).join('\n'));
        return false;
      }
      case 'as':
        context.user = server.user(arg).key;
        print(`now typing as ${context.user}`);
        return false;
      case 'locale':
        context.locale = arg || 'en-US';
        print(`locale is ${context.locale}`);
        return false;
      case 'channel':
        context.channel = server.channel(arg).id;
        print(`channel is #${server.channel(arg).name}`);
        return false;
      case 'quit':
      case 'exit':
        return true;
      default:
        print(`Unknown console command .${command}. ${HELP.split('\n').at(-1) ?? ''}`);
        return false;
    }
  };

  const readline = createInterface({ input: options.input, output, terminal: (output as { isTTY?: boolean }).isTTY === true });
  const prompt = options.prompt ?? 'ringkas> ';
  readline.setPrompt(prompt);
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });

  const submit = async (raw: string): Promise<void> => {
    const line = raw.trim();
    if (!line) return;
    try {
      if (line.startsWith('/')) await runSlash(line);
      else if (line.startsWith('.')) {
        if (consoleCommand(line)) readline.close();
      } else await press(line);
    } catch (error) {
      print(`✗ ${messageOf(error)}`);
    }
  };

  let queue = Promise.resolve();
  readline.on('line', (line: string) => {
    queue = queue.then(() => submit(line)).then(() => readline.prompt());
  });
  readline.on('close', () => {
    server.off('interaction', onActivity);
    server.off('ready', onReady);
    server.off('commands', onCommands);
    void queue.then(resolveClosed);
  });

  print(`Ringkas local console — a Discord-compatible server runs at ${server.url}.`);
  print(server.botConnected ? `● ${botName} is connected` : `waiting for ${botName} to connect…`);
  print('Type .help for help.');
  onCommands();
  readline.prompt();

  return {
    submit: (line) => {
      queue = queue.then(() => submit(line));
      return queue;
    },
    close: () => readline.close(),
    closed,
  };
}
