import pino, { type Logger, type DestinationStream } from 'pino';

export type { Logger };

const REDACTED = '[REDACTED]';
const tokenLike = /\b[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,40}\b/g;

/** Replaces the configured token, and anything shaped like a bot token, wherever it appears in a string. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  return out.replace(tokenLike, REDACTED);
}

function redactDeep(value: unknown, secrets: readonly string[], seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (value instanceof Error) {
    const copy = new Error(redactSecrets(value.message, secrets));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactSecrets(value.stack, secrets);
    return copy;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, secrets, seen);
  return out;
}

export interface LoggerOptions {
  level: string;
  /** Values that must never reach the log (the bot token). */
  secrets?: readonly string[];
  destination?: DestinationStream;
}

export function createLogger({ level, secrets = [], destination }: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'ringkas' },
    redact: { paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization'], censor: REDACTED },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg) => redactDeep(arg, secrets)) as Parameters<typeof method>);
      },
    },
    serializers: { err: pino.stdSerializers.err },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
