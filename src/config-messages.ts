import type { z } from 'zod';

/** What each variable must be, as the error says it: `MAX_ARTICLE_BYTES must be a whole number of bytes …`. */
const RULES: Readonly<Record<string, string>> = {
  DISCORD_TOKEN: 'must be the bot token from the Discord developer portal (Bot → Reset Token): one word of about 70 characters',
  DISCORD_APPLICATION_ID: 'must be a Discord application id (17 to 20 digits, from General Information → Application ID)',
  DISCORD_GUILD_ID: 'must be a Discord id (17 to 20 digits; right-click the server → Copy Server ID)',
  DISCORD_API_BASE: 'must be a URL such as http://127.0.0.1:8787/api (or empty for Discord itself)',
  LOG_LEVEL: 'must be one of fatal, error, warn, info, debug, trace or silent',
  DEFAULT_TIMEZONE: 'must be an IANA time zone such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura',
  MAX_ARTICLE_BYTES: 'must be a whole number of bytes above 0, such as 5242880 for 5 MB',
  ALLOW_PRIVATE_URLS: 'must be true or false',
  BOT_CONTACT_URL: 'must be an http(s) URL such as https://github.com/you/ringkas',
  ANALYSIS_THREADS: 'must be a whole number from 0 to 16',
  SHARD_COUNT: 'must be auto or a whole number from 1 (gateway shards; Discord requires one per 2,500 servers)',
  SHARD_PROCESSES: 'must be a whole number of processes from 1 to 64',
  SHARD_IDS: 'must list shard ids such as 0-3 or 0,2,5',
  HTTP_PORT: 'must be a port from 1 to 65535 (or 0 for any free port)',
  FEED_POLL_MINUTES: 'must be a number of minutes from 2 (feeds are never polled more often) to 1440',
  FEEDS_PER_GUILD: 'must be a whole number of feeds from 1 to 1000',
  FEED_HOST_DELAY_MS: 'must be a whole number of milliseconds from 0 to 60000',
};

/** Lists: what each item must be. */
const ITEM_RULES: Readonly<Record<string, string>> = {
  OWNER_IDS: 'must be Discord user ids (17 to 20 digits each) separated by commas',
};

/** Values never repeated in an error, whatever the variable is called. */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|API_KEY/i;
const SHOWN_MAX = 80;

/** A zod issue in words, for variables without a rule of their own (a variable added later still reads well). */
function fallbackRule(issue: z.core.$ZodIssue): string {
  if (/^must\b/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number') return 'must be a number';
      if (issue.expected === 'int') return 'must be a whole number';
      return `must be ${issue.expected === 'string' ? 'text' : `a ${issue.expected}`}`;
    case 'too_small':
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
    case 'too_big':
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'url' ? 'must be a URL' : `is not in the expected format (${issue.format})`;
    default:
      return 'is not a valid value';
  }
}

/** The value as typed, quoted, cut short, with any password inside a URL hidden. */
function shown(value: string): string {
  const masked = value.replace(/^([a-z][\w+.-]*:\/\/)[^/@\s]*@/i, '$1***@');
  const cut = masked.length > SHOWN_MAX ? `${masked.slice(0, SHOWN_MAX)}…` : masked;
  return JSON.stringify(cut);
}

/**
 * One line naming the bad variable, what it must be and what it got: `MAX_ARTICLE_BYTES must be a whole number of bytes
 * above 0, such as 5242880 for 5 MB (got "abc")`. A secret's value is never repeated.
 */
export function configErrorMessage(issue: z.core.$ZodIssue | undefined, env: Readonly<Record<string, string | undefined>>): string {
  if (issue === undefined) return 'the environment is not valid';
  const variable = String(issue.path[0] ?? 'environment');
  const raw = env[variable];
  const item = issue.path[1];
  if (typeof item === 'number' && raw !== undefined) {
    const bad = raw.split(',').map((part) => part.trim()).filter((part) => part !== '')[item] ?? '';
    const rule = ITEM_RULES[variable] ?? fallbackRule(issue);
    return SECRET_NAME.test(variable) ? `${variable} ${rule}` : `${variable} ${rule}; ${shown(bad)} is not one`;
  }
  // a check across variables (SHARD_IDS against SHARD_COUNT) says itself what is wrong
  const rule = issue.code === 'custom' ? issue.message : (RULES[variable] ?? fallbackRule(issue));
  if (raw === undefined || SECRET_NAME.test(variable)) return `${variable} ${rule}`;
  return `${variable} ${rule} (got ${shown(raw)})`;
}
