import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/index.js';
import { decodeBody } from '../src/fetch/index.js';

const story = Array.from({ length: 6 }, (_, i) => `<p>Paragraf ke-${i + 1} dari berita ini berisi kalimat yang cukup panjang, dengan koma, titik, dan kutipan "seperti ini," kata narasumber di Jakarta.</p>`).join('');
const page = `<!doctype html><html><head><meta charset="utf-8"><meta property="og:title" content="Judul Berita Uji - Contoh.com"><meta property="og:site_name" content="Contoh.com"></head><body><article><h1>Judul Berita Uji</h1><div class="date">Kamis, 14 September 2023 - 20:22 WIB</div>${story}</article></body></html>`;

describe('extraction of hostile pages: a clear result, never a crash', () => {
  it('reads the Indonesian date line into ISO 8601 with the offset', () => {
    const article = extractArticle(page);
    expect(article).toMatchObject({ title: 'Judul Berita Uji', published: '2023-09-14T20:22:00+07:00', source: 'Contoh.com', url: null, partial: false });
    expect(article.paragraphs).toHaveLength(6);
  });

  it.each([
    ['empty', ''],
    ['plain text', 'just some words, not a page at all'],
    ['binary noise', '\u0000\u0001\u0002PNG\u0000garbage'],
    ['a feed', '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'],
    ['JSON', '{"title": "not html"}'],
    ['unclosed tags', '<html><body><div><p>Berita <b>tanpa <i>penutup'],
  ])('%s gives an empty, partial article', (_name, html) => {
    const article = extractArticle(html);
    expect(article.partial).toBe(true);
    expect(article.paragraphs.join(' ').length).toBeLessThan(200);
  });

  it('keeps what a truncated page holds', () => {
    const article = extractArticle(page.slice(0, page.indexOf('Paragraf ke-5')));
    expect(article.title).toBe('Judul Berita Uji');
    expect(article.paragraphs.length).toBeGreaterThanOrEqual(3);
  });

  it('reads through 3,000 levels of nesting', () => {
    const deep = page.replace('<article>', `<article>${'<div>'.repeat(3000)}<p>dalam</p>${'</div>'.repeat(3000)}`);
    const article = extractArticle(deep);
    expect(article.title).toBe('Judul Berita Uji');
    expect(article.paragraphs.length).toBeGreaterThanOrEqual(6);
  }, 60_000);

  it('gives a page of 80,000 elements its metadata and calls it partial, without reading it for a story', () => {
    const big = page.replace('</article>', `${'<div class="filler"><p>isi</p></div>'.repeat(40_000)}</article>`);
    const article = extractArticle(big);
    expect(article).toMatchObject({ title: 'Judul Berita Uji', published: '2023-09-14T20:22:00+07:00', partial: true });
  }, 60_000);

  it('reads a windows-1252 page after decoding, with its curly quotes', () => {
    // curly quotes are the bytes 0x93 and 0x94 in windows-1252
    const source = page.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').replace(/"seperti ini,"/g, '\u0093seperti ini,\u0094');
    const cp1252 = Buffer.from(source, 'latin1');
    const article = extractArticle(decodeBody(cp1252, null).text);
    expect(article.paragraphs[0]).toContain('“seperti ini,”');
  });

  it('ignores broken JSON-LD and dates it cannot read', () => {
    const broken = page.replace('</head>', '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script><meta property="article:published_time" content="kemarin sore"></head>');
    const article = extractArticle(broken);
    expect(article.title).toBe('Judul Berita Uji');
    expect(article.published).toBe('2023-09-14T20:22:00+07:00');
  });

  it('removes tracking parameters from the canonical URL and resolves it against the page URL', () => {
    const withCanonical = page.replace('</head>', '<link rel="canonical" href="/berita/123?utm_source=rss&id=5&fbclid=x#top"></head>');
    expect(extractArticle(withCanonical, { url: 'https://contoh.com/a?utm_medium=feed' }).url).toBe('https://contoh.com/berita/123?id=5');
    expect(extractArticle(page, { url: 'https://contoh.com/a?utm_medium=feed&gclid=1' }).url).toBe('https://contoh.com/a');
    expect(extractArticle(page.replace('</head>', '<link rel="canonical" href="javascript:alert(1)"></head>'), { url: 'https://contoh.com/a' }).url).toBe('https://contoh.com/a');
  });

  it('drops captions before the dateline that opens the story, but never long paragraphs before a dateline-like one', () => {
    const long = 'Paragraf pembuka yang panjang menjelaskan duduk perkara, dengan banyak rincian, angka, dan kutipan dari pejabat terkait. '.repeat(4);
    const captioned = extractArticle(`<html><body><article><h1>Judul Berita Uji</h1><p>Warga antre di posko (Foto: Contoh/Budi)</p><p>JAKARTA, Contoh.com - ${long}</p><p>${long}</p></article></body></html>`);
    expect(captioned.paragraphs[0]?.startsWith('Paragraf pembuka')).toBe(true);
    expect(captioned.city).toBe('JAKARTA');
    const story = extractArticle(`<html><body><article><h1>Judul Berita Uji</h1><p>Pertama. ${long}</p><p>Kedua. ${long}</p><p>MEDAN - Ketiga. ${long}</p></article></body></html>`);
    expect(story.paragraphs).toHaveLength(3);
  });
});
