import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ManualClock,
  openDigestService,
  type ChannelRoutes,
  type CommandReplies,
  type DigestCommandOutcome,
  type WaitingCommand,
  type DeliveryOutcome,
  type DeliveryPort,
  type DigestContent,
  type DigestFormatter,
  type DigestService,
  type OutgoingMessage,
} from '../src/digest/index.js';
import { articleFile, CHANNEL, corpusFolder, GUILD, prose, silentLog } from './digest-fixtures.js';
import { repoRoot, scratchDir } from './helpers/tmp.js';

/** A second medium beside Discord: one plain-text message per article, a line for the header. */
const plainText: DigestFormatter = {
  format(content: DigestContent) {
    if (content.kind === 'nothing_new') return [{ body: 'nothing new', entries: 0 }];
    return content.entries.map((entry, index) => ({ body: `${index === 0 ? `${content.entries.length} new\n` : ''}${entry.title}`, entries: 1 }));
  },
};

/** Delivers into a list, answering the first outcomes it is given instead (a medium that is down, or refuses). */
class Outbox implements DeliveryPort {
  readonly sent: OutgoingMessage[] = [];
  readonly attempts: OutgoingMessage[] = [];
  constructor(private readonly first: DeliveryOutcome[] = []) {}
  async deliver(message: OutgoingMessage): Promise<DeliveryOutcome> {
    this.attempts.push(message);
    const outcome = this.first.shift();
    if (outcome !== undefined) return outcome;
    this.sent.push(message);
    return { status: 'delivered', messageId: `m${this.sent.length}` };
  }
}

let corpus: Awaited<ReturnType<typeof corpusFolder>>;
let data: Awaited<ReturnType<typeof scratchDir>>;
const services: DigestService[] = [];

async function open(
  delivery: DeliveryPort,
  formatter: DigestFormatter = plainText,
  ports: { routes?: ChannelRoutes; replies?: CommandReplies; instanceId?: string } = {},
): Promise<DigestService> {
  const service = openDigestService({
    config: { dataDir: data.dir, defaultTimeZone: 'Asia/Jakarta' },
    formatter,
    delivery,
    ...ports,
    library: corpus.holder,
    log: silentLog,
    clock: new ManualClock(Date.parse('2025-01-05T12:00:00Z')),
    overrides: { retryDelaysMs: [1, 1], ...(ports.instanceId === undefined ? {} : { instanceId: ports.instanceId }) },
  });
  services.push(service);
  await service.configure({ guildId: GUILD, channelId: CHANNEL, schedule: '07:00', locale: 'en-US' });
  return service;
}

beforeEach(async () => {
  corpus = await corpusFolder();
  data = await scratchDir();
  await corpus.write('a.txt', articleFile('Pemerintah umumkan rencana jalan tol baru di Sumatra', [prose('a', 40)], 'Senin, 30 Desember 2024 - 08:00 WIB'));
  await corpus.write('b.txt', articleFile('Harga beras naik menjelang akhir tahun di Jawa', [prose('b', 40)], 'Rabu, 1 Januari 2025 - 10:00 WIB'));
  await corpus.holder.reload();
});

afterEach(async () => {
  for (const service of services.splice(0)) await service.stop();
  await corpus.cleanup();
  await data.cleanup();
});

