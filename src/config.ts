import { z } from 'zod';
import { defaultAnalysisThreads } from './analysis/threads.js';
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
});

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
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment once; the error names the first bad variable in one line and never echoes its value. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`Invalid configuration: ${variable} ${issue?.message ?? 'is invalid'}`);
  }
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
  };
}

/** Reads `.env` (without overriding the real environment) and validates it. */
export async function loadConfig(envFile = '.env'): Promise<Config> {
  const dotenv = await import('dotenv');
  const parsed: Record<string, string> = {};
  dotenv.config({ path: envFile, processEnv: parsed, quiet: true });
  return parseConfig({ ...parsed, ...process.env });
}
