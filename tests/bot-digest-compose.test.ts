import { describe, expect, it } from 'vitest';
import { composeDigest, type DigestEntry, type MessagePayload } from '../src/discord/digest/index.js';
import { clip, embedLength, escapeMarkdown, Limits } from '../src/discord/views/limits.js';
import { outletOf } from '../src/digest/index.js';

const labels = { header: '📰 Ringkas digest · 3 new articles', keywords: 'Keywords', formatDate: (isoDate: string) => isoDate.slice(0, 10) };

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function words(next: () => number, count: number): string {
  const pool = ['berita', 'Presiden', 'rudal', 'ekonomi', 'Jakarta', '😀', 'sangat-sangat-panjang-sekali', '*tebal*', '@everyone', 'a'.repeat(300), 'Rp1.500.000', '“kutipan”'];
  return Array.from({ length: count }, () => pool[Math.floor(next() * pool.length)] ?? 'x').join(' ');
}

function expectWithinLimits(messages: readonly MessagePayload[]): void {
  for (const message of messages) {
    expect(message.embeds.length).toBeLessThanOrEqual(Limits.embeds);
    expect(message.embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(Limits.total);
    expect(message.content?.length ?? 0).toBeLessThanOrEqual(Limits.content);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    for (const embed of message.embeds) {
      expect(embed.title?.length ?? 0).toBeLessThanOrEqual(Limits.title);
      expect(embed.description?.length ?? 0).toBeLessThanOrEqual(Limits.description);
      expect(embed.author?.name.length ?? 0).toBeLessThanOrEqual(Limits.author);
      expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(Limits.footer);
      for (const text of [embed.title, embed.description, embed.author?.name, embed.footer?.text]) {
        if (text !== undefined) expect(/[\uD800-\uDBFF]$/.test(text.replace(/…$/, ''))).toBe(false);
      }
    }
  }
}

const entry = (overrides: Partial<DigestEntry> = {}): DigestEntry => ({
  title: 'Putin dan Kim Jong-un bertemu di Vostochny',
  url: 'https://international.sindonews.com/read/1207',
  source: 'SINDOnews',
  published: '2023-09-14T20:22:00+07:00',
  summary: ['Presiden Rusia Vladimir Putin bertemu Kim Jong-un.', 'Keduanya membahas kerja sama militer.'],
  keywords: ['putin', 'kim', 'rusia'],
  ...overrides,
});

describe('composing a digest', () => {
  it('makes one compact embed per article: linked title, outlet and date, summary, keywords', () => {
    const [message, ...rest] = composeDigest([entry()], labels);
    expect(rest).toEqual([]);
    expect(message?.content).toBe(labels.header);
    expect(message?.embeds).toEqual([
      expect.objectContaining({
        title: 'Putin dan Kim Jong-un bertemu di Vostochny',
        url: 'https://international.sindonews.com/read/1207',
        author: { name: 'SINDOnews · 2023-09-14' },
        description: 'Presiden Rusia Vladimir Putin bertemu Kim Jong-un. Keduanya membahas kerja sama militer.',
        footer: { text: 'Keywords: putin · kim · rusia' },
      }),
    ]);
  });

  it('keeps the order (newest first) and puts the header only on the first message', () => {
    const entries = Array.from({ length: 25 }, (_, i) => entry({ title: `Artikel nomor ${i}`, summary: ['x'.repeat(900)] }));
    const messages = composeDigest(entries, labels);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.flatMap((m) => m.embeds.map((e) => e.title))).toEqual(entries.map((e) => e.title));
    expect(messages[0]?.content).toBe(labels.header);
    expect(messages.slice(1).every((m) => m.content === undefined)).toBe(true);
    expectWithinLimits(messages);
  });

  it('stays within every limit for huge articles', () => {
    const huge = entry({
      title: 'Judul '.repeat(2_000),
      source: 'Outlet '.repeat(100),
      summary: ['kalimat panjang '.repeat(20_000), 'lagi '.repeat(5_000)],
      keywords: Array.from({ length: 500 }, (_, i) => `kata${i}`),
    });
    const messages = composeDigest(Array.from({ length: 10 }, () => huge), { ...labels, header: 'H'.repeat(5_000) });
    expectWithinLimits(messages);
    expect(messages.flatMap((m) => m.embeds)).toHaveLength(10);
    const first = messages[0]?.embeds[0];
    expect(first?.title?.endsWith('…')).toBe(true);
    expect(first?.description?.endsWith('…')).toBe(true);
    expect(first?.description).toMatch(/ (kalimat|panjang)…$/);
  });

  it('stays within every limit for many random articles, whatever their text', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      const count = 1 + Math.floor(next() * 60);
      const entries = Array.from({ length: count }, () =>
        entry({
          title: words(next, Math.floor(next() * 120)),
          source: next() < 0.3 ? null : words(next, Math.floor(next() * 60)),
          summary: [words(next, Math.floor(next() * 1_500)), words(next, Math.floor(next() * 50))],
          keywords: words(next, Math.floor(next() * 80)).split(' '),
          url: next() < 0.5 ? null : `https://example.com/${words(next, 3).replace(/\W+/g, '-')}`,
        }),
      );
      const messages = composeDigest(entries, labels);
      expectWithinLimits(messages);
      expect(messages.flatMap((m) => m.embeds)).toHaveLength(count);
    }
  });

  it('drops a url Discord would refuse and never lets article text format or ping', () => {
    const [message] = composeDigest(
      [entry({ url: 'javascript:alert(1)', summary: ['**Tebal** _miring_ @everyone <@123> [tautan](https://x.y)'] }), entry({ url: 'bukan url' })],
      labels,
    );
    expect(message?.embeds[0]?.url).toBeUndefined();
    expect(message?.embeds[1]?.url).toBeUndefined();
    expect(message?.embeds[0]?.description).toBe('\\*\\*Tebal\\*\\* \\_miring\\_ @everyone <@123> \\[tautan\\](https://x.y)');
    expect(message?.allowed_mentions).toEqual({ parse: [] });
  });

  it('lists the same story from other outlets, each linked to its original article', () => {
    const [message] = composeDigest(
      [
        entry({
          also: [
            { title: 'Putin bertemu Kim', url: 'https://www.kompas.com/read/putin-kim', source: 'Kompas' },
            { title: 'Kim dan Putin', url: null, source: 'Antara [foto]' },
          ],
        }),
      ],
      { ...labels, also: 'Also reported by' },
    );
    expect(message?.embeds[0]?.url).toBe('https://international.sindonews.com/read/1207');
    expect(message?.embeds[0]?.fields).toEqual([{ name: 'Also reported by', value: '[Kompas](https://www.kompas.com/read/putin-kim) · Antara foto' }]);
  });

  it('puts at most `perMessage` articles in a message', () => {
    const messages = composeDigest(Array.from({ length: 7 }, (_, i) => entry({ title: `Artikel ${i}` })), labels, undefined, 3);
    expect(messages.map((m) => m.embeds.length)).toEqual([3, 3, 1]);
    expect(messages.map((m) => m.content)).toEqual([labels.header, undefined, undefined]);
  });

  it('names the outlet of an article without a source by the host of its address', () => {
    expect(outletOf({ source: null, url: 'https://www.detik.com/berita/d-1' })).toBe('detik.com');
    expect(outletOf({ source: 'Tempo', url: 'https://nasional.tempo.co/read/1' })).toBe('Tempo');
    expect(outletOf({ source: null, url: null })).toBeNull();
    expect(outletOf({ source: ' ', url: 'bukan url' })).toBeNull();
  });

  it('returns no message for no article', () => {
    expect(composeDigest([], labels)).toEqual([]);
  });
});

describe('truncating on a word boundary', () => {
  it('cuts at the last whole word and adds an ellipsis', () => {
    expect(clip('satu dua tiga empat', 12)).toBe('satu dua…');
    expect(clip('pendek', 10)).toBe('pendek');
    expect(clip('satu, dua, tiga', 11)).toBe('satu, dua…');
  });

  it('cuts inside a word only when there is no boundary nearby', () => {
    expect(clip('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('never splits an emoji or leaves an escaping backslash dangling', () => {
    const cut = clip('😀'.repeat(20), 8);
    expect(cut.length).toBeLessThanOrEqual(8);
    expect(cut).toBe('😀😀😀…');
    const escaped = clip(escapeMarkdown('a'.repeat(8) + '*'.repeat(20)), 12);
    expect(/(^|[^\\])(\\\\)*\\…$/.test(escaped)).toBe(false);
  });
});
