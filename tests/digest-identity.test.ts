import { describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import { contentHash } from '../src/corpus/hash.js';
import { CorpusLedger } from '../src/digest/ledger.js';
import { identityKeys, normalizeText, normalizeUrl } from '../src/digest/identity.js';
import { selectForChannel } from '../src/digest/select.js';
import type { Store } from '../src/store/index.js';
import { prose } from './digest-fixtures.js';
import { BACKENDS, storeFixture } from './helpers/store-backends.js';

function article(id: string, title: string, paragraphs: string[], extra: Partial<Article> = {}): Article {
  return {
    id,
    title,
    published: '2025-01-03T12:00:00+07:00',
    source: null,
    url: null,
    city: null,
    category: null,
    paragraphs,
    contentHash: contentHash(title, paragraphs),
    file: `${id}.txt`,
    ...extra,
  };
}

describe('identity keys', () => {
  it.each([
    ['https://www.kompas.com/read/2025/01/03/berita-ini?utm_source=twitter&page=all#komentar', 'kompas.com/read/2025/01/03/berita-ini'],
    ['http://m.detik.com/news/d-123/judul/', 'detik.com/news/d-123/judul'],
    ['https://amp.kompas.com/read/x/amp', 'kompas.com/read/x'],
    ['https://example.com/a?b=2&a=1&fbclid=zzz', 'example.com/a?a=1&b=2'],
    ['https://example.com/berita%20baru', 'example.com/berita baru'],
  ])('normalises %s', (url, normal) => {
    expect(normalizeUrl(url)).toBe(normal);
  });

  it('ignores what is not a web address', () => {
    expect(normalizeUrl('bukan url')).toBeNull();
    expect(normalizeUrl('ftp://example.com/x')).toBeNull();
  });

  it('folds case, accents and punctuation of titles', () => {
    expect(normalizeText('  Café: “Putin” & Kim—Bertemu!  ')).toBe('cafe putin kim bertemu');
  });

  it('keys an article by url, title, content and lead; a generic title is no key', () => {
    const body = [prose('isi berita', 60)];
    const kinds = (a: Article) => identityKeys(a).map((key) => key.split(':')[0]);
    expect(kinds(article('a', 'Putin dan Kim bertemu di Vostochny', body, { url: 'https://x.com/a' }))).toEqual(['url', 'title', 'content', 'lead']);
    expect(kinds(article('b', 'Foto', body))).toEqual(['content', 'lead']);
    expect(kinds(article('c', 'Berita singkat hari ini', ['Pendek.']))).toEqual(['title', 'content']);
  });
});

describe.each(BACKENDS)('the corpus ledger on %s', (backend) => {
  const fixture = storeFixture(backend);
  let stores: Store;
  const cleanup = async () => undefined;

  const open = async () => {
    stores = (await fixture.fresh()).store;
    return new CorpusLedger(stores.ledger);
  };

  it('knows a story again after a rename, an edit, a new headline or a tracking url, and only a new story is new', async () => {
    const ledger = await open();
    try {
      const body = [prose('Putin bertemu Kim', 80), prose('paragraf kedua', 40)];
      const original = article('putin', 'Putin dan Kim Jong-un bertemu di Vostochny', body, { url: 'https://sindonews.com/read/1207' });
      const first = (await ledger.sync([original], 1_000)).get('putin');
      expect(first).toEqual({ storyId: expect.any(Number), firstSeenAt: 1_000 });

      const renamed = { ...original, id: 'putin-renamed', file: 'putin-renamed.txt' };
      const editedBody = [body[0] ?? '', `${body[1] ?? ''} Ditambahkan koreksi.`];
      const edited = article('putin-edit', original.title, editedBody);
      const retitled = article('putin-judul', 'Kim Jong-un dan Putin akhirnya bertemu', body);
      const tracked = article('putin-url', 'Judul yang sama sekali lain untuk berita', [prose('lain', 80)], { url: 'https://www.sindonews.com/read/1207?utm_source=fb' });
      const fresh = article('gempa', 'Gempa magnitudo lima guncang Cianjur pagi ini', [prose('gempa', 80)]);
      const refs = await ledger.sync([renamed, edited, retitled, tracked, fresh], 2_000);
      for (const id of ['putin-renamed', 'putin-edit', 'putin-judul', 'putin-url']) expect(refs.get(id)).toEqual(first);
      expect(refs.get('gempa')).toEqual({ storyId: (first?.storyId ?? 0) + 1, firstSeenAt: 2_000 });
      expect(await stores.ledger.storyCount()).toBe(2);
    } finally {
      await cleanup();
    }
  });

  it('does not let unrelated articles with a generic title merge', async () => {
    const ledger = await open();
    try {
      const a = article('a', 'Foto', [prose('satu', 80)]);
      const b = article('b', 'Foto', [prose('dua', 80)]);
      const refs = await ledger.sync([a, b], 1);
      expect(refs.get('a')?.storyId).not.toBe(refs.get('b')?.storyId);
    } finally {
      await cleanup();
    }
  });
});

describe('choosing the articles of a digest', () => {
  const at = (day: number) => `2025-01-0${day}T08:00:00+07:00`;
  const articles = [1, 2, 3, 4, 5].map((day) => article(`a${day}`, `Berita hari ke ${day}`, ['x'], { published: at(day) }));
  const stories = new Map(articles.map((a, i) => [a.id, { storyId: i + 1, firstSeenAt: 0 }]));
  const base = { articles, stories, cursorStory: null, cutoffStory: 5, taken: new Set<number>(), owed: new Set<number>(), size: 10 };
  const ids = (input: Parameters<typeof selectForChannel>[0]) => selectForChannel(input).items.map((item) => item.article.id);

  it('takes everything newest first for a channel that never had a digest', () => {
    expect(ids(base)).toEqual(['a5', 'a4', 'a3', 'a2', 'a1']);
  });

  it('takes only stories after the cursor and up to the cutoff, never a taken one', () => {
    expect(ids({ ...base, cursorStory: 2, cutoffStory: 4 })).toEqual(['a4', 'a3']);
    expect(ids({ ...base, cursorStory: 2, taken: new Set([4]) })).toEqual(['a5', 'a3']);
  });

  it('adds stories owed by a failed digest and counts what the size leaves out', () => {
    const selection = selectForChannel({ ...base, cursorStory: 4, owed: new Set([1, 2]), size: 2 });
    expect(selection.items.map((item) => item.article.id)).toEqual(['a5', 'a2']);
    expect(selection.leftOut).toBe(1);
  });

  it('shows one article per story', () => {
    const twin = article('a5-copy', 'Berita hari ke 5 (salinan)', ['x'], { published: at(5) });
    const withTwin = new Map(stories).set('a5-copy', { storyId: 5, firstSeenAt: 0 });
    expect(ids({ ...base, articles: [...articles, twin], stories: withTwin }).filter((id) => id.startsWith('a5'))).toHaveLength(1);
  });
});
