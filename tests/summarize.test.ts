import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import { loadArticles } from '../src/corpus/index.js';
import {
  CentralityScorer,
  FittedScorer,
  LeadScorer,
  summarize,
  summarizeWith,
  type Summary,
} from '../src/summarize/index.js';
import { analyzeArticle, buildCorpusStats, type AnalyzedArticle, type CorpusStats } from '../src/text/index.js';
import { documentView } from '../src/summarize/document.js';
import { loadShippedModel } from '../src/summarize/model.js';
import { SET_FEATURE_NAMES, selectSet, type SetModel } from '../src/summarize/set-select.js';
import { forestScore, parseForest } from '../src/summarize/forest.js';
import { fitForest, modelJson } from '../scripts/fit-forest.js';
import { seedFile } from './helpers/tmp.js';

function article(id: string, paragraphs: string[]): Article {
  return { id, title: id, published: null, source: null, url: null, city: null, category: null, paragraphs, contentHash: id, file: `${id}.json` };
}

function corpus(...articles: Article[]): { docs: AnalyzedArticle[]; stats: CorpusStats } {
  const docs = articles.map(analyzeArticle);
  return { docs, stats: buildCorpusStats(docs) };
}

const filler = [
  'Pemerintah daerah menyiapkan anggaran baru untuk perbaikan jalan di kawasan utara kota.',
  'Warga berharap pekerjaan itu selesai sebelum musim hujan tiba pada akhir tahun.',
  'Dinas terkait menyebut proyek tersebut melibatkan tiga kontraktor lokal yang berpengalaman.',
  'Jalan sepanjang dua kilometer itu rusak sejak banjir besar melanda wilayah tersebut.',
];

