import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import { contentHash } from '../src/corpus/hash.js';
import { ManualClock, openDigestService, type DeliveryOutcome, type DeliveryPort, type DigestService, type OutgoingMessage } from '../src/digest/index.js';
import { decodeMessage, discordDigestFormatter } from '../src/discord/digest/index.js';
import { quotesView } from '../src/discord/views/quotes.js';
import { openLibrary, type OpenedLibrary } from '../src/library/index.js';
import { groupNearDuplicates } from '../src/library/near-duplicates.js';
import { openSqliteStore, type Store } from '../src/store/index.js';
import { terms } from '../src/text/index.js';
import { CHANNEL, GUILD, silentLog } from './digest-fixtures.js';
import { scratchDir, seedFile, sharedData } from './helpers/tmp.js';

// Issue 14 item 2: near-duplicates (the same story under two titles, or from two outlets) are one entry in a digest with
// both sources, and one article in /quotes. Real texts from ../shared/data/realnews (read, never copied).

interface RealText {
  id: string;
  outlet: string;
  url: string;
  title: string;
  text: string;
}

const realnewsFile = join(sharedData, 'realnews', 'texts.jsonl');
const realnews = existsSync(realnewsFile)
  ? new Map(
      readFileSync(realnewsFile, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as RealText)
        .map((row) => [row.id, row]),
    )
  : new Map<string, RealText>();
const real = (id: string): RealText => {
  const row = realnews.get(id);
  if (row === undefined) throw new Error(`${realnewsFile} has no ${id}`);
  return row;
};

/** The same BRI policy as three outlets wrote it, and three stories of the same days that are not it. */
const BRI = ['gikirima-45', 'gikirima-103', 'gikirima-446'];
const OTHERS = ['gikirima-1', 'gikirima-121', 'gikirima-373'];

function article(row: RealText, overrides: Partial<Article> = {}): Article {
  const paragraphs = row.text.split(/\n+/).filter((p) => p.trim() !== '');
  return {
    id: row.id,
    title: row.title,
    published: '2025-06-18T18:00:00+07:00',
    source: row.outlet,
    url: row.url,
    city: null,
    category: null,
    paragraphs,
    contentHash: contentHash(row.title, paragraphs),
    file: `${row.id}.json`,
    ...overrides,
  };
}

/** Rarity of terms over the texts compared, as the library computes it over its corpus. */
function rarityOver(articles: readonly Article[]): (term: string) => number {
  const df = new Map<string, number>();
  for (const a of articles) for (const term of new Set(terms(`${a.title}\n${a.paragraphs.join('\n')}`))) df.set(term, (df.get(term) ?? 0) + 1);
  return (term) => Math.log((articles.length + 1) / ((df.get(term) ?? 0) + 1)) + 1;
}

const ids = (groups: readonly (readonly Article[])[]) => groups.map((group) => group.map((a) => a.id));

describe('near-duplicate detection', () => {
  it('groups the same text re-titled, a lightly edited copy and other outlets’ rewrites, and nothing else', () => {
    const original = article(real('gikirima-45'));
    const retitled = { ...original, id: 'retitled', title: 'Nasabah prioritas BRI akan dilayani dengan aturan baru' };
    const edited = { ...original, id: 'edited', paragraphs: original.paragraphs.slice(1).map((p) => p.replace(/nasabah/g, 'pelanggan')) };
    const all = [original, retitled, edited, ...BRI.slice(1).map((id) => article(real(id))), ...OTHERS.map((id) => article(real(id)))];
    expect(ids(groupNearDuplicates(all, { rarity: rarityOver(all) }))).toEqual([
      ['gikirima-45', 'retitled', 'edited', 'gikirima-103', 'gikirima-446'],
      ['gikirima-1'],
      ['gikirima-121'],
      ['gikirima-373'],
    ]);
  });

  it('does not merge two stories because they share a topic, or a short text with anything', () => {
    const all = OTHERS.map((id) => article(real(id)));
    const short = article(real('gikirima-45'), { id: 'short', paragraphs: ['BRI menerapkan kebijakan baru.'] });
    expect(ids(groupNearDuplicates([...all, short, article(real('gikirima-45'))], { rarity: rarityOver(all) })).map((g) => g.length)).toEqual([1, 1, 1, 1, 1]);
  });
});

class Outbox implements DeliveryPort {
  readonly sent: OutgoingMessage[] = [];
  async deliver(message: OutgoingMessage): Promise<DeliveryOutcome> {
    this.sent.push(message);
    return { status: 'delivered', messageId: `m${this.sent.length}` };
  }
}

