import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyGuilds, startDiscordServer, type LocalDiscordServer } from '../discord-emulator/index.js';
import type { HealthReport } from '../src/ops/health.js';
import { articleFile, storyProse } from './digest-fixtures.js';
import { repoRoot, scratchDir } from './helpers/tmp.js';
import { alive, childPids, opsPort, startNode, type BotRun } from './ops-process.js';

// The built bot (what `npm start` and the Docker image run), against the emulator.
const outDir = join(repoRoot, `dist-test-ops-${randomBytes(4).toString('hex')}`);
const main = join(outDir, 'src', 'main.js');
const scratch: Array<Awaited<ReturnType<typeof scratchDir>>> = [];
const runs: BotRun[] = [];
const servers: LocalDiscordServer[] = [];

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), outDir], { cwd: repoRoot, timeout: 120_000 });
}, 120_000);

afterAll(async () => {
  for (const run of runs) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  for (const server of servers) await server.stop();
  for (const dir of scratch) await dir.cleanup();
  await rm(outDir, { recursive: true, force: true });
});

async function folder(): Promise<Awaited<ReturnType<typeof scratchDir>>> {
  const dir = await scratchDir();
  scratch.push(dir);
  return dir;
}

function start(env: Record<string, string>): BotRun {
  const run = startNode(main, env);
  runs.push(run);
  return run;
}

const moderator = { user: 'moderator', channel: 'general' };
const getJson = async (url: string): Promise<{ status: number; body: HealthReport }> => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as HealthReport };
};

describe('the built bot, one process', () => {
  it('serves /healthz and /metrics; on SIGTERM it refuses new work politely, hands over the digest in flight and exits 0 within 10 s; the next process finishes the digest, every message once', async () => {
    const server = await startDiscordServer({ rateLimits: false });
    servers.push(server);
    const corpus = await folder();
    // Ten articles whose three-sentence summaries are long: the digest needs several messages.
    for (let i = 0; i < 10; i++) {
      const title = `Laporan panjang nomor ${i + 1} tentang pembangunan daerah`;
      await corpus.write(`a${i}.txt`, articleFile(title, [storyProse(`${title} satu`, 180, 45), storyProse(`${title} dua`, 180, 45)], `Senin, ${i + 1} Juli 2024 - 08:00 WIB`));
    }
    const data = await folder();
    const env = { DISCORD_TOKEN: server.token, DISCORD_API_BASE: server.apiUrl, DISCORD_GUILD_ID: server.guild.id, CORPUS_DIR: corpus.dir, DATA_DIR: data.dir, HTTP_PORT: '0', HTTP_HOST: '127.0.0.1' };
    const first = start(env);
    await first.waitFor(/"msg":"ready"/);
    const base = `http://127.0.0.1:${opsPort(first)}`;

    const healthy = await getJson(`${base}/healthz`);
    expect(healthy.status).toBe(200);
    expect(healthy.body.checks).toMatchObject({ library: { ok: true, articles: 10 }, store: { ok: true, backend: 'sqlite' }, gateway: { ok: true, shards: [{ id: 0, status: 'Ready' }] } });

    const news = server.channel('#news').id;
    const set = await server.runCommand('digest set', { channel: news, schedule: '07:00', size: 10 }, moderator);
    expect(JSON.stringify(set.reply)).toContain('07:00');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('ringkas_interactions_total{kind="command",command="digest",outcome="answered"} 1');
    expect(metrics).toContain('ringkas_library_articles 10');

    // Discord slows down: each digest message takes 3 s to post, so the digest outlasts the 5 s the shutdown gives it.
    server.injectDelay({ method: 'POST', path: `/channels/${news}/messages` }, 3_000, { times: 100 });
    void server.runCommand('digest now', { channel: news }, moderator).catch(() => undefined);
    await waitUntil(() => server.channelMessages('#news').length >= 1, 20_000, 'the first digest message');

    const signalled = performance.now();
    first.child.kill('SIGTERM');
    await first.waitFor(/"msg":"shutting down"/, 5_000);
    const stopping = await getJson(`${base}/healthz`);
    expect(stopping.status).toBe(503);
    expect(stopping.body.reasons[0]).toBe('shutting down');
    const refused = await server.runCommand('help', {}, { user: 'member' });
    expect(refused.ephemeral).toBe(true);
    expect(refused.reply?.content ?? JSON.stringify(refused.reply?.embeds)).toContain('Ringkas is restarting');

    const exit = await first.exit;
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(10_000);
    const stoppedLine = first.lines().find((line) => line.msg === 'stopped');
    expect(stoppedLine).toBeDefined();
    const gatewayClosed = server.gatewaySessions.every((session) => !session.connected);
    expect(gatewayClosed).toBe(true);

    // At least two messages were left at SIGTERM, 3 s each: more than the 5 s digests get, so the run was handed over.
    expect(first.lines().find((line) => line.msg === 'digest delivered')).toBeUndefined();
    expect(server.channelMessages('#news').length).toBeGreaterThanOrEqual(1);
    const second = start(env);
    await second.waitFor(/"msg":"digest delivered"/, 60_000);
    expect(second.output()).toContain('resuming an interrupted digest');
    const messages = second.lines().find((line) => line.msg === 'digest delivered')?.messages as number;
    expect(messages).toBeGreaterThanOrEqual(3);
    const posted = server.channelMessages('#news');
    expect(posted).toHaveLength(messages);
    const nonces = server.requestsTo({ method: 'POST', path: `/channels/${news}/messages` }).map((r) => (r.body as { nonce?: string }).nonce);
    expect(new Set(nonces).size).toBe(messages);
    second.child.kill('SIGTERM');
    expect((await second.exit).code).toBe(0);
  }, 180_000);
});

