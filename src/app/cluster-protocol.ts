import type { HealthReport } from '../ops/health.js';
import type { MetricsSnapshot } from '../ops/metrics.js';

// What the cluster manager asks its processes over IPC (discord-hybrid-sharding's request/reply), and what they answer.

export type OpsRequest = { readonly ringkas: 'health' } | { readonly ringkas: 'metrics' };
export type OpsReply = { readonly report: HealthReport } | { readonly snapshot: MetricsSnapshot | null };

export function isOpsRequest(value: unknown): value is OpsRequest {
  const kind = (value as { ringkas?: unknown } | null)?.ringkas;
  return kind === 'health' || kind === 'metrics';
}

/** True in a process a cluster manager forked (it set these, with the shards in SHARD_LIST). */
export function isClusterProcess(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CLUSTER_MANAGER_MODE === 'process' && /^\d+$/.test(env.CLUSTER ?? '') && typeof process.send === 'function';
}
