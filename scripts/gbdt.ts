/** Gradient-boosted regression trees for logistic loss with soft targets, on features cut into quantile bins. */
export interface TreeNode {
  /** Feature index for a split, or -1 for a leaf. */
  f: number;
  /** Go left when value <= t. */
  t: number;
  l: number;
  r: number;
  /** Leaf value (log-odds increment). */
  v: number;
}

export interface BoostedTrees {
  base: number;
  rate: number;
  trees: TreeNode[][];
}

export interface BoostOptions {
  rounds: number;
  depth: number;
  rate: number;
  minLeaf: number;
  lambda: number;
  bins: number;
}

function thresholds(values: number[], bins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let b = 1; b < bins; b++) {
    const v = sorted[Math.floor((b * sorted.length) / bins)] ?? 0;
    if (cuts.length === 0 || v > (cuts[cuts.length - 1] ?? -Infinity)) cuts.push(v);
  }
  return cuts;
}

export function predictTrees(model: BoostedTrees, x: readonly number[]): number {
  let z = model.base;
  for (const tree of model.trees) {
    let node = tree[0];
    while (node !== undefined && node.f >= 0) node = tree[(x[node.f] ?? 0) <= node.t ? node.l : node.r];
    z += model.rate * (node?.v ?? 0);
  }
  return z;
}

export function fitTrees(xs: readonly number[][], ys: readonly number[], options: BoostOptions): BoostedTrees {
  const n = xs.length;
  const d = xs[0]?.length ?? 0;
  const cuts = Array.from({ length: d }, (_, k) => thresholds(xs.map((x) => x[k] ?? 0), options.bins));
  const binned = Array.from({ length: d }, (_, k) => {
    const c = cuts[k] ?? [];
    return Uint8Array.from(xs, (x) => {
      const v = x[k] ?? 0;
      let b = 0;
      while (b < c.length && v > (c[b] ?? 0)) b++;
      return b;
    });
  });
  const mean = ys.reduce((a, y) => a + y, 0) / n;
  const base = Math.log(mean / (1 - mean));
  const z = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: TreeNode[][] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(z[i] ?? 0)));
      g[i] = p - (ys[i] ?? 0);
      h[i] = Math.max(p * (1 - p), 1e-6);
    }
    const tree: TreeNode[] = [];
    const grow = (rows: Int32Array, depth: number): number => {
      let G = 0;
      let H = 0;
      for (const i of rows) {
        G += g[i] ?? 0;
        H += h[i] ?? 0;
      }
      const id = tree.length;
      tree.push({ f: -1, t: 0, l: -1, r: -1, v: -G / (H + options.lambda) });
      if (depth >= options.depth || rows.length < 2 * options.minLeaf) return id;
      let best = { gain: 0, f: -1, bin: -1 };
      const parent = (G * G) / (H + options.lambda);
      for (let k = 0; k < d; k++) {
        const nb = (cuts[k]?.length ?? 0) + 1;
        const hg = new Float64Array(nb);
        const hh = new Float64Array(nb);
        const hc = new Int32Array(nb);
        const col = binned[k] as Uint8Array;
        for (const i of rows) {
          const b = col[i] ?? 0;
          hg[b] = (hg[b] ?? 0) + (g[i] ?? 0);
          hh[b] = (hh[b] ?? 0) + (h[i] ?? 0);
          hc[b] = (hc[b] ?? 0) + 1;
        }
        let gl = 0;
        let hl = 0;
        let cl = 0;
        for (let b = 0; b < nb - 1; b++) {
          gl += hg[b] ?? 0;
          hl += hh[b] ?? 0;
          cl += hc[b] ?? 0;
          if (cl < options.minLeaf || rows.length - cl < options.minLeaf) continue;
          const gain = (gl * gl) / (hl + options.lambda) + ((G - gl) * (G - gl)) / (H - hl + options.lambda) - parent;
          if (gain > best.gain) best = { gain, f: k, bin: b };
        }
      }
      if (best.f < 0) return id;
      const col = binned[best.f] as Uint8Array;
      const left = rows.filter((i) => (col[i] ?? 0) <= best.bin);
      const right = rows.filter((i) => (col[i] ?? 0) > best.bin);
      const node = tree[id] as TreeNode;
      node.f = best.f;
      node.t = cuts[best.f]?.[best.bin] ?? 0;
      node.l = grow(left, depth + 1);
      node.r = grow(right, depth + 1);
      return id;
    };
    grow(Int32Array.from({ length: n }, (_, i) => i), 0);
    for (let i = 0; i < n; i++) {
      let node = tree[0];
      while (node !== undefined && node.f >= 0) node = tree[(xs[i]?.[node.f] ?? 0) <= node.t ? node.l : node.r];
      z[i] = (z[i] ?? 0) + options.rate * (node?.v ?? 0);
    }
    trees.push(tree);
  }
  return { base, rate: options.rate, trees };
}
