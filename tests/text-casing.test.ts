import { existsSync, readFileSync } from 'node:fs';
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

describe('sentences a scrape glued together, in one case only', () => {
  it('splits `tersebut.namun` but not a domain, a file, a handle, an address, a number or an abbreviation', () => {
    for (const glued of ['harga naik tersebut.namun warga tenang.', 'sidang digelar selasa (17/6/2025).selain itu, saksi hadir.', 'jatuh kepada negara.ia menilai putusan itu.', 'tidak lagi bisa.kapal-kapal itu tenggelam.']) {
      expect(splitSentences(glued), glued).toHaveLength(2);
      expect(splitSentences(glued.toUpperCase()), glued.toUpperCase()).toHaveLength(2);
    }
    for (const whole of [
      'kata dia di kompas.com hari ini.',
      'berikut liputan6.comrekomendasikan lima tempat.',
      'unduh laporan.pdf di situs.',
      'akun @jogja.vibes ramai.',
      'buka www.detik.com sekarang.',
      'lihat bit.ly/abc.def hari ini.',
      'kunjungi republika.co.id setiap hari.',
      'harganya rp 5.000 per kilo.',
      'ditemui dr.citra di jl.merdeka kemarin.',
    ]) {
      expect(splitSentences(whole), whole).toHaveLength(1);
      expect(splitSentences(whole.toUpperCase()), whole.toUpperCase()).toHaveLength(1);
    }
  });

  it('splits before a word in capitals glued to a sentence, not inside a domain in capitals', () => {
    expect(splitSentences('Tiket sulit terjual.FIFA langsung bereaksi.').map((s) => s.text)).toEqual(['Tiket sulit terjual.', 'FIFA langsung bereaksi.']);
    expect(splitSentences('Mobil itu dijual.BACA JUGA - Volvo pamit.')).toHaveLength(2);
    for (const whole of ['REPUBLIKA.CO.ID, BANDUNG -- SMAN 1 hadir.', 'Kunjungi Okezone.COM kini.']) expect(splitSentences(whole), whole).toHaveLength(1);
  });

  const textsFile = path.join(sharedData, 'realnews', 'texts.jsonl');
  it.runIf(existsSync(textsFile))('cuts scraped texts of ten outlets, lower-cased or in capitals, where it cuts them as written (realnews)', () => {
    const texts = readFileSync(textsFile, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => (JSON.parse(line) as { text: string }).text);
    let written = 0;
    const missed = { lower: 0, upper: 0 };
    const extra = { lower: 0, upper: 0 };
    for (const paragraph of texts.flatMap((text) => text.split(/\n+/))) {
      if (paragraph.trim() === '' || paragraph.toLowerCase().length !== paragraph.length || paragraph.toUpperCase().length !== paragraph.length) continue;
      const starts = new Set(splitSentences(paragraph).map((s) => s.start));
      written += starts.size;
      for (const [casing, text] of [['lower', paragraph.toLowerCase()], ['upper', paragraph.toUpperCase()]] as const) {
        const cased = new Set(splitSentences(text).map((s) => s.start));
        for (const start of starts) if (!cased.has(start)) missed[casing]++;
        for (const start of cased) if (!starts.has(start)) extra[casing]++;
      }
    }
    console.log(`realnews: ${written} sentence starts as written; lower case misses ${missed.lower}, adds ${extra.lower}; capitals miss ${missed.upper}, add ${extra.upper}`);
    for (const casing of ['lower', 'upper'] as const) {
      expect(missed[casing] / written).toBeLessThanOrEqual(0.02);
      expect(extra[casing] / written).toBeLessThanOrEqual(0.02);
    }
  }, 60_000);
});
