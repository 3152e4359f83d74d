import { describe, expect, it } from 'vitest';
import type { NewRun, Store } from '../src/store/index.js';
import { BACKENDS, storeFixture } from './helpers/store-backends.js';
import { CHANNEL, GUILD, scheduleSettings } from './helpers/store-fixtures.js';

const settings = scheduleSettings;

async function stories(store: Store, ids: readonly string[], now = 100): Promise<number[]> {
  const refs = await store.ledger.record(ids.map((id) => ({ articleId: id, title: `Judul ${id}`, keys: [`content:${id}`], fingerprint: 'f1' })), now);
  return ids.map((id) => refs.get(id)?.storyId ?? -1);
}

function plannedRun(slot: string, storyIds: readonly number[], options: { channelId?: string; cutoff?: number; messages?: number } = {}): NewRun {
  const channelId = options.channelId ?? CHANNEL;
  const messages = options.messages ?? (storyIds.length === 0 ? 0 : 1);
  return {
    channelId,
    guildId: GUILD,
    slot,
    trigger: 'schedule',
    scheduledFor: 1_000,
    cutoffStory: options.cutoff ?? Math.max(0, ...storyIds),
    messages: Array.from({ length: messages }, (_, seq) => ({ seq, nonce: `${channelId}:${slot}:${seq}`, payload: `{"content":"${seq}"}` })),
    deliveries: storyIds.map((storyId, i) => ({ storyId, articleId: `a${storyId}`, title: `T${storyId}`, seq: messages === 0 ? 0 : i % messages })),
  };
}

async function recordedRun(store: Store, run: NewRun, now = 1_000, claim?: { holder: string; ttlMs: number }): Promise<number> {
  const result = await store.runs.record(run, now, claim === undefined ? {} : { claim });
  if (result.status !== 'recorded') throw new Error(`run not recorded: ${result.status}`);
  return result.run.id;
}

