import { ClusterClient, getInfo, type IPCMessage } from 'discord-hybrid-sharding';
import type { Client } from 'discord.js';
import type { ClusterRole } from './bot-process.js';
import { isOpsRequest, type OpsReply } from './cluster-protocol.js';

/** This process's part in a cluster: the shards the manager gave it; it answers the manager's health and metrics requests. */
export function clusterRole(): ClusterRole {
  const info = getInfo();
  return {
    id: info.CLUSTER,
    shards: { ids: info.SHARD_LIST, count: info.TOTAL_SHARDS },
    attach(client: Client, ops, shutdown, log) {
      const cluster = new ClusterClient(client);
      cluster.on('message', (message: unknown) => {
        const request = message as IPCMessage;
        if (!isOpsRequest(request.raw)) return;
        const answering: Promise<OpsReply> =
          request.raw.ringkas === 'health'
            ? ops.health.report().then((report) => ({ report }))
            : Promise.resolve(ops.metrics?.snapshot() ?? null).then((snapshot) => ({ snapshot }));
        answering.then((reply) => request.reply(reply)).catch((error: unknown) => log.warn({ err: error }, 'could not answer the cluster manager'));
      });
      cluster.triggerReady();
      // Without its manager (it was killed) nobody respawns or supervises this process: hand the shards back.
      if (!process.connected) void shutdown.run('the cluster manager is gone');
      else process.once('disconnect', () => void shutdown.run('the cluster manager is gone'));
    },
  };
}
