// A child of discord.js's ShardingManager (scripts/compare-sharding.ts): the one shard it was given (SHARDS) becomes the
// bot's SHARD_IDS, then the built bot named by RINGKAS_MAIN starts as usual.
process.env.SHARD_IDS = String(process.env.SHARDS);
await import(process.env.RINGKAS_MAIN);
