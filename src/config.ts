import { z } from 'zod';
import { defaultAnalysisThreads } from './analysis/threads.js';
import { configErrorMessage } from './config-messages.js';
import { isValidZone } from './digest/timezone.js';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');
const blankToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const schema = z.object({
  DISCORD_TOKEN: optional(z.string().min(50, 'looks too short to be a bot token').regex(/^\S+$/, 'must not contain spaces')),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_BASE: optional(z.url('must be a URL such as http://127.0.0.1:8787/api')),
  CORPUS_DIR: z.preprocess(blankToUndefined, z.string().default('seeds')),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default('data')),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL such as postgres://user:password@host:5432/ringkas')),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  DEFAULT_TIMEZONE: z.preprocess(
    blankToUndefined,
    z.string().refine(isValidZone, 'must be an IANA time zone such as Asia/Jakarta').default('Asia/Jakarta'),
  ),
  OWNER_IDS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('')
      .transform((list) => list.split(',').map((id) => id.trim()).filter((id) => id !== ''))
      .pipe(z.array(snowflake)),
  ),
  MAX_ARTICLE_BYTES: z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(5 * 1024 * 1024)),
  ALLOW_PRIVATE_URLS: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value),
    z.enum(['true', 'false', '1', '0'], 'must be true or false').default('false').transform((v) => v === 'true' || v === '1'),
  ),
  BOT_CONTACT_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://github.com/you/ringkas' })),
  ANALYSIS_THREADS: optional(z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more').max(16, 'must be 16 or fewer')),
  FEED_POLL_MINUTES: z.preprocess(
    blankToUndefined,
    z.coerce.number().min(2, 'must be 2 or more (feeds are never polled more often)').max(1440, 'must be 1440 or fewer').default(10),
  ),
  FEEDS_PER_GUILD: z.preprocess(blankToUndefined, z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(1000, 'must be 1000 or fewer').default(50)),
  FEED_HOST_DELAY_MS: z.preprocess(blankToUndefined, z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more').max(60_000, 'must be 60000 or fewer').default(1000)),
  SHARD_COUNT: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value),
    z.union([z.literal('auto'), z.coerce.number().int().min(1, 'must be auto or a whole number from 1').max(10_000, 'must be 10000 or fewer')], 'must be auto or a whole number from 1').default(1),
  ),
  SHARD_IDS: optional(z.string().transform(parseShardIds).pipe(z.array(z.number('must be shard ids such as 0-3 or 0,2,5')).min(1, 'must name at least one shard, such as 0-3 or 0,2'))),
  SHARD_PROCESSES: z.preprocess(blankToUndefined, z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(64, 'must be 64 or fewer').default(1)),
  HTTP_PORT: optional(z.coerce.number().int('must be a whole number').min(0, 'must be a port from 1 to 65535').max(65_535, 'must be a port from 1 to 65535')),
  HTTP_HOST: z.preprocess(blankToUndefined, z.string().default('0.0.0.0')),
}).superRefine((env, context) => {
  const ids = env.SHARD_IDS;
  if (ids === undefined || env.SHARD_COUNT === 'auto') return;
  const outside = ids.find((id) => id >= (env.SHARD_COUNT as number));
  if (outside !== undefined) context.addIssue({ code: 'custom', path: ['SHARD_IDS'], message: `names shard ${outside}, but SHARD_COUNT is ${env.SHARD_COUNT}` });
});

/** `0-3`, `0,2,5` or both (`0-3,8`) into sorted distinct ids; NaN for anything else, which the schema then refuses. */
function parseShardIds(text: string): number[] {
  const ids = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    if (range !== null) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (to < from || to - from > 10_000) return [Number.NaN];
      for (let id = from; id <= to; id++) ids.add(id);
    } else if (/^\d+$/.test(part)) ids.add(Number(part));
    else return [Number.NaN];
  }
  return [...ids].sort((a, b) => a - b);
}

export interface Config {
  readonly token: string | null;
  readonly applicationId: string | null;
  readonly guildId: string | null;
  readonly apiBase: string | null;
  readonly corpusDir: string;
  readonly dataDir: string;
  /** PostgreSQL for every piece of state (several processes or hosts); null: SQLite in dataDir. */
  readonly databaseUrl: string | null;
  readonly logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  readonly defaultTimeZone: string;
  readonly ownerIds: readonly string[];
  readonly maxArticleBytes: number;
  /** Fetch feeds and pages on loopback, private and link-local addresses too (tests and local mode). */
  readonly allowPrivateUrls: boolean;
  /** Named in the User-Agent of every fetch, so a site's operator can reach ours. */
  readonly contactUrl: string | null;
  /** Worker threads that analyse articles beside the main thread (0: the main thread alone). */
  readonly analysisThreads: number;
  /** How often each feed is polled, in minutes (2 at least). */
  readonly feedPollMinutes: number;
  readonly feedsPerGuild: number;
  /** Pause between two requests to one host (feeds and article pages). */
  readonly feedHostDelayMs: number;
  /** Gateway shards of the whole bot: a number, or 'auto' for what Discord recommends (GET /gateway/bot). */
  readonly shardCount: number | 'auto';
  /** The shards this host runs (several hosts split them); null: all of them. */
  readonly shardIds: readonly number[] | null;
  /** Processes this host runs its shards in (discord-hybrid-sharding clusters); 1: the shards run inside this process. */
  readonly shardProcesses: number;
  /** Port of /healthz and /metrics (0: any free one, logged); null: no HTTP server. */
  readonly httpPort: number | null;
  readonly httpHost: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment once; the error names the first bad variable in one line, as a person would say it, never echoing a secret. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const result = schema.safeParse(env);
  if (!result.success) throw new ConfigError(`Invalid configuration: ${configErrorMessage(result.error.issues[0], env)}`);
  const e = result.data;
  return {
    token: e.DISCORD_TOKEN ?? null,
    applicationId: e.DISCORD_APPLICATION_ID ?? null,
    guildId: e.DISCORD_GUILD_ID ?? null,
    apiBase: e.DISCORD_API_BASE ?? null,
    corpusDir: e.CORPUS_DIR,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL ?? null,
    logLevel: e.LOG_LEVEL,
    defaultTimeZone: e.DEFAULT_TIMEZONE,
    ownerIds: e.OWNER_IDS,
    maxArticleBytes: e.MAX_ARTICLE_BYTES,
    allowPrivateUrls: e.ALLOW_PRIVATE_URLS,
    contactUrl: e.BOT_CONTACT_URL ?? null,
    analysisThreads: e.ANALYSIS_THREADS ?? defaultAnalysisThreads(),
    feedPollMinutes: e.FEED_POLL_MINUTES,
    feedsPerGuild: e.FEEDS_PER_GUILD,
    feedHostDelayMs: e.FEED_HOST_DELAY_MS,
    shardCount: e.SHARD_COUNT,
    shardIds: e.SHARD_IDS ?? null,
    shardProcesses: e.SHARD_PROCESSES,
    httpPort: e.HTTP_PORT ?? null,
    httpHost: e.HTTP_HOST,
  };
}

/** Reads `.env` (without overriding the real environment) and validates it. */
export async function loadConfig(envFile = '.env'): Promise<Config> {
  const dotenv = await import('dotenv');
  const parsed: Record<string, string> = {};
  dotenv.config({ path: envFile, processEnv: parsed, quiet: true });
  return parseConfig({ ...parsed, ...process.env });
}
