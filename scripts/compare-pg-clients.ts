/**
 * Compares the two PostgreSQL clients we considered for the shared store, `pg` (node-postgres) and `postgres`
 * (postgres.js), on the kinds of work the store does: single-row reads, short multi-statement transactions, bursts
 * of concurrent queries through a pool of 10, NOTIFY round trips, and whether a listener survives its connection
 * being killed. Usage: `npx tsx scripts/compare-pg-clients.ts` (starts its own server) or with DATABASE_URL set.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import postgres from 'postgres';
import { startPostgres } from '../tests/helpers/postgres-server.js';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SEQUENTIAL = 2_000;
const BURST = 2_000;
const TRANSACTIONS = 300;
const CONCURRENT_TRANSACTIONS = 300;
const NOTIFIES = 200;
const POOL = 10;

interface Client {
  readonly name: string;
  select(id: number): Promise<number>;
  transaction(channel: string, slot: number): Promise<void>;
  listen(channel: string, onPayload: (payload: string) => void): Promise<void>;
  notify(channel: string, payload: string): Promise<void>;
  /** pid of the listening connection, so the test can kill it. */
  listenerPid(): Promise<number | null>;
  close(): Promise<void>;
}

const SCHEMA = `
  DROP TABLE IF EXISTS bench_messages, bench_runs, bench_kv;
  CREATE TABLE bench_kv (id BIGINT PRIMARY KEY, value TEXT NOT NULL);
  INSERT INTO bench_kv SELECT g, md5(g::text) FROM generate_series(1, 10000) g;
  CREATE TABLE bench_runs (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, channel TEXT NOT NULL, slot BIGINT NOT NULL, UNIQUE (channel, slot));
  CREATE TABLE bench_messages (run_id BIGINT NOT NULL REFERENCES bench_runs (id), seq INT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (run_id, seq));
`;
const PAYLOAD = JSON.stringify({ embeds: [{ title: 'x'.repeat(200), description: 'y'.repeat(1500) }] });

