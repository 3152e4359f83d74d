import { once } from 'node:events';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  RESTEvents,
  type ApplicationCommandDataResolvable,
  type ClientOptions,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { startDiscordServer, type LocalDiscordOptions, type LocalDiscordServer } from '../discord-emulator/index.js';

type Handler = (interaction: Interaction) => Promise<void>;

const COMMANDS: ApplicationCommandDataResolvable[] = [
  { name: 'ping', description: 'Replies with an embed' },
  {
    name: 'quotes',
    description: 'Quotes by a speaker',
    options: [{ name: 'speaker', description: 'Who', type: ApplicationCommandOptionType.String, required: true, autocomplete: true }],
  },
];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup(options: LocalDiscordOptions = {}, handler?: Handler, clientOptions: Partial<ClientOptions> = {}) {
  const server = await startDiscordServer(options);
  cleanups.push(() => server.stop());
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: server.apiUrl }, ...clientOptions });
  cleanups.push(() => client.destroy());
  const handlerErrors: unknown[] = [];
  if (handler) {
    client.on(Events.InteractionCreate, (interaction) => {
      handler(interaction).catch((error: unknown) => handlerErrors.push(error));
    });
  }
  const ready = once(client, Events.ClientReady);
  await client.login(server.token);
  await ready;
  await client.application!.commands.set(COMMANDS, server.guild.id);
  return { server, client, handlerErrors };
}

