/**
 * Compares the ways of running Ringkas's gateway shards, against the Discord emulator with 400 guilds (the built bot,
 * as `npm start` runs it, with the same corpus and a warm DATA_DIR):
 *   internal ×1 / ×4    one process, discord.js internal sharding (Client shards/shardCount)
 *   ShardingManager ×4  discord.js's ShardingManager: one process per shard (scripts/sharding/)
 *   hybrid 2×2          discord-hybrid-sharding (SHARD_PROCESSES=2): two processes of two internal shards each
 * For each: spawn → every shard's process logged ready, RSS of the whole process tree once ready, how many libraries
 * were loaded, and that every guild went to exactly one process. Usage:
 *   npx tsx scripts/compare-sharding.ts [--corpus seeds|x1] [--max-concurrency N] [--runs N]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { manyGuilds, startDiscordServer, type LocalDiscordServer } from '../discord-emulator/index.js';
import { ensureBenchCorpus, REPO_ROOT } from '../bench/corpus.js';
// @ts-expect-error plain JavaScript build script
import { build } from './build.mjs';

const { values: args } = parseArgs({
  options: { corpus: { type: 'string', default: 'seeds' }, 'max-concurrency': { type: 'string', default: '1' }, runs: { type: 'string', default: '2' } },
});
const GUILDS = 400;
const SHARDS = 4;

interface Variant {
  readonly name: string;
  readonly shards: number;
  /** How the variant is started: a command and its extra environment. */
  command(main: string): { readonly args: string[]; readonly env: Record<string, string> };
}

const variants: Variant[] = [
  { name: 'internal, 1 shard, 1 process', shards: 1, command: (main) => ({ args: [main], env: { SHARD_COUNT: '1' } }) },
  { name: 'internal, 4 shards, 1 process', shards: 4, command: (main) => ({ args: [main], env: { SHARD_COUNT: '4' } }) },
  {
    name: 'ShardingManager, 4 shards, 4 processes',
    shards: 4,
    command: (main) => ({ args: [join(REPO_ROOT, 'scripts', 'sharding', 'discordjs-manager.mjs'), String(SHARDS)], env: { RINGKAS_MAIN: main } }),
  },
  { name: 'hybrid-sharding, 4 shards, 2 processes', shards: 4, command: (main) => ({ args: [main], env: { SHARD_COUNT: '4', SHARD_PROCESSES: '2' } }) },
];

interface ReadyLine {
  readonly msg: string;
  readonly shards?: number[];
  readonly guilds?: number;
}

/** RSS of a process and all its descendants, from /proc. */
async function treeRss(root: number): Promise<{ bytes: number; processes: number }> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(Number(entry), ppid);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  let bytes = 0;
  for (const pid of tree) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    bytes += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  }
  return { bytes, processes: tree.length };
}

async function measure(variant: Variant, main: string, corpusDir: string, warmData: string, maxConcurrency: number) {
  const server: LocalDiscordServer = await startDiscordServer({ world: { guilds: manyGuilds(GUILDS) }, sessionStartLimit: { maxConcurrency } });
  const data = await mkdtemp(join(tmpdir(), 'ringkas-shards-data-'));
  await cp(warmData, data, { recursive: true });
  const { args: commandArgs, env } = variant.command(main);
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, commandArgs, {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', DISCORD_TOKEN: server.token, DISCORD_API_BASE: server.apiUrl,
      CORPUS_DIR: corpusDir, DATA_DIR: data, ANALYSIS_THREADS: '0', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready: ReadyLine[] = [];
  let buffered = '';
  let errors = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const parsed = JSON.parse(line) as ReadyLine;
      if (parsed.msg === 'ready') ready.push(parsed);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  const covered = (): number => new Set(ready.flatMap((line) => line.shards ?? [])).size;
  const deadline = Date.now() + 180_000;
  while (covered() < variant.shards) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${variant.name}: not ready (${covered()} shards); stderr:\n${errors.slice(-2000)}`);
    await sleep(50);
  }
  const readyMs = performance.now() - started;
  await sleep(3_000);
  const rss = await treeRss(child.pid as number);
  const guilds = ready.reduce((sum, line) => sum + (line.guilds ?? 0), 0);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await server.stop();
  await rm(data, { recursive: true, force: true });
  return { readyMs, rss, libraries: ready.length, guilds };
}

async function main(): Promise<void> {
  const out = join(REPO_ROOT, `dist-sharding-${randomBytes(4).toString('hex')}`);
  try {
    await build(out);
    const main = join(out, 'src', 'main.js');
    const corpusDir = args.corpus === 'seeds' ? join(REPO_ROOT, 'seeds') : ((await ensureBenchCorpus({ scales: [1], root: join(tmpdir(), 'ringkas-sharding-corpus') })).dirs.get(1) as string);
    const maxConcurrency = Number(args['max-concurrency']);
    // One start fills a DATA_DIR (stems, analyses) that every measured run starts from: each measures a restart.
    const warmed = await mkdtemp(join(tmpdir(), 'ringkas-shards-warm-'));
    {
      const server = await startDiscordServer({ world: { guilds: manyGuilds(GUILDS) } });
      const child = spawn(process.execPath, [main], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', DISCORD_TOKEN: server.token, DISCORD_API_BASE: server.apiUrl, CORPUS_DIR: corpusDir, DATA_DIR: warmed, ANALYSIS_THREADS: '0' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => child.stdout?.on('data', (chunk: Buffer) => chunk.toString('utf8').includes('"msg":"ready"') && resolve()));
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await server.stop();
    }
    const runs = Number(args.runs);
    process.stdout.write(`corpus ${args.corpus}, ${GUILDS} guilds, max_concurrency ${maxConcurrency}, ${runs} runs each (medians)\n\n`);
    process.stdout.write('variant                                   processes  libraries  spawn → all shards ready  RSS of all processes  guilds\n');
    for (const variant of variants) {
      const results = [];
      for (let run = 0; run < runs; run++) results.push(await measure(variant, main, corpusDir, warmed, maxConcurrency));
      const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] as number;
      const readyMs = median(results.map((r) => r.readyMs));
      const rss = median(results.map((r) => r.rss.bytes));
      const last = results[results.length - 1] as (typeof results)[number];
      process.stdout.write(
        `${variant.name.padEnd(40)}  ${String(last.rss.processes).padStart(9)}  ${String(last.libraries).padStart(9)}  ${`${(readyMs / 1000).toFixed(1)} s`.padStart(24)}  ${`${(rss / 2 ** 20).toFixed(0)} MiB`.padStart(20)}  ${String(last.guilds).padStart(6)}\n`,
      );
    }
    await rm(warmed, { recursive: true, force: true });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

await main();
