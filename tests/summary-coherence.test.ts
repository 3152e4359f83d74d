import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coherenceCounts } from '../scripts/eval-summary-tables.js';
import { loadFold } from '../scripts/rouge-folds.js';
import { opensWithReference } from '../src/summarize/coherence.js';
import { summarize } from '../src/summarize/index.js';
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

  it('never cuts a sentence at a title or abbreviation', () => {
    const paragraph = 'Direktur PT. Maju Jaya, Dr. Budi, hadir bersama Plt. Bupati di Jl. Merdeka No. 5 pada Senin. Ia lalu pulang.';
    expect(splitSentences(paragraph).map((s) => s.text)).toEqual(['Direktur PT. Maju Jaya, Dr. Budi, hadir bersama Plt. Bupati di Jl. Merdeka No. 5 pada Senin.', 'Ia lalu pulang.']);
  });
});
