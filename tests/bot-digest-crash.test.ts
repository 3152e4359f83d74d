import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDiscordServer, type InteractionHandle, type InteractionOutcome, type LocalDiscordServer } from '../discord-emulator/index.js';
import { BACKENDS, storeFixture } from './helpers/store-backends.js';
import { repoRoot, scratchDir, sharedData } from './helpers/tmp.js';

// Issue 16 item 5: /digest now commands interrupted by kill -9. Every command that was acknowledged gets its final
// answer once the bot runs again (the "thinking…" reply is replaced), and every digest message reaches its channel once.

const CHANNELS = 14;
const ARTICLES = 12;
/** A digest carries 10; the other 2 wait for the channel's next one. */
const SIZE = 10;
/**
 * When the bot dies: as the 4th command is acknowledged (others are recorded and not yet acknowledged, or acknowledged
 * with no digest recorded yet), or once the channels have received 9 digest messages (most digests half posted).
 */
const MID_DIGEST_MESSAGES = 9;
const KILL_POINTS = [
  { name: 'as the first commands are acknowledged', acknowledged: 4, messages: Number.POSITIVE_INFINITY },
  { name: 'in the middle of the digests', acknowledged: Number.POSITIVE_INFINITY, messages: MID_DIGEST_MESSAGES },
] as const;
const LOADING = 1 << 7;
const MODERATOR = { user: 'moderator', channel: 'general' };

interface Bot {
  readonly child: ChildProcessWithoutNullStreams;
  readonly ready: Promise<void>;
  readonly exited: Promise<unknown>;
  output(): string;
}

