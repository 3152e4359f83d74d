import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { repoRoot } from './helpers/tmp.js';

export interface BotRun {
  readonly child: ChildProcessWithoutNullStreams;
  output(): string;
  /** The JSON log lines so far. */
  lines(): Array<Record<string, unknown>>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Exit code (null when killed by a signal) and when the process ended (performance.now()). */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts `node <script>` with only the environment given (no .env of the developer), collecting its output. */
export function startNode(script: string, env: Record<string, string>): BotRun {
  const child = spawn(process.execPath, [script], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ANALYSIS_THREADS: '0', ...env },
  });
  let text = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const onData = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    for (const waiter of waiters.filter((w) => w.pattern.test(text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  return {
    child,
    exit,
    output: () => text,
    lines: () => text.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>),
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(text)) return resolve();
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${text.slice(-4000)}`)), timeoutMs);
        waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
      }),
  };
}

/** The port the process serves /healthz and /metrics on (it logs it). */
export function opsPort(run: BotRun): number {
  const line = run.lines().find((l) => typeof l.msg === 'string' && l.msg.startsWith('serving /healthz'));
  if (line === undefined) throw new Error(`no ops port logged:\n${run.output()}`);
  return line.port as number;
}

/** Whether a process still runs (its /proc entry exists and is not a zombie). */
export async function alive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat !== null && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/** The pids of a process's children. */
export async function childPids(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.split(' ').filter((p) => p.trim() !== '').map(Number);
}
