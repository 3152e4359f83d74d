import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import type { Article } from '../src/corpus/article.js';
import { t } from '../src/i18n/index.js';
import {
  clip,
  escapeMarkdown,
  fitEmbeds,
  Limits,
  listWithin,
  messageLength,
  plain,
  quotesView,
  reloadView,
  searchView,
  summaryView,
  toPayload,
  unknownSpeakerView,
  webUrl,
  helpView,
  type CommandData,
} from '../src/discord/views/index.js';
import { summaryParagraphs } from '../src/discord/views/summary-paragraphs.js';
import { localizedInvocation } from '../src/discord/command-catalog.js';

const words = (n: number, word = 'kata'): string => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

function article(overrides: Partial<Article> = {}): Article {
  return {
    id: 'a1',
    title: 'Judul',
    published: '2023-09-14T20:22:00+07:00',
    source: 'Sindonews',
    url: 'https://example.com/a1',
    city: null,
    category: null,
    paragraphs: ['Satu.'],
    contentHash: 'h',
    file: 'a1.txt',
    ...overrides,
  };
}

function expectWithinLimits(embeds: readonly APIEmbed[]): void {
  expect(embeds.length).toBeLessThanOrEqual(Limits.embeds);
  expect(messageLength(embeds)).toBeLessThanOrEqual(Limits.total);
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(Limits.title);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(Limits.description);
    expect(embed.author?.name.length ?? 0).toBeLessThanOrEqual(Limits.author);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(Limits.footer);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(Limits.fields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(Limits.fieldName);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(Limits.fieldValue);
    }
  }
}

describe('clip', () => {
  it('keeps short text and cuts long text on a word boundary with an ellipsis', () => {
    expect(clip('pendek', 10)).toBe('pendek');
    const cut = clip('Presiden Vladimir Putin mengatakan Rusia sedang mempertimbangkan', 30);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut.endsWith('…')).toBe(true);
    expect('Presiden Vladimir Putin mengatakan Rusia'.startsWith(cut.slice(0, -1))).toBe(true);
    expect(cut.slice(0, -1).endsWith(' ')).toBe(false);
  });

  it('never splits a surrogate pair when it has to cut inside a long word', () => {
    const cut = clip('😀'.repeat(50), 21);
    expect(cut.length).toBeLessThanOrEqual(21);
    expect(/[\uD800-\uDBFF]…$/.test(cut)).toBe(false);
  });
});

describe('escaping article text', () => {
  it('escapes inline markdown and every line-start marker Discord formats', () => {
    expect(plain('**tebal** _miring_ ||rahasia|| `kode` [tautan](https://x.y)')).toBe(
      '\\*\\*tebal\\*\\* \\_miring\\_ \\|\\|rahasia\\|\\| \\`kode\\` \\[tautan\\](https://x.y)',
    );
    expect(escapeMarkdown('>>> kutipan\n-# kecil\n## judul\n - butir\n+ butir\n12. nomor\n1.5 juta')).toBe(
      '\\>>> kutipan\n\\-# kecil\n\\## judul\n \\- butir\n\\+ butir\n12\\. nomor\n1.5 juta',
    );
    expect(plain('  -  satu\n\n dua ')).toBe('\\- satu dua');
  });
});