function startBotProcess(args: readonly string[]): Bot {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'tests', 'bot-digest-crash-child.ts'), ...args], { cwd: repoRoot });
  let text = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      if (text.includes('ready\n')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => reject(new Error(`the bot exited (${signal ?? code}) before it was ready:\n${text}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return { child, ready, exited, output: () => text };
}

const settledText = (outcome: InteractionOutcome): string => outcome.messages.map((m) => m.content).join('\n');
const stillThinking = (outcome: InteractionOutcome): boolean => outcome.status === 'answered' && outcome.reply !== null && (outcome.reply.flags & LOADING) !== 0;

describe.each(BACKENDS)('/digest now commands when the bot is killed (%s)', (backend) => {
  const fixture = storeFixture(backend);

  it.each(KILL_POINTS)('$name: they get their final answer after the restart, and every digest message is posted once', async (killPoint) => {
    const server: LocalDiscordServer = await startDiscordServer({ rateLimits: false });
    const corpus = await scratchDir();
    const bots: Bot[] = [];
    try {
      // Twelve different stories (real texts of ten outlets, read from ../shared/data, never copied): each digest takes several messages.
      const rows = readFileSync(join(sharedData, 'realnews', 'texts.jsonl'), 'utf8').split('\n').filter((line) => line.trim() !== '');
      for (let i = 0; i < ARTICLES; i++) {
        const row = JSON.parse(rows[i * 101 + 7] ?? '{}') as { id: string; outlet: string; url: string; title: string; text: string };
        const body = row.text.split(/\n+/).join('\n\n');
        await corpus.write(`${row.id}.json`, JSON.stringify({ id: row.id, title: row.title, published: `2025-06-${10 + i}T08:00:00+07:00`, source: row.outlet, url: row.url, body }));
      }
      const data = await fixture.fresh();
      const guildId = server.guild.id;
      const channels = Array.from({ length: CHANNELS }, (_, i) => server.addChannel({ name: `berita-${i}` }));
      for (const channel of channels) {
        // A schedule that does not fire during the test (29 February); /digest now posts whatever its state.
        const saved = await data.store.schedules.save(
          { channelId: channel.id, guildId, scheduleInput: '29 Feb 07:00', cron: '0 7 29 2 *', timeZone: 'Asia/Jakarta', size: SIZE, maxMessages: 1, locale: 'en-US', postWhenEmpty: false, createdBy: null },
          Date.now(),
          CHANNELS + 1,
        );
        expect(saved.status).toBe('saved');
      }
      // The first channels' posts finish within a second, the others' seconds later: the kill after the 9th message lands while
      // those are still posting, even when a starved test process handles a second of requests at once (as under CI load).
      channels.forEach((channel, i) => server.injectDelay({ method: 'POST', path: `/channels/${channel.id}/messages` }, (i < MID_DIGEST_MESSAGES ? 150 : 4_000) + i * 60, { times: 100_000 }));
      const args = [backend, data.location, corpus.dir, server.apiUrl, server.token, guildId];
      const first = startBotProcess(args);
      bots.push(first);
      await first.ready;

      const handles: InteractionHandle[] = channels.map((channel) => server.sendInteraction({ type: 'command', name: 'digest now', options: { channel: channel.id }, ...MODERATOR }));
      // A second ask for some channels while their digest is being posted.
      handles.push(...channels.slice(0, 3).map((channel) => server.sendInteraction({ type: 'command', name: 'digest now', options: { channel: channel.id }, ...MODERATOR })));

      const posted = (): number => channels.reduce((sum, channel) => sum + server.channelMessages(channel.id).length, 0);
      let acknowledged = 0;
      const kill = (request: { method: string; path: string }): void => {
        if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(request.path)) acknowledged++;
        if ((posted() >= killPoint.messages || acknowledged >= killPoint.acknowledged) && first.child.exitCode === null) first.child.kill('SIGKILL');
      };
      server.on('request', kill);
      expect(await first.exited, first.output()).toBe('SIGKILL');
      server.off('request', kill);

      const thinking = handles.filter((handle) => stillThinking(handle.outcome()));
      expect(thinking.length).toBeGreaterThan(0);
      if (process.env.DIGEST_CRASH_REPORT !== undefined) {
        const states = handles.map((h) => (stillThinking(h.outcome()) ? 'T' : h.outcome().status === 'answered' ? 'A' : '-')).join('');
        process.stdout.write(`KILL ${backend} ${killPoint.name}: ${states} (T thinking, A answered, - not acknowledged), ${posted()} messages\n`);
      }

      const second = startBotProcess(args);
      bots.push(second);
      await second.ready;
      const outcomes: InteractionOutcome[] = [];
      for (const handle of handles) {
        outcomes.push(await handle.waitFor((outcome) => outcome.status === 'missed' || (outcome.status === 'answered' && !stillThinking(outcome)), 90_000));
      }

      for (const outcome of outcomes) {
        if (outcome.status === 'missed') continue;
        expect(settledText(outcome)).toMatch(/Posted \d+ articles? to <#\d+>|Nothing new for <#\d+>|is being posted right now|was not started/);
      }
      // Everything the first process acknowledged and left thinking was finished by the second.
      for (const handle of thinking) expect(stillThinking(handle.outcome())).toBe(false);

      if (process.env.DIGEST_CRASH_REPORT !== undefined) {
        const kinds = outcomes.map((o) => (o.status === 'missed' ? 'missed' : /not started/.test(settledText(o)) ? 'not started' : /Posted/.test(settledText(o)) ? 'posted' : 'other'));
        process.stdout.write(`AFTER ${backend} ${killPoint.name}: ${JSON.stringify(Object.fromEntries(['posted', 'not started', 'missed', 'other'].map((k) => [k, kinds.filter((x) => x === k).length])))}\n`);
      }
      for (const [index, channel] of channels.entries()) {
        const messages = server.channelMessages(channel.id);
        expect(new Set(messages.map((m) => m.nonce)).size).toBe(messages.length);
        const titles = messages.flatMap((m) => m.embeds.map((e) => e.title));
        expect(new Set(titles).size).toBe(titles.length);
        const answer = settledText(outcomes[index] as InteractionOutcome);
        if (/Posted/.test(answer)) {
          expect(titles).toHaveLength(SIZE);
          expect(answer).toContain(`${ARTICLES - SIZE} articles still wait for the next digest`);
        }
        if (/was not started/.test(answer)) expect(titles).toHaveLength(0);
      }
    } finally {
      for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
      await Promise.all(bots.map((bot) => bot.exited));
      await server.stop();
      await corpus.cleanup();
    }
  }, 180_000);
});
