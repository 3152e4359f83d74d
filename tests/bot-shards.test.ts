import { afterEach, describe, expect, it } from 'vitest';
import { manyGuilds, startDiscordServer, type LocalDiscordServer } from '../discord-emulator/index.js';
import { hostShards, fetchGatewayAdvice } from '../src/app/shards.js';
import { parseConfig } from '../src/config.js';
import { startBot, type Bot, type ShardPlan } from '../src/discord/bot.js';
import { loadCommands } from '../src/discord/registry.js';
import { corpusFolder, openLibrary, type LibraryHolder } from '../src/library/index.js';
import { createLogger } from '../src/log.js';
import type { InteractionSink } from '../src/ops/sinks.js';
import { RELAXED_COOLDOWN } from './bot-harness.js';
import { scratchDir, seedsDir } from './helpers/tmp.js';

const log = createLogger({ level: 'silent' });
const bots: Bot[] = [];
const servers: LocalDiscordServer[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  for (const server of servers.splice(0)) await server.stop();
});

async function world(guilds: number): Promise<LocalDiscordServer> {
  const server = await startDiscordServer({ rateLimits: false, world: { guilds: manyGuilds(guilds) }, sessionStartLimit: { maxConcurrency: 16 } });
  servers.push(server);
  return server;
}

/** A bot running `shards`, answering from `library`; `seen` collects which interactions reached it. */
async function launch(server: LocalDiscordServer, library: LibraryHolder, shards: ShardPlan, seen: string[], register = true): Promise<Bot> {
  const data = await scratchDir();
  const config = parseConfig({ DISCORD_TOKEN: server.token, DISCORD_API_BASE: server.apiUrl, CORPUS_DIR: seedsDir, DATA_DIR: data.dir });
  const metrics: InteractionSink = { interaction: (event) => seen.push(`${event.command}:${event.outcome}`) };
  const bot = await startBot({
    config,
    log,
    commands: await loadCommands(),
    context: { library, config, log, digests: null },
    shards,
    register,
    rememberRegistration: false,
    router: { ...RELAXED_COOLDOWN, metrics },
  });
  bots.push(bot);
  return bot;
}

describe('gateway shards (discord.js internal sharding)', () => {
  it('one process runs four shards over one library: every guild arrives once, on its shard, and interactions of every shard are answered', async () => {
    const server = await world(40);
    const library = await openLibrary(corpusFolder(seedsDir));
    const seen: string[] = [];
    const bot = await launch(server, library, { ids: [0, 1, 2, 3], count: 4 }, seen);
    expect(bot.shards()).toEqual([0, 1, 2, 3].map((id) => ({ id, status: 'Ready' })));
    expect(bot.client.guilds.cache.size).toBe(40);
    for (const guild of bot.client.guilds.cache.values()) expect(guild.shardId).toBe(server.shardOf(guild.id, 4));
    expect(server.identifies.map((identify) => identify.shard)).toEqual(expect.arrayContaining([[0, 4], [1, 4], [2, 4], [3, 4]]));

    const byShard = new Map<number, string>();
    for (const guild of server.world.guilds) byShard.set(server.shardOf(guild.id, 4), guild.id);
    expect(byShard.size).toBe(4);
    for (const [shard, guildId] of byShard) {
      const outcome = await server.runCommand('help', {}, { guild: guildId, channel: server.world.guilds.find((g) => g.id === guildId)?.channels[0]?.id });
      expect(outcome.reply?.embeds.length, `shard ${shard}`).toBeGreaterThan(0);
    }
    expect(seen).toEqual(['help:answered', 'help:answered', 'help:answered', 'help:answered']);
  }, 60_000);

  it('two processes of two shards each: a guild is answered only by the process that runs its shard; only shard 0 registers the commands', async () => {
    const server = await world(40);
    const library = await openLibrary(corpusFolder(seedsDir));
    const [seenA, seenB] = [[] as string[], [] as string[]];
    const a = await launch(server, library, { ids: [0, 1], count: 4 }, seenA, true);
    const b = await launch(server, library, { ids: [2, 3], count: 4 }, seenB, false);
    const guildsOf = (shards: number[]) => server.world.guilds.filter((g) => shards.includes(server.shardOf(g.id, 4))).map((g) => g.id).sort();
    expect([...a.client.guilds.cache.keys()].sort()).toEqual(guildsOf([0, 1]));
    expect([...b.client.guilds.cache.keys()].sort()).toEqual(guildsOf([2, 3]));
    expect(server.commandRegistrations.length).toBeGreaterThan(0);

    const channelOf = (guildId: string) => server.world.guilds.find((g) => g.id === guildId)?.channels[0]?.id;
    const burst = server.world.guilds.slice(0, 20).map((guild) => server.runCommand('search', { query: 'Putin' }, { guild: guild.id, channel: channelOf(guild.id) }));
    const outcomes = await Promise.all(burst);
    expect(outcomes.every((outcome) => outcome.status === 'answered' || (outcome.reply?.embeds.length ?? 0) > 0)).toBe(true);
    const expectA = server.world.guilds.slice(0, 20).filter((g) => [0, 1].includes(server.shardOf(g.id, 4))).length;
    expect(seenA.length).toBe(expectA);
    expect(seenB.length).toBe(20 - expectA);
    expect(seenA.length).toBeGreaterThan(0);
    expect(seenB.length).toBeGreaterThan(0);
  }, 60_000);

  it('SHARD_COUNT=auto takes the count Discord recommends; SHARD_IDS picks this host\'s shards; the environment cannot change the client\'s count', async () => {
    const server = await startDiscordServer({ rateLimits: false, recommendedShards: 3 });
    servers.push(server);
    const auto = parseConfig({ DISCORD_TOKEN: server.token, DISCORD_API_BASE: server.apiUrl, SHARD_COUNT: 'auto' });
    const advice = await fetchGatewayAdvice(auto, server.token);
    expect(advice).toEqual({ shards: 3, maxConcurrency: 1 });
    expect(hostShards(auto, advice)).toEqual({ ids: [0, 1, 2], count: 3 });
    expect(hostShards(parseConfig({ SHARD_COUNT: '8', SHARD_IDS: '4-5,7' }), null)).toEqual({ ids: [4, 5, 7], count: 8 });
    expect(() => hostShards(parseConfig({ SHARD_COUNT: 'auto', SHARD_IDS: '3' }), advice)).toThrow(/SHARD_IDS names shard 3, but the bot has 3 shards/);
    expect(() => parseConfig({ SHARD_COUNT: '2', SHARD_IDS: '2' })).toThrow(/SHARD_IDS names shard 2, but SHARD_COUNT is 2/);
    expect(() => parseConfig({ SHARD_COUNT: 'many' })).toThrow(/SHARD_COUNT must be auto or a whole number from 1/);

    // discord.js reads SHARD_COUNT from the environment when the count it is given is 1: 'auto' there must not turn into NaN.
    const saved = process.env.SHARD_COUNT;
    process.env.SHARD_COUNT = 'auto';
    try {
      const library = await openLibrary(corpusFolder(seedsDir));
      const bot = await launch(server, library, { ids: [0], count: 1 }, []);
      expect(bot.client.options.shardCount).toBe(1);
      expect(bot.shards()).toEqual([{ id: 0, status: 'Ready' }]);
    } finally {
      if (saved === undefined) delete process.env.SHARD_COUNT;
      else process.env.SHARD_COUNT = saved;
    }
  }, 60_000);
});
