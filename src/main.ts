import { fileURLToPath } from 'node:url';
import { runBotProcess } from './app/bot-process.js';
import { isClusterProcess } from './app/cluster-protocol.js';
import { loadConfig } from './config.js';
import { messageOf } from './error-message.js';

/**
 * One entry for every role: a bot process (its shards inside it), a cluster manager (SHARD_PROCESSES > 1: it forks this
 * same file once per process), or one of those forked processes.
 */
async function main(): Promise<void> {
  const config = await loadConfig();
  if (isClusterProcess()) {
    const { clusterRole } = await import('./app/cluster-process.js');
    return runBotProcess(config, clusterRole());
  }
  if (config.shardProcesses > 1) {
    const { runClusterManager } = await import('./app/cluster-manager.js');
    return runClusterManager(config, fileURLToPath(import.meta.url));
  }
  return runBotProcess(config, null);
}

main().catch((error: unknown) => {
  process.stderr.write(`Ringkas could not start: ${messageOf(error)}\n`);
  process.exit(1);
});
