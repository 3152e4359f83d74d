import type { Forest, TreeNode } from '../src/summarize/forest.js';

export interface ForestOptions {
  readonly trees: number;
  readonly depth: number;
  readonly rate: number;
  /** Candidate thresholds per feature: its quantiles. */
  readonly bins: number;
  /** A split keeps at least this much hessian (≈ sentences) on each side. */
  readonly minLeaf: number;
  /** L2 penalty on leaf values. */
  readonly lambda: number;
}

const DEFAULTS: ForestOptions = { trees: 200, depth: 3, rate: 0.1, bins: 32, minLeaf: 5, lambda: 1 };

const round = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Quantile thresholds of one feature and each row's bin (how many thresholds lie below its value). */
function binFeature(xs: readonly (readonly number[])[], feature: number, bins: number): { thresholds: number[]; bin: Uint8Array } {
  const values = xs.map((x) => x[feature] ?? 0).sort((a, b) => a - b);
  const thresholds: number[] = [];
  for (let b = 1; b < bins; b++) {
    const v = round(values[Math.floor((b * values.length) / bins)] ?? 0);
    if (thresholds.length === 0 || v > (thresholds[thresholds.length - 1] ?? 0)) thresholds.push(v);
  }
  const bin = new Uint8Array(xs.length);
  xs.forEach((x, i) => {
    const v = x[feature] ?? 0;
    let b = 0;
    while (b < thresholds.length && v > (thresholds[b] ?? 0)) b++;
    bin[i] = b;
  });
  return { thresholds, bin };
}

/**
 * Gradient boosting of depth-limited regression trees on the logistic loss with soft targets (0..1), Newton leaf values,
 * splits searched over feature quantiles. Deterministic.
 */
export function fitForest(xs: readonly (readonly number[])[], ys: readonly number[], options: Partial<ForestOptions> = {}): Forest {
  const { trees: count, depth: maxDepth, rate, bins, minLeaf, lambda } = { ...DEFAULTS, ...options };
  const n = xs.length;
  const dims = xs[0]?.length ?? 0;
  const binned = Array.from({ length: dims }, (_, f) => binFeature(xs, f, bins));
  const mean = Math.min(Math.max(ys.reduce((a, b) => a + b, 0) / Math.max(n, 1), 1e-6), 1 - 1e-6);
  const bias = round(Math.log(mean / (1 - mean)));
  const margin = new Float64Array(n).fill(bias);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  const build = (rows: readonly number[], depth: number): TreeNode => {
    let g = 0;
    let h = 0;
    for (const i of rows) {
      g += gradient[i] ?? 0;
      h += hessian[i] ?? 0;
    }
    const leaf = round(-g / (h + lambda));
    if (depth >= maxDepth || h < 2 * minLeaf) return leaf;
    const parent = (g * g) / (h + lambda);
    let best = { gain: 0, feature: -1, bin: -1 };
    for (let f = 0; f < dims; f++) {
      const { thresholds, bin } = binned[f] as { thresholds: number[]; bin: Uint8Array };
      const k = thresholds.length + 1;
      if (k < 2) continue;
      const gs = new Float64Array(k);
      const hs = new Float64Array(k);
      for (const i of rows) {
        const b = bin[i] ?? 0;
        gs[b] = (gs[b] ?? 0) + (gradient[i] ?? 0);
        hs[b] = (hs[b] ?? 0) + (hessian[i] ?? 0);
      }
      let gl = 0;
      let hl = 0;
      for (let b = 0; b < k - 1; b++) {
        gl += gs[b] ?? 0;
        hl += hs[b] ?? 0;
        const gr = g - gl;
        const hr = h - hl;
        if (hl < minLeaf || hr < minLeaf) continue;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
        if (gain > best.gain) best = { gain, feature: f, bin: b };
      }
    }
    if (best.feature < 0) return leaf;
    const { thresholds, bin } = binned[best.feature] as { thresholds: number[]; bin: Uint8Array };
    const left = rows.filter((i) => (bin[i] ?? 0) <= best.bin);
    const right = rows.filter((i) => (bin[i] ?? 0) > best.bin);
    return [best.feature, thresholds[best.bin] ?? 0, build(left, depth + 1), build(right, depth + 1)];
  };
  const all = Array.from({ length: n }, (_, i) => i);
  const trees: TreeNode[] = [];
  for (let t = 0; t < count; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(margin[i] ?? 0)));
      gradient[i] = p - (ys[i] ?? 0);
      hessian[i] = Math.max(p * (1 - p), 1e-6);
    }
    const tree = build(all, 0);
    trees.push(tree);
    xs.forEach((x, i) => {
      let node = tree;
      while (typeof node !== 'number') node = (x[node[0]] ?? 0) <= node[1] ? node[2] : node[3];
      margin[i] = (margin[i] ?? 0) + rate * node;
    });
  }
  return { bias, rate, trees };
}

/** The model file as JSON, each tree on one line (pretty-printed trees would be most of the file). */
export function modelJson(model: object): string {
  const text = JSON.stringify(model, (key, value: unknown) => (key === 'trees' && Array.isArray(value) ? value.map((tree) => JSON.stringify(tree)) : value), 2);
  return `${text.replace(/"(-?[\d[][-\d.e,[\]]*)"/g, '$1')}\n`;
}
