import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock, openDigestService, type DigestService } from '../src/digest/index.js';
import { discordDigestPorts } from '../src/discord/digest/index.js';
import { articleFile, CHANNEL, corpusFolder, GUILD, OTHER_CHANNEL, prose, restFor, silentLog, TOKEN } from './digest-fixtures.js';
import { PermissionFlagsBits } from 'discord.js';
import { startDiscordServer, type LocalDiscordServer } from '../discord-emulator/index.js';
import { BACKENDS, storeFixture, type StoreUnderTest } from './helpers/store-backends.js';
import { repoRoot } from './helpers/tmp.js';

// Sunday 5 January 2025, 19:00 WIB; the first 07:00 WIB digest is due at 2025-01-06T00:00Z.
const SUNDAY_EVENING = Date.parse('2025-01-05T12:00:00Z');
const day = (n: number) => Date.parse('2025-01-06T00:00:00Z') + (n - 1) * 86_400_000;

const SLOW = { timeout: 60_000 };

describe.each(BACKENDS)('digests on %s', (backend) => {
const fixture = storeFixture(backend);
let discord: LocalDiscordServer;
let corpus: Awaited<ReturnType<typeof corpusFolder>>;
let data: StoreUnderTest;
let clock: ManualClock;
const services: DigestService[] = [];

/** A digest service as one process would run it; `peer` gives it a connection of its own to the same data. */
async function startService(overrides: { clock?: ManualClock; instanceId?: string; peer?: boolean } = {}): Promise<DigestService> {
  const service = openDigestService({
    config: { dataDir: '', defaultTimeZone: 'Asia/Jakarta' },
    store: overrides.peer === true ? await data.peer() : data.store,
    ...discordDigestPorts(restFor(discord.apiUrl)),
    library: corpus.holder,
    log: silentLog,
    clock: overrides.clock ?? clock,
    overrides: { retryDelaysMs: [1, 5, 10], instanceId: overrides.instanceId },
  });
  services.push(service);
  return service;
}

async function open(): Promise<DigestService> {
  const service = await startService();
  await service.start();
  return service;
}

async function at(service: DigestService, time: number): Promise<void> {
  clock.advanceTo(time);
  await service.idle();
}

const dates = ['Senin, 30 Desember 2024 - 08:00 WIB', 'Selasa, 31 Desember 2024 - 09:00 WIB', 'Rabu, 1 Januari 2025 - 10:00 WIB', 'Kamis, 2 Januari 2025 - 11:00 WIB', 'Jumat, 3 Januari 2025 - 12:00 WIB'];

async function writeArticle(file: string, title: string, dateIndex = 0, body = prose(title, 60)): Promise<void> {
  await corpus.write(file, articleFile(title, [body], dates[dateIndex % dates.length]));
}

const messagesIn = (channelId: string) => discord.channelMessages(channelId);
const titlesIn = (channelId: string) => messagesIn(channelId).flatMap((m) => m.embeds.map((e) => e.title));
const postsTo = (channelId: string) => discord.requestsTo({ method: 'POST', path: `/channels/${channelId}/messages` });
const nonceOf = (body: unknown) => (typeof body === 'object' && body !== null && 'nonce' in body ? body.nonce : undefined);
const toNews = { method: 'POST', path: `/channels/${CHANNEL}/messages` };

async function set(service: DigestService, schedule = '07:00', extra: Partial<Parameters<DigestService['configure']>[0]> = {}) {
  const result = await service.configure({ guildId: GUILD, channelId: CHANNEL, schedule, size: 10, locale: 'en-US', ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.status;
}

beforeEach(async () => {
  discord = await startDiscordServer({ token: TOKEN });
  corpus = await corpusFolder();
  data = await fixture.fresh();
  clock = new ManualClock(SUNDAY_EVENING);
  await writeArticle('a.txt', 'Pemerintah umumkan rencana jalan tol baru di Sumatra', 0);
  await writeArticle('b.txt', 'Harga beras naik menjelang akhir tahun di Jawa', 2);
  await writeArticle('c.txt', 'Timnas Indonesia menang tipis atas Vietnam di Hanoi', 1);
  await corpus.holder.reload();
}, SLOW.timeout);

afterEach(async () => {
  for (const service of services.splice(0)) await service.stop();
  await discord.stop();
  await corpus.cleanup();
}, SLOW.timeout);

describe('scheduled digests', SLOW, () => {
  it('fire at 07:00 in Asia/Jakarta with the newest articles first, then post nothing while nothing is new', async () => {
    const service = await open();
    const status = await set(service);
    expect(new Date(status.nextRunAt ?? 0).toISOString()).toBe('2025-01-06T00:00:00.000Z');

    await at(service, day(1) - 60_000);
    expect(postsTo(CHANNEL)).toEqual([]);

    await at(service, day(1));
    expect(messagesIn(CHANNEL)).toHaveLength(1);
    expect(titlesIn(CHANNEL)).toEqual([
      'Harga beras naik menjelang akhir tahun di Jawa',
      'Timnas Indonesia menang tipis atas Vietnam di Hanoi',
      'Pemerintah umumkan rencana jalan tol baru di Sumatra',
    ]);
    const [message] = messagesIn(CHANNEL);
    expect(message?.content).toContain('3 new articles');
    expect(message?.nonce).toMatch(/^[\w-]{1,25}$/);
    expect(postsTo(CHANNEL)[0]?.body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });

    await at(service, day(2));
    await at(service, day(3));
    expect(postsTo(CHANNEL)).toHaveLength(1);
    const [after] = await service.status(GUILD);
    expect(after?.lastRun).toMatchObject({ status: 'empty', articles: 0 });
    expect(new Date(after?.nextRunAt ?? 0).toISOString()).toBe('2025-01-09T00:00:00.000Z');
  });

  it('keeps a schedule per channel, each in its own zone', async () => {
    const service = await open();
    await set(service, '07:00');
    const ny = await service.configure({ guildId: GUILD, channelId: OTHER_CHANNEL, schedule: 'weekdays 08:30', timeZone: 'America/New_York', size: 2, locale: 'id' });
    expect(ny.ok && new Date(ny.status.nextRunAt ?? 0).toISOString()).toBe('2025-01-06T13:30:00.000Z');
    expect(new Map((await service.status(GUILD)).map((s) => [s.channelId, s.timeZone]))).toEqual(
      new Map([
        [CHANNEL, 'Asia/Jakarta'],
        [OTHER_CHANNEL, 'America/New_York'],
      ]),
    );

    await at(service, Date.parse('2025-01-06T13:29:00Z'));
    expect(messagesIn(OTHER_CHANNEL)).toHaveLength(0);
    expect(messagesIn(CHANNEL)).toHaveLength(1);
    await at(service, Date.parse('2025-01-06T13:30:00Z'));
    expect(messagesIn(OTHER_CHANNEL)).toHaveLength(1);
    expect(titlesIn(OTHER_CHANNEL)).toHaveLength(2);
    expect(messagesIn(OTHER_CHANNEL)[0]?.content).toContain('2 artikel baru');
  });

  it('carry articles added by a reload in the next digest only', async () => {
    const service = await open();
    await set(service);
    await at(service, day(1));
    expect(titlesIn(CHANNEL)).toHaveLength(3);

    await writeArticle('d.txt', 'Banjir rendam ribuan rumah di Kabupaten Bandung', 3);
    await writeArticle('e.txt', 'Bank Indonesia pertahankan suku bunga acuan', 4);
    await corpus.holder.reload();
    await at(service, day(2));
    expect(messagesIn(CHANNEL)).toHaveLength(2);
    expect(messagesIn(CHANNEL)[1]?.embeds.map((e) => e.title)).toEqual([
      'Bank Indonesia pertahankan suku bunga acuan',
      'Banjir rendam ribuan rumah di Kabupaten Bandung',
    ]);

    await at(service, day(3));
    expect(messagesIn(CHANNEL)).toHaveLength(2);
  });

  it('never deliver a story twice: not after a rename, a reload, an edited text or a rewritten headline', async () => {
    const service = await open();
    await set(service);
    await at(service, day(1));
    expect(titlesIn(CHANNEL)).toHaveLength(3);

    await corpus.rename('a.txt', 'a-renamed.txt');
    await corpus.holder.reload();
    await at(service, day(2));

    await writeArticle('b.txt', 'Harga beras naik menjelang akhir tahun di Jawa', 2, `${prose('Harga beras naik', 60)} Tambahan paragraf baru dari redaksi.`);
    await corpus.holder.reload();
    await at(service, day(3));

    const original = prose('Timnas Indonesia menang tipis atas Vietnam di Hanoi', 60);
    await corpus.write('c.txt', articleFile('Kemenangan dramatis Timnas di Hanoi', [original], dates[1]));
    await corpus.holder.reload();
    await at(service, day(4));
    expect(messagesIn(CHANNEL)).toHaveLength(1);

    await writeArticle('f.txt', 'Gempa magnitudo lima guncang Cianjur pagi ini', 4);
    await corpus.holder.reload();
    await at(service, day(5));
    expect(messagesIn(CHANNEL)).toHaveLength(2);
    expect(messagesIn(CHANNEL)[1]?.embeds.map((e) => e.title)).toEqual(['Gempa magnitudo lima guncang Cianjur pagi ini']);
  });

  it('make up a run missed during downtime once, not once per missed run', async () => {
    const first = await open();
    await set(first);
    await at(first, day(1));
    await first.stop();

    await writeArticle('d.txt', 'Banjir rendam ribuan rumah di Kabupaten Bandung', 3);
    await corpus.holder.reload();
    clock.advanceTo(day(4) + 3 * 3_600_000);
    const second = await open();
    await second.idle();
    expect(messagesIn(CHANNEL)).toHaveLength(2);
    const [status] = await second.status(GUILD);
    expect(new Date(status?.nextRunAt ?? 0).toISOString()).toBe('2025-01-10T00:00:00.000Z');
    await at(second, day(5));
    expect(postsTo(CHANNEL)).toHaveLength(2);
  });

  it('keep everything in the database across a restart', async () => {
    const first = await open();
    await set(first, 'weekdays 07:00', { postWhenEmpty: true });
    await at(first, day(1));
    const before = await first.status(GUILD);
    await first.stop();

    const second = await open();
    expect(await second.status(GUILD)).toEqual(before);
    const other = await data.peer();
    expect((await other.runs.deliveriesOf(CHANNEL)).map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(await other.ledger.storyCount()).toBe(3);
    await at(second, day(2));
    expect(messagesIn(CHANNEL).map((m) => m.content)).toEqual([expect.stringContaining('3 new articles'), '📰 Nothing new since the last digest.']);
  });

  it('are posted by one process only when two share the database', async () => {
    const one = await startService({ instanceId: 'one', peer: true });
    const two = await startService({ instanceId: 'two', peer: true });
    await one.start();
    await two.start();
    expect([one.isScheduling(), two.isScheduling()]).toEqual([true, false]);
    await set(two);
    clock.advanceTo(day(1));
    await Promise.all([one.idle(), two.idle()]);
    expect(postsTo(CHANNEL)).toHaveLength(1);
    await one.stop();
    clock.advanceTo(day(1) + 10 * 60_000);
    await two.idle();
    expect(two.isScheduling()).toBe(true);
    await writeArticle('d.txt', 'Banjir rendam ribuan rumah di Kabupaten Bandung', 3);
    await corpus.holder.reload();
    clock.advanceTo(day(2));
    await two.idle();
    expect(messagesIn(CHANNEL)).toHaveLength(2);
  });
});

describe('posting now, previews and turning off', SLOW, () => {
  it('previews without posting, posts now, and then has nothing new', async () => {
    const service = await open();
    const preview = await service.preview(GUILD, CHANNEL, 'en-US');
    expect(preview).toMatchObject({ hasSchedule: false, articles: 3, leftOut: 0 });
    expect(await service.postNow(GUILD, CHANNEL)).toEqual({ status: 'no_schedule' });
    await set(service, '07:00', { size: 2 });
    expect(await service.preview(GUILD, CHANNEL, 'en-US')).toMatchObject({ hasSchedule: true, articles: 2, leftOut: 1 });
    expect(postsTo(CHANNEL)).toEqual([]);

    expect(await service.postNow(GUILD, CHANNEL)).toMatchObject({ status: 'delivered', articles: 2, messages: 1, waiting: 1 });
    expect(titlesIn(CHANNEL)).toHaveLength(2);
    // What the size left out waited for this digest (issue 14 item 1); then nothing is new.
    expect(await service.postNow(GUILD, CHANNEL)).toMatchObject({ status: 'delivered', articles: 1, waiting: 0 });
    expect(await service.postNow(GUILD, CHANNEL)).toMatchObject({ status: 'empty' });
    expect((await service.preview(GUILD, CHANNEL, 'en-US')).articles).toBe(0);
    expect(postsTo(CHANNEL)).toHaveLength(2);
    expect(new Set(titlesIn(CHANNEL)).size).toBe(3);
  });

  it('lets a scheduled run wait while a manual one is still posting, then runs it', async () => {
    const service = await open();
    await set(service);
    discord.injectDelay(toNews, 300, { times: 1 });
    const manual = service.postNow(GUILD, CHANNEL);
    // The schedule comes due only once the manual run holds the channel and is posting (its post is held 300 ms).
    await vi.waitFor(() => expect(postsTo(CHANNEL)).toHaveLength(1), { timeout: 30_000, interval: 5 });
    clock.advanceTo(day(1));
    expect(await manual).toMatchObject({ status: 'delivered', articles: 3 });
    await service.idle();
    expect(postsTo(CHANNEL)).toHaveLength(1);
    expect((await service.status(GUILD))[0]?.lastRun).toMatchObject({ status: 'empty' });
    expect(new Date((await service.status(GUILD))[0]?.nextRunAt ?? 0).toISOString()).toBe('2025-01-07T00:00:00.000Z');
  });

  it('remembers what was delivered after off and set again', async () => {
    const service = await open();
    await set(service);
    await at(service, day(1));
    expect(await service.remove(GUILD, CHANNEL)).toBe(true);
    expect(await service.remove(GUILD, CHANNEL)).toBe(false);
    expect(await service.status(GUILD)).toEqual([]);
    await at(service, day(2));
    await set(service);
    await at(service, day(3));
    expect(postsTo(CHANNEL)).toHaveLength(1);
  });
});

describe('failures', SLOW, () => {
  it('wait out a 429 and then deliver once', async () => {
    const service = await open();
    await set(service);
    discord.injectRateLimit(toNews, { times: 1, retryAfter: 0.05 });
    await at(service, day(1));
    expect(postsTo(CHANNEL).map((r) => r.status)).toEqual([429, 200]);
    expect(messagesIn(CHANNEL)).toHaveLength(1);
    expect((await service.status(GUILD))[0]).toMatchObject({ state: 'active', consecutiveFailures: 0, lastRun: { status: 'delivered', articles: 3 } });
  });

  it('retry 5xx with backoff, resending the same nonce, and deliver once', async () => {
    const service = await open();
    await set(service);
    discord.injectServerError(toNews, { times: 5, status: 503 });
    await at(service, day(1));
    const posts = postsTo(CHANNEL);
    expect(posts.map((r) => r.status)).toEqual([503, 503, 503, 503, 503, 200]);
    expect(new Set(posts.map((r) => nonceOf(r.body))).size).toBe(1);
    expect(messagesIn(CHANNEL)).toHaveLength(1);
  });

  it('pause the channel on 403 with the reason, and owe its articles until /digest set', async () => {
    const service = await open();
    await set(service);
    const news = discord.world.requireChannel(CHANNEL);
    news.overwrites.push({ id: discord.world.botUser.id, type: 1, allow: 0n, deny: PermissionFlagsBits.SendMessages });
    await at(service, day(1));
    const [paused] = await service.status(GUILD);
    expect(paused).toMatchObject({ state: 'paused', stateReason: 'forbidden', nextRunAt: null, lastRun: { status: 'failed' } });
    expect(paused?.stateDetail).toContain('Missing Permissions');
    await at(service, day(2));
    expect(postsTo(CHANNEL)).toHaveLength(1);

    news.overwrites.length = 0;
    await set(service);
    await at(service, day(3));
    expect(titlesIn(CHANNEL)).toHaveLength(3);
    expect((await service.status(GUILD))[0]).toMatchObject({ state: 'active', stateReason: null });
  });

  it('pause on 404 (channel gone)', async () => {
    const service = await open();
    await set(service);
    const guild = discord.world.requireGuild(GUILD);
    guild.channels.splice(guild.channels.findIndex((c) => c.id === CHANNEL), 1);
    await at(service, day(1));
    expect((await service.status(GUILD))[0]).toMatchObject({ state: 'paused', stateReason: 'not_found' });
    expect((await service.status(GUILD))[0]?.stateDetail).toContain('Unknown Channel');
  });

  it('disable the schedule after repeated failures; /digest set enables it again', async () => {
    const service = await open();
    await set(service);
    discord.injectServerError(toNews, { times: 1_000, status: 500 });
    await at(service, day(1));
    await at(service, day(2));
    expect((await service.status(GUILD))[0]).toMatchObject({ state: 'active', consecutiveFailures: 2 });
    await at(service, day(3));
    expect((await service.status(GUILD))[0]).toMatchObject({ state: 'disabled', stateReason: 'failures', consecutiveFailures: 3 });
    const attempts = postsTo(CHANNEL).length;
    await at(service, day(4));
    expect(postsTo(CHANNEL)).toHaveLength(attempts);

    discord.clearFaults();
    await set(service);
    await at(service, day(5));
    expect(messagesIn(CHANNEL)).toHaveLength(1);
    expect(titlesIn(CHANNEL)).toHaveLength(3);
  });
});

describe('a crash in the middle of a digest', SLOW, () => {
  it('is resumed after a restart: the rest is delivered, nothing twice', async () => {
    for (let i = 0; i < 10; i++) {
      await corpus.write(`long-${i}.txt`, articleFile(`Laporan panjang nomor ${i} tentang pembangunan daerah`, [prose(`laporan ${i}`, 400, 150)], dates[i % 5]));
    }
    await corpus.holder.reload();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'tests', 'digest-crash-child.ts'), backend, data.location, corpus.dir, discord.apiUrl, String(SUNDAY_EVENING), String(day(1))],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    // The server has posted the second message and not answered yet: the worst moment to die.
    const killOnSecond = (): void => {
      if (messagesIn(CHANNEL).length === 2 && child.exitCode === null) child.kill('SIGKILL');
    };
    discord.on('request', killOnSecond);
    expect(await exited, output).toBe('SIGKILL');
    discord.off('request', killOnSecond);
    expect(messagesIn(CHANNEL)).toHaveLength(2);

    clock.advanceTo(day(1) + 5 * 60_000);
    const service = await open();
    await service.idle();

    const messages = messagesIn(CHANNEL);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    expect(new Set(messages.map((m) => m.nonce)).size).toBe(messages.length);
    expect(messages.every((m) => m.embeds.length <= 10)).toBe(true);
    const titles = titlesIn(CHANNEL);
    expect(titles).toHaveLength(10);
    expect(new Set(titles).size).toBe(10);
    const secondNonce = messages[1]?.nonce;
    expect(postsTo(CHANNEL).filter((r) => nonceOf(r.body) === secondNonce)).toHaveLength(2);
    expect((await service.status(GUILD))[0]?.lastRun).toMatchObject({ status: 'delivered', articles: 10, messages: messages.length });

    // The three the size left out waited for the next digest; nothing of the resumed one is repeated.
    await at(service, day(2));
    expect(messagesIn(CHANNEL)).toHaveLength(messages.length + 1);
    expect(titlesIn(CHANNEL)).toHaveLength(13);
    expect(new Set(titlesIn(CHANNEL)).size).toBe(13);
  });
});
});
