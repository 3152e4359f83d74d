import { REST } from '@discordjs/rest';
import { Routes, type RESTGetAPIGatewayBotResult } from 'discord.js';
import type { Config } from '../config.js';
import type { ShardPlan } from '../discord/bot.js';

/** What Discord says about sharding this bot: its recommended shard count and how many shards may identify at once. */
export interface GatewayAdvice {
  readonly shards: number;
  readonly maxConcurrency: number;
}

/** GET /gateway/bot, through the configured API (Discord, or the emulator in tests and local mode). */
export async function fetchGatewayAdvice(config: Pick<Config, 'apiBase'>, token: string): Promise<GatewayAdvice> {
  const rest = new REST(config.apiBase === null ? {} : { api: config.apiBase }).setToken(token);
  const answer = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return { shards: answer.shards, maxConcurrency: answer.session_start_limit.max_concurrency };
}

/** The shards of this host: SHARD_IDS, else every shard of SHARD_COUNT (resolved from Discord's advice when auto). */
export function hostShards(config: Pick<Config, 'shardCount' | 'shardIds'>, advice: GatewayAdvice | null): ShardPlan {
  const count = config.shardCount === 'auto' ? advice?.shards : config.shardCount;
  if (count === undefined) throw new Error('SHARD_COUNT=auto needs what Discord recommends (GET /gateway/bot)');
  const ids = config.shardIds ?? Array.from({ length: count }, (_, id) => id);
  const outside = ids.find((id) => id >= count);
  if (outside !== undefined) throw new Error(`SHARD_IDS names shard ${outside}, but the bot has ${count} shards (SHARD_COUNT=${String(config.shardCount)})`);
  return { ids, count };
}
