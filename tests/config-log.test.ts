import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';

const token = `${'M'.repeat(24)}.${'G'.repeat(6)}.${'x'.repeat(38)}`;

describe('configuration', () => {
  it('has working defaults with nothing set', () => {
    expect(parseConfig({})).toMatchObject({
      token: null, corpusDir: 'seeds', dataDir: 'data', logLevel: 'info', defaultTimeZone: 'Asia/Jakarta', ownerIds: [], maxArticleBytes: 5 * 1024 * 1024,
    });
  });

  it('reads every variable', () => {
    const config = parseConfig({
      DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_GUILD_ID: '223456789012345678',
      DISCORD_API_BASE: 'http://127.0.0.1:9000/api', CORPUS_DIR: 'news', DATA_DIR: '/var/ringkas', LOG_LEVEL: 'debug',
      DEFAULT_TIMEZONE: 'Asia/Makassar', OWNER_IDS: '323456789012345678, 423456789012345678', MAX_ARTICLE_BYTES: '1000',
    });
    expect(config).toMatchObject({
      token, applicationId: '123456789012345678', guildId: '223456789012345678', apiBase: 'http://127.0.0.1:9000/api',
      corpusDir: 'news', dataDir: '/var/ringkas', logLevel: 'debug', defaultTimeZone: 'Asia/Makassar',
      ownerIds: ['323456789012345678', '423456789012345678'], maxArticleBytes: 1000,
    });
  });

  it.each([
    [{ DEFAULT_TIMEZONE: 'Asia/Bandung' }, /^Invalid configuration: DEFAULT_TIMEZONE must be an IANA time zone such as Asia\/Jakarta.* \(got "Asia\/Bandung"\)$/],
    [{ DISCORD_GUILD_ID: 'my-guild' }, /^Invalid configuration: DISCORD_GUILD_ID must be a Discord id .*\(got "my-guild"\)$/],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent \(got "loud"\)$/],
    [{ OWNER_IDS: '123456789012345678,abc' }, /^Invalid configuration: OWNER_IDS must be Discord user ids \(17 to 20 digits each\) separated by commas; "abc" is not one$/],
    [{ MAX_ARTICLE_BYTES: '-5' }, /^Invalid configuration: MAX_ARTICLE_BYTES must be a whole number of bytes above 0.* \(got "-5"\)$/],
    [{ DISCORD_API_BASE: 'not a url' }, /^Invalid configuration: DISCORD_API_BASE must be a URL such as http:\/\/127\.0\.0\.1:8787\/api .*\(got "not a url"\)$/],
  ])('names the bad variable in one line: %o', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  it.each([
    ['MAX_ARTICLE_BYTES', 'abc', 'MAX_ARTICLE_BYTES must be a whole number of bytes above 0, such as 5242880 for 5 MB (got "abc")'],
    ['MAX_ARTICLE_BYTES', '1.5', 'MAX_ARTICLE_BYTES must be a whole number of bytes above 0, such as 5242880 for 5 MB (got "1.5")'],
    ['MAX_ARTICLE_BYTES', '0', 'MAX_ARTICLE_BYTES must be a whole number of bytes above 0, such as 5242880 for 5 MB (got "0")'],
    ['ANALYSIS_THREADS', 'many', 'ANALYSIS_THREADS must be a whole number from 0 to 16 (got "many")'],
    ['ANALYSIS_THREADS', '99', 'ANALYSIS_THREADS must be a whole number from 0 to 16 (got "99")'],
    ['ALLOW_PRIVATE_URLS', 'yes', 'ALLOW_PRIVATE_URLS must be true or false (got "yes")'],
    ['BOT_CONTACT_URL', 'ftp://example.com', 'BOT_CONTACT_URL must be an http(s) URL such as https://github.com/you/ringkas (got "ftp://example.com")'],
    ['DISCORD_APPLICATION_ID', '12', 'DISCORD_APPLICATION_ID must be a Discord application id (17 to 20 digits, from General Information → Application ID) (got "12")'],
    ['LOG_LEVEL', 'x'.repeat(500), `LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent (got "${'x'.repeat(80)}…")`],
  ])('every variable says what it must be and what it got, as a person would write it: %s=%s', (variable, value, message) => {
    expect(() => parseConfig({ [variable]: value })).toThrow(`Invalid configuration: ${message}`);
    expect(() => parseConfig({ [variable]: value })).not.toThrow(/Invalid input|expected|received|NaN|Too (small|big)/);
  });

  it('every variable of the schema has its own wording, never zod\'s', () => {
    const bad: Record<string, string> = {
      DISCORD_TOKEN: 'a b', DISCORD_APPLICATION_ID: 'x', DISCORD_GUILD_ID: 'x', DISCORD_API_BASE: 'x', LOG_LEVEL: 'x', DEFAULT_TIMEZONE: 'x',
      OWNER_IDS: 'x', MAX_ARTICLE_BYTES: 'x', ALLOW_PRIVATE_URLS: 'x', BOT_CONTACT_URL: 'x', ANALYSIS_THREADS: 'x',
    };
    for (const [variable, value] of Object.entries(bad)) {
      let message = '';
      try {
        parseConfig({ [variable]: value });
      } catch (error) {
        message = String((error as Error).message);
      }
      expect(message, variable).toMatch(new RegExp(`^Invalid configuration: ${variable} must `));
      expect(message, variable).not.toMatch(/Invalid input|Invalid option|expected|received|NaN/);
    }
  });

  it('hides a password inside a URL it repeats', () => {
    expect(() => parseConfig({ BOT_CONTACT_URL: 'ftp://user:hunter2@example.com/x' })).toThrow(/got "ftp:\/\/\*\*\*@example\.com\/x"/);
    expect(() => parseConfig({ BOT_CONTACT_URL: 'ftp://user:hunter2@example.com/x' })).not.toThrow(/hunter2/);
  });

  it('never echoes a bad token', () => {
    const bad = 'short secret';
    let message = '';
    try {
      parseConfig({ DISCORD_TOKEN: bad });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/DISCORD_TOKEN/);
    expect(message).not.toContain(bad);
    expect(message.split('\n')).toHaveLength(1);
  });
});

describe('logging', () => {
  it('redacts the token wherever it appears', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger({ level: 'info', secrets: [token], destination });
    log.info({ token, nested: { header: `Bot ${token}` } }, `logging in with ${token}`);
    log.error({ err: new Error(`failed for ${token}`) }, 'oops');
    log.info(`another shaped like a token: ${'A'.repeat(26)}.${'b'.repeat(6)}.${'c'.repeat(30)}`);
    const output = lines.join('');
    expect(output).not.toContain(token);
    expect(output).not.toContain('c'.repeat(30));
    expect(output).toContain('[REDACTED]');
    expect(output).toContain('logging in with');
  });
});
