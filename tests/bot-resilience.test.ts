import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { loadCommands } from '../src/discord/registry.js';
import { REGISTRATION_STATE_FILE } from '../src/discord/bot.js';
import { articleText, startHarness, type Harness } from './bot-harness.js';

type Json = Record<string, unknown>;

/** A command whose handler fails after showing "thinking…", as a bug would. */
const broken: SlashCommand = {
  data: { name: 'broken', description: 'Fails on purpose (test)' },
  async execute(interaction) {
    await interaction.deferReply();
    throw new Error('handler exploded');
  },
};

const articles = {
  'tol.txt': articleText('Jalan Tol Baru Dibuka', ['“Tol ini memangkas waktu tempuh, @everyone harus mencobanya,” kata Menteri Basuki Hadimuljono.']),
  'pasar.txt': articleText('Harga Beras Naik', ['Harga beras di pasar tradisional naik sepuluh persen pekan ini.'], 'Jumat, 15 September 2023 - 09:00 WIB'),
};

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ files: articles, extraCommands: [broken] });
});

afterAll(async () => {
  await h.close();
});

const guildCommandsPuts = () =>
  h.server.requests.filter((r) => r.method === 'PUT' && r.path === `/applications/${h.server.applicationId}/guilds/${h.server.guild.id}/commands`);
const guildCommandsGets = () =>
  h.server.requests.filter((r) => r.method === 'GET' && r.path === `/applications/${h.server.applicationId}/guilds/${h.server.guild.id}/commands`);

describe('slash command registration', () => {
  it('registers once, and again only after a definition changes', async () => {
    expect(guildCommandsPuts()).toHaveLength(1);
    expect(h.bot.registration).toMatchObject({ action: 'registered', scope: `guild:${h.server.guild.id}` });

    const restarted = await h.restart();
    expect(restarted.registration).toMatchObject({ action: 'unchanged', checkedWith: 'hash' });
    expect(guildCommandsPuts()).toHaveLength(1);

    await rm(join(h.config.dataDir, REGISTRATION_STATE_FILE));
    const forgetful = await h.restart();
    expect(forgetful.registration).toMatchObject({ action: 'unchanged', checkedWith: 'discord' });
    expect(guildCommandsGets()).toHaveLength(2);
    expect(guildCommandsPuts()).toHaveLength(1);

    const commands = [...(await loadCommands()), broken];
    const changed = commands.map((command) =>
      command.data.name === 'help' ? { ...command, data: { ...command.data, description: 'What Ringkas can do (changed)' } } : command,
    );
    const updated = await h.restart({ commands: changed });
    expect(updated.registration).toMatchObject({ action: 'registered' });
    expect(guildCommandsPuts()).toHaveLength(2);
    expect(h.server.registeredCommands(h.server.guild.id).find((c) => c.name === 'help')?.description).toBe('What Ringkas can do (changed)');

    const again = await h.restart({ commands: changed });
    expect(again.registration).toMatchObject({ action: 'unchanged' });
    expect(guildCommandsPuts()).toHaveLength(2);
    await h.restart({ commands });
    expect(guildCommandsPuts()).toHaveLength(3);
  });
});

