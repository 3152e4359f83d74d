import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/digest/index.js';
import { startDiscordServer, type InteractionOutcome, type LocalDiscordServer } from '../discord-emulator/index.js';
import { startDigestBot, type DigestBot } from './bot-digest-fixtures.js';
import { CHANNEL } from './digest-fixtures.js';
import { scratchDir, sharedData } from './helpers/tmp.js';

// Issue 14 items 1 and 3, through the Discord-compatible server: nothing new is skipped silently (what does not fit waits,
// and the digest says how many), preview and /digest now agree, follow-up messages up to max_messages, the next run in
// the channel's zone only, the server's only digest when no channel is named, and "off" for a digest turned off.

let server: LocalDiscordServer;
let running: DigestBot;
let corpus: Awaited<ReturnType<typeof scratchDir>>;
let data: Awaited<ReturnType<typeof scratchDir>>;

const MODERATOR = { user: 'moderator', channel: 'general' };
const textOf = (outcome: InteractionOutcome) => outcome.messages.map((m) => m.content).join('\n');
const titlesIn = (channelId: string) => server.channelMessages(channelId).flatMap((m) => m.embeds.map((e) => e.title));
const ARTICLES = 11;
/** A second digest channel (#general holds the command replies, so it is not one). */
let second: string;

beforeAll(async () => {
  corpus = await scratchDir();
  data = await scratchDir();
  // Eleven different stories (real texts of ten outlets, read from ../shared/data, never copied).
  const rows = readFileSync(join(sharedData, 'realnews', 'texts.jsonl'), 'utf8').split('\n').filter((line) => line.trim() !== '');
  for (let i = 0; i < ARTICLES; i++) {
    const row = JSON.parse(rows[i * 97] ?? '{}') as { id: string; outlet: string; url: string; title: string; text: string };
    const published = `2025-01-${String(1 + i).padStart(2, '0')}T08:00:00+07:00`;
    await corpus.write(`${row.id}.json`, JSON.stringify({ id: row.id, title: row.title, published, source: row.outlet, url: row.url, body: row.text.split(/\n+/).join('\n\n') }));
  }
  server = await startDiscordServer({ rateLimits: false });
  second = server.addChannel({ name: 'ringkasan' }).id;
  running = await startDigestBot({
    discord: { apiUrl: server.apiUrl, token: server.token, guildId: server.guild.id },
    corpusDir: corpus.dir,
    dataDir: data.dir,
    clock: new ManualClock(Date.parse('2025-01-10T12:00:00Z')),
  });
}, 60_000);

afterAll(async () => {
  await running.stop();
  await server.stop();
  await corpus.cleanup();
  await data.cleanup();
}, 60_000);

describe('/digest: nothing new is skipped', { timeout: 60_000 }, () => {
  it('says how many wait, the preview and /digest now agree, and what waited comes in the next digests', async () => {
    await server.runCommand('digest set', { channel: CHANNEL, schedule: '07:00', size: 5 }, MODERATOR);
    const preview = await server.runCommand('digest now', { channel: CHANNEL, preview: true }, MODERATOR);
    expect(textOf(preview)).toContain('5 articles in 1 message, 6 more waiting for the next digest');

    const first = await server.runCommand('digest now', { channel: CHANNEL }, MODERATOR);
    expect(textOf(first)).toContain(`Posted 5 articles to <#${CHANNEL}> in 1 message. 6 articles still wait for the next digest`);
    expect(server.channelMessages(CHANNEL)[0]?.content).toContain('5 new articles (6 more waiting for the next digest)');

    const again = await server.runCommand('digest now', { channel: CHANNEL, preview: true }, MODERATOR);
    expect(textOf(again)).toContain('5 articles in 1 message, 1 more waiting for the next digest');
    expect(textOf(await server.runCommand('digest now', { channel: CHANNEL }, MODERATOR))).toContain('Posted 5 articles');
    expect(textOf(await server.runCommand('digest now', { channel: CHANNEL }, MODERATOR))).toMatch(/Posted 1 article to .* in 1 message\.$/);
    expect(textOf(await server.runCommand('digest now', { channel: CHANNEL }, MODERATOR))).toContain('Nothing new');
    const titles = titlesIn(CHANNEL);
    expect(titles).toHaveLength(ARTICLES);
    expect(new Set(titles).size).toBe(ARTICLES);

    const status = await server.runCommand('digest status', {}, MODERATOR);
    const fields = status.messages[0]?.embeds[0]?.fields as { value: string }[] | undefined;
    expect(fields?.[0]?.value).toContain('Last digest');
  });

  it('posts follow-up messages up to the moderator’s max_messages, each of up to size articles', async () => {
    const set = await server.runCommand('digest set', { channel: second, schedule: '07:00', size: 3, max_messages: 2 }, MODERATOR);
    expect(textOf(set)).toContain('Up to 2 messages per run');
    const posted = await server.runCommand('digest now', { channel: second }, MODERATOR);
    expect(textOf(posted)).toContain('Posted 6 articles');
    expect(textOf(posted)).toContain('in 2 messages');
    expect(textOf(posted)).toContain('5 articles still wait');
    const messages = server.channelMessages(second);
    expect(messages.map((m) => m.embeds.length)).toEqual([3, 3]);
    expect(messages[0]?.content).toContain('(5 more waiting for the next digest)');
    expect(messages[1]?.content ?? '').toBe('');
  });

  it('shows the next run in the channel’s zone only, with the zone named', async () => {
    const status = await server.runCommand('digest status', {}, MODERATOR);
    const value = (status.messages[0]?.embeds[0]?.fields as { value: string }[] | undefined)?.[0]?.value ?? '';
    expect(value).toMatch(/Next run:\*\* \w{3}, \d+ Jan 2025, 07:00 GMT\+7$/m);
    expect(value).not.toContain('<t:');
  });
});

describe('/digest now without a channel, and a digest turned off', { timeout: 60_000 }, () => {
  it('uses the server’s only digest, wherever the command is typed', async () => {
    await server.runCommand('digest off', { channel: second }, MODERATOR);
    const before = server.channelMessages(CHANNEL).length;
    const preview = await server.runCommand('digest now', { preview: true }, MODERATOR);
    expect(textOf(preview)).toContain(`<#${CHANNEL}>`);
    const now = await server.runCommand('digest now', {}, MODERATOR);
    expect(textOf(now)).toContain(`<#${CHANNEL}>`);
    expect(server.channelMessages(CHANNEL).length).toBeGreaterThanOrEqual(before);
    // Nothing went to the other channel, whose digest is off now.
    expect(server.channelMessages(second)).toHaveLength(2);
  });

  it('says a digest that was turned off is off, and a channel that never had one has none yet', async () => {
    const off = await server.runCommand('digest now', { channel: second }, MODERATOR);
    expect(textOf(off)).toContain(`The digest of <#${second}> is off: a moderator turned it off`);
    const offId = await server.runCommand('digest now', { channel: second }, { ...MODERATOR, locale: 'id' });
    expect(textOf(offId)).toContain('sedang dimatikan oleh moderator');
    const fresh = server.addChannel({ name: 'pengumuman' });
    const never = await server.runCommand('digest now', { channel: fresh.id }, MODERATOR);
    expect(textOf(never)).toContain('has no digest yet');
  });
});
