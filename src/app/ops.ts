import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { Health } from '../ops/health.js';
import type { OpsServer } from '../ops/http.js';
import type { Metrics } from '../ops/metrics.js';
import type { Shutdown } from '../ops/shutdown.js';

export interface ProcessOps {
  readonly health: Health;
  /** Null when nobody reads them (no HTTP_PORT). */
  readonly metrics: Metrics | null;
  readonly server: OpsServer | null;
}

/**
 * Health checks, metrics, and (when this process serves them: HTTP_PORT set and no cluster manager above it) the HTTP
 * server, started before anything else so that /healthz says "starting" while the library loads.
 */
export async function startProcessOps(config: Pick<Config, 'httpPort' | 'httpHost'>, log: Logger, shutdown: Shutdown, options: { readonly serve: boolean }): Promise<ProcessOps> {
  const health = new Health();
  for (const check of ['library', 'store', 'gateway']) health.expect(check);
  shutdown.add('stop-intake', 'health', () => health.stopping('shutting down'));
  if (config.httpPort === null) return { health, metrics: null, server: null };
  // prom-client is loaded only when someone reads the metrics
  const [{ Metrics }, { startOpsServer }] = await Promise.all([import('../ops/metrics.js'), import('../ops/http.js')]);
  const metrics = new Metrics();
  if (!options.serve) return { health, metrics, server: null };
  const server = await startOpsServer(
    {
      health: () => health.report(),
      metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    },
    { port: config.httpPort, host: config.httpHost },
  );
  shutdown.add('release', 'http server', () => server.close());
  log.info({ port: server.port, host: config.httpHost }, 'serving /healthz and /metrics');
  return { health, metrics, server };
}