describe('webUrl', () => {
  it('keeps http(s) URLs, normalised, that stay within 2,048 characters', () => {
    expect(webUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(webUrl('javascript:alert(1)')).toBeUndefined();
    expect(webUrl('bukan url')).toBeUndefined();
    expect(webUrl(null)).toBeUndefined();
    expect(webUrl(`https://example.com/${' '.repeat(700)}x`)).toBeUndefined();
  });
});

describe('listWithin', () => {
  it('ends with how many items did not fit', () => {
    const items = Array.from({ length: 200 }, (_, i) => `item-${i}`);
    const value = listWithin(items, 100, (count) => `… and ${count} more`);
    expect(value.length).toBeLessThanOrEqual(100);
    const shown = value.split('\n').filter((line) => line.startsWith('item-')).length;
    expect(value.endsWith(`… and ${200 - shown} more`)).toBe(true);
  });
});

describe('fitEmbeds', () => {
  it('brings any message within the limits', () => {
    const huge: APIEmbed = {
      title: words(100),
      description: words(2000),
      author: { name: words(100) },
      footer: { text: words(1000) },
      fields: Array.from({ length: 40 }, () => ({ name: words(100), value: words(400) })),
    };
    expectWithinLimits(fitEmbeds(Array.from({ length: 12 }, () => huge)));
  });
});

describe('views', () => {
  it('a summary of ten enormous sentences fits in one message and keeps the footer', () => {
    const view = summaryView({
      article: article({ title: words(120, 'judul') }),
      summary: { sentences: Array.from({ length: 10 }, () => words(900)), keywords: ['rudal', 'Putin'], reduction: 0.8765 },
      lang: 'id',
      timeZone: 'Asia/Jakarta',
    });
    expectWithinLimits(view.embeds);
    expect(toPayload(view).embeds).toEqual(view.embeds);
    expect(view.embeds.at(-1)?.footer?.text).toContain('dipersingkat 88%');
    expect(view.embeds[0]?.url).toBe('https://example.com/a1');
    expect(view.embeds[0]?.author?.name).toContain('Sindonews');
  });

  it('quote pages fit whatever the quotes, and the buttons only show when there is more than one page', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({
      text: `${words(i % 7 === 0 ? 400 : 20)} @everyone`,
      role: i % 2 === 0 ? 'Presiden Rusia' : null,
      partial: i % 3 === 0,
      article: article({ id: `a${i}`, title: words(80, 'judul') }),
    }));
    const speaker = { name: 'Vladimir Putin', quoteCount: 200, articleCount: 200 };
    const first = quotesView({ speaker, items, page: 0, lang: 'en', timeZone: 'Asia/Jakarta', pageButtonId: (p, d) => `quotes:${d}:${p}` });
    expect(first.pages).toBeGreaterThan(30);
    for (let page = 0; page < first.pages; page += 1) {
      const view = quotesView({ speaker, items, page, lang: 'en', timeZone: 'Asia/Jakarta', pageButtonId: (p, d) => `quotes:${d}:${p}` });
      expectWithinLimits(view.embeds);
      expect(view.embeds[0]?.fields?.length).toBeGreaterThan(0);
    }
    const single = quotesView({ speaker, items: items.slice(1, 2), page: 0, lang: 'en', timeZone: 'UTC', pageButtonId: () => 'x' });
    expect(single.components).toEqual([]);
  });

  it('an unknown speaker never gets an empty embed', () => {
    for (const suggestions of [[], [{ name: 'Vladimir Putin', quoteCount: 3, articleCount: 1 }]]) {
      const embed = unknownSpeakerView('Putn', suggestions, 'en').embeds[0];
      expect(embed?.title).toContain('Putn');
      expect((embed?.description ?? '') + (embed?.fields?.map((f) => f.value).join('') ?? '')).not.toBe('');
    }
  });

  it('search and reload views stay within limits with hundreds of items', () => {
    const hits = Array.from({ length: 50 }, (_, i) => ({ article: article({ id: `a${i}`, title: words(100) }), score: 1, snippet: words(300) }));
    expectWithinLimits(searchView('rudal', hits, 900, 'en', 'UTC').embeds);
    const ids = Array.from({ length: 500 }, (_, i) => `article-${i}`);
    const view = reloadView(
      {
        ok: true,
        added: ids,
        changed: ids,
        removed: ids,
        kept: ids,
        problems: ids.map((file) => ({ file, code: 'unreadable' as const, params: { detail: words(50) }, reason: words(50) })),
        articles: 500,
        durationMs: 1234,
      },
      'en',
      (id) => `Judul ${id}`,
    );
    expectWithinLimits(view.embeds);
    expect(view.embeds[0]?.fields?.[0]?.value).toMatch(/… and \d+ more$/);
  });

  it('every payload disables mentions', () => {
    expect(toPayload({ content: '@everyone hi', embeds: [] }).allowedMentions).toEqual({ parse: [] });
    expect(t('id', 'summary.reduced', { percent: 5 })).toBe('dipersingkat 5%');
  });
});

describe('the command list', () => {
  const stats = { articles: 1, paragraphs: 1, quotes: 1, speakers: 1, sources: 1, newest: null, oldest: null };
  const named = (name: string, id: string, description: string, idDescription: string) => ({
    name,
    description,
    name_localizations: { 'en-US': name, id },
    description_localizations: { 'en-US': description, id: idDescription },
  });
  const feed = {
    ...named('feed', 'umpan', 'Follow news feeds (moderators)', 'Ikuti umpan berita (moderator)'),
    default_member_permissions: '32',
    options: [
      { type: 1, ...named('add', 'tambah', 'Follow a feed', 'Ikuti sebuah umpan'), options: [{ type: 3, required: true, ...named('url', 'alamat', 'Its URL', 'Alamatnya') }] },
      { type: 1, ...named('remove', 'hapus', 'Stop following', 'Berhenti mengikuti') },
    ],
  };
  const summary = {
    ...named('summary', 'ringkasan', 'Summarise an article', 'Ringkas sebuah artikel'),
    options: [
      { type: 3, ...named('article', 'artikel', 'A title', 'Sebuah judul') },
      { type: 4, ...named('sentences', 'kalimat', 'How many', 'Berapa') },
    ],
  };
  const commands = [feed, summary] as unknown as CommandData[];

  it('is generated from the definitions, so a new command such as /feed appears by itself, after everyone’s commands', () => {
    const list = (lang: 'en' | 'id') => helpView(stats, 0, lang, 'UTC', commands).embeds[0]?.fields?.[0]?.value;
    expect(list('en')).toBe('`/summary [article] [sentences]` — Summarise an article\n`/feed add · remove` — Follow news feeds (moderators)');
    expect(list('id')).toBe('`/ringkasan [artikel] [kalimat]` — Ringkas sebuah artikel\n`/umpan tambah · hapus` — Ikuti umpan berita (moderator)');
  });

  it('names a subcommand as the reader’s client shows it, or nothing when the bot lacks it', () => {
    expect(localizedInvocation(commands, ['feed', 'add'], 'en')).toBe('/feed add');
    expect(localizedInvocation(commands, ['feed', 'add'], 'id')).toBe('/umpan tambah');
    expect(localizedInvocation(commands, ['feed', 'list'], 'en')).toBeNull();
    expect(localizedInvocation(commands.slice(1), ['feed', 'add'], 'en')).toBeNull();
  });
});

describe('summary paragraphs', () => {
  it('groups sentences by the article paragraph they come from, keeping one found nowhere with the one before', () => {
    const paragraphs = ['Satu a. Satu b.', 'Dua a.', 'Tiga a. Tiga  b.'];
    expect(summaryParagraphs(paragraphs, ['Satu a.', 'Satu b.', 'Tiga a.', 'tiga b.', 'Dibersihkan.'])).toEqual([
      ['Satu a.', 'Satu b.'],
      ['Tiga a.', 'tiga b.', 'Dibersihkan.'],
    ]);
    expect(summaryParagraphs(paragraphs, [])).toEqual([]);
  });
});
