import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { manyGuilds, startDiscordServer, type LocalDiscordOptions, type LocalDiscordServer } from '../discord-emulator/index.js';

interface Frame {
  op: number;
  t: string | null;
  s: number | null;
  d: unknown;
}

interface RawShard {
  socket: WebSocket;
  frames: Frame[];
  closed: Promise<number>;
  dispatches(t: string): Array<Record<string, unknown>>;
  waitFor(check: (frames: Frame[]) => boolean, what: string): Promise<void>;
}

const servers: LocalDiscordServer[] = [];
const sockets: WebSocket[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const server of servers.splice(0)) await server.stop();
});

async function start(options: LocalDiscordOptions = {}): Promise<LocalDiscordServer> {
  const server = await startDiscordServer({ rateLimits: false, ...options });
  servers.push(server);
  return server;
}

/** A raw gateway client that identifies with `identify` (token and intents filled in) on HELLO. */
function connect(server: LocalDiscordServer, identify: Record<string, unknown> = {}): RawShard {
  const socket = new WebSocket(`${server.gatewayUrl}/?v=10&encoding=json`);
  sockets.push(socket);
  const frames: Frame[] = [];
  const listeners = new Set<() => void>();
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    frames.push(frame);
    if (frame.op === 10) socket.send(JSON.stringify({ op: 2, d: { token: server.token, intents: GatewayIntentBits.Guilds, properties: {}, ...identify } }));
    for (const listener of listeners) listener();
  });
  const closed = once(socket, 'close').then(([code]) => code as number);
  return {
    socket,
    frames,
    closed,
    dispatches: (t) => frames.filter((f) => f.op === 0 && f.t === t).map((f) => f.d as Record<string, unknown>),
    waitFor: (check, what) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; frames: ${JSON.stringify(frames.map((f) => f.t ?? f.op))}`)), 5_000);
        const listener = () => {
          if (!check(frames)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve();
        };
        listeners.add(listener);
        listener();
      }),
  };
}

const isReady = (frames: Frame[]) => frames.some((f) => f.t === 'READY');
const guildIdsOf = (shard: RawShard) => shard.dispatches('GUILD_CREATE').map((d) => String(d.id));

async function call(server: LocalDiscordServer, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.apiUrl}/v10${path}`, {
    method,
    headers: { authorization: `Bot ${server.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('sharding like Discord', () => {
  it('recommends shards and reports the session start limit on GET /gateway/bot, counting identifies until the window resets', async () => {
    const clock = new ManualClock();
    const big = await start({ world: { guilds: manyGuilds(2_600) }, clock });
    expect((await call(big, 'GET', '/gateway/bot')).body).toMatchObject({ shards: 3 });

    const server = await start({ recommendedShards: 4, sessionStartLimit: { total: 5, maxConcurrency: 4 }, clock });
    const before = (await call(server, 'GET', '/gateway/bot')).body;
    expect(before).toEqual({ url: server.gatewayUrl, shards: 4, session_start_limit: { total: 5, remaining: 5, reset_after: 86_400_000, max_concurrency: 4 } });
    const shards = [0, 1, 2, 3].map((id) => connect(server, { shard: [id, 4] }));
    for (const shard of shards) await shard.waitFor(isReady, 'READY');
    clock.advance(60_000);
    expect((await call(server, 'GET', '/gateway/bot')).body.session_start_limit).toEqual({ total: 5, remaining: 1, reset_after: 86_340_000, max_concurrency: 4 });

    const fifth = connect(server, { shard: [0, 4] });
    await fifth.waitFor(isReady, 'READY of the fifth session');
    const sixth = connect(server, { shard: [1, 4] });
    await sixth.waitFor((frames) => frames.some((f) => f.op === 9), 'INVALID_SESSION once the limit is used up');
    expect(sixth.frames.find((f) => f.op === 9)?.d).toBe(false);
    expect(isReady(sixth.frames)).toBe(false);

    clock.advance(86_400_000);
    expect((await call(server, 'GET', '/gateway/bot')).body.session_start_limit).toMatchObject({ total: 5, remaining: 5 });
  });

  it('sends each guild (READY, GUILD_CREATE, interactions, channel events) only to shard (guild_id >> 22) % count', async () => {
    const server = await start({ world: { guilds: manyGuilds(12) } });
    const expected = (shard: number) => server.world.guilds.filter((g) => server.shardOf(g.id, 2) === shard).map((g) => g.id).sort();
    expect(expected(0).length).toBeGreaterThan(0);
    expect(expected(1).length).toBeGreaterThan(0);
    const [zero, one] = [connect(server, { shard: [0, 2] }), connect(server, { shard: [1, 2] })];
    await zero.waitFor((f) => f.filter((x) => x.t === 'GUILD_CREATE').length === expected(0).length, 'guilds of shard 0');
    await one.waitFor((f) => f.filter((x) => x.t === 'GUILD_CREATE').length === expected(1).length, 'guilds of shard 1');
    expect(guildIdsOf(zero).sort()).toEqual(expected(0));
    expect(guildIdsOf(one).sort()).toEqual(expected(1));
    const readyGuilds = (shard: RawShard) => (shard.dispatches('READY')[0]?.guilds as Array<{ id: string; unavailable: boolean }>).map((g) => g.id).sort();
    expect(zero.dispatches('READY')[0]).toMatchObject({ shard: [0, 2] });
    expect(readyGuilds(zero)).toEqual(expected(0));
    expect(readyGuilds(one)).toEqual(expected(1));

    expect((await call(server, 'PUT', `/applications/${server.applicationId}/commands`, [{ name: 'ping', description: 'Ping' }])).status).toBe(200);
    const onOne = server.world.guilds.find((g) => server.shardOf(g.id, 2) === 1)!;
    const handle = server.sendInteraction({ type: 'command', name: 'ping', guild: onOne.id, user: 'member' });
    await one.waitFor((f) => f.some((x) => x.t === 'INTERACTION_CREATE'), 'the interaction on shard 1');
    expect(one.dispatches('INTERACTION_CREATE').map((d) => d.id)).toEqual([handle.id]);
    expect(zero.dispatches('INTERACTION_CREATE')).toEqual([]);

    const onZero = server.world.guilds.find((g) => server.shardOf(g.id, 2) === 0)!;
    server.addChannel({ name: 'added' }, onZero.id);
    await zero.waitFor((f) => f.some((x) => x.t === 'CHANNEL_CREATE'), 'CHANNEL_CREATE on shard 0');
    expect(one.dispatches('CHANNEL_CREATE')).toEqual([]);
  });

  it('closes an invalid shard with 4010 and a shard with too many guilds with 4011', async () => {
    // the same clock start gives both worlds the same guild ids
    const server = await start({ world: { guilds: manyGuilds(12) }, clock: new ManualClock() });
    for (const shard of [[2, 2], [-1, 1], [0, 0], ['0', 1], [0], [0.5, 2], 'zero']) {
      const client = connect(server, { shard });
      expect(await client.closed, JSON.stringify(shard)).toBe(4010);
    }
    const perShard = (count: number) => Math.max(...[...Array(count).keys()].map((id) => server.world.guilds.filter((g) => server.shardOf(g.id, count) === id).length));
    const limited = await start({ world: { guilds: manyGuilds(12) }, clock: new ManualClock(), maxGuildsPerShard: perShard(4) });
    expect(limited.world.guilds.map((g) => g.id)).toEqual(server.world.guilds.map((g) => g.id));
    expect(await connect(limited, { shard: [0, 1] }).closed).toBe(4011);
    const fine = connect(limited, { shard: [0, 4] });
    await fine.waitFor(isReady, 'READY with four shards');
  });

  it('ends the older session when the same shard identifies again: op 9 to it, events to the newer one, no resume', async () => {
    const server = await start({ world: { guilds: manyGuilds(6) } });
    await call(server, 'PUT', `/applications/${server.applicationId}/commands`, [{ name: 'ping', description: 'Ping' }]);
    const older = connect(server, { shard: [0, 1] });
    await older.waitFor(isReady, 'READY of the older session');
    const oldSessionId = String(older.dispatches('READY')[0]?.session_id);
    const newer = connect(server, { shard: [0, 1] });
    await newer.waitFor(isReady, 'READY of the newer session');
    await older.waitFor((f) => f.some((x) => x.op === 9), 'INVALID_SESSION for the older session');
    expect(older.frames.find((f) => f.op === 9)?.d).toBe(false);
    expect(server.gatewaySessions.map((s) => [s.shard, s.invalid])).toEqual([[[0, 1], true], [[0, 1], false]]);

    const handle = server.sendInteraction({ type: 'command', name: 'ping', guild: server.world.guilds[0]!.id });
    await newer.waitFor((f) => f.some((x) => x.t === 'INTERACTION_CREATE'), 'the interaction on the newer session');
    expect(newer.dispatches('INTERACTION_CREATE').map((d) => d.id)).toEqual([handle.id]);
    expect(older.dispatches('INTERACTION_CREATE')).toEqual([]);

    const resumer = new WebSocket(`${server.gatewayUrl}/?v=10&encoding=json`);
    sockets.push(resumer);
    const answers: Frame[] = [];
    resumer.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      answers.push(frame);
      if (frame.op === 10) resumer.send(JSON.stringify({ op: 6, d: { token: server.token, session_id: oldSessionId, seq: 1 } }));
    });
    await new Promise<void>((resolve) => resumer.on('message', () => answers.some((f) => f.op === 9) && resolve()));
    expect(answers.find((f) => f.op === 9)?.d).toBe(false);
  });

  it('refuses an identify within 5 s of another in its max_concurrency bucket with op 9 when asked to enforce it', async () => {
    const server = await start({ world: { guilds: manyGuilds(6) }, sessionStartLimit: { maxConcurrency: 2, enforceConcurrency: true } });
    const [zero, one] = [connect(server, { shard: [0, 4] }), connect(server, { shard: [1, 4] })];
    await zero.waitFor(isReady, 'READY of shard 0 (bucket 0)');
    await one.waitFor(isReady, 'READY of shard 1 (bucket 1)');
    const two = connect(server, { shard: [2, 4] });
    await two.waitFor((f) => f.some((x) => x.op === 9), 'INVALID_SESSION for shard 2 (bucket 0 again)');
    expect(isReady(two.frames)).toBe(false);
    expect(server.gatewaySessions.map((s) => s.shard[0])).toEqual([0, 1]);
  });

  it('creates a 400-guild, 50-channel world and spreads its guilds over four shards', async () => {
    const server = await start({ world: { guilds: manyGuilds(400, { channelsPerGuild: 50 }) }, sessionStartLimit: { maxConcurrency: 4 } });
    expect(server.world.guilds).toHaveLength(400);
    expect(new Set(server.world.guilds.map((g) => g.id)).size).toBe(400);
    expect(server.channel('news-50', server.world.guilds[399]!.id).name).toBe('news-50');
    const shards = [0, 1, 2, 3].map((id) => connect(server, { shard: [id, 4] }));
    for (const [id, shard] of shards.entries()) {
      const count = server.world.guilds.filter((g) => server.shardOf(g.id, 4) === id).length;
      await shard.waitFor((frames) => frames.filter((f) => f.t === 'GUILD_CREATE').length === count, `${count} guilds on shard ${id}`);
      // evenly spread ids: about 100 a shard
      expect(count).toBeGreaterThan(60);
      expect(count).toBeLessThan(140);
      expect(shard.dispatches('GUILD_CREATE').every((g) => (g.channels as unknown[]).length === 50)).toBe(true);
    }
    expect(new Set(shards.flatMap(guildIdsOf)).size).toBe(400);
  });
});

describe('discord.js internal sharding against the emulator', () => {
  async function shardedClient(server: LocalDiscordServer, shardOptions: { shards: number[] | 'auto'; shardCount?: number }) {
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: server.apiUrl }, ...shardOptions });
    clients.push(client);
    const seen: Array<{ guildId: string | null; shardId: number | undefined }> = [];
    client.on(Events.InteractionCreate, (interaction: Interaction) => {
      seen.push({ guildId: interaction.guildId, shardId: interaction.guild?.shardId });
      if (interaction.isChatInputCommand()) void interaction.reply(`pong from shard ${interaction.guild?.shardId ?? '?'}`);
    });
    const ready = once(client, Events.ClientReady);
    await client.login(server.token);
    await ready;
    return { client, seen };
  }

  it('runs shards [0, 1] of 2 in one Client: every guild on its shard, interactions answered by the shard that owns the guild', async () => {
    const server = await start({ world: { guilds: manyGuilds(8) }, sessionStartLimit: { maxConcurrency: 2 } });
    const { client, seen } = await shardedClient(server, { shards: [0, 1], shardCount: 2 });
    expect(server.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
    expect(client.guilds.cache.size).toBe(8);
    for (const guild of client.guilds.cache.values()) expect(guild.shardId).toBe(server.shardOf(guild.id, 2));

    await client.application!.commands.set([{ name: 'ping', description: 'Ping' }]);
    for (const shard of [0, 1]) {
      const guild = server.world.guilds.find((g) => server.shardOf(g.id, 2) === shard)!;
      const outcome = await server.runCommand('ping', {}, { guild: guild.id });
      expect(outcome.reply?.content).toBe(`pong from shard ${shard}`);
    }
    expect(seen.map((s) => s.shardId)).toEqual([0, 1]);
  });

  it("follows GET /gateway/bot's recommendation with shards: 'auto'", async () => {
    const server = await start({ world: { guilds: manyGuilds(6) }, recommendedShards: 3, sessionStartLimit: { maxConcurrency: 3 } });
    const { client } = await shardedClient(server, { shards: 'auto' });
    expect(client.ws.shards.size).toBe(3);
    expect(server.identifies.map((i) => i.shard).sort()).toEqual([[0, 3], [1, 3], [2, 3]]);
    expect(client.guilds.cache.size).toBe(6);
  });
});
