import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresServer } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A JSON file that says `{ "url": … }` once the test run's PostgreSQL is up, or `{ "error": … }`. */
    postgresStatusFile: string;
  }
}

/**
 * Starts one PostgreSQL for the whole test run, in the background so runs without PostgreSQL tests do not wait for it;
 * tests wait for the status file (tests/helpers/postgres.ts). TEST_DATABASE_URL names a server to use instead.
 */
export default function setup(project: TestProject): () => Promise<void> {
  const statusFile = path.join(tmpdir(), `ringkas-pg-status-${process.pid}-${randomBytes(4).toString('hex')}.json`);
  project.provide('postgresStatusFile', statusFile);
  const external = process.env.TEST_DATABASE_URL;
  const log: string[] = [];
  const starting: Promise<PostgresServer | null> =
    external !== undefined && external !== ''
      ? writeFile(statusFile, JSON.stringify({ url: external })).then(() => null)
      : startPostgres((line) => log.push(line)).then(
          async (server) => {
            await writeFile(statusFile, JSON.stringify({ url: server.url }));
            return server;
          },
          async (error: unknown) => {
            const detail = `${error instanceof Error ? error.message : String(error)}\n${log.slice(-20).join('')}`;
            await writeFile(statusFile, JSON.stringify({ error: `PostgreSQL for the tests did not start: ${detail}` }));
            return null;
          },
        );
  return async () => {
    const server = await starting;
    await server?.stop();
    await rm(statusFile, { force: true });
  };
}
