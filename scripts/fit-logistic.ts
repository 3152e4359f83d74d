/** Weighted L2-regularised logistic regression with soft targets, fitted by Newton's method on standardised features. */
export interface LogisticFit {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const p = a[col] as number[];
    const d = p[col] ?? 1;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const factor = (row[col] ?? 0) / d;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - factor * (p[c] ?? 0);
    }
  }
  return a.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

export function fitLogistic(xs: readonly number[][], ys: readonly number[], lambda = 1, iterations = 25): LogisticFit {
  const dims = xs[0]?.length ?? 0;
  const mean = new Array<number>(dims).fill(0);
  const scale = new Array<number>(dims).fill(0);
  for (const x of xs) for (let k = 0; k < dims; k++) mean[k] = (mean[k] ?? 0) + (x[k] ?? 0) / xs.length;
  for (const x of xs) for (let k = 0; k < dims; k++) scale[k] = (scale[k] ?? 0) + ((x[k] ?? 0) - (mean[k] ?? 0)) ** 2 / xs.length;
  for (let k = 0; k < dims; k++) scale[k] = Math.sqrt(scale[k] ?? 0) || 1;
  const zs = xs.map((x) => [1, ...x.map((v, k) => (v - (mean[k] ?? 0)) / (scale[k] ?? 1))]);
  const beta = new Array<number>(dims + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const gradient = new Array<number>(dims + 1).fill(0);
    const hessian = Array.from({ length: dims + 1 }, () => new Array<number>(dims + 1).fill(0));
    zs.forEach((z, i) => {
      let dot = 0;
      for (let k = 0; k <= dims; k++) dot += (beta[k] ?? 0) * (z[k] ?? 0);
      const p = 1 / (1 + Math.exp(-dot));
      const residual = p - (ys[i] ?? 0);
      const w = Math.max(p * (1 - p), 1e-6);
      for (let a = 0; a <= dims; a++) {
        const za = z[a] ?? 0;
        gradient[a] = (gradient[a] ?? 0) + residual * za;
        const row = hessian[a] as number[];
        for (let b = a; b <= dims; b++) row[b] = (row[b] ?? 0) + w * za * (z[b] ?? 0);
      }
    });
    for (let a = 0; a <= dims; a++) {
      const row = hessian[a] as number[];
      for (let b = 0; b < a; b++) row[b] = (hessian[b] as number[])[a] ?? 0;
      if (a > 0) {
        gradient[a] = (gradient[a] ?? 0) + lambda * (beta[a] ?? 0);
        row[a] = (row[a] ?? 0) + lambda;
      }
    }
    const step = solve(hessian, gradient);
    let change = 0;
    for (let k = 0; k <= dims; k++) {
      beta[k] = (beta[k] ?? 0) - (step[k] ?? 0);
      change = Math.max(change, Math.abs(step[k] ?? 0));
    }
    if (change < 1e-7) break;
  }
  return { mean, scale, weights: beta.slice(1), bias: beta[0] ?? 0 };
}
