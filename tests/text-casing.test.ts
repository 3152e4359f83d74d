import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFold } from '../scripts/rouge-folds.js';
import { meanScores, scoreSummary } from '../scripts/rouge.js';
import { summarize } from '../src/summarize/index.js';
import { analyzeArticle, buildCorpusStats, splitSentences } from '../src/text/index.js';
import { sharedData } from './helpers/tmp.js';

describe('sentences of text in one case only', () => {
  it('splits lower-case text at its sentence ends, still not at abbreviations', () => {
    expect(splitSentences('harga beras naik. dr. budi dari pt. maju jaya hadir. warga mengeluh.').map((s) => s.text)).toEqual([
      'harga beras naik.',
      'dr. budi dari pt. maju jaya hadir.',
      'warga mengeluh.',
    ]);
    expect(splitSentences('HARGA BERAS NAIK. DR. BUDI HADIR. WARGA MENGELUH.')).toHaveLength(3);
  });

  it.each(['dev.01', 'dev.02', 'dev.03'])('finds as many sentences in %s lower-cased or in capitals as in the text as written (within 5%)', async (name) => {
    const fold = await loadFold(path.join(sharedData, 'indosum', `${name}.jsonl`));
    let normal = 0;
    let lower = 0;
    let upper = 0;
    for (const item of fold.articles) {
      for (const paragraph of item.analyzed.article.paragraphs) {
        normal += splitSentences(paragraph).length;
        lower += splitSentences(paragraph.toLowerCase()).length;
        upper += splitSentences(paragraph.toUpperCase()).length;
      }
    }
    expect(Math.abs(lower / normal - 1)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(upper / normal - 1)).toBeLessThanOrEqual(0.05);
  }, 60_000);

  it('summarises lower-cased dev.01 better than LEAD-3', async () => {
    const fold = await loadFold(path.join(sharedData, 'indosum', 'dev.01.jsonl'));
    const analyzed = fold.articles.map((item) => analyzeArticle({ ...item.analyzed.article, paragraphs: item.analyzed.article.paragraphs.map((p) => p.toLowerCase()) }));
    const stats = buildCorpusStats(analyzed);
    const ours = meanScores(analyzed.map((doc, i) => scoreSummary(summarize(doc, stats, { sentences: 3 }).sentences, fold.articles[i]?.reference ?? [], 'paper')));
    const lead = meanScores(analyzed.map((doc, i) => scoreSummary(doc.sentences.slice(0, 3).map((s) => s.text), fold.articles[i]?.reference ?? [], 'paper')));
    console.log(`lower-cased dev.01, paper convention: ours ${ours.rouge1.toFixed(2)}/${ours.rouge2.toFixed(2)}/${ours.rougeL.toFixed(2)}, LEAD-3 ${lead.rouge1.toFixed(2)}/${lead.rouge2.toFixed(2)}/${lead.rougeL.toFixed(2)}`);
    expect(ours.rouge1).toBeGreaterThan(lead.rouge1);
    expect(ours.rouge2).toBeGreaterThan(lead.rouge2);
    expect(ours.rougeL).toBeGreaterThan(lead.rougeL);
  }, 120_000);
});

describe('sentences a scrape glued together', () => {
  it('splits `tersebut.Namun` but not a title, a domain, a number or an abbreviation', () => {
    expect(splitSentences('Harga naik tersebut.Namun warga tenang.').map((s) => s.text)).toEqual(['Harga naik tersebut.', 'Namun warga tenang.']);
    expect(splitSentences('Sidang digelar Selasa (17/6/2025).Selain itu, saksi hadir.')).toHaveLength(2);
    for (const whole of ['Hadir Budi, S.H.Kemudian pulang.', 'Kata dia di Kompas.com hari ini.', 'Harganya Rp 5.000 per kilo.', 'Ditemui Dr.Citra di Jl.Merdeka kemarin.']) {
      expect(splitSentences(whole), whole).toHaveLength(1);
    }
  });
});
