/**
 * Section "feeds and links" of `npm run bench`: a poll cycle of 500 feeds served from 127.0.0.1 with 50 new items among
 * them (wall time, CPU, peak RSS; with the default polite delay per host and without it), memory over 10 cycles with
 * nothing new, and `/summary url:` answered end to end through discord.js and the Discord-compatible server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config.js';
import { startBot } from '../src/discord/bot.js';
import { loadBotCommands } from '../src/discord/registry.js';
import { corpusFolder, openLibrary } from '../src/library/index.js';
import { createLogger } from '../src/log.js';
import { startDiscordServer, type InteractionOutcome } from '../discord-emulator/index.js';
import { realPages } from './extract.js';
import type { PollCycleFigures } from './feeds-child.js';
import { BENCH_FEEDS, NEW_ITEM_FEEDS, startBenchSite } from './feeds-site.js';
import { floor, latencyOf, mib, ms, runJsonChild, table, type Latency, type SectionOptions } from './harness.js';
import { tsxChild } from './load.js';

export interface SummaryUrlFigures {
  readonly asks: number;
  /** A page never read before: fetch + extraction + analysis + summary, from dispatch to the answer on screen. */
  readonly cold: Latency;
  /** The same page asked again (its canonical URL in the cache). */
  readonly cached: Latency;
  readonly missed: number;
}

async function pollCycles(pages: readonly string[], quick: boolean, log: (line: string) => void): Promise<PollCycleFigures[]> {
  const site = await startBenchSite(pages);
  try {
    const runs: PollCycleFigures[] = [];
    for (const [delay, quiet] of [[1000, 0], [0, quick ? 3 : 10]] as const) {
      const [command, args] = tsxChild('feeds-child.ts', [String(site.port), String(delay), String(quiet)]);
      const { value } = await runJsonChild<PollCycleFigures>(command, args, process.env, 600_000);
      log(`  host delay ${delay} ms: ${value.feeds} feeds, ${value.newItems} new items in ${(value.wallMs / 1000).toFixed(2)} s, CPU ${(value.cpuMs / 1000).toFixed(2)} s, peak RSS ${mib(value.peakRssBytes)}`);
      runs.push(value);
    }
    return runs;
  } finally {
    await site.close();
  }
}

