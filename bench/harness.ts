import { spawn } from 'node:child_process';

/** Summary of repeated measurements (milliseconds unless the caller says otherwise). */
export interface Spread {
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly p10: number;
  readonly p90: number;
}

/** Per-call latency distribution, in milliseconds. */
export interface Latency {
  readonly calls: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

export interface Comparison {
  readonly a: Spread;
  readonly b: Spread;
  /** b's median over a's median: how many times slower b is than a. */
  readonly ratio: number;
}

/** The value at quantile q (0..1) of an ascending array, linearly interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (at - low);
}

export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
  };
}

export function latencyOf(values: readonly number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    calls: sorted.length,
    mean: sorted.length > 0 ? total / sorted.length : Number.NaN,
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export interface RunOptions {
  readonly warmup?: number;
  readonly runs?: number;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times measured; the spread of the wall times. */
export async function measure(fn: () => unknown, options: RunOptions = {}): Promise<Spread> {
  const { warmup = 1, runs = 5 } = options;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return spreadOf(times);
}

/** Times each call separately (after `warmup` calls of the first inputs): for per-request latency percentiles. */
export function latency<T>(inputs: readonly T[], call: (input: T) => unknown, warmup = Math.min(50, inputs.length)): Latency {
  for (let i = 0; i < warmup; i++) call(inputs[i % inputs.length] as T);
  const times = new Array<number>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const started = performance.now();
    call(inputs[i] as T);
    times[i] = performance.now() - started;
  }
  return latencyOf(times);
}

/**
 * A against B in the same process, alternating A B A B … after a warm-up of each, so drift in machine load falls on both.
 * The ratio is B's median over A's.
 */
export async function compare(a: () => unknown, b: () => unknown, options: RunOptions = {}): Promise<Comparison> {
  const { warmup = 1, runs = 5 } = options;
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let i = 0; i < runs; i++) {
    const order: Array<[() => unknown, number[]]> = i % 2 === 0 ? [[a, timesA], [b, timesB]] : [[b, timesB], [a, timesA]];
    for (const [fn, times] of order) {
      const started = performance.now();
      await fn();
      times.push(performance.now() - started);
    }
  }
  const spreadA = spreadOf(timesA);
  const spreadB = spreadOf(timesB);
  return { a: spreadA, b: spreadB, ratio: spreadB.median / spreadA.median };
}

export interface ChildResult<T> {
  readonly value: T;
  readonly wallMs: number;
  readonly stderr: string;
}

/** The malloc setting `npm start` and the Docker image give the bot (package.json, Dockerfile): the processes measured run with it too. */
export const BOT_PROCESS_ENV: NodeJS.ProcessEnv = { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' };
/** The young generation `npm start` and the Docker image give the bot: the built bot measured runs with it too. */
export const BOT_NODE_ARGS: readonly string[] = ['--max-semi-space-size=64'];

/** Runs a child process and parses the last line of its stdout as JSON (children print their figures that way). */
export function runJsonChild<T>(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 300_000): Promise<ChildResult<T>> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) {
        const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
        const cause = lines.find((l) => /\b\w*(?:Error|Exception)\b/.test(l)) ?? lines[lines.length - 1] ?? '';
        reject(new Error(`${args.find((a) => a.endsWith('.ts')) ?? command} exited with ${code ?? signal}: ${cause}\n${stderr.trim().slice(-2000)}`));
        return;
      }
      try {
        resolvePromise({ value: JSON.parse(last) as T, wallMs, stderr });
      } catch {
        reject(new Error(`${command} ${args.join(' ')} printed no JSON result: ${stdout.slice(-500)} ${stderr.slice(-500)}`));
      }
    });
  });
}

/** What bench/run.ts hands every section. */
export interface SectionOptions {
  readonly quick: boolean;
  readonly log: (line: string) => void;
  readonly results: Record<string, unknown>;
  readonly floors: Floor[];
}

/** A floor from the issues: pass when `value` is on the right side of `limit`; the margin says by how much. */
export interface Floor {
  readonly name: string;
  readonly value: number;
  readonly limit: number;
  readonly unit: string;
  /** `max`: value must stay under the limit; `min`: value must reach it. */
  readonly kind: 'max' | 'min';
  readonly pass: boolean;
  /** limit/value for `max`, value/limit for `min`: above 1 passes, with room to spare. */
  readonly margin: number;
  readonly note?: string;
}

export function floor(name: string, value: number, kind: 'max' | 'min', limit: number, unit: string, note?: string): Floor {
  const pass = Number.isFinite(value) && (kind === 'max' ? value < limit : value >= limit);
  const margin = kind === 'max' ? limit / value : value / limit;
  return { name, value, limit, unit, kind, pass, margin, ...(note === undefined ? {} : { note }) };
}

/** A plain-text table with aligned columns; numbers right-aligned. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const isNumeric = (cell: string): boolean => /^[-+×≤≥<>~]?\s?[\d.,]+/.test(cell);
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (isNumeric(c) && i > 0 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Milliseconds with sensible precision: 0.0123 ms, 1.23 ms, 123 ms, 12.3 s. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 1) return `${value.toFixed(2)} ms`;
  return `${value.toFixed(4)} ms`;
}

export function mib(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : 'n/a';
}

export function spreadText(s: Spread): string {
  return `${ms(s.median)} [${ms(s.min)}–${ms(s.max)}] n=${s.runs}`;
}
