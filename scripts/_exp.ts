import { loadFold, oracleShares, type EvalFold, type EvalArticle } from './summary-data.js';
import { documentView, type DocumentView } from '../src/summarize/document.js';
import { sentenceFeatures } from '../src/summarize/features.js';
import { selectSentences } from '../src/summarize/select.js';
import { fitLogistic } from './logistic.js';
import { fitTrees, predictTrees } from './gbdt.js';
import { meanScores, scoreSummary, rougeTokens, paperSystemText } from './rouge.js';

const folds = await Promise.all(['01', '02', '03'].map((f) => loadFold(`../shared/data/indosum/dev.${f}.jsonl`)));
type Row = { item: EvalArticle; view: DocumentView; X: number[][]; share: number[]; prec: number[] };
const extra = (view: DocumentView, i: number): number[] => {
  const s = view.sentences[i]!;
  const n = view.sentences.length;
  const inPara = view.sentences.filter((x) => x.paragraph === s.paragraph);
  const idxInPara = inPara.findIndex((x) => x.index === i);
  const first = view.sentences[0]!;
  const e = view.sentences.slice(0, i).filter((x) => x.eligible).length;
  return [i === 3 ? 1 : 0, i === 4 ? 1 : 0, idxInPara, inPara.length, Math.log(1 + first.tokens.length), s.paragraph === 0 ? 1 : 0,
    /\b(?:mengatakan|menurut|kata|ujar|menjelaskan|menyatakan)\b/i.test(s.text) ? 1 : 0,
    (i / Math.max(n, 1)) * Math.log(1 + n), e === 0 ? 1 : 0, e === 1 ? 1 : 0, e === 2 ? 1 : 0, e === 3 ? 1 : 0, e === 4 ? 1 : 0, 1 / (1 + e), Math.log(1 + e),
    s.paragraph === 0 && idxInPara === 1 ? 1 : 0, s.paragraph === 1 && idxInPara === 0 ? 1 : 0, s.paragraph === 1 && idxInPara === 1 ? 1 : 0];
};
const rows: Row[][] = folds.map((fold) => fold.articles.map((item) => {
  const view = documentView(item.analyzed, fold.stats);
  const base = sentenceFeatures(view);
  const refTokens = new Set(item.reference.flatMap((r) => rougeTokens(r)));
  const prec = view.sentences.map((s) => { const t = rougeTokens(paperSystemText(s.text)); return t.length ? t.filter((x) => refTokens.has(x)).length / t.length : 0; });
  return { item, view, X: base.map((b, i) => [...b, ...extra(view, i)]), share: oracleShares(item), prec };
}));
function fitListwise(groups: { xs: number[][]; ys: number[] }[], lambda: number, epochs = 60) {
  const all = groups.flatMap((g) => g.xs);
  const d = all[0]!.length;
  const mean = new Array(d).fill(0), scale = new Array(d).fill(0);
  for (const x of all) x.forEach((v, k) => (mean[k] += v / all.length));
  for (const x of all) x.forEach((v, k) => (scale[k] += (v - mean[k]) ** 2 / all.length));
  for (let k = 0; k < d; k++) scale[k] = Math.sqrt(scale[k]) || 1;
  const zs = groups.map((g) => ({ xs: g.xs.map((x) => x.map((v, k) => (v - mean[k]) / scale[k])), ys: g.ys }));
  const w = new Array(d).fill(0), m = new Array(d).fill(0), v2 = new Array(d).fill(0);
  let t = 0;
  for (let ep = 0; ep < epochs; ep++) {
    for (let b = 0; b < zs.length; b += 64) {
      const grad = new Array(d).fill(0);
      for (const g of zs.slice(b, b + 64)) {
        const sum = g.ys.reduce((a, y) => a + y, 0);
        if (sum <= 0) continue;
        const sc = g.xs.map((x) => x.reduce((a, v, k) => a + v * w[k], 0));
        const mx = Math.max(...sc);
        const ex = sc.map((s) => Math.exp(s - mx));
        const Z = ex.reduce((a, e) => a + e, 0);
        g.xs.forEach((x, i) => { const p = ex[i]! / Z, y = g.ys[i]! / sum; x.forEach((v, k) => (grad[k] += (p - y) * v)); });
      }
      t++;
      for (let k = 0; k < d; k++) {
        const gk = grad[k] / 64 + lambda * w[k] / zs.length;
        m[k] = 0.9 * m[k] + 0.1 * gk; v2[k] = 0.999 * v2[k] + 0.001 * gk * gk;
        w[k] -= 0.05 * (m[k] / (1 - 0.9 ** t)) / (Math.sqrt(v2[k] / (1 - 0.999 ** t)) + 1e-8);
      }
    }
  }
  return { mean, scale, weights: w, bias: 0 };
}
const run = (name: string, opts: { cols?: (x: number[]) => number[]; target: (r: Row, i: number) => number; lambda: number; red: number; listwise?: boolean; trees?: { rounds: number; depth: number; rate: number; minLeaf: number; lambda: number; bins: number } }) => {
  const res: number[][] = [];
  for (let k = 0; k < 3; k++) {
    const ids = new Set(folds[k]!.articles.map((a) => a.record.id));
    const xs: number[][] = [], ys: number[] = [];
    for (let j = 0; j < 3; j++) if (j !== k) for (const r of rows[j]!) { if (ids.has(r.item.record.id)) continue; r.view.sentences.forEach((s, i) => { if (s.eligible) { xs.push((opts.cols ?? ((x) => x))(r.X[i]!)); ys.push(opts.target(r, i)); } }); }
    let m;
    if (opts.listwise) {
      const groups: { xs: number[][]; ys: number[] }[] = [];
      for (let j = 0; j < 3; j++) if (j !== k) for (const r of rows[j]!) { if (ids.has(r.item.record.id)) continue; const g = { xs: [] as number[][], ys: [] as number[] }; r.view.sentences.forEach((s, i) => { if (s.eligible) { g.xs.push((opts.cols ?? ((x) => x))(r.X[i]!)); g.ys.push(opts.target(r, i)); } }); if (g.xs.length) groups.push(g); }
      m = fitListwise(groups, opts.lambda);
    } else if (opts.trees) {
      const t = fitTrees(xs, ys, opts.trees);
      const scores = rows[k]!.map((r) => {
        const sc = r.X.map((x) => predictTrees(t, (opts.cols ?? ((x) => x))(x)));
        const chosen = selectSentences(r.view, sc, 3, opts.red);
        return scoreSummary(chosen.map((i) => r.view.sentences[i]!.text), r.item.reference, 'paper');
      });
      const ms = meanScores(scores);
      res.push([ms.rouge1, ms.rouge2, ms.rougeL]);
      continue;
    } else m = fitLogistic(xs, ys, opts.lambda);
    const scores = rows[k]!.map((r) => {
      const sc = r.X.map((x) => { const f = (opts.cols ?? ((x) => x))(x); let z = m.bias; f.forEach((v, q) => (z += m.weights[q]! * ((v - m.mean[q]!) / m.scale[q]!))); return z; });
      const chosen = selectSentences(r.view, sc, 3, opts.red);
      return scoreSummary(chosen.map((i) => r.view.sentences[i]!.text), r.item.reference, 'paper');
    });
    const ms = meanScores(scores);
    res.push([ms.rouge1, ms.rouge2, ms.rougeL]);
  }
  const mean = [0, 1, 2].map((q) => res.reduce((a, r) => a + r[q]!, 0) / 3);
  console.log(name.padEnd(40), res.map((r) => r[0]!.toFixed(2)).join(' '), '| mean', mean.map((v) => v.toFixed(2)).join(' / '));
};
const base = (x: number[]) => x.slice(0, 24);
const share = (r: Row, i: number) => r.share[i]!;
const inter = (x: number[]) => { const out = [...x]; for (const e of [32, 33, 34, 35]) for (const f of [16, 8, 14, 15, 12, 11, 18]) out.push(x[e]! * x[f]!); return out; };
run('base', { cols: base, target: share, lambda: 1, red: 0.8 });
run('extra+inter l10', { cols: inter, target: share, lambda: 10, red: 0.8 });
