import { describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import { contentHash } from '../src/corpus/hash.js';
import { CorpusLedger } from '../src/digest/ledger.js';
import type { Ledger, LedgerEntry, Store, StoryRef } from '../src/store/index.js';
import { prose } from './digest-fixtures.js';
import { BACKENDS, storeFixture } from './helpers/store-backends.js';

function article(id: string, title: string, paragraphs: readonly string[], url: string | null = null): Article {
  return {
    id,
    title,
    published: '2025-01-03T12:00:00+07:00',
    source: null,
    url,
    city: null,
    category: null,
    paragraphs,
    contentHash: contentHash(title, paragraphs),
    file: `${id}.txt`,
  };
}

function corpus(): Article[] {
  const articles = Array.from({ length: 40 }, (_, i) =>
    article(`a${i}`, `Berita nomor ${i} tentang pembangunan jalan daerah`, [prose(`isi ${i}`, 60), prose(`lanjutan ${i}`, 30)], `https://contoh.id/berita/${i}`),
  );
  // the same story under another file name: one story, two articles
  const copy = articles[3] as Article;
  return [...articles, { ...copy, id: 'a3-copy', file: 'a3-copy.txt' }];
}

/** The store's ledger, noting which articles each process sends to `record`. */
function watched(ledger: Ledger): { readonly ledger: Ledger; readonly recorded: string[]; reads: number } {
  const seen = { recorded: [] as string[], reads: 0 };
  return Object.assign(seen, {
    ledger: {
      record: (entries: readonly LedgerEntry[], now: number) => {
        seen.recorded.push(...entries.map((entry) => entry.articleId));
        return ledger.record(entries, now);
      },
      articles: () => {
        seen.reads++;
        return ledger.articles();
      },
      keysOf: (storyId: number) => ledger.keysOf(storyId),
      newestStory: () => ledger.newestStory(),
      storyCount: () => ledger.storyCount(),
    },
  });
}

/** One process's ledger: warmed at start, then synced, as DigestService.start does. */
async function startProcess(store: Store, articles: readonly Article[], now: number): Promise<{ refs: Map<string, StoryRef>; recorded: string[]; reads: number }> {
  const watch = watched(store.ledger);
  const ledger = new CorpusLedger(watch.ledger);
  await ledger.warm(articles, () => now, 7);
  const refs = await ledger.sync(articles, now);
  return { refs, recorded: watch.recorded, reads: watch.reads };
}

describe.each(BACKENDS)('the corpus ledger across restarts on %s', (backend) => {
  const fixture = storeFixture(backend);

  it('stops an aborted warm between chunks, and a sync afterwards records the rest', async () => {
    const { store } = await fixture.fresh();
    const articles = corpus();
    const watch = watched(store.ledger);
    const ledger = new CorpusLedger(watch.ledger);
    const abort = new AbortController();
    const chunks: number[] = [];
    await ledger.warm(articles, () => {
      chunks.push(watch.recorded.length);
      // the process is told to stop while its second chunk is being written
      if (chunks.length === 2) abort.abort();
      return 1_000;
    }, 7, abort.signal);
    expect(watch.recorded).toHaveLength(14);
    const refs = await ledger.sync(articles, 2_000);
    expect(watch.recorded).toHaveLength(articles.length);
    expect(new Set(watch.recorded).size).toBe(articles.length);
    expect(refs.size).toBe(articles.length);
    await store.close();
  }, 60_000);

  it('records nothing again when the corpus is unchanged, and keeps every story and its entry time', async () => {
    const { store, peer } = await fixture.fresh();
    const articles = corpus();
    const first = await startProcess(store, articles, 1_000);
    expect(first.recorded).toHaveLength(articles.length);
    expect(first.refs.get('a3-copy')).toEqual(first.refs.get('a3'));
    const stories = await store.ledger.storyCount();
    await store.close();

    const restarted = await peer();
    const second = await startProcess(restarted, articles, 5_000);
    expect(second.recorded).toEqual([]);
    expect(second.reads).toBe(1);
    expect(second.refs).toEqual(first.refs);
    expect(await restarted.ledger.storyCount()).toBe(stories);
  }, 60_000);

  it('records again only the articles that changed while it was down', async () => {
    const { store, peer } = await fixture.fresh();
    const articles = corpus();
    const first = await startProcess(store, articles, 1_000);
    await store.close();

    const edited = articles.map((a) => (a.id === 'a5' ? article('a5', a.title, [...a.paragraphs, 'Ralat: angka diperbaiki.'], a.url) : a));
    const retitled = edited.map((a) => (a.id === 'a7' ? article('a7', 'Judul yang ditulis ulang untuk berita ketujuh ini', a.paragraphs, a.url) : a));
    const changed = [...retitled, article('gempa', 'Gempa magnitudo lima guncang Cianjur pagi ini', [prose('gempa', 80)])];
    const restarted = await peer();
    const second = await startProcess(restarted, changed, 5_000);
    expect(second.recorded.sort()).toEqual(['a5', 'a7', 'gempa']);
    for (const a of articles) expect(second.refs.get(a.id)).toEqual(first.refs.get(a.id));
    expect(second.refs.get('gempa')).toEqual({ storyId: expect.any(Number), firstSeenAt: 5_000 });
    await restarted.close();

    const third = await startProcess(await peer(), changed, 9_000);
    expect(third.recorded).toEqual([]);
    expect(third.refs).toEqual(second.refs);
  }, 60_000);

  it('records again an article the store holds under another fingerprint (an older identity version)', async () => {
    const { store, peer } = await fixture.fresh();
    const articles = corpus();
    const [old] = articles;
    if (old === undefined) throw new Error('empty corpus');
    const before = await store.ledger.record([{ articleId: old.id, title: old.title, keys: [`content:${old.contentHash}`], fingerprint: 'older' }], 500);
    await store.close();

    const restarted = await peer();
    const started = await startProcess(restarted, articles, 1_000);
    expect(started.recorded).toHaveLength(articles.length);
    expect(started.refs.get(old.id)).toEqual(before.get(old.id));
    await restarted.close();
    expect((await startProcess(await peer(), articles, 2_000)).recorded).toEqual([]);
  }, 60_000);
});
