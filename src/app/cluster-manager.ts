import type { ChildProcess } from 'node:child_process';
import { ClusterManager, type Cluster } from 'discord-hybrid-sharding';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { combineReports, type HealthReport } from '../ops/health.js';
import { startOpsServer } from '../ops/http.js';
import { aggregateMetrics, Metrics, type MetricsSnapshot } from '../ops/metrics.js';
import { Shutdown, SHUTDOWN_DEADLINE_MS } from '../ops/shutdown.js';
import type { OpsReply, OpsRequest } from './cluster-protocol.js';
import { openProcessLog } from './logging.js';
import { fetchGatewayAdvice, hostShards } from './shards.js';

/** discord-hybrid-sharding's advice: at least 7 s per shard between two processes' start, for Discord's identify limit. */
const SPAWN_DELAY_PER_SHARD_MS = 7_000;
/** A process that keeps dying is respawned at most this often per interval; then /healthz reports it down. */
const RESTARTS = { max: 30, interval: 10 * 60_000 };
const REQUEST_TIMEOUT_MS = 2_000;
/** The processes get this long to shut down on their own before they are killed (their own deadline is shorter). */
const CLUSTER_STOP_MS = SHUTDOWN_DEADLINE_MS - 500;

/**
 * SHARD_PROCESSES > 1: this process runs no bot itself. discord-hybrid-sharding forks `entry` once per process, each with
 * its share of the host's shards as discord.js internal shards (one library per process), respawns a process that dies,
 * and serves /healthz and /metrics for all of them. SIGTERM is passed on, and waited for.
 */
export async function runClusterManager(config: Config, entry: string): Promise<void> {
  const token = config.token;
  if (token === null) throw new Error('SHARD_PROCESSES above 1 needs DISCORD_TOKEN: local mode runs in one process (its shards inside it)');
  const { log } = await openProcessLog(config, false, { role: 'cluster-manager' });
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
  const shutdown = new Shutdown({ log });
  shutdown.listen();

  const advice = await fetchGatewayAdvice(config, token);
  const shards = hostShards(config, advice);
  const processes = Math.min(config.shardProcesses, shards.ids.length);
  const manager = new ClusterManager(entry, {
    totalShards: shards.count,
    shardList: [...shards.ids],
    totalClusters: processes,
    mode: 'process',
    // the same loader flags as this process (tsx when started from the sources)
    execArgv: process.execArgv,
    token,
    respawn: true,
    restarts: { ...RESTARTS, current: 0 },
    spawnOptions: { delay: SPAWN_DELAY_PER_SHARD_MS, timeout: -1 },
  });
  manager.on('error', (error: unknown) => log.error({ err: error }, 'cluster manager error'));
  manager.on('clusterCreate', (cluster: Cluster) => {
    log.info({ cluster: cluster.id, shards: cluster.shardList }, 'starting a bot process');
    cluster.on('death', (_dead, thread) => {
      const child = thread as ChildProcess | null | undefined;
      if (!shutdown.started) log.warn({ cluster: cluster.id, code: child?.exitCode ?? null, signal: child?.signalCode ?? null }, 'a bot process ended; respawning it');
    });
    cluster.on('error', (error: unknown) => log.error({ err: error, cluster: cluster.id }, 'bot process error'));
  });
  shutdown.add('stop-intake', 'respawning', () => {
    manager.respawn = false;
  });
  shutdown.add('finish-work', 'bot processes', () => stopClusters(manager, log));

  const expected = [...Array(processes).keys()];
  const ask = async (id: number, request: OpsRequest): Promise<OpsReply | string> => {
    const cluster = manager.clusters.get(id);
    if (cluster?.thread === null || cluster?.thread === undefined) return 'not running';
    try {
      return (await cluster.request({ ...request, options: { timeout: REQUEST_TIMEOUT_MS } })) as OpsReply;
    } catch {
      return 'not answering (starting?)';
    }
  };
  if (config.httpPort !== null) {
    const own = new Metrics();
    const server = await startOpsServer(
      {
        health: async (): Promise<HealthReport> => {
          const replies = await Promise.all(expected.map((id) => ask(id, { ringkas: 'health' })));
          const report = combineReports(
            replies.map((reply, id) => {
              const name = `process ${id} (shards ${manager.clusters.get(id)?.shardList.join(',') ?? '?'})`;
              return typeof reply === 'string' || !('report' in reply) ? { name, report: null, missing: typeof reply === 'string' ? reply : 'no report' } : { name, report: reply.report };
            }),
          );
          return shutdown.started ? { ...report, ok: false, reasons: ['shutting down', ...report.reasons] } : report;
        },
        metrics: async () => {
          const replies = await Promise.all(expected.map((id) => ask(id, { ringkas: 'metrics' })));
          const snapshots: MetricsSnapshot[] = [await own.snapshot()];
          for (const reply of replies) if (typeof reply !== 'string' && 'snapshot' in reply && reply.snapshot !== null) snapshots.push(reply.snapshot);
          const registry = aggregateMetrics(snapshots);
          return { contentType: registry.contentType, body: await registry.metrics() };
        },
      },
      { port: config.httpPort, host: config.httpHost },
    );
    shutdown.add('release', 'http server', () => server.close());
    log.info({ port: server.port, host: config.httpHost }, 'serving /healthz and /metrics for every bot process');
  }

  log.info({ shards: shards.ids, shardCount: shards.count, processes, recommended: advice.shards }, 'starting the bot processes');
  await manager.spawn({ amount: shards.count, delay: SPAWN_DELAY_PER_SHARD_MS, timeout: -1 });
}

/** SIGTERM to every bot process; those still running after CLUSTER_STOP_MS are killed. */
async function stopClusters(manager: ClusterManager, log: Logger): Promise<void> {
  const running = [...manager.clusters.values()].flatMap((cluster) => {
    const child = cluster.thread?.process as ChildProcess | null | undefined;
    return child === null || child === undefined || child.exitCode !== null || child.signalCode !== null ? [] : [{ cluster, child }];
  });
  const exits = running.map(({ child }) => new Promise<void>((resolve) => child.once('exit', () => resolve())));
  for (const { child } of running) child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), CLUSTER_STOP_MS);
  });
  if ((await Promise.race([Promise.all(exits), late])) === 'late') {
    for (const { cluster, child } of running) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      log.error({ cluster: cluster.id }, 'a bot process did not stop in time; killing it');
      child.kill('SIGKILL');
    }
  }
  clearTimeout(timer);
}
