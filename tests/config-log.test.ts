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
    [{ DEFAULT_TIMEZONE: 'Asia/Bandung' }, /^Invalid configuration: DEFAULT_TIMEZONE must be an IANA time zone/],
    [{ DISCORD_GUILD_ID: 'my-guild' }, /^Invalid configuration: DISCORD_GUILD_ID must be a Discord id/],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL /],
    [{ OWNER_IDS: '123456789012345678,abc' }, /^Invalid configuration: OWNER_IDS\.1 must be a Discord id/],
    [{ MAX_ARTICLE_BYTES: '-5' }, /^Invalid configuration: MAX_ARTICLE_BYTES /],
    [{ DISCORD_API_BASE: 'not a url' }, /^Invalid configuration: DISCORD_API_BASE must be a URL/],
  ])('names the bad variable in one line: %o', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
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
