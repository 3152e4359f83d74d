import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coherenceCounts } from '../scripts/eval-summary-tables.js';
import { loadFold } from '../scripts/rouge-folds.js';
import type { Article } from '../src/corpus/article.js';
import { opensWithReference, withoutConnective } from '../src/summarize/coherence.js';
import { summarize, summarizeWith, type SentenceScorer } from '../src/summarize/index.js';
import { analyzeArticle, buildCorpusStats } from '../src/text/index.js';
import { splitSentences } from '../src/text/sentences.js';
import { sharedData } from './helpers/tmp.js';

describe('coherent summaries', () => {
  it('recognises openings that point back to a dropped sentence', () => {
    for (const text of ['Ia menambahkan bahwa harga naik.', 'Dia tidak hadir.', 'Namun, rencana itu batal.', 'Selain itu, warga mengungsi.', 'Atas dasar itu, polisi menahan pelaku.', 'Menurutnya, harga akan turun.', 'Sementara itu, hujan reda.', 'Oleh karena itu, sekolah libur.', 'Hal ini membuat warga resah.', 'Tersebut dalam laporan itu angka korban.']) {
      expect(opensWithReference(text), text).toBe(true);
    }
    for (const text of ['Iapun', 'Indonesia menang 2-0.', 'Dian Sastro hadir.', 'Namunya tidak tercatat.', 'Harga beras naik.']) expect(opensWithReference(text), text).toBe(false);
  });

  it.each(['dev.01', 'dev.02', 'dev.03'])('never opens with, nor holds, a pronoun or connective whose referent it dropped: %s', async (name) => {
    const fold = await loadFold(path.join(sharedData, 'indosum', `${name}.jsonl`));
    const summaries = fold.articles.map((item) => summarize(item.analyzed, fold.stats, { sentences: 3 }).sentences);
    expect(coherenceCounts(fold.articles, { name: 'ours', summaries })).toEqual({ opening: 0, any: 0 });
  }, 120_000);

  it('drops an opening connective that points to a sentence left out, but never a pronoun', () => {
    expect(withoutConnective('Namun, rencana itu batal.')).toBe('Rencana itu batal.');
    expect(withoutConnective('Sementara itu hujan reda.')).toBe('Hujan reda.');
    expect(withoutConnective('Oleh karena itu, sekolah libur.')).toBe('Sekolah libur.');
    for (const text of ['Ia menambahkan bahwa harga naik.', 'Lebih lanjut, ia mengatakan harga naik.', 'Namunya tidak tercatat.', 'Harga beras naik.']) expect(withoutConnective(text), text).toBeUndefined();
  });

  it('shows a connective sentence without its connective when the sentence before it is left out, and keeps a pronoun sentence out', () => {
    const sentences = [
      'Pemerintah kota menyiapkan anggaran baru untuk perbaikan jalan di kawasan utara.',
      'Rapat itu dihadiri oleh pejabat dinas dan perwakilan kontraktor lokal.',
      'Namun, warga menolak rencana pembangunan jalan tol di atas lahan pertanian.',
      'Ia menyebut proyek tersebut merugikan petani yang menggarap sawah di sana.',
    ];
    const article: Article = { id: 'a', title: 'a', published: null, source: null, url: null, city: null, category: null, paragraphs: sentences, contentHash: 'a', file: 'a.json' };
    const doc = analyzeArticle(article);
    const stats = buildCorpusStats([doc]);
    // the sentence before each `Namun …`/`Ia …` is the one the scorer likes least
    const favourLater: SentenceScorer = { name: 'test', score: () => [3, 0, 2, 1] };
    expect(summarizeWith(favourLater, doc, stats, { sentences: 2 }).sentences).toEqual([sentences[0], 'Warga menolak rencana pembangunan jalan tol di atas lahan pertanian.']);
    expect(summarizeWith(favourLater, doc, stats, { sentences: 3 }).sentences).toEqual([sentences[0], 'Warga menolak rencana pembangunan jalan tol di atas lahan pertanian.', sentences[3]]);
  });

  it('never cuts a sentence at a title or abbreviation', () => {
    const paragraph = 'Direktur PT. Maju Jaya, Dr. Budi, hadir bersama Plt. Bupati di Jl. Merdeka No. 5 pada Senin. Ia lalu pulang.';
    expect(splitSentences(paragraph).map((s) => s.text)).toEqual(['Direktur PT. Maju Jaya, Dr. Budi, hadir bersama Plt. Bupati di Jl. Merdeka No. 5 pada Senin.', 'Ia lalu pulang.']);
  });
});
