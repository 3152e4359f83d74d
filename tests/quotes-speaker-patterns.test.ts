import { describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/index.js';
import { findQuotes } from '../src/quotes/index.js';

/** Speaker patterns met on the outlets' dev quotes (tests/quotes-outlets.annotated.jsonl), each written anew in a short article. */

function article(paragraphs: string[]): Article {
  return { id: 'pola', title: 'Uji', published: null, source: null, url: null, city: null, category: null, paragraphs, contentHash: '0', file: 'pola.txt' };
}

/** The speaker of each quote, in reading order. */
function speakers(paragraphs: string[]): (string | null)[] {
  return findQuotes(article(paragraphs)).map((quote) => quote.speaker);
}

describe('speakers written after a title and a body', () => {
  it('takes the name after the comma, not the place that ends the body after an acronym', () => {
    expect(
      speakers([
        'Balai Besar Pengawas Obat dan Makanan Bandarlampung telah menemukan obat tanpa izin edar.',
        '"Dari hasil pengawasan ditemukan obat tanpa izin edar sebanyak 173 item," kata Kepala BBPOM Bandarlampung, Syamsuliani, di Bandarlampung, Rabu.',
        '"Indikator keberhasilan aksi ini adalah tidak ada lagi peredaran obat ilegal," jelasnya.',
      ]),
    ).toEqual(['Syamsuliani', 'Syamsuliani']);
  });
});