describe('the digest core', () => {
  it('imports nothing of Discord, of the Discord-compatible server or of the i18n', async () => {
    const dir = join(repoRoot, 'src', 'digest');
    const offending: string[] = [];
    for (const file of await readdir(dir)) {
      const source = await readFile(join(dir, file), 'utf8');
      for (const [, from] of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        if (/^(discord\.js|@discordjs\/)|\/(discord|local|i18n)\//.test(from as string)) offending.push(`${file}: ${from}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('hands each planned message to any delivery port, as the formatter shaped it, with a nonce of its own', async () => {
    const outbox = new Outbox();
    const service = await open(outbox);
    await service.start();
    expect(await service.postNow(GUILD, CHANNEL)).toMatchObject({ status: 'delivered', articles: 2, messages: 2 });
    expect(outbox.sent.map((m) => m.body)).toEqual([
      '2 new\nHarga beras naik menjelang akhir tahun di Jawa',
      'Pemerintah umumkan rencana jalan tol baru di Sumatra',
    ]);
    expect(outbox.sent.every((m) => m.channelId === CHANNEL)).toBe(true);
    expect(new Set(outbox.sent.map((m) => m.nonce)).size).toBe(2);
    expect(await service.preview(GUILD, CHANNEL, 'en-US')).toMatchObject({ articles: 0, messages: [] });
  });

  it('tries again what the port says is worth it, with the same nonce, and pauses the channel on what it refuses', async () => {
    const flaky = new Outbox([
      { status: 'retry', retryAfterMs: 5, detail: '503 Service Unavailable' },
      { status: 'retry', retryAfterMs: null, detail: '503 Service Unavailable' },
    ]);
    const service = await open(flaky);
    await service.start();
    expect(await service.postNow(GUILD, CHANNEL)).toMatchObject({ status: 'delivered', articles: 2 });
    expect(flaky.attempts.map((m) => m.nonce)).toEqual([flaky.sent[0]?.nonce, flaky.sent[0]?.nonce, flaky.sent[0]?.nonce, flaky.sent[1]?.nonce]);
    await service.stop();

    await corpus.write('c.txt', articleFile('Banjir rendam ribuan rumah di Kabupaten Bandung', [prose('c', 40)], 'Kamis, 2 Januari 2025 - 11:00 WIB'));
    await corpus.holder.reload();
    const refusing = new Outbox([{ status: 'failed', failure: { kind: 'forbidden', detail: '403 Missing Access' } }]);
    const again = await open(refusing);
    await again.start();
    expect(await again.postNow(GUILD, CHANNEL)).toMatchObject({ status: 'failed', state: 'paused', failure: { kind: 'forbidden' } });
    expect((await again.status(GUILD))[0]).toMatchObject({ state: 'paused', stateReason: 'forbidden', stateDetail: '403 Missing Access' });
  });

  it('records nothing when a formatter loses an article', async () => {
    const outbox = new Outbox();
    const lossy: DigestFormatter = { format: (content) => plainText.format(content).slice(1) };
    const service = await open(outbox, lossy);
    await service.start();
    await expect(service.postNow(GUILD, CHANNEL)).rejects.toThrow('the digest formatter placed 1 of 2 articles');
    expect((await service.status(GUILD))[0]?.lastRun).toBeNull();
    expect(outbox.attempts).toEqual([]);
  });
});

describe('the routes port', () => {
  it('sends a channel only what its route admits; what it refuses is neither posted nor waiting', async () => {
    const outbox = new Outbox();
    const asked: string[] = [];
    const onlyRice: ChannelRoutes = {
      async filterFor(channel) {
        asked.push(`${channel.guildId}/${channel.channelId}`);
        return (article) => article.title.includes('beras');
      },
    };
    const service = await open(outbox, plainText, { routes: onlyRice });
    await service.start();
    expect(await service.preview(GUILD, CHANNEL, 'en-US')).toMatchObject({ articles: 1, leftOut: 0 });
    expect(await service.postNow(GUILD, CHANNEL)).toMatchObject({ status: 'delivered', articles: 1, waiting: 0 });
    expect(outbox.sent.map((m) => m.body)).toEqual(['1 new\nHarga beras naik menjelang akhir tahun di Jawa']);
    expect(asked).toContain(`${GUILD}/${CHANNEL}`);
  });
});

describe('commands left waiting by a stopped process', () => {
  class Replies implements CommandReplies {
    readonly finished: { id: string; outcome: DigestCommandOutcome }[] = [];
    async finish(command: WaitingCommand, outcome: DigestCommandOutcome): Promise<'answered' | 'expired'> {
      this.finished.push({ id: command.id, outcome });
      return 'answered';
    }
  }
  const command = (id: string) => ({ id, applicationId: 'app', token: `token-${id}`, guildId: GUILD, channelId: CHANNEL, userId: 'u', command: 'digest now', locale: 'en-US' });

  it('are answered "not started" when no digest was recorded for them, and with the outcome when one was', async () => {
    // The first process accepted three commands, recorded a digest for one, and stopped without answering any of them.
    const first = await open(new Outbox(), plainText, { instanceId: 'first' });
    await first.start();
    await first.accept(command('1'));
    await first.accept(command('2'));
    await first.accept(command('3'));
    expect(await first.postNow(GUILD, CHANNEL, { commandId: '2' })).toMatchObject({ status: 'delivered', articles: 2 });
    await first.stop();

    const replies = new Replies();
    const second = await open(new Outbox(), plainText, { replies, instanceId: 'second' });
    // The first one's claims on the commands run out (2 minutes on this clock) before another process may answer them.
    await second.start();
    expect(replies.finished).toEqual([]);
    await second.stop();
    const clock = new ManualClock(Date.parse('2025-01-05T12:03:00Z'));
    const third = openDigestService({ config: { dataDir: data.dir, defaultTimeZone: 'Asia/Jakarta' }, formatter: plainText, delivery: new Outbox(), replies, library: corpus.holder, log: silentLog, clock });
    services.push(third);
    await third.start();
    await third.idle();
    expect([...replies.finished].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: '1', outcome: { status: 'not_started' } },
      { id: '2', outcome: { status: 'delivered', channelId: CHANNEL, articles: 2, messages: 2, waiting: 0 } },
      { id: '3', outcome: { status: 'not_started' } },
    ]);
    await third.stop();
    const again = new Replies();
    const fourth = openDigestService({ config: { dataDir: data.dir, defaultTimeZone: 'Asia/Jakarta' }, formatter: plainText, delivery: new Outbox(), replies: again, library: corpus.holder, log: silentLog, clock });
    services.push(fourth);
    await fourth.start();
    await fourth.idle();
    expect(again.finished).toEqual([]);
  });

  it('are answered side by side: a slow answer holds back none of the others', async () => {
    const first = await open(new Outbox(), plainText, { instanceId: 'first' });
    await first.start();
    for (const id of ['1', '2', '3']) await first.accept(command(id));
    await first.stop();

    // The first answer is slow to reach Discord: it waits for the others (or gives up after 5 s).
    let othersDone: () => void = () => undefined;
    const others = new Promise<void>((resolve) => (othersDone = resolve));
    const order: string[] = [];
    const slow: CommandReplies = {
      async finish(waiting) {
        if (waiting.id === '1') await Promise.race([others, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        order.push(waiting.id);
        if (order.length === 2 && !order.includes('1')) othersDone();
        return 'answered';
      },
    };
    const clock = new ManualClock(Date.parse('2025-01-05T12:03:00Z'));
    const second = openDigestService({ config: { dataDir: data.dir, defaultTimeZone: 'Asia/Jakarta' }, formatter: plainText, delivery: new Outbox(), replies: slow, library: corpus.holder, log: silentLog, clock });
    services.push(second);
    await second.start();
    await second.idle();
    expect(order).toEqual(['2', '3', '1']);
  }, 20_000);
});

describe('a run\'s claim', () => {
  it('must outlast one send and the longest backoff', () => {
    expect(() =>
      openDigestService({
        config: { dataDir: data.dir, defaultTimeZone: 'Asia/Jakarta' },
        formatter: plainText,
        delivery: new Outbox(),
        library: corpus.holder,
        log: silentLog,
        overrides: { claimTtlMs: 60_000, sendTimeoutMs: 30_000, retryDelaysMs: [2_000, 40_000] },
      }),
    ).toThrow(/must outlast one send/);
  });
});