describe('summarize on the seed article', () => {
  let seed: AnalyzedArticle;
  let stats: CorpusStats;
  let summary: Summary;

  beforeAll(async () => {
    const { articles } = await loadArticles([seedFile]);
    const first = articles[0];
    if (first === undefined) throw new Error('seed article did not load');
    seed = analyzeArticle(first);
    stats = buildCorpusStats([seed]);
    summary = summarize(seed, stats, { sentences: 3 });
  });

  it('names Putin, Kim Jong-un and military cooperation in three sentences', () => {
    expect(summary.sentences).toHaveLength(3);
    const text = summary.sentences.join(' ');
    expect(text).toContain('Putin');
    expect(text).toContain('Kim Jong-un');
    expect(text).toMatch(/kerja sama (teknis )?militer/);
  });

  it('keeps article order and contains no footer text', () => {
    const positions = summary.sentences.map((s) => seed.sentences.findIndex((x) => x.text === s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(summary.sentences.join(' ')).not.toMatch(/tulis komentar|Dapatkan berita|Berita Terkait|Rekomendasi|Foto\/NDTV|\(ian\)/);
  });

  it('gives five readable keywords as the article writes them', () => {
    expect(summary.keywords).toHaveLength(5);
    expect(summary.keywords).toContain('Putin');
    const body = seed.article.paragraphs.join(' ');
    for (const keyword of summary.keywords) expect(body).toContain(keyword);
  });

  it('reports the reduction by characters', () => {
    const articleChars = seed.article.paragraphs.reduce((sum, p) => sum + p.length, 0);
    const summaryChars = summary.sentences.reduce((sum, s) => sum + s.length, 0);
    expect(summary.reduction).toBeCloseTo(1 - summaryChars / articleChars, 3);
    expect(summary.reduction).toBeGreaterThan(0.5);
    expect(summary.reduction).toBeLessThan(1);
  });

  it('is deterministic, also over a fresh analysis of the same corpus', () => {
    const again = analyzeArticle(seed.article);
    expect(summarize(again, buildCorpusStats([again]), { sentences: 3 })).toEqual(summary);
    expect(summarize(seed, stats, { sentences: 3 })).toEqual(summary);
  });
});

describe('summarize and quotations', () => {
  const quoted = article('quoted', [
    '“Kami siap bertanding melawan siapa pun. Kami sudah berlatih keras selama sebulan penuh.',
    '“Lawan kami memang kuat, tetapi kami tidak gentar sedikit pun,” kata pelatih tim nasional Budi Santoso di Jakarta.',
    '“Yang penting para pemain tetap fokus pada pertandingan,” tambahnya.',
    ...filler,
  ]);

  it('never shows part of a quotation without its speaker, even when position favours it', () => {
    const { docs, stats } = corpus(quoted);
    const doc = docs[0] as AnalyzedArticle;
    for (const summary of [summarizeWith(new LeadScorer(), doc, stats, { sentences: 3 }), summarize(doc, stats, { sentences: 3 })]) {
      const text = summary.sentences.join(' ');
      expect(text).not.toContain('Kami siap bertanding');
      expect(text).not.toContain('Kami sudah berlatih');
      expect(text).not.toContain('tambahnya');
    }
  });

  it('may use a whole quotation with its named speaker', () => {
    const { docs, stats } = corpus(quoted);
    const lead = summarizeWith(new LeadScorer(), docs[0] as AnalyzedArticle, stats, { sentences: 1 });
    expect(lead.sentences).toEqual(['“Lawan kami memang kuat, tetapi kami tidak gentar sedikit pun,” kata pelatih tim nasional Budi Santoso di Jakarta.']);
  });

  it('classifies quote roles through the paragraphs', () => {
    const { docs, stats } = corpus(quoted);
    const roles = documentView(docs[0] as AnalyzedArticle, stats).sentences.map((s) => s.quote);
    expect(roles.slice(0, 4)).toEqual(['fragment', 'fragment', 'attributed', 'unattributed']);
  });
});

describe('summarize and web furniture', () => {
  it('skips “Baca juga” links, captions and headings even at the top', () => {
    const { docs, stats } = corpus(
      article('furniture', [
        'Baca juga: Setya Novanto Minta Kisruh Taksi Online Tidak Dibesarkan',
        'Petugas memeriksa kendaraan di gerbang tol. Foto: ANTARA/Budi Santoso',
        'Daftar Pemenang',
        ...filler,
      ]),
    );
    const summary = summarizeWith(new LeadScorer(), docs[0] as AnalyzedArticle, stats, { sentences: 2 });
    expect(summary.sentences).toEqual([filler[0], filler[1]]);
  });
});

describe('summarize options', () => {
  const { docs, stats } = corpus(article('plain', [filler.slice(0, 2).join(' '), filler.slice(2).join(' ')]), article('short', ['Harga beras naik tajam pekan ini di pasar induk.']));
  const plain = docs[0] as AnalyzedArticle;

  it('takes 3 sentences by default, or as many as asked, in article order', () => {
    expect(summarize(plain, stats).sentences).toHaveLength(3);
    const one = summarize(plain, stats, { sentences: 1 }).sentences;
    expect(one).toHaveLength(1);
    const all = summarize(plain, stats, { sentences: 10 }).sentences;
    expect(all).toEqual(filler);
  });

  it('takes a share of the sentences with ratio', () => {
    expect(summarize(plain, stats, { ratio: 0.5 }).sentences).toHaveLength(2);
    expect(summarize(plain, stats, { ratio: 0.01 }).sentences).toHaveLength(1);
  });

  it('returns the only sentence of a one-sentence article with no reduction', () => {
    const short = summarize(docs[1] as AnalyzedArticle, stats);
    expect(short.sentences).toEqual(['Harga beras naik tajam pekan ini di pasar induk.']);
    expect(short.reduction).toBe(0);
  });

  it('skips a sentence that repeats one already chosen', () => {
    const { docs: repeated, stats: repeatedStats } = corpus(
      article('repeat', ['Harga beras di pasar induk naik tajam pekan ini.', 'Pekan ini harga beras di pasar induk naik tajam.', ...filler]),
    );
    const summary = summarizeWith(new LeadScorer(), repeated[0] as AnalyzedArticle, repeatedStats, { sentences: 2 });
    expect(summary.sentences).toEqual(['Harga beras di pasar induk naik tajam pekan ini.', filler[0]]);
  });
});

describe('summary methods', () => {
  it('score every sentence, centrality favouring the sentence that shares most with the rest', () => {
    const { docs, stats } = corpus(
      article('central', [
        'Cuaca di pantai cerah sepanjang hari.',
        'Harga beras naik dan harga cabai naik di pasar.',
        'Harga beras naik di pasar induk.',
        'Harga cabai naik di pasar tradisional.',
      ]),
    );
    const view = documentView(docs[0] as AnalyzedArticle, stats);
    const scores = new CentralityScorer().score(view);
    expect(scores).toHaveLength(4);
    expect(scores.indexOf(Math.max(...scores))).toBe(1);
    expect(scores.indexOf(Math.min(...scores))).toBe(0);
  });

  it('refuses a fitted model whose features do not match the code', () => {
    expect(() => new FittedScorer({ features: ['first'], mean: [0], scale: [1], weights: [1], bias: 0 })).toThrow(/fit-summary/);
  });
});

describe('choosing a whole summary', () => {
  const setModel = (weights: Partial<Record<string, number>>, candidates = 4): SetModel => ({
    size: 3,
    candidates,
    features: [...SET_FEATURE_NAMES],
    weights: SET_FEATURE_NAMES.map((name) => weights[name] ?? 0),
  });
  const varied = article('varied', [
    'Pemerintah kota mengumumkan rencana besar untuk memperbaiki seluruh jaringan jalan yang rusak parah akibat banjir pada awal tahun ini di kawasan utara dan timur kota.',
    'Anggaran proyek mencapai dua ratus miliar rupiah.',
    'Pekerjaan dimulai bulan depan oleh tiga kontraktor lokal.',
    'Warga yang tinggal di sepanjang jalan tersebut berharap pekerjaan itu rampung sebelum musim hujan berikutnya tiba dan tidak mengganggu kegiatan sehari-hari mereka.',
    'Dinas terkait berjanji mengawasi mutu pekerjaan.',
  ]);

  it('weighs the summaries made of the best-scored sentences and returns the chosen one in article order', () => {
    const { docs, stats } = corpus(varied);
    const view = documentView(docs[0] as AnalyzedArticle, stats);
    const lead = new LeadScorer().score(view);
    expect(selectSet(view, lead, 3, setModel({ sumLogit: 1 }))).toEqual([0, 1, 2]);
    expect(selectSet(view, lead, 3, setModel({ words: -1 }))).toEqual([1, 2, 3]);
    expect(selectSet(view, lead, 3, setModel({ words: -1 }, 5))).toEqual([1, 2, 4]);
  });

  it('leaves other summary sizes, and articles with too few candidates, to the greedy selector', () => {
    const { docs, stats } = corpus(varied, article('two', filler.slice(0, 3)));
    const lead = (doc: AnalyzedArticle): number[] => new LeadScorer().score(documentView(doc, stats));
    const view = documentView(docs[0] as AnalyzedArticle, stats);
    expect(selectSet(view, lead(docs[0] as AnalyzedArticle), 2, setModel({ words: -1 }))).toBeUndefined();
    expect(selectSet(documentView(docs[1] as AnalyzedArticle, stats), lead(docs[1] as AnalyzedArticle), 3, setModel({ words: -1 }))).toBeUndefined();
  });

  it('never puts a sentence beside one it repeats, nor a quotation fragment in', () => {
    const { docs, stats } = corpus(
      article('repeat', ['Harga beras di pasar induk naik tajam pekan ini.', 'Pekan ini harga beras di pasar induk naik tajam.', '“Kami siap. Kami menang.', ...filler]),
    );
    const view = documentView(docs[0] as AnalyzedArticle, stats);
    const chosen = selectSet(view, new LeadScorer().score(view), 3, setModel({ words: -1, sumLogit: 1 }, 6)) ?? [];
    expect(chosen).toHaveLength(3);
    expect(chosen.filter((index) => index < 2)).toHaveLength(1);
    expect(chosen.every((index) => view.sentences[index]?.eligible === true)).toBe(true);
    expect(summarize(docs[0] as AnalyzedArticle, stats).sentences.filter((s) => s.includes('harga beras') || s.includes('Harga beras'))).toHaveLength(1);
  });

  it('ships a set model for three-sentence summaries that matches the code', () => {
    const model = loadShippedModel();
    expect(model.set?.size).toBe(3);
    expect(model.set?.features).toEqual(SET_FEATURE_NAMES);
    expect(() => new FittedScorer({ ...model, set: { ...setModel({}), features: ['words'] } })).toThrow(/fit-summary/);
  });
});

describe('boosted trees beside the linear sentence score', () => {
  it('learn an interaction a linear score cannot (a feature that matters only in the lead)', () => {
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 400; i++) {
      const lead = i % 2;
      const content = (i >> 1) % 2;
      xs.push([lead, content, (i % 7) / 7]);
      ys.push(lead === 1 && content === 1 ? 0.9 : 0.1);
    }
    const forest = fitForest(xs, ys, { trees: 30, depth: 2, rate: 0.3 });
    const p = (x: number[]): number => 1 / (1 + Math.exp(-forestScore(forest, x)));
    expect(p([1, 1, 0.5])).toBeGreaterThan(0.8);
    for (const x of [[1, 0, 0.5], [0, 1, 0.5], [0, 0, 0.5]]) expect(p(x)).toBeLessThan(0.2);
  });

  it('are written one tree a line and read back the same; a malformed tree is refused', () => {
    const forest = fitForest([[0], [1], [2], [3]], [0.1, 0.2, 0.8, 0.9], { trees: 3, depth: 1, minLeaf: 0.1 });
    const text = modelJson({ forest });
    expect(text.split('\n').filter((line) => line.trim().startsWith('[')).length).toBe(3);
    const read = parseForest((JSON.parse(text) as { forest: unknown }).forest, 1);
    expect(read).toEqual(forest);
    expect(() => parseForest({ bias: 0, rate: 0.1, trees: [[5, 0.5, 0.1, -0.1]] }, 1)).toThrow(/fit-summary/);
  });

  it('ship with the sentence model and move its scores', () => {
    const model = loadShippedModel();
    expect(model.forest?.trees.length).toBeGreaterThan(0);
    const { docs, stats } = corpus(article('trees', filler));
    const view = documentView(docs[0] as AnalyzedArticle, stats);
    const { forest, ...linear } = model;
    expect(new FittedScorer(model).score(view)).not.toEqual(new FittedScorer(linear).score(view));
    expect(forest).toBeDefined();
  });
});

describe('quote roles', () => {
  const roles = (...paragraphs: string[]) => {
    const { docs, stats } = corpus(article('roles', paragraphs));
    return documentView(docs[0] as AnalyzedArticle, stats).sentences.map((s) => s.quote);
  };

  it('tells named speakers from pronouns and -nya verbs', () => {
    expect(roles('“Saya akan selalu mendukung Rusia,” cetus Kim.')).toEqual(['attributed']);
    expect(roles('Tanpa menyebut nama Ukraina, Kim mengatakan: “Militer Rusia akan menang.”')).toEqual(['attributed']);
    expect(roles('“Kami akan membicarakan semua masalah,” ia menambahkan.')).toEqual(['unattributed']);
    expect(roles('"Itu mesti diatur," ujarnya kepada wartawan.')).toEqual(['unattributed']);
    expect(roles('"Itu mesti diatur," ujar Ketua MPR Zulkifli Hasan.')).toEqual(['attributed']);
  });

  it('does not take scare quotes for speech', () => {
    expect(roles('Rusia dan Korut “secara aktif maju” dalam kesepakatan senjata.')).toEqual(['none']);
    expect(roles('"Money Belt" menjadi nama sabuk bagi pemenang pertandingan itu.')).toEqual(['none']);
  });

  it('marks every sentence of a quotation left open at the end of its paragraph as a fragment', () => {
    expect(roles('“Kami siap. Kami akan menang.', 'Pelatih itu optimistis.')).toEqual(['fragment', 'fragment', 'none']);
  });
});

describe('summarize an article with no eligible sentence', () => {
  it('falls back to whole sentences but still never to furniture or a quotation fragment', () => {
    const { docs, stats } = corpus(article('note', ['Hasil Akhir Pertandingan', '“Kami siap. Kami menang.', 'Baca juga: Tim Lain Kalah']));
    expect(summarize(docs[0] as AnalyzedArticle, stats).sentences).toEqual(['Hasil Akhir Pertandingan']);
  });
});
