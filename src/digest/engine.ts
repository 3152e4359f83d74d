import { createHash } from 'node:crypto';
import type { Logger } from '../log.js';
import type { MessageRecord, RunRecord, RunTrigger, ScheduleRecord, ScheduleState, StoryRef, Stores } from '../store/index.js';
import type { Clock } from '../clock.js';
import type { CorpusLedger } from './ledger.js';
import { planDigest, type DigestPlan } from './plan.js';
import type { DeliveryFailure, DeliveryOutcome, DeliveryPort, DigestFormatter, DigestLibrary, DigestLibraryHolder } from './ports.js';
import type { Sleep } from './retry.js';
import { selectForChannel, type Selection } from './select.js';

export type RunOutcome =
  | { readonly status: 'delivered'; readonly runId: number; readonly articles: number; readonly messages: number }
  | { readonly status: 'empty'; readonly runId: number }
  | { readonly status: 'failed'; readonly runId: number; readonly failure: DeliveryFailure; readonly state: ScheduleState }
  /** Stopped before finishing; the run stays pending and is resumed at the next start. */
  | { readonly status: 'interrupted'; readonly runId: number }
  /** This slot was already taken by an earlier run. */
  | { readonly status: 'skipped' };

/** Fixed per planned message, so a resend after a crash is recognised; at most 25 characters (Discord's limit, the strictest). */
export function digestNonce(channelId: string, slot: string, seq: number): string {
  return createHash('sha256').update(`${channelId}|${slot}|${seq}`).digest('base64url').slice(0, 25);
}

type SendResult = { readonly sent: true; readonly messageId: string | null } | { readonly sent: false; readonly failure: DeliveryFailure } | 'aborted';

type DraftSettings = Pick<ScheduleRecord, 'channelId' | 'cursorStory' | 'size' | 'locale' | 'timeZone' | 'postWhenEmpty'>;

export interface DigestDraft {
  readonly selection: Selection;
  readonly plan: DigestPlan;
}

export interface EngineOptions {
  readonly stores: Stores;
  readonly ledger: CorpusLedger;
  readonly library: DigestLibraryHolder;
  readonly formatter: DigestFormatter;
  readonly delivery: DeliveryPort;
  /** Backoff between tries of a message the medium could not take for now; its length is the number of retries. */
  readonly retryDelaysMs: readonly number[];
  readonly sleep: Sleep;
  readonly clock: Clock;
  readonly log: Logger;
  /** Failed digests in a row before the schedule is disabled. */
  readonly maxConsecutiveFailures: number;
}

/** Plans digests (recording them as intended) and delivers them, resuming where a crash left off. */
export class DigestEngine {
  constructor(private readonly options: EngineOptions) {}

  /** Records the current snapshot in the ledger at once; done before every plan and preview. */
  syncLedger(library: DigestLibrary = this.options.library.current()): Map<string, StoryRef> {
    return this.options.ledger.sync(library.articles, this.options.clock.now());
  }

  /** Records a snapshot in the ledger a chunk at a time (after a swap, and at start), keeping the event loop free. */
  warmLedger(library: DigestLibrary = this.options.library.current()): Promise<void> {
    return this.options.ledger.warm(library.articles, () => this.options.clock.now());
  }

  /** What the channel's next digest would carry, recording no run. */
  draft(schedule: DraftSettings): DigestDraft {
    const library = this.options.library.current();
    return this.draftFrom(library, this.syncLedger(library), schedule);
  }

  private draftFrom(library: DigestLibrary, stories: ReadonlyMap<string, StoryRef>, schedule: DraftSettings): DigestDraft {
    const { stores, clock, formatter } = this.options;
    const selection = selectForChannel({
      articles: library.articles,
      stories,
      cursorStory: schedule.cursorStory,
      cutoffStory: stores.ledger.newestStory(),
      taken: stores.runs.takenStories(schedule.channelId),
      owed: stores.runs.releasedStories(schedule.channelId),
      size: schedule.size,
    });
    const plan = planDigest(selection, library, {
      locale: schedule.locale,
      timeZone: schedule.timeZone,
      now: clock.now(),
      postWhenEmpty: schedule.postWhenEmpty,
    }, formatter);
    return { selection, plan };
  }

