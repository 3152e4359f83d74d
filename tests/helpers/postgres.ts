import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { inject } from 'vitest';

const READY_TIMEOUT_MS = 120_000;

/** The URL of the test run's PostgreSQL server (its `postgres` database), once it is up. */
export async function postgresServerUrl(): Promise<string> {
  const file = inject('postgresStatusFile');
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text !== null && text !== '') {
      const status = JSON.parse(text) as { url?: string; error?: string };
      if (status.url !== undefined) return status.url;
      throw new Error(status.error ?? `unreadable ${file}`);
    }
    if (Date.now() > deadline) throw new Error(`PostgreSQL for the tests was not up within ${READY_TIMEOUT_MS / 1000} s`);
    await sleep(100);
  }
}

function withPath(url: string, database: string, schema?: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (schema !== undefined) parsed.searchParams.set('search_path', schema);
  return parsed.toString();
}

const unique = (prefix: string): string => `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;

/** A database of its own for one test file; each test takes a fresh schema in it (cheaper than a database). */
export class TestDatabase {
  private constructor(
    readonly url: string,
    private readonly admin: postgres.Sql,
  ) {}

  static async create(): Promise<TestDatabase> {
    const server = await postgresServerUrl();
    const name = unique('ringkas_test');
    const root = postgres(server, { max: 1, onnotice: () => undefined });
    try {
      await root.unsafe(`CREATE DATABASE ${name}`);
    } finally {
      await root.end();
    }
    const url = withPath(server, name);
    return new TestDatabase(url, postgres(url, { max: 1, onnotice: () => undefined }));
  }

  /** A URL whose connections work in a new, empty schema. */
  async freshSchema(): Promise<string> {
    const schema = unique('t');
    await this.admin.unsafe(`CREATE SCHEMA ${schema}`);
    return withPath(this.url, new URL(this.url).pathname.slice(1), schema);
  }

  async close(): Promise<void> {
    await this.admin.end();
  }
}
