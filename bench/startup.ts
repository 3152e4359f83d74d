import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BOT_NODE_ARGS, BOT_PROCESS_ENV, spreadOf, type Spread } from './harness.js';
import { REPO_ROOT } from './corpus.js';

/** What `src/main.ts` prints on the terminal in local mode once it can answer. */
export const READY_LINE = /Ringkas is ready/;

/** The bot as `npm start` runs it once its build is done, from the repository root. */
const ENTRY = 'dist/src/main.js';
export const STARTUP_COMMAND = `node ${ENTRY}`;

export interface StartupFigures {
  readonly corpus: string;
  readonly articles: number | null;
  /** The command timed, from its spawn to its ready line. */
  readonly command: string;
  /** The build before the runs (`npm run build`, outside the timings, as `npm start` builds before the bot's process starts). */
  readonly buildMs: number;
  /** The very first start, with an empty DATA_DIR (no stem cache yet) and a cold disk cache. */
  readonly firstStartMs: number;
  /** Restarts with the same DATA_DIR. */
  readonly toReady: Spread;
}

let built: Promise<number> | null = null;

/** Builds dist/ once per bench process, as `npm start` does before it starts the bot; resolves to the build's milliseconds. */
export function buildOnce(): Promise<number> {
  built ??= (async () => {
    const started = performance.now();
    await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs'), join(REPO_ROOT, 'dist')], { cwd: REPO_ROOT });
    return performance.now() - started;
  })();
  return built;
}

/** Where local mode logs (src/app/logging.ts): its `library loaded` and `ready` lines give the start-up after the library. */
const LOCAL_LOG = 'local-mode.log';

export interface ReadyTime {
  readonly ms: number;
  readonly line: string;
  /** From the bot's `library loaded` log line to its `ready` line (the bot's own clock); null when the log lacks one. */
  readonly afterLibraryMs: number | null;
}

/** Milliseconds from spawning the built bot to its ready line; the process group (ours) is ended afterwards. */
export async function timeToReady(corpusDir: string, dataDir: string, timeoutMs = 60_000): Promise<ReadyTime> {
  const logFile = join(dataDir, LOCAL_LOG);
  const logStart = await stat(logFile).then((s) => s.size, () => 0);
  const ready = await spawnToReady(corpusDir, dataDir, timeoutMs);
  return { ...ready, afterLibraryMs: await afterLibrary(logFile, logStart) };
}

/** The `ms` of this run's `ready` line minus that of its `library loaded` line, from the log bytes after `from`. */
async function afterLibrary(logFile: string, from: number): Promise<number | null> {
  const text = await readFile(logFile).then((bytes) => bytes.subarray(from).toString('utf8'), () => '');
  const msOf = (message: string): number | null => {
    for (const line of text.split('\n').reverse()) {
      if (!line.includes(`"msg":"${message}"`)) continue;
      const ms: unknown = (JSON.parse(line) as { ms?: unknown }).ms;
      return typeof ms === 'number' ? ms : null;
    }
    return null;
  };
  const loaded = msOf('library loaded');
  const ready = msOf('ready');
  return loaded === null || ready === null ? null : ready - loaded;
}

function spawnToReady(corpusDir: string, dataDir: string, timeoutMs: number): Promise<{ ms: number; line: string }> {
  return new Promise((resolvePromise, reject) => {
    const env: NodeJS.ProcessEnv = { ...BOT_PROCESS_ENV, CORPUS_DIR: corpusDir, DATA_DIR: dataDir, LOG_LEVEL: 'info', DISCORD_TOKEN: '', DISCORD_API_BASE: '' };
    const started = performance.now();
    // what `npm start` runs after its build, without npm's own start-up in front of it
    const child = spawn(process.execPath, [...BOT_NODE_ARGS, ENTRY], { cwd: REPO_ROOT, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let ready: { ms: number; line: string } | null = null;
    let failure: Error | null = null;
    let output = '';
    const stop = (): void => {
      clearTimeout(timer);
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    const scan = (chunk: string): void => {
      output += chunk;
      if (ready !== null || failure !== null) return;
      const line = output.split('\n').find((l) => READY_LINE.test(l));
      if (line === undefined) return;
      ready = { ms: performance.now() - started, line };
      stop();
    };
    child.stdout.setEncoding('utf8').on('data', scan);
    child.stderr.setEncoding('utf8').on('data', scan);
    child.on('error', reject);
    // resolve only once the bot is gone, so runs never overlap
    child.on('close', (code) => {
      clearTimeout(timer);
      if (ready !== null) resolvePromise(ready);
      else reject(failure ?? new Error(`${STARTUP_COMMAND} exited (${code}) before it was ready: ${output.slice(-1500)}`));
    });
    const timer = setTimeout(() => {
      failure = new Error(`${STARTUP_COMMAND} not ready after ${timeoutMs} ms: ${output.slice(-1500)}`);
      stop();
    }, timeoutMs);
  });
}

/** Start-up to ready in local mode (no token) of the built bot: a first start with an empty data folder, then `runs` restarts. */
export async function measureStartup(corpus: string, corpusDir: string, articles: number | null, runs: number): Promise<StartupFigures> {
  const buildMs = await buildOnce();
  const dataDir = await mkdtemp(join(tmpdir(), 'ringkas-bench-data-'));
  try {
    const first = await timeToReady(corpusDir, dataDir);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await timeToReady(corpusDir, dataDir)).ms);
    return { corpus, articles, command: STARTUP_COMMAND, buildMs, firstStartMs: first.ms, toReady: spreadOf(times) };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
