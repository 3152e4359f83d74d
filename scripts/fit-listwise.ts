/** One candidate (a whole summary) of one article: its features and the ROUGE it scores against the reference. */
export interface ListCandidate {
  readonly features: readonly number[];
  readonly gain: number;
}

/**
 * Listwise ranking (ListNet): a linear score whose softmax over each article's candidates matches a softmax of their gains
 * at `temperature`, fitted by Adam on standardised features; returns weights for the raw features. Deterministic.
 */
export function fitListwise(lists: readonly (readonly ListCandidate[])[], temperature = 0.05, iterations = 400, l2 = 1e-4, rate = 0.05): number[] {
  const groups = lists.filter((list) => list.length > 1);
  const all = groups.flat();
  const dims = all[0]?.features.length ?? 0;
  const mean = new Array<number>(dims).fill(0);
  const scale = new Array<number>(dims).fill(0);
  for (const c of all) c.features.forEach((v, k) => (mean[k] = (mean[k] ?? 0) + v / all.length));
  for (const c of all) c.features.forEach((v, k) => (scale[k] = (scale[k] ?? 0) + (v - (mean[k] ?? 0)) ** 2 / all.length));
  for (let k = 0; k < dims; k++) scale[k] = Math.sqrt(scale[k] ?? 0) || 1;
  const zs = groups.map((list) => list.map((c) => c.features.map((v, k) => (v - (mean[k] ?? 0)) / (scale[k] ?? 1))));
  const targets = groups.map((list) => {
    const best = Math.max(...list.map((c) => c.gain));
    const weights = list.map((c) => Math.exp((c.gain - best) / temperature));
    const total = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => w / total);
  });
  const w = new Array<number>(dims).fill(0);
  const m1 = new Array<number>(dims).fill(0);
  const m2 = new Array<number>(dims).fill(0);
  for (let step = 1; step <= iterations; step++) {
    const gradient = new Array<number>(dims).fill(0);
    zs.forEach((list, g) => {
      const logits = list.map((z) => z.reduce((acc, v, k) => acc + v * (w[k] ?? 0), 0));
      const top = Math.max(...logits);
      const e = logits.map((v) => Math.exp(v - top));
      const total = e.reduce((a, b) => a + b, 0);
      list.forEach((z, n) => {
        const d = (e[n] ?? 0) / total - (targets[g]?.[n] ?? 0);
        z.forEach((v, k) => (gradient[k] = (gradient[k] ?? 0) + d * v));
      });
    });
    for (let k = 0; k < dims; k++) {
      const g = (gradient[k] ?? 0) / groups.length + l2 * (w[k] ?? 0);
      m1[k] = 0.9 * (m1[k] ?? 0) + 0.1 * g;
      m2[k] = 0.999 * (m2[k] ?? 0) + 0.001 * g * g;
      w[k] = (w[k] ?? 0) - (rate * ((m1[k] ?? 0) / (1 - 0.9 ** step))) / (Math.sqrt((m2[k] ?? 0) / (1 - 0.999 ** step)) + 1e-8);
    }
  }
  return w.map((v, k) => v / (scale[k] ?? 1));
}
