import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  Events,
  GatewayIntentBits,
  Routes,
  type ApplicationCommandDataResolvable,
} from 'discord.js';
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock, systemClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import { openDigestService, type DigestService } from '../src/digest/index.js';
import { startBot, type Bot } from '../src/discord/bot.js';
import { loadCommands } from '../src/discord/registry.js';
import { discordDigestPorts } from '../src/discord/digest/index.js';
import { openLibrary } from '../src/library/index.js';
import { createLogger } from '../src/log.js';
import type { LocalConsole } from '../src/local-mode/console.js';
import { startLocalMode } from '../src/local-mode/index.js';
import { RELAXED_COOLDOWN } from './bot-harness.js';
import { scratchDir, seedFile } from './helpers/tmp.js';
import { CommandRegistry, GLOBAL_SCOPE } from '../discord-emulator/commands/registry.js';
import { parseCommandLine } from '../src/local-mode/console-parse.js';
import { startConsole } from '../src/local-mode/console.js';
import { renderMessage } from '../src/local-mode/render.js';
import { startDiscordServer, type LocalDiscordServer } from '../discord-emulator/index.js';

const DEFINITIONS: ApplicationCommandDataResolvable[] = [
  { name: 'ping', description: 'Ping with pages' },
  {
    name: 'quotes',
    description: 'Quotes by a speaker',
    options: [
      { name: 'speaker', description: 'Who', type: ApplicationCommandOptionType.String, required: true, autocomplete: true },
      { name: 'article', description: 'Which article', type: ApplicationCommandOptionType.String },
    ],
  },
  { name: 'search', description: 'Search', options: [{ name: 'query', description: 'Words', type: ApplicationCommandOptionType.String, required: true }] },
  {
    name: 'digest',
    description: 'Daily digest',
    options: [
      {
        name: 'set',
        description: 'Set the digest',
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          { name: 'channel', description: 'Where', type: ApplicationCommandOptionType.Channel, required: true, channel_types: [ChannelType.GuildText] },
          { name: 'schedule', description: 'When', type: ApplicationCommandOptionType.String, required: true },
        ],
      },
      { name: 'off', description: 'Stop it', type: ApplicationCommandOptionType.Subcommand },
    ],
  },
];

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe('render', () => {
  it('renders an embed with author line, title, description, fields, footer and buttons', () => {
    const text = renderMessage(
      {
        content: 'Hasil:',
        embeds: [
          {
            author: { name: 'Kompas · 6 Jan 2025' },
            title: 'Rudal **baru** diuji',
            url: 'https://example.com/a',
            description: 'Sebuah [uji coba](https://example.com/b) dilakukan.',
            fields: [{ name: 'Kata kunci', value: 'rudal, uji' }],
            footer: { text: 'dikurangi 80%' },
          },
        ],
        components: [
          {
            type: 1,
            components: [
              { type: 2, style: 2, label: '◀ Previous', custom_id: 'p', disabled: true },
              { type: 2, style: 1, label: 'Next ▶', custom_id: 'n' },
            ],
          },
        ],
      },
      { width: 60 },
    );
    expect(text.split('\n')).toEqual([
      'Hasil:',
      '',
      '│ Kompas · 6 Jan 2025',
      '│ Rudal baru diuji',
      '│ https://example.com/a',
      '│',
      '│ Sebuah uji coba (https://example.com/b) dilakukan.',
      '│',
      '│ Kata kunci',
      '│   rudal, uji',
      '│',
      '│ dikurangi 80%',
      '',
      '[◀ Previous (disabled)] [Next ▶]',
    ]);
  });

  it('wraps long descriptions on word boundaries within the width', () => {
    const text = renderMessage({ embeds: [{ description: 'kata '.repeat(40).trim() }] }, { width: 30 });
    const lines = text.split('\n');
    expect(lines.every((line) => line.length <= 30)).toBe(true);
    expect(lines.join(' ').replace(/│ /g, '').split(/\s+/).filter(Boolean)).toHaveLength(40);
  });

  it('names mentioned channels, users and roles it knows, and shows command links as the command', () => {
    const names = { channel: { '202': 'news' }, user: { '403': 'Member' }, role: { '301': 'Moderator' } } as const;
    const mentionName = (kind: 'user' | 'channel' | 'role', id: string): string | undefined => (names[kind] as Record<string, string>)[id];
    expect(renderMessage({ content: 'Posted to <#202> for <@403> and <@!403>, ask <@&301>; <#999> stays. Try </digest now:77>.' }, { mentionName, width: 200 })).toBe(
      'Posted to #news for @Member and @Member, ask @Moderator; <#999> stays. Try /digest now.',
    );
  });

  it('marks deferred and ephemeral replies', () => {
    expect(renderMessage({ flags: 64 | 128 }, { botName: 'Ringkas' })).toBe('(only you can see this)\nRingkas is thinking…');
  });
});