describe('the built bot, two processes (SHARD_PROCESSES=2)', () => {
  it('a cluster manager runs two processes of one shard each, reports both in /healthz, passes SIGTERM on and exits 0 within 10 s with no process left', async () => {
    const server = await startDiscordServer({ rateLimits: false, world: { guilds: manyGuilds(20) }, sessionStartLimit: { maxConcurrency: 16 } });
    servers.push(server);
    const data = await folder();
    const manager = start({
      DISCORD_TOKEN: server.token, DISCORD_API_BASE: server.apiUrl, CORPUS_DIR: join(repoRoot, 'seeds'), DATA_DIR: data.dir,
      SHARD_COUNT: '2', SHARD_PROCESSES: '2', HTTP_PORT: '0', HTTP_HOST: '127.0.0.1',
    });
    await waitUntil(() => manager.lines().filter((line) => line.msg === 'ready').length === 2, 90_000, 'two ready processes');
    const ready = manager.lines().filter((line) => line.msg === 'ready');
    expect(ready.map((line) => line.shards).sort()).toEqual([[0], [1]]);
    expect(ready.reduce((sum, line) => sum + (line.guilds as number), 0)).toBe(20);
    const base = `http://127.0.0.1:${opsPort(manager)}`;
    await waitUntil(async () => (await fetch(`${base}/healthz`)).status === 200, 20_000, '/healthz 200');
    const health = await getJson(`${base}/healthz`);
    expect(Object.keys(health.body.checks).sort()).toEqual(['process 0 (shards 0)', 'process 1 (shards 1)']);

    const onShardOne = server.world.guilds.find((guild) => server.shardOf(guild.id, 2) === 1);
    const outcome = await server.runCommand('search', { query: 'Putin' }, { guild: onShardOne?.id, channel: onShardOne?.channels[0]?.id });
    expect(outcome.reply?.embeds.length).toBeGreaterThan(0);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('ringkas_interactions_total{kind="command",command="search",outcome="answered"} 1');

    const children = await childPids(manager.child.pid as number);
    expect(children).toHaveLength(2);
    const signalled = performance.now();
    manager.child.kill('SIGTERM');
    const exit = await manager.exit;
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(10_000);
    for (const pid of children) expect(await alive(pid)).toBe(false);
    expect(manager.lines().filter((line) => line.msg === 'stopped')).toHaveLength(3);
  }, 180_000);
});

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