describe('faults', () => {
  it('a dropped gateway connection resumes and the next command still works', async () => {
    const identifies = h.server.identifies.length;
    const resumed = once(h.server, 'resumed');
    h.server.dropConnection({ code: 4000 });
    await resumed;
    const outcome = await h.server.runCommand('help');
    expect(outcome.status).toBe('answered');
    expect(h.server.identifies.length).toBe(identifies);
  });

  it('a failing handler gets an apology with an error id, is logged with the interaction id, and the bot keeps serving', async () => {
    const outcome = await h.server.runCommand('broken');
    const apology = outcome.messages.find((m) => m.content.startsWith('Sorry, something went wrong'));
    expect(apology?.flags ?? 0).toBe(MessageFlags.Ephemeral);
    const errorId = /`([0-9a-f]{8})`/.exec(apology?.content ?? '')?.[1];
    expect(errorId).toBeDefined();
    const logged = h.logs.find((line) => line.errorId === errorId);
    expect(logged).toMatchObject({ msg: 'command failed', interactionId: outcome.id, command: 'broken' });
    expect(JSON.stringify(logged)).toContain('handler exploded');
    expect(JSON.stringify(logged)).not.toContain(h.server.token);
    const next = await h.server.runCommand('search', { query: 'beras' });
    expect(JSON.stringify(next.reply?.embeds)).toContain('Harga Beras Naik');
  });

  it('a 429 on a follow-up is waited out', async () => {
    const rule = h.server.injectRateLimit({ method: 'POST', path: '/webhooks/:application_id/:token' }, { retryAfter: 0.3 });
    const outcome = await h.server.runCommand('broken', {}, { locale: 'id' });
    expect(rule.hits).toBe(1);
    const followUps = h.server.requests.filter((r) => r.method === 'POST' && r.route === '/webhooks/:application_id/:token');
    expect(followUps.slice(-2).map((r) => r.status)).toEqual([429, 200]);
    expect(outcome.messages.some((m) => m.content.startsWith('Maaf, terjadi kesalahan'))).toBe(true);
  });

  it('a 429 on the edit of a deferred reply is waited out', async () => {
    const rule = h.server.injectRateLimit({ method: 'PATCH', path: '/webhooks/:application_id/:token/messages/@original' }, { retryAfter: 0.3 });
    const outcome = await h.server.runCommand('reload', {}, { user: 'moderator' });
    expect(rule.hits).toBe(1);
    expect(JSON.stringify(outcome.reply?.embeds)).toContain('Library reloaded');
  });
});

describe('limits and mentions', () => {
  it('@everyone inside a quote pings nobody', async () => {
    const outcome = await h.server.runCommand('quotes', { speaker: 'Basuki' });
    const message = outcome.reply;
    expect(JSON.stringify(message?.embeds)).toContain('@everyone');
    expect(message?.mention_everyone).toBe(false);
    expect(message?.mentions).toEqual([]);
    const request = h.server.requests.filter((r) => r.path.endsWith('/callback')).at(-1);
    expect(((request?.body as Json).data as Json).allowed_mentions).toEqual({ parse: [] });
  });

  it('no request of the bot was refused for breaking a limit', () => {
    expect(h.server.requests.filter((r) => r.status === 400)).toEqual([]);
  });
});

describe('who may do what', () => {
  it('a per-user cooldown answers floods politely and leaves other users alone', async () => {
    await h.restart({ router: { commandCooldown: { limit: 3, windowMs: 60_000 } } });
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await h.server.runCommand('help', {}, { user: 'member' }));
    expect(answers.slice(0, 3).every((a) => JSON.stringify(a.reply?.embeds).includes('Ringkas'))).toBe(true);
    expect(answers[3]?.ephemeral).toBe(true);
    expect(answers[3]?.reply?.content).toMatch(/^You are going a little fast\. Please try again in \d+ s\.$/);
    const other = await h.server.runCommand('help', {}, { user: 'moderator' });
    expect(JSON.stringify(other.reply?.embeds)).toContain('Ringkas');
  });

  it('with OWNER_IDS set, /reload is for those owners only', async () => {
    const owner = h.server.user('owner').id;
    await h.restart({ env: { OWNER_IDS: owner } });
    const moderator = await h.server.runCommand('reload', {}, { user: 'moderator' });
    expect(moderator.ephemeral).toBe(true);
    expect(moderator.reply?.content).toBe('Only the bot owners can reload the library.');
    const byOwner = await h.server.runCommand('reload', {}, { user: 'owner' });
    expect(JSON.stringify(byOwner.reply?.embeds)).toContain('Library reloaded');
  });

  it('a member whose role lost Manage Server is refused even if Discord showed them the command', async () => {
    const outcome = await h.server.runCommand('reload', {}, { user: 'owner', permissions: 0 });
    expect(outcome.reply?.content).toBe('Only moderators with the Manage Server permission can reload the library.');
  });
});