  /**
   * Records a digest as intended: its messages (frozen, with nonces), its deliveries and the channel's new
   * cursor, in one transaction. Returns undefined when this slot already has a run.
   */
  plan(schedule: ScheduleRecord, trigger: RunTrigger, slot: string, scheduledFor: number | null): RunRecord | undefined {
    const { stores, clock } = this.options;
    // The ledger is brought up to date outside the transaction, so a rolled-back plan cannot leave it half-known.
    const library = this.options.library.current();
    const stories = this.syncLedger(library);
    return stores.transaction(() => {
      const { selection, plan } = this.draftFrom(library, stories, schedule);
      const run = stores.runs.create(
        {
          channelId: schedule.channelId,
          guildId: schedule.guildId,
          slot,
          trigger,
          scheduledFor,
          cutoffStory: stores.ledger.newestStory(),
          messages: plan.messages.map((message, seq) => ({
            seq,
            nonce: digestNonce(schedule.channelId, slot, seq),
            payload: message.body,
          })),
          deliveries: selection.items.map((item, index) => ({
            storyId: item.story.storyId,
            articleId: item.article.id,
            title: item.article.title,
            seq: plan.messageOf[index] ?? 0,
          })),
        },
        clock.now(),
      );
      if (run === undefined) return undefined;
      stores.schedules.setCursor(schedule.channelId, run.cutoffStory);
      if (scheduledFor !== null) stores.schedules.markSlot(schedule.channelId, scheduledFor);
      return run;
    });
  }

  /** Sends what the run has not delivered yet, in order; each message is marked sending before and delivered after. */
  async execute(run: RunRecord, signal: AbortSignal): Promise<RunOutcome> {
    const { stores, clock, log } = this.options;
    if (run.status === 'empty') return { status: 'empty', runId: run.id };
    const messages = stores.runs.messagesOf(run.id);
    for (const message of messages) {
      if (message.status === 'delivered' || message.status === 'abandoned') continue;
      if (signal.aborted) return { status: 'interrupted', runId: run.id };
      stores.runs.markSending(run.id, message.seq, clock.now());
      const result = await this.send(run, message, signal);
      if (result === 'aborted') return { status: 'interrupted', runId: run.id };
      if (!result.sent) {
        stores.runs.noteMessageError(run.id, message.seq, result.failure.detail);
        return this.fail(run, result.failure);
      }
      stores.runs.markDelivered(run.id, message.seq, result.messageId, clock.now());
      log.debug({ channelId: run.channelId, runId: run.id, seq: message.seq, messageId: result.messageId }, 'digest message delivered');
    }
    stores.runs.finish(run.id, clock.now());
    if (stores.schedules.get(run.channelId) !== undefined) stores.schedules.recordSuccess(run.channelId, clock.now());
    log.info({ channelId: run.channelId, runId: run.id, articles: run.articles, messages: run.messages }, 'digest delivered');
    return { status: 'delivered', runId: run.id, articles: run.articles, messages: run.messages };
  }

  /** Hands one message to the delivery port, trying again with backoff while the medium says it is worth it. */
  private async send(run: RunRecord, message: MessageRecord, signal: AbortSignal): Promise<SendResult> {
    const { delivery, retryDelaysMs, sleep } = this.options;
    for (let attempt = 0; ; attempt++) {
      let outcome: DeliveryOutcome;
      try {
        outcome = await delivery.deliver({ channelId: run.channelId, body: message.payload, nonce: message.nonce }, signal);
      } catch (error) {
        if (signal.aborted) return 'aborted';
        throw error;
      }
      if (signal.aborted) return 'aborted';
      if (outcome.status === 'delivered') return { sent: true, messageId: outcome.messageId };
      if (outcome.status === 'failed') return { sent: false, failure: outcome.failure };
      const delay = retryDelaysMs[attempt];
      if (delay === undefined) return { sent: false, failure: { kind: 'transient', detail: outcome.detail } };
      await sleep(Math.max(delay, outcome.retryAfterMs ?? 0), signal);
      if (signal.aborted) return 'aborted';
    }
  }

  private fail(run: RunRecord, failure: DeliveryFailure): RunOutcome {
    const { stores, clock, log, maxConsecutiveFailures } = this.options;
    const now = clock.now();
    stores.runs.abandon(run.id, 'failed', failure.detail, now);
    const schedule = stores.schedules.get(run.channelId);
    let state: ScheduleState = schedule?.state ?? 'active';
    if (schedule !== undefined) {
      if (failure.kind === 'forbidden' || failure.kind === 'not_found') {
        stores.schedules.halt(run.channelId, 'paused', failure.kind, failure.detail, now);
        state = 'paused';
      } else if (failure.kind !== 'unauthorized') {
        const failures = stores.schedules.recordFailure(run.channelId, failure.detail, now);
        if (failures >= maxConsecutiveFailures) {
          stores.schedules.halt(run.channelId, 'disabled', 'failures', failure.detail, now);
          state = 'disabled';
        }
      }
    }
    const level = failure.kind === 'unauthorized' ? 'error' : 'warn';
    log[level]({ channelId: run.channelId, guildId: run.guildId, runId: run.id, failure, state }, 'digest not delivered');
    return { status: 'failed', runId: run.id, failure, state };
  }

  /** Cancels a channel's unfinished runs (its digest was turned off); undelivered articles are released. */
  cancelPending(channelId: string): void {
    const { stores, clock } = this.options;
    for (const run of stores.runs.pendingOf(channelId)) stores.runs.abandon(run.id, 'cancelled', 'digest turned off', clock.now());
  }
}
