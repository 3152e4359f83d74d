/**
 * The RSS of one start of the built bot, from spawn until the saves after `ready` are done (the restart snapshot and the
 * search indexes written): `npx tsx bench/first-start-memory.ts <corpus> <dataDir> [entry]`. Start with an empty or
 * cache-only DATA_DIR to measure a first start. Samples /proc (Linux) every 200 ms and prints the peak of each phase.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BOT_NODE_ARGS, BOT_PROCESS_ENV } from './harness.js';
import { READY_LINE } from './startup.js';

const SAMPLE_MS = 200;
/** The saves are done once the search indexes and the restart snapshot are newer than the spawn and no temporary file is left for this long. */
const QUIET_MS = 5_000;

const [corpus, dataDir, entry = 'dist/src/main.js'] = process.argv.slice(2);
if (corpus === undefined || dataDir === undefined) {
  console.error('usage: npx tsx bench/first-start-memory.ts <corpus> <dataDir> [entry]');
  process.exit(2);
}

const started = Date.now();
const child = spawn(process.execPath, [...BOT_NODE_ARGS, entry], {
  env: { ...BOT_PROCESS_ENV, CORPUS_DIR: corpus, DATA_DIR: dataDir, DISCORD_TOKEN: '' },
  stdio: ['pipe', 'pipe', 'inherit'],
});
let readyAt: number | null = null;
let output = '';
child.stdout.on('data', (chunk: Buffer) => {
  output += chunk.toString();
  if (readyAt === null && READY_LINE.test(output)) readyAt = Date.now();
});

const gb = (bytes: number): string => (bytes / 1e9).toFixed(2);
const seconds = (): string => ((Date.now() - started) / 1000).toFixed(1);
const peaks = new Map<string, number>();
let lastPhase = '';

function rssOf(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

function savesDone(): boolean {
  let written: number[];
  try {
    written = ['restart-indexes.bin', 'restart-snapshot.bin'].map((name) => statSync(join(dataDir as string, name)).mtimeMs);
  } catch {
    return false;
  }
  return Math.min(...written) > started && Date.now() - Math.max(...written) > QUIET_MS;
}

const timer = setInterval(() => {
  const rss = child.pid === undefined ? null : rssOf(child.pid);
  if (rss === null) return;
  const writing = readdirSync(dataDir).filter((name) => name.endsWith('.tmp')).map((name) => name.replace(/\.\d+\.tmp$/, ' (writing)'));
  const phase = readyAt === null ? 'to ready' : writing.length > 0 ? writing.join(', ') : 'after ready';
  peaks.set(phase, Math.max(peaks.get(phase) ?? 0, rss));
  if (phase !== lastPhase) console.log(`${seconds()} s  ${phase}  RSS ${gb(rss)} GB`);
  lastPhase = phase;
  if (readyAt !== null && writing.length === 0 && savesDone()) {
    clearInterval(timer);
    console.log(`ready after ${(((readyAt ?? started) - started) / 1000).toFixed(1)} s; peak RSS by phase (GB):`);
    for (const [name, peak] of peaks) console.log(`  ${name}: ${gb(peak)}`);
    child.kill('SIGTERM');
  }
}, SAMPLE_MS);
child.on('exit', (code) => {
  clearInterval(timer);
  if (readyAt === null) console.log(`the bot exited (${String(code)}) before it was ready:\n${output.slice(-2_000)}`);
});
