import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';
import { userAgent } from '../src/fetch/index.js';

describe('fetch configuration', () => {
  it('refuses private addresses by default; ALLOW_PRIVATE_URLS=true allows them', () => {
    expect(parseConfig({}).allowPrivateUrls).toBe(false);
    expect(parseConfig({ ALLOW_PRIVATE_URLS: 'true' }).allowPrivateUrls).toBe(true);
    expect(parseConfig({ ALLOW_PRIVATE_URLS: ' TRUE ' }).allowPrivateUrls).toBe(true);
    expect(parseConfig({ ALLOW_PRIVATE_URLS: '0' }).allowPrivateUrls).toBe(false);
    expect(parseConfig({ ALLOW_PRIVATE_URLS: '' }).allowPrivateUrls).toBe(false);
    expect(() => parseConfig({ ALLOW_PRIVATE_URLS: 'yes please' })).toThrow(ConfigError);
    expect(() => parseConfig({ ALLOW_PRIVATE_URLS: 'yes please' })).toThrow(/^Invalid configuration: ALLOW_PRIVATE_URLS must be true or false/);
  });

  it('names the contact URL in the User-Agent', () => {
    const config = parseConfig({ BOT_CONTACT_URL: 'https://example.org/ringkas' });
    expect(config.contactUrl).toBe('https://example.org/ringkas');
    expect(userAgent(config.contactUrl)).toMatch(/^Ringkas\/\d+\.\d+\.\d+ \(\+https:\/\/example\.org\/ringkas\)$/);
    expect(userAgent(null)).toMatch(/^Ringkas\/\d+\.\d+\.\d+$/);
    expect(() => parseConfig({ BOT_CONTACT_URL: 'ftp://example.org' })).toThrow(/BOT_CONTACT_URL/);
  });
});