describe('console command parsing', () => {
  const registry = new CommandRegistry('1', (() => {
    let n = 100;
    return () => String(n++);
  })(), systemClock);
  const commands = registry.overwrite(GLOBAL_SCOPE, JSON.parse(JSON.stringify(DEFINITIONS)));

  it('fills the first required option from positional text and named options from name:value', () => {
    expect(parseCommandLine('/search rudal balistik', commands).values).toEqual({ query: 'rudal balistik' });
    expect(parseCommandLine('/quotes Putin', commands).values).toEqual({ speaker: 'Putin' });
    expect(parseCommandLine('/quotes speaker:Putin article:"Rudal baru diuji"', commands).values).toEqual({ speaker: 'Putin', article: 'Rudal baru diuji' });
    expect(parseCommandLine('/quotes Putin article:Rudal baru', commands).values).toEqual({ speaker: 'Putin', article: 'Rudal baru' });
  });

  it('walks subcommands and keeps colons inside values', () => {
    const parsed = parseCommandLine('/digest set channel:#news schedule:07:00', commands);
    expect(parsed.path).toEqual(['set']);
    expect(parsed.values).toEqual({ channel: '#news', schedule: '07:00' });
    expect(() => parseCommandLine('/digest', commands)).toThrow(/needs one of: set, off/);
    expect(() => parseCommandLine('/summry', commands)).toThrow(/unknown command \/summry/);
    expect(() => parseCommandLine('/ping extra', commands)).toThrow(/takes no options/);
  });
});

describe('local console', () => {
  it('runs typed commands against the real bot, renders replies and presses buttons by label or number', async () => {
    const server = await startDiscordServer();
    cleanups.push(() => server.stop());
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: server.apiUrl } });
    cleanups.push(() => client.destroy());
    const digestCalls: Array<{ channel: string; schedule: string; manageGuild: boolean }> = [];
    const pager = (page: number) =>
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId(`page:${page - 1}`).setLabel('◀ Previous').setStyle(ButtonStyle.Secondary).setDisabled(page === 1),
        new ButtonBuilder().setCustomId(`page:${page + 1}`).setLabel('Next ▶').setStyle(ButtonStyle.Primary),
      );
    client.on(Events.InteractionCreate, (interaction) => {
      void (async () => {
        if (interaction.isAutocomplete()) {
          const typed = interaction.options.getFocused().toLowerCase();
          await interaction.respond(['Vladimir Putin', 'Joko Widodo'].filter((n) => n.toLowerCase().includes(typed)).map((n) => ({ name: `${n} (3 quotes)`, value: n })));
        } else if (interaction.isButton()) {
          const page = Number(interaction.customId.split(':')[1]);
          await interaction.update({ embeds: [{ title: `Page ${page}`, footer: { text: `page ${page} of 3` } }], components: [pager(page)] });
        } else if (interaction.isChatInputCommand()) {
          if (interaction.commandName === 'ping') {
            await interaction.reply({ embeds: [{ title: 'Page 1', author: { name: 'Ringkas' }, description: 'Pong from the bot', footer: { text: 'page 1 of 3' } }], components: [pager(1)] });
          } else if (interaction.commandName === 'quotes') {
            await interaction.deferReply();
            await interaction.editReply(`Quotes by ${interaction.options.getString('speaker', true)}`);
          } else if (interaction.commandName === 'digest') {
            digestCalls.push({
              channel: interaction.options.getChannel('channel', true).id,
              schedule: interaction.options.getString('schedule', true),
              manageGuild: interaction.memberPermissions?.has('ManageGuild') ?? false,
            });
            await interaction.reply({ content: 'Digest set', flags: 64 });
          }
        }
      })();
    });
    const ready = once(client, Events.ClientReady);
    await client.login(server.token);
    await ready;
    await client.application!.commands.set(DEFINITIONS, server.guild.id);

    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    const terminal = startConsole({ server, input, output, width: 70 });
    cleanups.push(() => terminal.close());
    const since = (mark: number) => printed.slice(mark);

    let mark = printed.length;
    await terminal.submit('/ping');
    expect(since(mark)).toContain('── reply ──');
    expect(since(mark)).toContain('│ Page 1');
    expect(since(mark)).toContain('│ Pong from the bot');
    expect(since(mark)).toContain('[◀ Previous (disabled)] [Next ▶]');
    expect(since(mark)).toContain('press: 2 Next ▶');

    mark = printed.length;
    await terminal.submit('next');
    expect(since(mark)).toContain('── updated ──');
    expect(since(mark)).toContain('│ page 2 of 3');

    mark = printed.length;
    await terminal.submit('1');
    expect(since(mark)).toContain('│ page 1 of 3');

    mark = printed.length;
    await terminal.submit('/quotes putin');
    expect(since(mark)).toContain('speaker: "putin" → Vladimir Putin (3 quotes)');
    expect(since(mark)).toContain('is thinking');
    expect(since(mark)).toContain('Quotes by Vladimir Putin');

    mark = printed.length;
    await terminal.submit('/digest set channel:#news schedule:07:00');
    expect(digestCalls).toEqual([{ channel: server.channel('#news').id, schedule: '07:00', manageGuild: true }]);
    expect(since(mark)).toContain('(only you can see this)');

    mark = printed.length;
    await terminal.submit('/nope');
    expect(since(mark)).toContain('✗ unknown command /nope');

    mark = printed.length;
    input.write('.as member\n');
    input.write('/digest set channel:#general schedule:08:00\n');
    await new Promise<void>((resolve) => {
      const check = () => (digestCalls.length === 2 ? resolve() : setTimeout(check, 10));
      check();
    });
    expect(digestCalls[1]).toMatchObject({ manageGuild: false });
    expect(since(mark)).toContain('now typing as member');
  });
});