describe('a digest of near-duplicates', () => {
  let cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup = [];
  });

  async function digestOf(rows: readonly RealText[]): Promise<{ service: DigestService; outbox: Outbox; store: Store }> {
    const corpus = await scratchDir();
    const data = await scratchDir();
    for (const row of rows) {
      await corpus.write(`${row.id}.json`, JSON.stringify({ id: row.id, title: row.title, published: '2025-06-18T18:00:00+07:00', source: row.outlet, url: row.url, body: row.text.split(/\n+/).join('\n\n') }));
    }
    const library: OpenedLibrary = await openLibrary(corpus.dir);
    const { store } = openSqliteStore({ dataDir: data.dir, backups: false });
    const outbox = new Outbox();
    const service = openDigestService({
      config: { dataDir: data.dir, defaultTimeZone: 'Asia/Jakarta' },
      store,
      formatter: discordDigestFormatter,
      delivery: outbox,
      library,
      log: silentLog,
      clock: new ManualClock(Date.parse('2025-06-19T00:00:00Z')),
    });
    cleanup.push(corpus.cleanup, data.cleanup, () => store.close(), () => library.close(), () => service.stop());
    await service.start();
    return { service, outbox, store };
  }

  it('posts the story once, with every outlet that told it linked, and records each article as delivered', async () => {
    const { service, outbox, store } = await digestOf([...BRI, ...OTHERS].map(real));
    await service.configure({ guildId: GUILD, channelId: CHANNEL, schedule: '07:00', size: 10, locale: 'en-US' });
    const preview = await service.preview(GUILD, CHANNEL, 'en-US');
    expect(preview).toMatchObject({ articles: 4, leftOut: 0 });
    expect(await service.postNow(GUILD, CHANNEL)).toMatchObject({ status: 'delivered', articles: 6, messages: 1 });
    const embeds = outbox.sent.flatMap((m) => decodeMessage(m.body).embeds);
    expect(embeds).toHaveLength(4);
    const story = embeds.find((embed) => BRI.some((id) => embed.url === real(id).url));
    const field = story?.fields?.[0];
    expect(field?.name).toBe('Also reported by');
    const others = BRI.map(real).filter((row) => row.url !== story?.url);
    for (const row of others) expect(field?.value).toContain(`[${row.outlet}](${row.url})`);
    expect(story?.author?.name).toContain(BRI.map(real).find((row) => row.url === story?.url)?.outlet ?? '?');
    expect((await store.runs.deliveriesOf(CHANNEL)).map((d) => d.status)).toEqual(Array.from({ length: 6 }, () => 'delivered'));
    expect(await service.postNow(GUILD, CHANNEL)).toMatchObject({ status: 'empty' });
  }, 60_000);
});

describe('/quotes over duplicated articles', () => {
  it('counts the quotes of the same text under two titles once', async () => {
    const corpus = await scratchDir();
    try {
      const seed = readFileSync(seedFile, 'utf8');
      await corpus.write('seed.txt', seed);
      await corpus.write('seed-copy.txt', seed.replace(/^[^\n]+/, 'Kim Jong-un dan Putin akhirnya bertemu di kosmodrom Vostochny'));
      const single = await scratchDir();
      await single.write('seed.txt', seed);
      const [both, one] = await Promise.all([openLibrary(corpus.dir), openLibrary(single.dir)]);
      try {
        const lookup = both.current().findSpeaker('Kim Jong-un');
        const alone = one.current().findSpeaker('Kim Jong-un');
        if (lookup.kind !== 'found' || alone.kind !== 'found') throw new Error('Kim Jong-un is not found in the seed article');
        expect(both.current().articles).toHaveLength(2);
        expect(both.current().quotesBy(lookup.speaker.id).map((q) => q.text)).toEqual(one.current().quotesBy(alone.speaker.id).map((q) => q.text));
        expect(both.current().articlesQuoting(lookup.speaker.id).size).toBe(1);
        const view = quotesView({ speaker: lookup.speaker, items: both.current().quotesBy(lookup.speaker.id), page: 0, lang: 'en', timeZone: 'Asia/Jakarta', pageButtonId: () => 'x' });
        expect(view.embeds[0]?.description).toMatch(/^\d+ quotes? in 1 article$/);
      } finally {
        await both.close();
        await one.close();
        await single.cleanup();
      }
    } finally {
      await corpus.cleanup();
    }
  }, 60_000);
});