function nodePostgres(url: string): Client {
  pg.types.setTypeParser(20, Number);
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  let listener: pg.Client | null = null;
  return {
    name: `pg ${pgVersion()}`,
    async select(id) {
      const result = await pool.query<{ id: number }>({ name: 'select-kv', text: 'SELECT id, value FROM bench_kv WHERE id = $1', values: [id] });
      return result.rows[0]?.id ?? -1;
    },
    async transaction(channel, slot) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const run = await client.query<{ id: number }>({
          name: 'insert-run',
          text: 'INSERT INTO bench_runs (channel, slot) VALUES ($1, $2) RETURNING id',
          values: [channel, slot],
        });
        const runId = run.rows[0]?.id;
        for (let seq = 0; seq < 3; seq++) {
          await client.query({ name: 'insert-message', text: 'INSERT INTO bench_messages (run_id, seq, payload) VALUES ($1, $2, $3)', values: [runId, seq, PAYLOAD] });
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      listener = new pg.Client({ connectionString: url });
      // node-postgres does not reconnect a dead client; the error only needs handling so the process survives.
      listener.on('error', () => undefined);
      await listener.connect();
      listener.on('notification', (message) => onPayload(message.payload ?? ''));
      await listener.query(`LISTEN ${channel}`);
    },
    async notify(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async listenerPid() {
      if (listener === null) return null;
      try {
        const result = await listener.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        return result.rows[0]?.pid ?? null;
      } catch {
        return null;
      }
    },
    async close() {
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}

function postgresJs(url: string): Client {
  const sql = postgres(url, {
    max: POOL,
    onnotice: () => undefined,
    types: { bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) } },
  });
  let listenerPidValue: number | null = null;
  return {
    name: `postgres ${postgresVersion()}`,
    async select(id) {
      const rows = await sql<{ id: number; value: string }[]>`SELECT id, value FROM bench_kv WHERE id = ${id}`;
      return rows[0]?.id ?? -1;
    },
    async transaction(channel, slot) {
      await sql.begin(async (tx) => {
        const [run] = await tx<{ id: number }[]>`INSERT INTO bench_runs (channel, slot) VALUES (${channel}, ${slot}) RETURNING id`;
        for (let seq = 0; seq < 3; seq++) await tx`INSERT INTO bench_messages (run_id, seq, payload) VALUES (${run?.id ?? -1}, ${seq}, ${PAYLOAD})`;
      });
    },
    async listen(channel, onPayload) {
      await sql.listen(channel, onPayload, () => undefined);
      // The listener's own connection is the one whose pid is not any pooled query's: find it by LISTEN state.
      const rows = await sql<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE query = ${`listen "${channel}"`} OR query = ${`LISTEN ${channel}`} ORDER BY backend_start DESC LIMIT 1`;
      listenerPidValue = rows[0]?.pid ?? null;
    },
    async notify(channel, payload) {
      await sql.notify(channel, payload);
    },
    async listenerPid() {
      return listenerPidValue;
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

function installedVersion(name: string): string {
  const file = path.join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
function pgVersion(): string {
  return installedVersion('pg');
}
function postgresVersion(): string {
  return installedVersion('postgres');
}

async function timed(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function measure(client: Client, round: number): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  results['sequential selects /s'] = SEQUENTIAL / ((await timed(async () => {
    for (let i = 0; i < SEQUENTIAL; i++) await client.select(1 + (i % 10_000));
  })) / 1000);
  results['burst selects /s'] = BURST / ((await timed(async () => {
    await Promise.all(Array.from({ length: BURST }, (_, i) => client.select(1 + ((i * 7) % 10_000))));
  })) / 1000);
  const channel = `${client.name.split(' ')[0]}-${round}`;
  results['sequential transactions /s'] = TRANSACTIONS / ((await timed(async () => {
    for (let i = 0; i < TRANSACTIONS; i++) await client.transaction(channel, i);
  })) / 1000);
  results['concurrent transactions /s'] = CONCURRENT_TRANSACTIONS / ((await timed(async () => {
    await Promise.all(Array.from({ length: CONCURRENT_TRANSACTIONS }, (_, i) => client.transaction(`${channel}-c`, i)));
  })) / 1000);
  return results;
}

async function notifyRoundTrip(client: Client, channel: string): Promise<{ medianMs: number; p99Ms: number; survivesKill: boolean }> {
  let waiting: ((payload: string) => void) | null = null;
  await client.listen(channel, (payload) => waiting?.(payload));
  const once = (payload: string, timeoutMs: number): Promise<number | null> =>
    new Promise((resolve) => {
      const start = performance.now();
      const timer = setTimeout(() => {
        waiting = null;
        resolve(null);
      }, timeoutMs);
      waiting = (received) => {
        if (received !== payload) return;
        clearTimeout(timer);
        waiting = null;
        resolve(performance.now() - start);
      };
      void client.notify(channel, payload);
    });
  const latencies: number[] = [];
  for (let i = 0; i < NOTIFIES; i++) latencies.push((await once(`n${i}`, 5_000)) ?? Number.POSITIVE_INFINITY);
  latencies.sort((a, b) => a - b);
  // Kill the listening connection from the server side, as a restart or failover would, and see if notifications resume.
  const pid = await client.listenerPid();
  let survivesKill = false;
  if (pid !== null) {
    const admin = postgres(process.env.COMPARE_URL ?? '', { max: 1, onnotice: () => undefined });
    await admin`SELECT pg_terminate_backend(${pid})`;
    await admin.end();
    for (let attempt = 0; attempt < 20 && !survivesKill; attempt++) survivesKill = (await once(`after-kill-${attempt}`, 500)) !== null;
  }
  return { medianMs: median(latencies), p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN, survivesKill };
}

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL === undefined ? await startPostgres() : null;
  const url = process.env.DATABASE_URL ?? server?.url ?? '';
  process.env.COMPARE_URL = url;
  try {
    const setup = postgres(url, { max: 1, onnotice: () => undefined });
    await setup.unsafe(SCHEMA);
    await setup.end();
    const makers = [nodePostgres, postgresJs];
    const all = new Map<string, Record<string, number[]>>();
    for (let round = 0; round < ROUNDS + 1; round++) {
      // Alternate the order so neither client always runs on a warmer server.
      for (const make of round % 2 === 0 ? makers : [...makers].reverse()) {
        const client = make(url);
        const results = await measure(client, round);
        await client.close();
        if (round === 0) continue; // warm-up
        const table = all.get(client.name) ?? {};
        for (const [key, value] of Object.entries(results)) (table[key] ??= []).push(value);
        all.set(client.name, table);
      }
    }
    for (const [name, table] of all) {
      console.log(`\n${name} (median of ${ROUNDS}, pool ${POOL})`);
      for (const [key, values] of Object.entries(table)) console.log(`  ${key.padEnd(28)} ${Math.round(median(values)).toLocaleString('en')}`);
    }
    for (const make of makers) {
      const client = make(url);
      const notify = await notifyRoundTrip(client, `bench_${make.name.toLowerCase()}`);
      console.log(`\n${client.name}: NOTIFY round trip median ${notify.medianMs.toFixed(2)} ms, p99 ${notify.p99Ms.toFixed(2)} ms; listener resumes after its connection is killed: ${notify.survivesKill ? 'yes' : 'no'}`);
      await client.close();
    }
  } finally {
    await server?.stop();
  }
}

await main();