/** Real pages, each under a URL of its own (its canonical link rewritten to it), so that every first ask reads a new page. */
async function pageServer(pages: readonly string[]): Promise<{ url: (n: number) => string; close: () => Promise<void> }> {
  let base = '';
  const server: Server = createServer((request, response) => {
    const n = Number(/^\/baca\/(\d+)$/.exec(request.url ?? '')?.[1] ?? NaN);
    const page = pages[n % pages.length];
    if (page === undefined) {
      response.writeHead(404).end();
      return;
    }
    const own = `${base}/baca/${n}`;
    const html = page.replace(/(<link[^>]+rel=["']canonical["'][^>]*href=["'])[^"']*/i, `$1${own}`).replace(/(<meta[^>]+property=["']og:url["'][^>]*content=["'])[^"']*/i, `$1${own}`);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (n) => `${base}/baca/${n}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function summaryUrl(pages: readonly string[], asks: number): Promise<SummaryUrlFigures> {
  const work = await mkdtemp(join(tmpdir(), 'ringkas-bench-links-'));
  const site = await pageServer(pages);
  const server = await startDiscordServer({ rateLimits: false });
  try {
    const config = parseConfig({
      DISCORD_TOKEN: server.token, DISCORD_API_BASE: server.apiUrl, DISCORD_GUILD_ID: server.guild.id, CORPUS_DIR: work, DATA_DIR: work, LOG_LEVEL: 'silent', ALLOW_PRIVATE_URLS: 'true',
    });
    const library = await openLibrary(corpusFolder(work));
    const log = createLogger({ level: 'silent' });
    const bot = await startBot({ config, log, commands: await loadBotCommands(), rememberRegistration: false, router: { commandCooldown: { limit: 100_000, windowMs: 1000 } }, context: { library, config, log, digests: null } });
    const answered = (outcome: InteractionOutcome): boolean => (outcome.reply?.embeds.length ?? 0) > 0;
    const ask = async (url: string): Promise<number> => {
      const at = Date.now();
      const handle = server.sendInteraction({ type: 'command', name: 'summary', options: { url }, user: 'member' });
      const outcome = await handle.waitFor(answered, 20_000);
      const done = outcome.events.filter((e) => e.kind === 'edit').at(-1)?.at ?? Date.now();
      return done - at;
    };
    // warm-up: the first pages compile the extraction and summary code paths
    for (let n = 0; n < Math.min(5, pages.length); n++) await ask(site.url(10_000 + n));
    const cold: number[] = [];
    const cached: number[] = [];
    for (let n = 0; n < asks; n++) {
      cold.push(await ask(site.url(n)));
      cached.push(await ask(site.url(n)));
    }
    const missed = server.missedInteractions.length;
    await bot.stop();
    await library.close();
    return { asks, cold: latencyOf(cold), cached: latencyOf(cached), missed };
  } finally {
    await server.stop();
    await site.close();
    await rm(work, { recursive: true, force: true });
  }
}

export async function benchFeeds({ quick, log, results, floors }: SectionOptions): Promise<void> {
  const pages = await realPages();
  const cycles = await pollCycles(pages, quick, log);
  log(`${BENCH_FEEDS} feeds on 50 host names (all 127.0.0.1), 20 known items each, ${NEW_ITEM_FEEDS} new items among them (real news pages, 10 outlets); one poller process, until every new article is written and taken into the library`);
  log(
    table(
      ['host delay', 'feeds', 'new items', 'wall', 'CPU', 'RSS before', 'peak RSS', 'articles after'],
      cycles.map((c) => [`${c.hostDelayMs} ms`, String(c.feeds), String(c.newItems), ms(c.wallMs), ms(c.cpuMs), mib(c.baselineRssBytes), mib(c.peakRssBytes), String(c.articlesAfter)]),
    ),
  );
  const quiet = cycles.find((c) => c.quietCycles.length > 0)?.quietCycles ?? [];
  if (quiet.length > 1) {
    log(`${quiet.length} more cycles with nothing new (host delay 0): heap and RSS after each, after a full GC`);
    log(table(['cycle', 'wall', '304s', 'heap', 'RSS'], quiet.map((q, i) => [String(i + 1), ms(q.wallMs), String(q.notModified), mib(q.heapBytes), mib(q.rssBytes)])));
  }
  const asks = quick ? 20 : 100;
  const links = await summaryUrl(pages, asks);
  log(`/summary url: through discord.js and the Discord-compatible server, ${asks} real pages (18 pages, 10 outlets, each under a URL of its own), dispatch to answer`);
  log(
    table(
      ['ask', 'calls', 'p50', 'p90', 'p99', 'max'],
      [
        ['first ask (fetch + extract + analyse + summarize)', String(links.cold.calls), ms(links.cold.p50), ms(links.cold.p90), ms(links.cold.p99), ms(links.cold.max)],
        ['asked again (cached by canonical URL)', String(links.cached.calls), ms(links.cached.p50), ms(links.cached.p90), ms(links.cached.p99), ms(links.cached.max)],
      ],
    ),
  );
  results.feeds = { cycles, summaryUrl: links };
  const polite = cycles.find((c) => c.hostDelayMs > 0);
  const bare = cycles.find((c) => c.hostDelayMs === 0);
  if (polite) floors.push(floor(`poll cycle of ${polite.feeds} feeds with ${polite.newItems} new items, 1 s per host`, polite.wallMs / 1000, 'max', 60, 's', `ours: a tenth of the 10-minute interval (issue 12 sets none); peak RSS ${mib(polite.peakRssBytes)}`));
  if (bare) floors.push(floor(`poll cycle of ${bare.feeds} feeds with ${bare.newItems} new items, no delay (the work)`, bare.wallMs / 1000, 'max', 10, 's', `ours (issue 12 sets none); CPU ${ms(bare.cpuMs)}, peak RSS ${mib(bare.peakRssBytes)}`));
  if (quiet.length > 1) {
    const first = quiet[0]?.heapBytes ?? Number.NaN;
    const last = quiet.at(-1)?.heapBytes ?? Number.NaN;
    floors.push(floor(`heap growth over ${quiet.length} poll cycles with nothing new`, (last - first) / 2 ** 20, 'max', 5, 'MiB', 'issue 12: memory stays flat (limit ours)'));
  }
  floors.push(floor('/summary url: answered end to end, p99 (first ask)', links.cold.p99, 'max', 1000, 'ms', 'issue 12'));
  floors.push(floor('/summary url: missed 3 s deadlines', links.missed, 'max', 1, 'interactions', 'issue 12: deferred first'));
}
