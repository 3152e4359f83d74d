import type { Logger } from '../log.js';

/**
 * When each step runs: first the process stops taking work, then finishes (or hands over) what it has, then closes its
 * connections, then its resources. Steps of one phase run together.
 */
export type ShutdownPhase = 'stop-intake' | 'finish-work' | 'disconnect' | 'release';
const PHASES: readonly ShutdownPhase[] = ['stop-intake', 'finish-work', 'disconnect', 'release'];

/** Docker waits 10 s after SIGTERM before SIGKILL: we are gone before that. */
export const SHUTDOWN_DEADLINE_MS = 9_000;

export interface ShutdownOptions {
  readonly log: Logger;
  readonly deadlineMs?: number;
  /** process.exit, replaceable in tests. */
  readonly exit?: (code: number) => void;
}

/** Runs the shutdown steps once, phase by phase, and exits; past the deadline it exits anyway, with status 1. */
export class Shutdown {
  readonly #steps: Array<{ readonly phase: ShutdownPhase; readonly name: string; readonly run: () => unknown }> = [];
  readonly #log: Logger;
  readonly #deadlineMs: number;
  readonly #exit: (code: number) => void;
  #running: Promise<void> | null = null;

  constructor(options: ShutdownOptions) {
    this.#log = options.log;
    this.#deadlineMs = options.deadlineMs ?? SHUTDOWN_DEADLINE_MS;
    this.#exit = options.exit ?? ((code) => process.exit(code));
  }

  get started(): boolean {
    return this.#running !== null;
  }

  add(phase: ShutdownPhase, name: string, run: () => unknown): void {
    this.#steps.push({ phase, name, run });
  }

  /** SIGTERM and SIGINT shut down; a second signal exits at once. */
  listen(signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
    for (const signal of signals) {
      process.on(signal, () => {
        if (this.started) {
          this.#log.warn({ signal }, 'second signal: exiting now');
          this.#log.flush();
          this.#exit(1);
          return;
        }
        void this.run(signal);
      });
    }
  }

  run(reason: string): Promise<void> {
    this.#running ??= this.#shutdown(reason);
    return this.#running;
  }

  async #shutdown(reason: string): Promise<void> {
    const started = performance.now();
    this.#log.info({ reason }, 'shutting down');
    const deadline = setTimeout(() => {
      this.#log.error({ reason, ms: this.#deadlineMs }, 'shutdown took too long; exiting anyway');
      this.#log.flush();
      this.#exit(1);
    }, this.#deadlineMs);
    deadline.unref();
    for (const phase of PHASES) {
      await Promise.all(
        this.#steps
          .filter((step) => step.phase === phase)
          .map(async (step) => {
            const stepStarted = performance.now();
            try {
              await step.run();
              this.#log.debug({ step: step.name, ms: Math.round(performance.now() - stepStarted) }, 'shutdown step done');
            } catch (error) {
              this.#log.warn({ err: error, step: step.name }, 'error while shutting down');
            }
          }),
      );
    }
    clearTimeout(deadline);
    this.#log.info({ reason, ms: Math.round(performance.now() - started) }, 'stopped');
    this.#log.flush();
    this.#exit(0);
  }
}
