import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthReport } from './health.js';

export interface OpsEndpoints {
  health(): Promise<HealthReport>;
  metrics(): Promise<{ readonly contentType: string; readonly body: string }>;
}

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** GET /healthz (200 or 503, JSON) and GET /metrics (Prometheus text); nothing else. */
export async function startOpsServer(endpoints: OpsEndpoints, options: { readonly port: number; readonly host: string }): Promise<OpsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?', 1)[0];
    const send = (status: number, contentType: string, body: string): void => {
      response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (path !== '/healthz' && path !== '/metrics') return send(404, 'application/json', JSON.stringify({ error: 'not found: /healthz and /metrics only' }));
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'application/json', JSON.stringify({ error: 'GET only' }));
    const work =
      path === '/healthz'
        ? endpoints.health().then((report) => send(report.ok ? 200 : 503, 'application/json', `${JSON.stringify(report)}\n`))
        : endpoints.metrics().then(({ contentType, body }) => send(200, contentType, body));
    work.catch((error: unknown) => send(500, 'application/json', JSON.stringify({ error: error instanceof Error ? error.message : String(error) })));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
