import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { latencyOf, type Latency } from './harness.js';

export interface GcShare {
  /** Calls during which a major (mark-compact) collection ran. */
  readonly callsHitByMajorGc: number;
  readonly majorGcs: number;
  readonly majorGcMs: number;
  readonly allGcMs: number;
  /** The same calls without those a major collection fell into: how much of the tail is the heap, not the code. */
  readonly withoutMajorGc: Latency;
}

export interface TimedCalls {
  /** Wall time per call: what a user waits. */
  readonly latency: Latency;
  /**
   * CPU time of the process per call, capped at the call's wall time: equal to the wall time unless the process waited for a
   * core that another process held (GC helper threads on the other core would lift it, hence the cap).
   */
  readonly cpu: Latency;
  readonly gc: GcShare;
}

/** CPU time of the whole process so far (getrusage: precise, but GC helper threads count too). */
function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * Times each call (wall and CPU) and watches the collector meanwhile, to tell a slow answer from a collection, or from
 * another process holding the core, that happened during it.
 */
export async function latencyWithGc<T>(inputs: readonly T[], call: (input: T) => unknown, warmup = Math.min(50, inputs.length)): Promise<TimedCalls> {
  for (let i = 0; i < warmup; i++) call(inputs[i % inputs.length] as T);
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const starts = new Float64Array(inputs.length);
  const times = new Array<number>(inputs.length);
  const cpuTimes = new Array<number>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const cpuBefore = processCpuMs();
    const started = performance.now();
    call(inputs[i] as T);
    const ended = performance.now();
    const cpu = processCpuMs() - cpuBefore;
    starts[i] = started;
    times[i] = ended - started;
    cpuTimes[i] = Math.min(cpu, ended - started);
  }
  await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
  observer.disconnect();
  const major = entries.filter((e) => (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
  const hit = (i: number): boolean => major.some((e) => e.startTime < (starts[i] ?? 0) + (times[i] ?? 0) && e.startTime + e.duration > (starts[i] ?? 0));
  const clean = times.filter((_, i) => !hit(i));
  return {
    latency: latencyOf(times),
    cpu: latencyOf(cpuTimes),
    gc: {
      callsHitByMajorGc: times.length - clean.length,
      majorGcs: major.length,
      majorGcMs: major.reduce((sum, e) => sum + e.duration, 0),
      allGcMs: entries.reduce((sum, e) => sum + e.duration, 0),
      withoutMajorGc: latencyOf(clean),
    },
  };
}