async function waitFor<T>(check: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('local Discord server with the real discord.js Client', () => {
  it('logs in, becomes ready with the guild and its channels, and records the login requests', async () => {
    const { server, client } = await setup();
    const guild = client.guilds.cache.get(server.guild.id);
    expect(guild?.name).toBe('Ringkas Lokal');
    expect(guild?.channels.cache.map((c) => c.name).sort()).toEqual(['general', 'news']);
    expect(guild?.memberCount).toBe(4);
    expect(client.user?.id).toBe(server.applicationId);
    expect(server.identifies[0]?.intents).toBe(GatewayIntentBits.Guilds);
    const gatewayBot = server.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayBot?.authorized).toBe(true);
    expect(gatewayBot?.headers.authorization).toBeUndefined();
    expect(gatewayBot?.headers['user-agent']).toMatch(/DiscordBot/);
  });

  it('serves a configured world with several guilds and channels added at runtime', async () => {
    const { server, client } = await setup({
      world: {
        users: [{ key: 'ayu' }, { key: 'budi' }],
        guilds: [
          { name: 'Redaksi', owner: 'ayu', preferredLocale: 'id', channels: [{ name: 'umum' }] },
          { name: 'Pembaca', owner: 'budi', channels: [{ name: 'diskusi' }] },
        ],
      },
    }, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply(`${interaction.guild?.name} ${interaction.guildLocale}`);
    });
    expect(client.guilds.cache.map((g) => g.name).sort()).toEqual(['Pembaca', 'Redaksi']);
    const outcome = await server.runCommand('ping', {}, { user: 'ayu' });
    expect(outcome.reply?.content).toBe('Redaksi id');
    await expect(server.runCommand('ping', {}, { user: 'ayu', guild: 'Pembaca' })).rejects.toThrow(/not registered/);
    const created = once(client, Events.ChannelCreate);
    const channel = server.addChannel({ name: 'kabar' });
    await created;
    expect(client.channels.cache.get(channel.id)).toMatchObject({ name: 'kabar' });
    const deleted = once(client, Events.ChannelDelete);
    server.removeChannel('kabar');
    await deleted;
    expect(client.channels.cache.has(channel.id)).toBe(false);
    await expect(client.rest.get(`/channels/${channel.id}`)).rejects.toThrow(/Unknown Channel/);
  });

  it('acknowledges heartbeats at the configured interval', async () => {
    const { server, client } = await setup({ heartbeatIntervalMs: 40 });
    await waitFor(() => (client.ws.ping >= 0 ? true : undefined));
    const hello = server.gatewayFrames.find((f) => f.op === 10);
    expect(hello?.d).toMatchObject({ heartbeat_interval: 40 });
    expect(server.botConnected).toBe(true);
  });

  it('registers commands with ids and records each PUT', async () => {
    const { server } = await setup();
    const registered = server.registeredCommands(server.guild.id);
    expect(registered.map((c) => c.name)).toEqual(['ping', 'quotes']);
    expect(registered.every((c) => /^\d+$/.test(c.id))).toBe(true);
    expect(server.commandRegistrations).toHaveLength(1);
    expect(server.commandRegistrations[0]?.method).toBe('PUT');
    expect(server.registeredCommands()).toEqual([]);
  });

  it('delivers a slash command and shows the embed reply the bot sent', async () => {
    const { server } = await setup({}, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({
        embeds: [{ title: 'Pong', description: `${interaction.user.username} in ${interaction.locale}`, footer: { text: 'footer' } }],
        allowedMentions: { parse: [] },
      });
    });
    const outcome = await server.runCommand('ping', {}, { user: 'moderator', locale: 'id' });
    expect(outcome.status).toBe('answered');
    expect(outcome.callback?.type).toBe(4);
    expect(outcome.reply?.embeds[0]).toMatchObject({ title: 'Pong', description: 'moderator in id' });
    expect(server.channelMessages('#general').map((m) => m.id)).toEqual([outcome.reply?.id]);
    const callback = server.requests.find((r) => r.route === '/interactions/:interaction_id/:interaction_token/callback');
    expect(callback?.query.with_response).toBe('false');
    expect(callback?.status).toBe(204);
  });

  it('carries member permissions, locale and guild locale on the interaction', async () => {
    const seen: Array<{ manageGuild: boolean; locale: string; guildLocale: string | null }> = [];
    const { server } = await setup({}, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.push({
        manageGuild: interaction.memberPermissions?.has('ManageGuild') ?? false,
        locale: interaction.locale,
        guildLocale: interaction.guildLocale,
      });
      await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
    });
    const asModerator = await server.runCommand('ping', {}, { user: 'moderator', locale: 'en-GB' });
    const asMember = await server.runCommand('ping', {}, { user: 'member' });
    expect(seen).toEqual([
      { manageGuild: true, locale: 'en-GB', guildLocale: 'en-US' },
      { manageGuild: false, locale: 'en-US', guildLocale: 'en-US' },
    ]);
    expect(asModerator.ephemeral).toBe(true);
    expect(asMember.payload.member).toMatchObject({ permissions: expect.stringMatching(/^\d+$/) });
  });

  it('answers autocomplete with the bot’s choices and refuses more than 25', async () => {
    const { server, handlerErrors } = await setup({}, async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      const names = ['Vladimir Putin', 'Joko Widodo', 'Prabowo Subianto'].filter((n) => n.toLowerCase().includes(typed.toLowerCase()));
      if (typed === 'many') await interaction.respond(Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: `v${i}` })));
      else await interaction.respond(names.map((name) => ({ name, value: name })));
    });
    const outcome = await server.autocomplete('quotes', { speaker: 'put' }, 'speaker');
    expect(outcome.choices).toEqual([{ name: 'Vladimir Putin', value: 'Vladimir Putin' }]);
    expect(outcome.payload.type).toBe(4);

    const tooMany = server.sendInteraction({ type: 'autocomplete', name: 'quotes', options: { speaker: 'many' }, focused: 'speaker' });
    const rejected = await tooMany.waitFor((o) => o.rejections.length > 0);
    expect(rejected.rejections[0]?.body).toMatchObject({ code: 50035, errors: { data: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
    const error = await waitFor(() => handlerErrors[0]);
    expect(error).toBeInstanceOf(DiscordAPIError);
  });

  it('presses a button and sees the message the bot updated', async () => {
    const row = (page: number) =>
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId(`page:${page - 1}`).setLabel('◀ Previous').setStyle(ButtonStyle.Secondary).setDisabled(page === 1),
        new ButtonBuilder().setCustomId(`page:${page + 1}`).setLabel('Next ▶').setStyle(ButtonStyle.Primary),
      );
    const { server } = await setup({}, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: 'page 1', components: [row(1)] });
      if (interaction.isButton()) {
        const page = Number(interaction.customId.split(':')[1]);
        await interaction.update({ content: `page ${page} by ${interaction.user.username}`, components: [row(page)] });
      }
    });
    const first = await server.runCommand('ping');
    expect(first.reply?.components).toHaveLength(1);
    await expect(server.pressButton(first.reply!, 'page:0')).rejects.toThrow(/disabled/);
    const second = await server.pressButton(first.reply!, 'Next ▶', 'moderator');
    expect(second.callback?.type).toBe(7);
    expect(second.reply?.id).toBe(first.reply?.id);
    expect(second.reply?.content).toBe('page 2 by moderator');
    expect(second.payload.message).toMatchObject({ id: first.reply?.id });
  });

  it("marks each answer with its interaction's metadata, which the bot reads on a pressed message to learn who asked", async () => {
    const seenOnPress: Array<{ metadataUser: string | undefined; metadataType: number | undefined; clicker: string }> = [];
    const { server, client } = await setup({}, async (interaction) => {
      if (interaction.isChatInputCommand()) {
        await interaction.reply({ content: 'page 1', components: [new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('more').setLabel('More').setStyle(ButtonStyle.Primary))] });
        await interaction.followUp('and a follow-up');
      }
      if (interaction.isButton()) {
        const metadata = interaction.message.interactionMetadata;
        seenOnPress.push({ metadataUser: metadata?.user.id, metadataType: metadata?.type, clicker: interaction.user.id });
        await interaction.reply({ content: 'a new message from the button', flags: MessageFlags.Ephemeral });
      }
    });
    await client.application!.commands.set(
      [{ name: 'digest', description: 'Digests', options: [{ name: 'set', description: 'Set', type: ApplicationCommandOptionType.Subcommand }] }],
      server.guild.id,
    );
    const asked = await server.runCommand('digest set', {}, { user: 'member' });
    const member = server.user('member');
    const [reply, followUp] = asked.messages;
    expect(reply?.interaction_metadata).toEqual({
      id: asked.id,
      type: 2,
      user: expect.objectContaining({ id: member.id, username: 'member' }),
      authorizing_integration_owners: { '0': server.guild.id },
      name: 'digest set',
      command_type: 1,
    });
    expect(reply?.interaction).toEqual({ id: asked.id, type: 2, name: 'digest set', user: expect.objectContaining({ id: member.id }) });
    expect(followUp?.interaction_metadata).toMatchObject({ id: asked.id, type: 2, original_response_message_id: reply?.id });

    const pressed = await server.pressButton(reply!, 'More', 'moderator');
    expect(pressed.payload.message).toMatchObject({ id: reply?.id, interaction_metadata: { id: asked.id, user: { id: member.id } } });
    expect(seenOnPress).toEqual([{ metadataUser: member.id, metadataType: 2, clicker: server.user('moderator').id }]);
    expect(pressed.reply?.interaction_metadata).toMatchObject({ id: pressed.id, type: 3, user: { id: server.user('moderator').id }, interacted_message_id: reply?.id });
    expect(pressed.reply?.interaction).toBeUndefined();
    expect(server.message(reply!.id)?.interaction_metadata).toMatchObject({ id: asked.id, type: 2 });
  });

  it('fills a deferred reply with editReply (arriving as %40original) and sends follow-ups', async () => {
    const { server } = await setup({}, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await new Promise((resolve) => setTimeout(resolve, 30));
      await interaction.editReply({ embeds: [{ title: 'Done', description: 'after thinking' }] });
      await interaction.followUp({ content: 'more', flags: MessageFlags.Ephemeral });
    });
    const outcome = await server.runCommand('ping');
    expect(outcome.deferred).toBe(true);
    expect(outcome.reply?.flags ?? 0).toBe(0);
    expect(outcome.reply?.embeds[0]?.title).toBe('Done');
    expect(outcome.followUps.map((m) => [m.content, m.flags])).toEqual([['more', 64]]);
    const edit = server.requests.find((r) => r.method === 'PATCH');
    expect(edit?.rawPath).toContain('%40original');
    expect(edit?.path).toMatch(/\/messages\/@original$/);
    expect(server.requestsTo({ method: 'POST', path: '/webhooks/:app/:token' })[0]?.query.wait).toBe('true');
  });

  it('lets the first follow-up after a defer replace the thinking message, and deferUpdate + editReply edit the pressed message', async () => {
    const { server } = await setup({}, async (interaction) => {
      if (interaction.isChatInputCommand()) {
        await interaction.deferReply();
        await interaction.followUp({ content: 'answer', components: [new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('more').setLabel('More').setStyle(ButtonStyle.Primary))] });
      } else if (interaction.isButton()) {
        await interaction.deferUpdate();
        await interaction.editReply({ content: 'answer, expanded', components: [] });
      }
    });
    const outcome = await server.runCommand('ping');
    expect(outcome.reply?.content).toBe('answer');
    expect(outcome.followUps).toEqual([]);
    expect(outcome.events.map((e) => e.kind)).toEqual(['callback', 'followup']);
    const pressed = await server.pressButton(outcome.reply!, 'more');
    expect(pressed.callback?.type).toBe(6);
    expect(pressed.reply).toMatchObject({ id: outcome.reply?.id, content: 'answer, expanded', components: [] });
    expect(server.channelMessages('#general')).toHaveLength(1);
  });

  it('refuses a second callback with 40060 and an over-limit embed with Discord’s error shape', async () => {
    const errors: unknown[] = [];
    const { server } = await setup({}, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ embeds: [{ title: 't'.repeat(257) }] }).catch((error: unknown) => errors.push(error));
      await interaction.reply({ content: 'fits' });
      interaction.replied = false;
      await interaction.reply({ content: 'again' }).catch((error: unknown) => errors.push(error));
    });
    const outcome = await server.runCommand('ping');
    expect(outcome.reply?.content).toBe('fits');
    await waitFor(() => (errors.length === 2 ? true : undefined));
    const [tooLong, twice] = errors as DiscordAPIError[];
    expect(tooLong?.status).toBe(400);
    expect(tooLong?.rawError).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: { data: { embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } } } } },
    });
    expect(twice?.code).toBe(40060);
  });

  it('waits out a 429 on a follow-up and the follow-up still arrives', async () => {
    const { server, client } = await setup({}, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply('first');
      await interaction.followUp('second');
    });
    const limited: unknown[] = [];
    client.rest.on(RESTEvents.RateLimited, (info) => limited.push(info));
    const rule = server.injectRateLimit({ method: 'POST', path: '/webhooks/:app/:token' }, { retryAfter: 0.2 });
    const outcome = await server.runCommand('ping');
    expect(outcome.followUps.map((m) => m.content)).toEqual(['second']);
    const posts = server.requestsTo({ method: 'POST', path: '/webhooks/:app/:token' });
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(posts[0]?.response).toMatchObject({ retry_after: 0.2, global: false });
    expect(rule.hits).toBe(1);
    expect(limited).toHaveLength(1);
  });

  it('retries a 5xx on the callback like Discord clients do', async () => {
    const { server } = await setup({}, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('after a 500');
    });
    server.injectServerError({ method: 'POST', path: /\/callback$/ });
    const outcome = await server.runCommand('ping');
    expect(outcome.reply?.content).toBe('after a 500');
    expect(server.requestsTo({ path: /\/callback$/ }).map((r) => r.status)).toEqual([500, 204]);
  });

  it('resumes after a dropped gateway connection, replaying what was dispatched meanwhile', async () => {
    const { server, client } = await setup({}, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('still here');
    });
    const resumed = once(server, 'resumed');
    const shardResumed = once(client, Events.ShardResume);
    server.dropConnection();
    const whileAway = server.sendInteraction({ type: 'command', name: 'ping' });
    const [info] = (await resumed) as [{ replayed: number }];
    await shardResumed;
    expect(info.replayed).toBe(1);
    expect((await whileAway.settled()).reply?.content).toBe('still here');
    expect((await server.runCommand('ping')).reply?.content).toBe('still here');
    expect(server.gatewayFrames.some((f) => f.direction === 'out' && f.t === 'RESUMED')).toBe(true);
    expect(server.identifies).toHaveLength(1);
  });

  it('handles RECONNECT by resuming and INVALID_SESSION by identifying again', async () => {
    // discord.js spaces identifies 5 s apart (Discord's rule); a no-wait throttler keeps the test fast.
    const noWait = { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => undefined }) } } as Partial<ClientOptions>;
    const { server, client } = await setup({}, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('ok');
    }, noWait);
    const resumed = once(client, Events.ShardResume);
    server.requestReconnect();
    await resumed;
    const readyAgain = once(server, 'ready');
    server.invalidateSession(false);
    await readyAgain;
    await waitFor(() => (client.ws.shards.first()?.status === 0 ? true : undefined));
    expect(server.identifies).toHaveLength(2);
    expect((await server.runCommand('ping')).reply?.content).toBe('ok');
  });

  it('rejects login with a bad token (401 on REST, 4004 on the gateway)', async () => {
    const server = await startDiscordServer();
    cleanups.push(() => server.stop());
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: server.apiUrl } });
    cleanups.push(() => client.destroy());
    await expect(client.login('not-the-token')).rejects.toThrow(/invalid token/i);
    expect(server.requests[0]).toMatchObject({ path: '/gateway/bot', status: 401, authorized: false });

    const socket = new WebSocket(`${server.gatewayUrl}/?v=10&encoding=json`);
    socket.on('message', (data) => {
      const payload = JSON.parse(String(data)) as { op: number };
      if (payload.op === 10) socket.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    });
    const [code] = (await once(socket, 'close')) as [number];
    expect(code).toBe(4004);
  });

  it('closes with 4014 for privileged intents the app lacks', async () => {
    const server = await startDiscordServer();
    cleanups.push(() => server.stop());
    const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent], rest: { api: server.apiUrl } });
    cleanups.push(() => client.destroy());
    const disconnected = once(client, Events.ShardDisconnect);
    void client.login(server.token).catch(() => undefined);
    const [event] = (await disconnected) as [{ code: number }];
    expect(event.code).toBe(4014);
  });

  it('dedupes channel messages sent with the same nonce and enforce_nonce', async () => {
    const { server, client } = await setup();
    const channel = (await client.channels.fetch(server.channel('#news').id)) as TextChannel;
    const first = await channel.send({ content: 'Digest 07:00', nonce: 'digest-2025-01-06', enforceNonce: true });
    const second = await channel.send({ content: 'Digest 07:00', nonce: 'digest-2025-01-06', enforceNonce: true });
    expect(second.id).toBe(first.id);
    expect(server.channelMessages('news')).toHaveLength(1);
    const third = await channel.send({ content: 'Digest 07:00', nonce: 'digest-2025-01-06' });
    expect(third.id).not.toBe(first.id);
  });

  it('refuses embeds over 6,000 characters in total, with Discord’s error shape', async () => {
    const { server, client } = await setup();
    const channel = (await client.channels.fetch(server.channel('#news').id)) as TextChannel;
    const embeds = [{ description: 'a'.repeat(4000) }, { description: 'b'.repeat(2001) }];
    const error = (await channel.send({ embeds }).catch((e: unknown) => e)) as DiscordAPIError;
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error.rawError).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' }] } },
    });
    expect(server.channelMessages('news')).toHaveLength(0);
  });

  it('records an interaction not answered within 3 s as missed, and refuses the late reply', async () => {
    const clock = new ManualClock();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const lateErrors: unknown[] = [];
    const { server } = await setup({ clock }, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await gate;
      await interaction.reply('too late').catch((error: unknown) => lateErrors.push(error));
    });
    const handle = server.sendInteraction({ type: 'command', name: 'ping' });
    clock.advance(2999);
    expect(handle.outcome().status).toBe('pending');
    clock.advance(2);
    const outcome = await handle.settled();
    expect(outcome.status).toBe('missed');
    expect(server.missedInteractions.map((o) => o.id)).toEqual([handle.id]);
    release();
    const error = (await waitFor(() => lateErrors[0])) as DiscordAPIError;
    expect(error.code).toBe(10062);
    expect(handle.outcome().events.map((e) => e.kind)).toEqual(['missed', 'late-callback', 'rejected']);
  });

  it('expires interaction tokens after 15 minutes', async () => {
    const clock = new ManualClock();
    let interactionRef: Interaction | null = null;
    const { server } = await setup({ clock }, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      interactionRef = interaction;
      await interaction.reply('first');
    });
    await server.runCommand('ping');
    const interaction = interactionRef as unknown as { editReply(text: string): Promise<unknown> };
    await interaction.editReply('14 minutes later');
    clock.advance(15 * 60_000 + 1);
    const error = (await interaction.editReply('too late').catch((e: unknown) => e)) as DiscordAPIError;
    expect(error.status).toBe(401);
    expect(error.code).toBe(50027);
  });
});
