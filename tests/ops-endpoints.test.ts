import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { combineReports, Health, type HealthReport } from '../src/ops/health.js';
import { startOpsServer, type OpsServer } from '../src/ops/http.js';
import { aggregateMetrics, Metrics } from '../src/ops/metrics.js';
import { observeDelivery, observeReloads } from '../src/ops/observe.js';
import { Shutdown } from '../src/ops/shutdown.js';
import type { DeliveryOutcome, DeliveryPort } from '../src/digest/index.js';
import type { LibraryHolder, ReloadReport } from '../src/library/index.js';

const servers: OpsServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(health: Health, metrics: Metrics): Promise<string> {
  const server = await startOpsServer(
    { health: () => health.report(), metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }) },
    { port: 0, host: '127.0.0.1' },
  );
  servers.push(server);
  return `http://127.0.0.1:${server.port}`;
}

function quietLog(lines: string[] = []) {
  return createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    }),
  });
}

describe('/healthz', () => {
  it('is 503 "starting" until every expected check is registered, 200 when all pass, 503 with each reason when one fails or hangs', async () => {
    const health = new Health();
    for (const name of ['library', 'store', 'gateway']) health.expect(name);
    const base = await serve(health, new Metrics({ defaultMetrics: false }));

    let response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ok: false, reasons: ['library: starting', 'store: starting', 'gateway: starting'] });

    let storeUp = true;
    health.register('library', () => ({ ok: true, articles: 3 }));
    health.register('store', async () => {
      if (!storeUp) throw new Error('connection refused');
      return { ok: true, backend: 'sqlite' };
    });
    const shards = [{ id: 0, status: 'Ready' }, { id: 1, status: 'Ready' }];
    health.register('gateway', () => {
      const down = shards.filter((s) => s.status !== 'Ready');
      return { ok: down.length === 0, ...(down.length > 0 ? { reason: down.map((s) => `shard ${s.id} ${s.status}`).join(', ') } : {}), shards };
    });
    response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      ok: true,
      reasons: [],
      checks: { library: { ok: true, articles: 3 }, store: { ok: true, backend: 'sqlite' }, gateway: { ok: true, shards } },
    });

    storeUp = false;
    shards[1] = { id: 1, status: 'Reconnecting' };
    response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as HealthReport).reasons).toEqual(['store: store check failed: connection refused', 'gateway: shard 1 Reconnecting']);

    storeUp = true;
    shards[1] = { id: 1, status: 'Ready' };
    health.register('store', () => new Promise(() => undefined));
    const hanging = (await (await fetch(`${base}/healthz`)).json()) as HealthReport;
    expect(hanging.reasons).toEqual(['store: no answer within 2000 ms']);

    health.register('store', () => ({ ok: true }));
    health.stopping('shutting down');
    response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as HealthReport).reasons).toEqual(['shutting down']);
  }, 15_000);

  it('answers 404 elsewhere and 405 to other methods', async () => {
    const base = await serve(new Health(), new Metrics({ defaultMetrics: false }));
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/healthz?verbose=1`)).status).toBe(200);
  });

  it('combines several processes: each under its name, a missing one named with why', () => {
    const combined = combineReports([
      { name: 'process 0 (shards 0,1)', report: { ok: true, reasons: [], checks: { gateway: { ok: true } } } },
      { name: 'process 1 (shards 2,3)', report: null, missing: 'not running' },
    ]);
    expect(combined.ok).toBe(false);
    expect(combined.reasons).toEqual(['process 1 (shards 2,3): not running']);
    expect(combined.checks['process 0 (shards 0,1)']).toEqual({ ok: true, checks: { gateway: { ok: true } } });
  });
});

describe('/metrics', () => {
  it('exposes interactions by command and outcome, latency, deliveries, feed polls, library size, reloads and event-loop lag', async () => {
    const metrics = new Metrics();
    let articles = 12;
    metrics.watchLibrarySize(() => articles);
    metrics.interaction({ kind: 'command', command: 'summary', outcome: 'answered', seconds: 0.004 });
    metrics.interaction({ kind: 'command', command: 'summary', outcome: 'answered', seconds: 0.2 });
    metrics.interaction({ kind: 'button', command: 'quotes', outcome: 'refused', seconds: 0.001 });
    metrics.poll({ outcome: 'ok', seconds: 0.3, items: 4 });
    metrics.poll({ outcome: 'failed', seconds: 1.2, items: 0 });
    const base = await serve(new Health(), metrics);

    const port: DeliveryPort = { deliver: async (): Promise<DeliveryOutcome> => ({ status: 'delivered', messageId: '1' }) };
    const failing: DeliveryPort = { deliver: async () => ({ status: 'failed', failure: { kind: 'forbidden', detail: 'Missing Access' } }) };
    await observeDelivery(port, metrics).deliver({ channelId: 'c', body: '{}', nonce: 'n' }, new AbortController().signal);
    await observeDelivery(failing, metrics).deliver({ channelId: 'c', body: '{}', nonce: 'n' }, new AbortController().signal);

    const report = (ok: boolean): ReloadReport => ({ ok, added: [], changed: [], removed: [], kept: [], problems: [], articles: 13, durationMs: 1500 });
    const results = [report(true), report(false)];
    const holder = { current: () => { throw new Error('unused'); }, onSwap: () => undefined, reload: async () => results.shift() as ReloadReport, takeIn: async () => results.shift() as ReloadReport, extra: 'kept' };
    const observed = observeReloads(holder as LibraryHolder & { extra: string }, metrics);
    expect(observed.extra).toBe('kept');
    expect((await observed.reload()).ok).toBe(true);
    articles = 13;
    await observed.reload();

    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const lines = text.split('\n');
    for (const sample of [
      'ringkas_interactions_total{kind="command",command="summary",outcome="answered"} 2',
      'ringkas_interactions_total{kind="button",command="quotes",outcome="refused"} 1',
      'ringkas_interaction_duration_seconds_bucket{le="0.005",kind="command",command="summary"} 1',
      'ringkas_interaction_duration_seconds_count{kind="command",command="summary"} 2',
      'ringkas_digest_deliveries_total{outcome="delivered"} 1',
      'ringkas_digest_deliveries_total{outcome="forbidden"} 1',
      'ringkas_feed_polls_total{outcome="ok"} 1',
      'ringkas_feed_polls_total{outcome="failed"} 1',
      'ringkas_feed_items_total 4',
      'ringkas_library_articles 13',
      'ringkas_library_reloads_total{outcome="ok"} 1',
      'ringkas_library_reloads_total{outcome="failed"} 1',
      'ringkas_library_reload_duration_seconds_sum{outcome="ok"} 1.5',
    ]) expect(lines, sample).toContain(sample);
    expect(text).toMatch(/^ringkas_nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^ringkas_process_resident_memory_bytes \d/m);
  });

  it('aggregates processes: counters summed, the library size the largest, not the sum', async () => {
    const [a, b] = [new Metrics({ defaultMetrics: false }), new Metrics({ defaultMetrics: false })];
    a.watchLibrarySize(() => 100);
    b.watchLibrarySize(() => 100);
    a.interaction({ kind: 'command', command: 'search', outcome: 'answered', seconds: 0.01 });
    b.interaction({ kind: 'command', command: 'search', outcome: 'answered', seconds: 0.02 });
    const text = await aggregateMetrics([await a.snapshot(), await b.snapshot()]).metrics();
    expect(text).toContain('ringkas_interactions_total{kind="command",command="search",outcome="answered"} 2');
    expect(text).toContain('ringkas_library_articles 100');
  });
});

describe('shutdown', () => {
  it('runs its steps phase by phase (stop taking work, finish it, disconnect, release), each phase together, then exits 0', async () => {
    const order: string[] = [];
    let code: number | null = null;
    const shutdown = new Shutdown({ log: quietLog(), exit: (c) => (code = c) });
    const step = (name: string, ms = 0) => async () => {
      order.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      order.push(`${name} end`);
    };
    shutdown.add('release', 'library', step('library'));
    shutdown.add('disconnect', 'gateway', step('gateway'));
    shutdown.add('finish-work', 'digests', step('digests', 50));
    shutdown.add('finish-work', 'interactions', step('interactions', 10));
    shutdown.add('stop-intake', 'health', step('health'));
    shutdown.add('finish-work', 'broken', () => {
      throw new Error('boom');
    });
    await Promise.all([shutdown.run('SIGTERM'), shutdown.run('again')]);
    expect(order).toEqual(['health start', 'health end', 'digests start', 'interactions start', 'interactions end', 'digests end', 'gateway start', 'gateway end', 'library start', 'library end']);
    expect(code).toBe(0);
  });

  it('exits with 1 at the deadline when a step hangs', async () => {
    const lines: string[] = [];
    const exited = new Promise<number>((resolve) => {
      const shutdown = new Shutdown({ log: quietLog(lines), deadlineMs: 100, exit: resolve });
      shutdown.add('finish-work', 'stuck', () => new Promise(() => undefined));
      void shutdown.run('SIGTERM');
    });
    expect(await exited).toBe(1);
    expect(lines.join('')).toContain('shutdown took too long');
  });
});