describe('local console with the real bot', () => {
  let server: LocalDiscordServer;
  let bot: Bot;
  let digests: DigestService;
  let corpus: Awaited<ReturnType<typeof scratchDir>>;
  let data: Awaited<ReturnType<typeof scratchDir>>;
  let terminal: LocalConsole;
  let printed = '';

  beforeAll(async () => {
    corpus = await scratchDir();
    data = await scratchDir();
    await corpus.write('000_seed.txt', await readFile(seedFile, 'utf8'));
    const local = await startLocalMode();
    server = local.server;
    // as main does in local mode: the emulator's token and API in place of Discord's
    const config = { ...parseConfig({ CORPUS_DIR: corpus.dir, DATA_DIR: data.dir, LOG_LEVEL: 'silent' }), ...local.discord };
    const library = await openLibrary(config.corpusDir);
    const log = createLogger({ level: 'silent' });
    bot = await startBot({
      config,
      log,
      commands: await loadCommands(),
      rememberRegistration: false,
      router: RELAXED_COOLDOWN,
      context: (client) => {
        digests = openDigestService({ config, ...discordDigestPorts(client.rest), library, log, clock: new ManualClock(Date.parse('2025-01-05T12:00:00Z')) });
        return { library, config, log, digests };
      },
    });
    await digests.start();
    const output = new PassThrough();
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    terminal = local.openConsole({ input: new PassThrough(), output });
  }, 60_000);

  afterAll(async () => {
    terminal.close();
    for (const stop of [() => bot.stop(), () => digests.stop(), () => server.stop(), corpus.cleanup, data.cleanup]) await stop();
  }, 60_000);

  /** What the console printed for `line`. */
  const type = async (line: string): Promise<string> => {
    const mark = printed.length;
    await terminal.submit(line);
    return printed.slice(mark);
  };
  const lastInteraction = () => server.interactions.at(-1)!.payload.data as { name: string; options?: Array<{ name: string; options?: unknown[] }> };

  it('takes the localized command, subcommand and option names after .locale id, as Discord shows them', { timeout: 30_000 }, async () => {
    expect(await type('.locale ID')).toContain('locale sekarang id');
    const commands = await type('.commands');
    expect(commands).toContain('/ringkasan [artikel] [kalimat]');
    expect(commands).toContain('/kutipan <narasumber> [artikel]');
    expect(commands).toContain('/berita-terjadwal atur|matikan|status|sekarang');

    const summary = await type('/ringkasan');
    expect(lastInteraction().name).toBe('summary');
    expect(summary).toContain('── balasan ──');
    expect(summary).toMatch(/dipersingkat \d+%/);

    const quotes = await type('/kutipan narasumber:Kim Jong-un');
    expect(lastInteraction()).toMatchObject({ name: 'quotes', options: [{ name: 'speaker' }] });
    expect(quotes).toContain('Saya akan selalu mendukung Rusia');

    await type('/cari rudal');
    expect(lastInteraction()).toMatchObject({ name: 'search', options: [{ name: 'query' }] });

    const set = await type('/berita-terjadwal atur kanal:#news jadwal:07:00');
    expect(lastInteraction()).toMatchObject({ name: 'digest', options: [{ name: 'set', options: [{ name: 'channel' }, { name: 'schedule' }] }] });
    expect(set).toContain('(hanya Anda yang dapat melihat ini)');

    expect(await type('/berita-terjadwal')).toContain('✗ /berita-terjadwal memerlukan salah satu dari: atur, matikan, status, sekarang');
    expect(await type('/kutipan')).toContain('✗ /kutipan memerlukan opsi narasumber');
    expect(await type('/ringkas')).toContain('maksud Anda /ringkasan?');
    // the registered names keep working, as a person following English instructions would type them
    await type('/search rudal');
    expect(lastInteraction().name).toBe('search');
    expect(await type('.locale klingon')).toContain('"klingon" bukan locale Discord. Daftar locale: id da de en-GB en-US');
    expect(await type('.locale en-us')).toContain('locale is en-US');
    expect(await type('/ringkasan')).toContain('✗ unknown command /ringkasan');
  });

  it('lists the users and channels that exist when .as or .channel get no or a wrong argument, and in .help', async () => {
    const users = 'Users: owner (server owner) · moderator (Manage Server) ← you · member';
    const channels = 'Channels: #general ← here · #news';
    expect(await type('.as')).toContain(`Type .as and a user. ${users}`);
    expect(await type('.as nobody')).toContain(`There is no user "nobody". ${users}`);
    expect(await type('.as bot')).toContain('There is no user "bot".');
    expect(await type('.channel')).toContain(`Type .channel and a channel. ${channels}`);
    expect(await type('.channel #nope')).toContain(`There is no text channel "#nope" on this server. ${channels}`);
    const help = await type('.help');
    expect(help).toContain(users);
    expect(help).toContain(channels);
    expect(help).toContain('e.g. /summary, /quotes Putin, /search rudal');

    expect(await type('.as member')).toContain('now typing as member');
    expect(await type('.channel news')).toContain('channel is #news');
    const after = await type('.help');
    expect(after).toContain('Users: owner (server owner) · moderator (Manage Server) · member ← you');
    expect(after).toContain('Channels: #general · #news ← here');
    await type('.as moderator');
    await type('.channel general');
  });

  it('answers piped input to the end: the input closing does not cut off replies still on their way', { timeout: 30_000 }, async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let piped = '';
    output.on('data', (chunk: Buffer) => {
      piped += chunk.toString();
    });
    const local = startConsole({ server, input, output });
    input.end('/help\n/search rudal\n.quit\n');
    await local.closed;
    expect(piped).toMatch(/── reply ──[\s\S]*── reply ──/);
    expect(piped).toContain('1 article · 19 paragraphs');
  });

  it("shows what the bot posts to channels — a digest, or a post of its own between commands — marked with the channel's name", { timeout: 30_000 }, async () => {
    await type('/digest set channel:#news schedule:07:00');
    const posted = await type('/digest now channel:#news');
    expect(posted).toContain('── posted in #news ──');
    const [digest] = server.channelMessages('news');
    expect(digest?.embeds[0]?.title).toBeDefined();
    expect(posted).toContain(`│ ${String(digest?.embeds[0]?.title).slice(0, 30)}`);
    expect(posted.indexOf('── posted in #news ──')).toBeLessThan(posted.lastIndexOf('── reply ──'));
    expect(posted).toMatch(/Posted 1 article to #news in 1 message/);

    const mark = printed.length;
    const channelId = server.channel('#general').id;
    const message = (await bot.client.rest.post(Routes.channelMessages(channelId), { body: { content: 'Server maintenance at 22:00' } })) as { id: string };
    await vi.waitFor(() => expect(printed.slice(mark)).toContain('── posted in #general ──\nServer maintenance at 22:00'));
    await bot.client.rest.patch(Routes.channelMessage(channelId, message.id), { body: { content: 'Server maintenance at 23:00' } });
    await vi.waitFor(() => expect(printed.slice(mark)).toContain('── edited in #general ──\nServer maintenance at 23:00'));
    await bot.client.rest.delete(Routes.channelMessage(channelId, message.id));
    await vi.waitFor(() => expect(printed.slice(mark)).toContain('(the bot deleted a message in #general)'));
  });
});