describe.each(BACKENDS)('the store on %s', (backend) => {
  const fixture = storeFixture(backend);

  describe('schedules', () => {
    it('re-enables a halted schedule when it is set again, resetting failures and keeping the cursor', async () => {
      const { store } = await fixture.fresh();
      const saved = await store.schedules.save(settings(), 1_000, 25);
      expect(saved).toMatchObject({ status: 'saved', schedule: { ...settings(), state: 'active', anchorAt: 1_000, cursorStory: null, postWhenEmpty: false } });
      const [a] = await stories(store, ['a']);
      const runId = await recordedRun(store, plannedRun('s:1', [a ?? -1]), 1_500);
      expect((await store.schedules.get(CHANNEL))?.cursorStory).toBe(a);
      expect(await store.runs.fail(runId, { seq: 0, detail: '500 boom', effect: { kind: 'count', disableAfter: 1 } }, 2_000)).toBe('disabled');
      expect(await store.schedules.active()).toEqual([]);
      const again = await store.schedules.save({ ...settings(), cron: '0 7 * * *', scheduleInput: '07:00', postWhenEmpty: true }, 5_000, 25);
      expect(again).toMatchObject({
        status: 'saved',
        schedule: { state: 'active', stateReason: null, consecutiveFailures: 0, anchorAt: 5_000, cursorStory: a, cron: '0 7 * * *', postWhenEmpty: true },
      });
      expect(await store.schedules.active()).toHaveLength(1);
    });

    it('refuses a new channel past the per-guild limit, also when moderators save at once from two processes', async () => {
      const { store, peer } = await fixture.fresh();
      const other = await peer();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? store : other).schedules.save(settings(`30000000000000000${i}`), 1_000 + i, 3)),
      );
      expect(results.filter((r) => r.status === 'saved')).toHaveLength(3);
      expect(results.filter((r) => r.status === 'too_many')).toEqual(Array.from({ length: 5 }, () => ({ status: 'too_many', max: 3 })));
      expect(await store.schedules.ofGuild(GUILD)).toHaveLength(3);
      const kept = (await store.schedules.ofGuild(GUILD))[0];
      expect((await other.schedules.save({ ...settings(kept?.channelId), size: 7 }, 9_000, 3)).status).toBe('saved');
      expect(await store.schedules.ofGuild('999')).toEqual([]);
    });

    it('removes a schedule only for its own guild, cancelling the pending runs no live process is delivering', async () => {
      const { store } = await fixture.fresh();
      await store.schedules.save(settings(), 1_000, 25);
      const [a, b] = await stories(store, ['a', 'b']);
      const idle = await recordedRun(store, plannedRun('s:1', [a ?? -1]), 1_000);
      const busy = await recordedRun(store, plannedRun('m:2', [b ?? -1]), 1_000, { holder: 'p1', ttlMs: 60_000 });
      expect(await store.schedules.remove('other-guild', CHANNEL, 2_000)).toBe(false);
      expect(await store.schedules.remove(GUILD, CHANNEL, 2_000)).toBe(true);
      expect(await store.schedules.get(CHANNEL)).toBeUndefined();
      expect(await store.runs.get(idle)).toMatchObject({ status: 'cancelled', error: 'digest turned off', finishedAt: 2_000 });
      expect(await store.runs.get(busy)).toMatchObject({ status: 'pending', claimedBy: 'p1' });
      expect((await store.runs.planningState(CHANNEL)).owed).toEqual(new Set([a]));
      expect(await store.schedules.remove(GUILD, CHANNEL, 2_001)).toBe(false);
    });
  });

  describe('the ledger', () => {
    it('joins the keys of one story, keeps the earliest entry time, and numbers stories in entry order', async () => {
      const { store } = await fixture.fresh();
      const first = await store.ledger.record([{ articleId: 'a', title: 'T', keys: ['url:u', 'content:1'], fingerprint: 'f1' }], 100);
      const renamed = await store.ledger.record([{ articleId: 'b', title: 'T', keys: ['url:u', 'content:2'], fingerprint: 'f1' }], 200);
      expect(renamed.get('b')).toEqual(first.get('a'));
      expect(await store.ledger.keysOf(first.get('a')?.storyId ?? -1)).toEqual(['content:1', 'content:2', 'url:u']);
      const batch = await store.ledger.record(
        [
          { articleId: 'c', title: 'U', keys: ['content:3', 'url:v'], fingerprint: 'f1' },
          { articleId: 'd', title: 'U copy', keys: ['content:4', 'url:v'], fingerprint: 'f1' },
          { articleId: 'e', title: 'V', keys: ['content:5'], fingerprint: 'f1' },
          { articleId: 'f', title: 'T again', keys: ['content:6', 'url:u'], fingerprint: 'f1' },
        ],
        300,
      );
      expect(batch.get('d')).toEqual(batch.get('c'));
      expect(batch.get('f')).toEqual(first.get('a'));
      expect(batch.get('e')?.storyId).toBeGreaterThan(batch.get('c')?.storyId ?? Infinity);
      expect(batch.get('c')).toEqual({ storyId: expect.any(Number), firstSeenAt: 300 });
      expect(await store.ledger.newestStory()).toBe(batch.get('e')?.storyId);
      expect(await store.ledger.storyCount()).toBe(3);
    });

    it('keeps each article as last recorded, with its story, for a restart to read in one go', async () => {
      const { store, peer } = await fixture.fresh();
      const first = await store.ledger.record(
        [
          { articleId: 'a', title: 'A', keys: ['content:1', 'url:a'], fingerprint: 'fa1' },
          { articleId: 'b', title: 'B', keys: ['content:2'], fingerprint: 'fb1' },
        ],
        100,
      );
      const edited = await store.ledger.record([{ articleId: 'a', title: 'A', keys: ['content:3', 'url:a'], fingerprint: 'fa2' }], 200);
      expect(edited.get('a')).toEqual(first.get('a'));
      await store.close();
      const byId = (rows: readonly { articleId: string }[]) => [...rows].sort((x, y) => x.articleId.localeCompare(y.articleId));
      expect(byId(await (await peer()).ledger.articles())).toEqual([
        { articleId: 'a', fingerprint: 'fa2', storyId: first.get('a')?.storyId, firstSeenAt: 100 },
        { articleId: 'b', fingerprint: 'fb1', storyId: first.get('b')?.storyId, firstSeenAt: 100 },
      ]);
    });

    it('never gives one key two stories when processes record overlapping articles at once', async () => {
      const { store, peer } = await fixture.fresh();
      const stores = [store, await peer(), await peer()];
      const batches = Array.from({ length: 12 }, (_, i) =>
        Array.from({ length: 30 }, (__, j) => {
          const n = (i * 7 + j) % 50;
          return { articleId: `p${i}-${j}`, title: `T${n}`, keys: [`content:${n}`, `url:${n % 40}`], fingerprint: 'f1' };
        }),
      );
      const results = await Promise.all(batches.map((batch, i) => (stores[i % stores.length] as Store).ledger.record(batch, 1_000 + i)));
      const storyOfKey = new Map<string, number>();
      results.forEach((refs, i) => {
        for (const entry of batches[i] ?? []) {
          const storyId = refs.get(entry.articleId)?.storyId;
          for (const key of entry.keys) {
            expect(storyOfKey.get(key) ?? storyId).toBe(storyId);
            storyOfKey.set(key, storyId ?? -1);
          }
        }
      });
      const distinct = new Set(storyOfKey.values());
      expect(await store.ledger.storyCount()).toBe(distinct.size);
      expect(await store.ledger.newestStory()).toBe(Math.max(...distinct));
    });
  });

  describe('runs', () => {
    it('keeps schedules, ledger, runs and deliveries across a reopen', async () => {
      const { store, peer } = await fixture.fresh();
      await store.schedules.save(settings(), 1_000, 25);
      const [a] = await stories(store, ['a'], 2_000);
      const runId = await recordedRun(store, plannedRun('s:3000', [a ?? -1]), 3_000, { holder: 'p1', ttlMs: 60_000 });
      expect(await store.runs.beginSend(runId, 0, 'p1', 60_000, 3_001)).toBe(true);
      await store.runs.markDelivered(runId, 0, '999', 3_002);
      await store.runs.complete(runId, 3_003);
      await store.close();

      const reopened = await peer();
      expect(await reopened.schedules.get(CHANNEL)).toMatchObject({ ...settings(), state: 'active', cursorStory: a, anchorAt: 1_000 });
      expect(await reopened.ledger.keysOf(a ?? -1)).toEqual(['content:a']);
      expect(await reopened.runs.latest(CHANNEL)).toMatchObject({ status: 'delivered', articles: 1, messages: 1, finishedAt: 3_003 });
      expect(await reopened.runs.messagesOf(runId)).toEqual([expect.objectContaining({ status: 'delivered', messageId: '999', attempts: 1 })]);
      expect(await reopened.runs.deliveriesOf(CHANNEL)).toEqual([expect.objectContaining({ storyId: a, status: 'delivered', messageId: '999', deliveredAt: 3_002 })]);
      expect((await reopened.runs.planningState(CHANNEL)).taken).toEqual(new Set([a]));
    });

    it('records a run with its messages, deliveries, cursor, slot and interaction at once, and reads the planning state', async () => {
      const { store } = await fixture.fresh();
      await store.schedules.save(settings(), 500, 25);
      const [a, b, c] = await stories(store, ['a', 'b', 'c']);
      expect(await store.runs.planningState(CHANNEL)).toEqual({ newestStory: c, taken: new Set(), owed: new Set() });
      await store.interactions.record(interaction('i1', 900), 'p1', 60_000);
      const result = await store.runs.record(plannedRun('s:1000', [a ?? -1, b ?? -1], { messages: 2, cutoff: b }), 1_000, {
        scheduledFor: 1_000,
        interactionId: 'i1',
        claim: { holder: 'p1', ttlMs: 30_000 },
      });
      expect(result).toMatchObject({ status: 'recorded', run: { status: 'pending', articles: 2, messages: 2, cutoffStory: b, claimedBy: 'p1', claimExpiresAt: 31_000 } });
      const runId = result.status === 'recorded' ? result.run.id : -1;
      expect((await store.runs.messagesOf(runId)).map((m) => [m.seq, m.status, m.nonce])).toEqual([
        [0, 'intended', `${CHANNEL}:s:1000:0`],
        [1, 'intended', `${CHANNEL}:s:1000:1`],
      ]);
      expect(await store.schedules.get(CHANNEL)).toMatchObject({ cursorStory: b, lastSlotAt: 1_000 });
      expect((await store.interactions.get('i1'))?.runId).toBe(runId);
      expect(await store.runs.planningState(CHANNEL)).toEqual({ newestStory: c, taken: new Set([a, b]), owed: new Set() });
      expect(await store.runs.latest(CHANNEL)).toMatchObject({ id: runId });
      expect((await store.runs.pending()).map((r) => r.id)).toEqual([runId]);
    });

    it('treats a second run for the same slot as taken, and rolls back a run whose story another run took', async () => {
      const { store, peer } = await fixture.fresh();
      const other = await peer();
      await store.schedules.save(settings(), 500, 25);
      const [a, b] = await stories(store, ['a', 'b']);
      expect((await store.runs.record(plannedRun('s:1', []), 1)).status).toBe('recorded');
      expect(await store.runs.record(plannedRun('s:1', []), 2)).toEqual({ status: 'slot_taken' });
      // Two processes planned from the same state: the one that records second must plan again.
      const [first, second] = await Promise.all([store.runs.record(plannedRun('m:1', [a ?? -1]), 10), other.runs.record(plannedRun('m:2', [b ?? -1, a ?? -1], { cutoff: 99 }), 10)]);
      const outcomes = [first.status, second.status].sort();
      expect(outcomes).toEqual(['recorded', 'story_taken']);
      const lost = first.status === 'story_taken' ? first : second;
      expect(lost).toEqual({ status: 'story_taken', storyId: a });
      const slots = (await store.runs.pending()).map((r) => r.slot);
      expect(slots).toHaveLength(1);
      expect(await store.runs.deliveriesOf(CHANNEL)).toHaveLength(first.status === 'recorded' ? 1 : 2);
      // The loser wrote nothing: not its messages, nor its cursor.
      expect((await store.schedules.get(CHANNEL))?.cursorStory).toBe(first.status === 'recorded' ? a : 99);
    });

    it('gives a pending run to exactly one of many processes claiming it at once, until the claim lapses or is released', async () => {
      const { store, peer } = await fixture.fresh();
      const others = [await peer(), await peer()];
      const [a] = await stories(store, ['a']);
      const runId = await recordedRun(store, plannedRun('s:1', [a ?? -1]));
      const attempts = await Promise.all(
        Array.from({ length: 12 }, (_, i) => ([store, ...others][i % 3] as Store).runs.claim(runId, `p${i}`, 10_000, 2_000)),
      );
      const winners = attempts.filter((run) => run !== undefined);
      expect(winners).toHaveLength(1);
      const winner = winners[0]?.claimedBy ?? '';
      expect(await store.runs.claim(runId, 'late', 10_000, 11_999)).toBeUndefined();
      expect((await store.runs.claim(runId, winner, 10_000, 5_000))?.claimExpiresAt).toBe(15_000);
      expect(await store.runs.claim(runId, 'crash-aware', 10_000, 6_000, (holder) => holder === 'someone-else')).toBeUndefined();
      expect((await store.runs.claim(runId, 'crash-aware', 10_000, 6_000, (holder) => holder === winner))?.claimedBy).toBe('crash-aware');
      await store.runs.release(runId, 'not-the-holder');
      expect((await store.runs.get(runId))?.claimedBy).toBe('crash-aware');
      await store.runs.release(runId, 'crash-aware');
      expect((await store.runs.claim(runId, 'next', 10_000, 6_001))?.claimedBy).toBe('next');
      expect((await store.runs.claim(runId, 'after-expiry', 1_000, 16_001))?.claimedBy).toBe('after-expiry');
    });

    it('lets only the current holder send, so a process that lost its claim cannot send a message twice', async () => {
      const { store, peer } = await fixture.fresh();
      const other = await peer();
      const [a, b] = await stories(store, ['a', 'b']);
      const runId = await recordedRun(store, plannedRun('s:1', [a ?? -1, b ?? -1], { messages: 2 }), 1_000, { holder: 'slow', ttlMs: 1_000 });
      expect(await store.runs.beginSend(runId, 0, 'slow', 1_000, 1_500)).toBe(true);
      expect(await other.runs.claim(runId, 'fast', 1_000, 2_000)).toBeUndefined();
      expect((await other.runs.claim(runId, 'fast', 1_000, 2_501))?.claimedBy).toBe('fast');
      expect(await store.runs.beginSend(runId, 0, 'slow', 1_000, 2_502)).toBe(false);
      expect(await other.runs.beginSend(runId, 0, 'fast', 1_000, 2_503)).toBe(true);
      await other.runs.markDelivered(runId, 0, 'm0', 2_600);
      expect(await other.runs.beginSend(runId, 0, 'fast', 1_000, 2_700)).toBe(false);
      expect((await store.runs.messagesOf(runId)).map((m) => [m.status, m.attempts, m.messageId])).toEqual([
        ['delivered', 2, 'm0'],
        ['intended', 0, null],
      ]);
      expect((await store.runs.deliveriesOf(CHANNEL)).map((d) => [d.storyId, d.status, d.messageId])).toEqual([
        [a, 'delivered', 'm0'],
        [b, 'intended', null],
      ]);
    });

    it('completes a run (the schedule works again) or fails it as the effect says, releasing what it did not deliver', async () => {
      const { store } = await fixture.fresh();
      await store.schedules.save(settings(), 500, 25);
      const ids = await stories(store, ['a', 'b', 'c', 'd']);
      const story = (i: number): number => ids[i] ?? -1;
      const paused = await recordedRun(store, plannedRun('s:1', [story(0)]), 1_000, { holder: 'p', ttlMs: 5_000 });
      expect(await store.runs.fail(paused, { seq: 0, detail: '403 Missing Access', effect: { kind: 'pause', reason: 'forbidden' } }, 1_100)).toBe('paused');
      expect(await store.schedules.get(CHANNEL)).toMatchObject({ state: 'paused', stateReason: 'forbidden', stateDetail: '403 Missing Access', stateSince: 1_100 });
      expect(await store.runs.get(paused)).toMatchObject({ status: 'failed', error: '403 Missing Access', claimedBy: null });
      expect((await store.runs.messagesOf(paused))[0]).toMatchObject({ status: 'abandoned', error: '403 Missing Access' });
      expect((await store.runs.planningState(CHANNEL)).owed).toEqual(new Set([story(0)]));

      const done = await recordedRun(store, plannedRun('m:2', [story(0), story(1)]), 1_200, { holder: 'p', ttlMs: 5_000 });
      await store.runs.markDelivered(done, 0, 'm1', 1_300);
      await store.runs.complete(done, 1_400);
      expect(await store.runs.get(done)).toMatchObject({ status: 'delivered', finishedAt: 1_400, claimedBy: null });
      expect(await store.schedules.get(CHANNEL)).toMatchObject({ state: 'active', stateReason: null, consecutiveFailures: 0 });
      expect(await store.runs.planningState(CHANNEL)).toMatchObject({ taken: new Set([story(0), story(1)]), owed: new Set() });

      const failOnce = async (slot: string, i: number, effect: Parameters<Store['runs']['fail']>[1]['effect']) =>
        store.runs.fail(await recordedRun(store, plannedRun(slot, [story(i)]), 2_000), { seq: null, detail: '500', effect }, 2_100);
      expect(await failOnce('s:3', 2, { kind: 'count', disableAfter: 2 })).toBe('active');
      expect(await failOnce('s:4', 2, { kind: 'none' })).toBe('active');
      expect(await failOnce('s:5', 3, { kind: 'count', disableAfter: 2 })).toBe('disabled');
      expect(await store.schedules.get(CHANNEL)).toMatchObject({ state: 'disabled', stateReason: 'failures', consecutiveFailures: 2 });
      const orphan = await recordedRun(store, plannedRun('x:1', [], { channelId: 'no-schedule', messages: 1 }), 3_000);
      expect(await store.runs.fail(orphan, { seq: 0, detail: 'gone', effect: { kind: 'count', disableAfter: 1 } }, 3_100)).toBeNull();
    });

    it('records a run with nothing to send as empty and finished, which nobody can claim', async () => {
      const { store } = await fixture.fresh();
      const result = await store.runs.record(plannedRun('s:1', []), 1_000, { claim: { holder: 'p', ttlMs: 1_000 } });
      expect(result).toMatchObject({ status: 'recorded', run: { status: 'empty', finishedAt: 1_000, claimedBy: null } });
      expect(await store.runs.claim(result.status === 'recorded' ? result.run.id : -1, 'p', 1_000, 1_001)).toBeUndefined();
    });

    it('drops old message bodies of finished runs but keeps pending ones and the delivery log', async () => {
      const { store } = await fixture.fresh();
      const [a, b] = await stories(store, ['a', 'b'], 1);
      const old = await recordedRun(store, plannedRun('s:1', [a ?? -1]), 1_000);
      await store.runs.markDelivered(old, 0, 'm1', 1_001);
      await store.runs.complete(old, 1_002);
      const pending = await recordedRun(store, plannedRun('s:2', [b ?? -1]), 1_500);
      expect(await store.runs.pruneMessages(5_000)).toBe(1);
      expect(await store.runs.messagesOf(old)).toEqual([]);
      expect(await store.runs.messagesOf(pending)).toHaveLength(1);
      expect((await store.runs.deliveriesOf(CHANNEL)).map((d) => d.status)).toEqual(['delivered', 'intended']);
    });
  });

  describe('leases', () => {
    it('gives the lease to one process until it expires, is released, or its holder is gone', async () => {
      const { store, peer } = await fixture.fresh();
      const other = await peer();
      const racers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? store : other).leases.acquire('x', `p${i}`, 1_000, 0)));
      expect(racers.filter(Boolean)).toHaveLength(1);
      const holder = await store.leases.holder('x', 1);
      expect(await store.leases.acquire('x', holder ?? '', 1_000, 900)).toBe(true);
      expect(await other.leases.acquire('x', 'p-late', 1_000, 1_899)).toBe(false);
      expect(await other.leases.acquire('x', 'p-late', 1_000, 1_899, (h) => h === holder)).toBe(true);
      expect(await store.leases.acquire('x', 'p-next', 1_000, 2_898)).toBe(false);
      expect(await store.leases.acquire('x', 'p-next', 1_000, 2_899)).toBe(true);
      await store.leases.release('x', 'p-late');
      expect(await store.leases.holder('x', 2_901)).toBe('p-next');
      await store.leases.release('x', 'p-next');
      expect(await store.leases.holder('x', 2_902)).toBeNull();
    });
  });

  describe('interactions', () => {
    it('records an interaction once and marks it answered once', async () => {
      const { store, peer } = await fixture.fresh();
      const other = await peer();
      const [first, second] = await Promise.all([store.interactions.record(interaction('i1', 1_000), 'p1', 60_000), other.interactions.record(interaction('i1', 1_000), 'p2', 60_000)]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      expect(await store.interactions.get('i1')).toMatchObject({ ...interaction('i1', 1_000), runId: null, outcome: 'pending', answer: null });
      expect(await store.interactions.markAnswered('i1', 'delivered', 2_000)).toBe(true);
      expect(await other.interactions.markAnswered('i1', 'delivered', 2_001)).toBe(false);
      expect(await store.interactions.get('i1')).toMatchObject({ outcome: 'answered', answer: 'delivered', answeredAt: 2_000 });
    });

    it('hands each unanswered interaction of a crashed process to one process, leaving those a live process is delivering', async () => {
      const { store, peer } = await fixture.fresh();
      const other = await peer();
      const [a] = await stories(store, ['a']);
      for (let i = 0; i < 10; i++) await store.interactions.record(interaction(`i${i}`, 10_000 + i), 'crashed', 1_000);
      await store.interactions.record(interaction('old', 1_000), 'crashed', 1_000);
      await store.interactions.record(interaction('held', 10_050), 'alive', 60_000);
      await store.interactions.record(interaction('running', 10_060), 'crashed', 1_000);
      await recordedRun(store, plannedRun('m:1', [a ?? -1]), 10_060, { holder: 'alive', ttlMs: 60_000 }).then((runId) => store.interactions.linkRun('running', runId));
      const options = { createdAfter: 5_000, now: 20_000, ttlMs: 30_000, limit: 4 };
      const claimed = (await Promise.all([store.interactions.claimUnanswered('p1', options), other.interactions.claimUnanswered('p2', options), store.interactions.claimUnanswered('p3', options)])).flat();
      const more = await other.interactions.claimUnanswered('p4', options);
      const ids = [...claimed, ...more].map((i) => i.id).sort();
      expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `i${i}`).sort());
      expect(await store.interactions.claimUnanswered('p5', options)).toEqual([]);
      expect((await store.interactions.get('old'))?.outcome).toBe('expired');
      expect((await store.interactions.get('held'))?.outcome).toBe('pending');
      expect(await store.interactions.prune(10_005)).toBe(6);
    });
  });

  describe('interactions of a process known to have crashed', () => {
    it('are handed over before their claims lapse, also when that process held their run', async () => {
      const { store } = await fixture.fresh();
      const [a] = await stories(store, ['a']);
      await store.interactions.record(interaction('waiting', 10_000), 'gone', 60_000);
      await store.interactions.record(interaction('delivering', 10_001), 'gone', 60_000);
      await store.interactions.record(interaction('live', 10_002), 'alive', 60_000);
      const runId = await recordedRun(store, plannedRun('m:1', [a ?? -1]), 10_001, { holder: 'gone', ttlMs: 60_000 });
      await store.interactions.linkRun('delivering', runId);
      const options = { createdAfter: 5_000, now: 11_000, ttlMs: 30_000, limit: 10 };
      expect(await store.interactions.claimUnanswered('p1', options)).toEqual([]);
      const claimed = await store.interactions.claimUnanswered('p1', { ...options, isGone: (holder) => holder === 'gone' });
      expect(claimed.map((i) => [i.id, i.runId])).toEqual([
        ['waiting', null],
        ['delivering', runId],
      ]);
    });
  });

  describe('feeds', () => {
    it('adds a feed once per guild, channel and url, and removes it with its items', async () => {
      const { store } = await fixture.fresh();
      const feed = { guildId: GUILD, channelId: CHANNEL, url: 'https://example.test/rss', filter: null, createdBy: 'u' };
      const added = await store.feeds.add(feed, 1_000);
      expect(added).toMatchObject({ status: 'added', feed: { ...feed, nextPollAt: 1_000, consecutiveFailures: 0, pausedReason: null, etag: null } });
      const id = added.feed.id;
      expect(await store.feeds.add(feed, 2_000)).toEqual({ status: 'exists', feed: added.feed });
      expect((await store.feeds.add({ ...feed, channelId: 'other' }, 2_000)).status).toBe('added');
      expect((await store.feeds.ofGuild(GUILD)).map((f) => f.channelId)).toEqual([CHANNEL, 'other']);
      expect(await store.feeds.claimItem({ feedId: id, key: 'guid-1', url: 'https://example.test/1' }, 'p', 1_000, 1_000, 3)).toBe(true);
      expect(await store.feeds.remove('another-guild', id)).toBe(false);
      expect(await store.feeds.remove(GUILD, id)).toBe(true);
      expect(await store.feeds.get(id)).toBeUndefined();
      expect(await store.feeds.items(id)).toEqual([]);
    });

    it('hands each due feed to one poller and keeps its poll state', async () => {
      const { store, peer } = await fixture.fresh();
      const other = await peer();
      const ids: number[] = [];
      for (let i = 0; i < 6; i++) ids.push((await store.feeds.add({ guildId: GUILD, channelId: CHANNEL, url: `https://f${i}.test/rss`, filter: 'banjir', createdBy: null }, 1_000 + i)).feed.id);
      await store.feeds.setPaused(ids[5] ?? -1, 'moderator', 1_010);
      const claims = await Promise.all([store.feeds.claimDue('p1', 2_000, 60_000, 3), other.feeds.claimDue('p2', 2_000, 60_000, 3), store.feeds.claimDue('p3', 2_000, 60_000, 3)]);
      const claimed = claims.flat().map((f) => f.id).sort((a, b) => a - b);
      expect(claimed).toEqual(ids.slice(0, 5));
      const holderOf = (id: number): string => (claims.findIndex((list) => list.some((f) => f.id === id)) === 1 ? 'p2' : claims[0]?.some((f) => f.id === id) ? 'p1' : 'p3');
      const first = ids[0] ?? -1;
      expect(await store.feeds.recordPoll(first, 'intruder', { ok: true, etag: 'x', lastModified: null, nextPollAt: 9_000 }, 2_100)).toBe(false);
      expect(await store.feeds.recordPoll(first, holderOf(first), { ok: true, etag: '"abc"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT', nextPollAt: 5_000 }, 2_100)).toBe(true);
      expect(await store.feeds.get(first)).toMatchObject({ etag: '"abc"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT', nextPollAt: 5_000, lastPolledAt: 2_100, lastSuccessAt: 2_100 });
      const second = ids[1] ?? -1;
      expect(await store.feeds.recordPoll(second, holderOf(second), { ok: false, error: '503', nextPollAt: 4_000 }, 2_200)).toBe(true);
      expect(await store.feeds.get(second)).toMatchObject({ consecutiveFailures: 1, lastError: '503', nextPollAt: 4_000, pausedReason: null });
      const third = ids[2] ?? -1;
      expect(await store.feeds.recordPoll(third, holderOf(third), { ok: false, error: '410 Gone', nextPollAt: 4_000, pause: 'gone' }, 2_300)).toBe(true);
      expect(await store.feeds.get(third)).toMatchObject({ pausedReason: 'gone', pausedAt: 2_300 });
      expect((await store.feeds.claimDue('p4', 6_000, 60_000, 10)).map((f) => f.id)).toEqual([second, first]);
      await store.feeds.setPaused(third, null, 7_000);
      expect(await store.feeds.get(third)).toMatchObject({ pausedReason: null, consecutiveFailures: 0, nextPollAt: 7_000 });
      expect((await store.feeds.claimDue('p5', 7_000, 60_000, 10)).map((f) => f.id)).toEqual([third]);
    });

    it('fetches each item once across processes; a failed one is retried up to its limit, an abandoned one after its claim', async () => {
      const { store, peer } = await fixture.fresh();
      const other = await peer();
      const feedId = (await store.feeds.add({ guildId: GUILD, channelId: CHANNEL, url: 'https://example.test/rss', filter: null, createdBy: null }, 0)).feed.id;
      const item = (key: string) => ({ feedId, key, url: `https://example.test/${key}` });
      const race = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? store : other).feeds.claimItem(item('one'), `p${i}`, 1_000, 100, 3)));
      expect(race.filter(Boolean)).toHaveLength(1);
      const winner = `p${race.indexOf(true)}`;
      expect(await store.feeds.finishItem(feedId, 'one', 'intruder', { status: 'fetched', articlePath: 'x.md' }, 200)).toBe(false);
      expect(await store.feeds.finishItem(feedId, 'one', winner, { status: 'partial', articlePath: 'feeds/one.md' }, 200)).toBe(true);
      expect(await other.feeds.claimItem(item('one'), 'p9', 1_000, 50_000, 3)).toBe(false);

      expect(await store.feeds.claimItem(item('flaky'), 'p1', 1_000, 100, 2)).toBe(true);
      expect(await store.feeds.finishItem(feedId, 'flaky', 'p1', { status: 'failed', error: 'timeout' }, 150)).toBe(true);
      expect(await other.feeds.claimItem(item('flaky'), 'p2', 1_000, 200, 2)).toBe(true);
      expect(await other.feeds.finishItem(feedId, 'flaky', 'p2', { status: 'failed', error: 'timeout again' }, 250)).toBe(true);
      expect(await store.feeds.claimItem(item('flaky'), 'p3', 1_000, 300, 2)).toBe(false);

      expect(await store.feeds.claimItem(item('crash'), 'dead', 1_000, 100, 3)).toBe(true);
      expect(await other.feeds.claimItem(item('crash'), 'p2', 1_000, 1_099, 3)).toBe(false);
      expect(await other.feeds.claimItem(item('crash'), 'p2', 1_000, 1_100, 3)).toBe(true);
      expect(await store.feeds.finishItem(feedId, 'crash', 'dead', { status: 'fetched', articlePath: 'late.md' }, 1_200)).toBe(false);
      expect(await other.feeds.finishItem(feedId, 'crash', 'p2', { status: 'fetched', articlePath: 'feeds/crash.md' }, 1_300)).toBe(true);

      expect((await store.feeds.items(feedId)).map((i) => [i.key, i.status, i.attempts, i.articlePath, i.error])).toEqual([
        ['crash', 'fetched', 2, 'feeds/crash.md', null],
        ['flaky', 'failed', 2, null, 'timeout again'],
        ['one', 'partial', 1, 'feeds/one.md', null],
      ]);
    });
  });

  describe('corpus change notices', () => {
    it('tells subscribers of every process each change once, in order, and keeps them for catching up', async () => {
      const { store, peer } = await fixture.fresh();
      // One SQLite process tells its own subscribers; PostgreSQL tells every process.
      const listener = backend === 'postgres' ? await peer() : store;
      const heard: string[] = [];
      const errors: unknown[] = [];
      const subscription = await listener.corpus.subscribe((change) => heard.push(`${change.kind}:${change.detail}`), (error) => errors.push(error));
      const sent = [];
      for (let i = 0; i < 5; i++) sent.push(await store.corpus.notify('added', JSON.stringify({ files: [`f${i}.md`] }), 1_000 + i));
      await waitFor(() => heard.length === 5);
      expect(heard).toEqual(sent.map((c) => `added:${c.detail}`));
      expect(errors).toEqual([]);
      expect(sent.map((c) => c.id)).toEqual([...sent.map((c) => c.id)].sort((a, b) => a - b));
      expect(await store.corpus.latest()).toBe(sent[4]?.id);
      expect((await store.corpus.since(sent[2]?.id ?? 0)).map((c) => c.at)).toEqual([1_003, 1_004]);
      await subscription.close();
      await store.corpus.notify('removed', '{}', 2_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard).toHaveLength(5);
      expect(await store.corpus.prune(1_003)).toBe(3);
    });
  });

  describe('migrations', () => {
    it('records each schema version once and refuses a database from a newer version', async () => {
      const { store, peer } = await fixture.fresh();
      const again = await peer();
      expect(await again.schedules.active()).toEqual([]);
      await store.close();
      await again.close();
      await expect(bumpSchema(backend, await fixture.fresh())).resolves.toMatchObject({ name: 'StoreUnavailable', cause: 'newer_schema' });
    });
  });
});

function interaction(id: string, createdAt: number) {
  return { id, applicationId: 'app', token: `token-${id}`, guildId: GUILD, channelId: CHANNEL, userId: 'u', command: 'digest now', locale: 'id', createdAt };
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Writes a schema version this code does not know, then opens the store again: it must refuse. */
async function bumpSchema(backend: string, fixture: { store: Store; peer(): Promise<Store>; location: string }): Promise<unknown> {
  const { openPostgresStore, openSqliteStore } = await import('../src/store/index.js');
  if (backend === 'sqlite') {
    const { default: BetterSqlite3 } = await import('better-sqlite3');
    await fixture.store.close();
    const db = new BetterSqlite3(`${fixture.location}/ringkas.sqlite`);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)").run();
    db.close();
    try {
      openSqliteStore({ dataDir: fixture.location, backups: false });
      return 'opened';
    } catch (error) {
      return error;
    }
  }
  const { default: postgres } = await import('postgres');
  const sql = postgres(fixture.location, { max: 1, onnotice: () => undefined });
  await sql`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)`;
  await sql.end();
  return openPostgresStore(fixture.location).then(
    () => 'opened',
    (error: unknown) => error,
  );
}
