/** One part of the bot as /healthz shows it: ok, or the reason it is not, with details for the operator. */
export interface CheckResult {
  readonly ok: boolean;
  readonly reason?: string;
  readonly [detail: string]: unknown;
}

export interface HealthReport {
  readonly ok: boolean;
  /** Why not ok, one line each (empty when ok). */
  readonly reasons: readonly string[];
  readonly checks: Readonly<Record<string, CheckResult>>;
}

export type HealthCheck = () => CheckResult | Promise<CheckResult>;

const CHECK_TIMEOUT_MS = 2_000;

/**
 * The checks /healthz runs: the gateway connected on every shard, the library loaded, the store answering. A check
 * that is not registered yet (the process is starting) or that throws or hangs counts as failing.
 */
export class Health {
  readonly #checks = new Map<string, HealthCheck | null>();
  #stopping: string | null = null;

  /** Declares a check that will be registered later: until then it fails as "starting". */
  expect(name: string): void {
    if (!this.#checks.has(name)) this.#checks.set(name, null);
  }

  register(name: string, check: HealthCheck): void {
    this.#checks.set(name, check);
  }

  /** From now on the process reports itself unavailable (it is shutting down). */
  stopping(reason: string): void {
    this.#stopping = reason;
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all([...this.#checks].map(async ([name, check]) => [name, await runCheck(name, check)] as const));
    const checks = Object.fromEntries(entries);
    const reasons = entries.filter(([, result]) => !result.ok).map(([name, result]) => `${name}: ${result.reason ?? 'failing'}`);
    if (this.#stopping !== null) reasons.unshift(this.#stopping);
    return { ok: reasons.length === 0, reasons, checks };
  }
}

async function runCheck(name: string, check: HealthCheck | null): Promise<CheckResult> {
  if (check === null) return { ok: false, reason: 'starting' };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } catch (error) {
    return { ok: false, reason: `${name} check failed: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Several processes' reports as one (a host's clusters): ok when all are, each process's checks under its name. */
export function combineReports(reports: ReadonlyArray<{ readonly name: string; readonly report: HealthReport | null; readonly missing?: string }>): HealthReport {
  const reasons: string[] = [];
  const checks: Record<string, CheckResult> = {};
  for (const { name, report, missing } of reports) {
    if (report === null) {
      const reason = missing ?? 'not running';
      reasons.push(`${name}: ${reason}`);
      checks[name] = { ok: false, reason };
      continue;
    }
    for (const reason of report.reasons) reasons.push(`${name}: ${reason}`);
    checks[name] = { ok: report.ok, ...(report.ok ? {} : { reason: report.reasons.join('; ') }), checks: report.checks };
  }
  return { ok: reasons.length === 0, reasons, checks };
}
