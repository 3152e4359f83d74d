import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { letOtherUsersTraverse } from './traversable.js';

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
const CHILD = fileURLToPath(new URL('./postgres-child.ts', import.meta.url));

type FromChild = { readonly url: string } | { readonly error: string };

/** Starts the server in its own process (see postgres-child.ts); resolves with its URL, or rejects with why it did not start. */
function startServerProcess(): { child: ChildProcess; ready: Promise<string> } {
  const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const ready = new Promise<string>((resolve, reject) => {
    child.once('message', (message: FromChild) => ('url' in message ? resolve(message.url) : reject(new Error(message.error))));
    child.once('exit', (code) => reject(new Error(`the PostgreSQL process exited (${code ?? 'signal'}) before it was ready\n${stderr}`)));
  });
  return { child, ready };
}

/**
 * Starts one PostgreSQL for the whole test run, in the background so runs without PostgreSQL tests do not wait for it;
 * tests wait for the status file (tests/helpers/postgres.ts). TEST_DATABASE_URL names a server to use instead.
 */
export default function setup(project: TestProject): () => Promise<void> {
  letOtherUsersTraverse(fileURLToPath(new URL('../..', import.meta.url)));
  const statusFile = path.join(tmpdir(), `ringkas-pg-status-${process.pid}-${randomBytes(4).toString('hex')}.json`);
  project.provide('postgresStatusFile', statusFile);
  const external = process.env.TEST_DATABASE_URL;
  let child: ChildProcess | null = null;
  const starting: Promise<void> =
    external !== undefined && external !== ''
      ? writeFile(statusFile, JSON.stringify({ url: external }))
      : (() => {
          const started = startServerProcess();
          child = started.child;
          return started.ready.then(
            (url) => writeFile(statusFile, JSON.stringify({ url })),
            (error: unknown) =>
              writeFile(statusFile, JSON.stringify({ error: `PostgreSQL for the tests did not start: ${error instanceof Error ? error.message : String(error)}` })),
          );
        })();
  return async () => {
    await starting;
    const running = child as ChildProcess | null;
    if (running !== null && running.exitCode === null) {
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.send('stop');
      await exited;
    }
    await rm(statusFile, { force: true });
  };
}
