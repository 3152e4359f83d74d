// discord.js's ShardingManager over the built bot, one process per shard (scripts/compare-sharding.ts).
// Usage: node discordjs-manager.mjs <totalShards>   (DISCORD_TOKEN, DISCORD_API_BASE, RINGKAS_MAIN in the environment)
import { fileURLToPath } from 'node:url';
import { ShardingManager } from 'discord.js';

const manager = new ShardingManager(fileURLToPath(new URL('discordjs-shard.mjs', import.meta.url)), {
  totalShards: Number(process.argv[2]),
  token: process.env.DISCORD_TOKEN,
  respawn: true,
});
manager.on('shardCreate', (shard) => process.stdout.write(`${JSON.stringify({ msg: 'shard process started', shard: shard.id })}\n`));
process.on('SIGTERM', async () => {
  manager.respawn = false;
  await Promise.all(manager.shards.map((shard) => new Promise((resolve) => {
    shard.process?.once('exit', resolve);
    shard.process?.kill('SIGTERM');
  })));
  process.exit(0);
});
await manager.spawn({ amount: manager.totalShards, delay: 5_500, timeout: 120_000 });
