// The container's HEALTHCHECK (node dist/src/ops/healthcheck.js): exit 0 when /healthz answers 200, or when no HTTP_PORT
// is set (nothing to ask); 1 otherwise. No curl in the slim image, and it reads the same configuration as the bot.
import { loadConfig } from '../config.js';

const TIMEOUT_MS = 4_000;

async function check(): Promise<number> {
  const config = await loadConfig();
  if (config.httpPort === null) return 0;
  const host = config.httpHost === '0.0.0.0' || config.httpHost === '::' ? '127.0.0.1' : config.httpHost;
  const response = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${config.httpPort}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) process.stderr.write(`${await response.text()}\n`);
  return response.ok ? 0 : 1;
}

check().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`health check failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
