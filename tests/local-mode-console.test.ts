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
  type ApplicationCommandDataResolvable,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.js';
import { CommandRegistry, GLOBAL_SCOPE } from '../discord-emulator/commands/registry.js';
import { parseCommandLine } from '../src/local-mode/console-parse.js';
import { startConsole } from '../src/local-mode/console.js';
import { renderMessage } from '../src/local-mode/render.js';
import { startDiscordServer } from '../discord-emulator/index.js';

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
