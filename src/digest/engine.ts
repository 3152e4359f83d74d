import { createHash } from 'node:crypto';
import type { Logger } from '../log.js';
import type { FailureEffect, MessageRecord, PlanningState, RunRecord, RunTrigger, ScheduleRecord, ScheduleState, Store, StoryRef } from '../store/index.js';
import type { Clock } from '../clock.js';
import { isGoneInstance } from './instance.js';
import type { CorpusLedger } from './ledger.js';
import { planDigest, type DigestPlan } from './plan.js';
import type { ChannelRoutes, DeliveryFailure, DeliveryOutcome, DeliveryPort, DigestFormatter, DigestLibrary, DigestLibraryHolder } from './ports.js';
import type { Sleep } from './retry.js';
import { selectForChannel, type GroupNearDuplicates, type Selection } from './select.js';

export type RunOutcome =
  | { readonly status: 'delivered'; readonly runId: number; readonly articles: number; readonly messages: number; readonly waiting: number }
  | { readonly status: 'empty'; readonly runId: number }
  | { readonly status: 'failed'; readonly runId: number; readonly failure: DeliveryFailure; readonly state: ScheduleState }
  /** Stopped before finishing (or another process took it over); the run stays pending and is resumed. */
  | { readonly status: 'interrupted'; readonly runId: number };

/** Fixed per planned message, so a resend after a crash is recognised; at most 25 characters (Discord's limit, the strictest). */
export function digestNonce(channelId: string, slot: string, seq: number): string {
  return createHash('sha256').update(`${channelId}|${slot}|${seq}`).digest('base64url').slice(0, 25);
}

type SendResult =
  | { readonly sent: true; readonly messageId: string | null }
  | { readonly sent: false; readonly failure: DeliveryFailure }
  /** Stopping: the run stays pending. */
  | 'aborted'
  /** Another process holds the run now: this one must not send. */
  | 'lost';

export type DraftSettings = Pick<ScheduleRecord, 'guildId' | 'channelId' | 'cursorStory' | 'size' | 'maxMessages' | 'locale' | 'timeZone' | 'postWhenEmpty'>;

export interface DigestDraft {
  readonly selection: Selection;
  readonly plan: DigestPlan;
  readonly state: PlanningState;
}

export interface EngineOptions {
  readonly store: Store;
  /** This process, in run claims. */
  readonly holder: string;
  readonly ledger: CorpusLedger;
  readonly library: DigestLibraryHolder;
  readonly formatter: DigestFormatter;
  readonly delivery: DeliveryPort;
  readonly routes: ChannelRoutes;
  /** Backoff between tries of a message the medium could not take for now; its length is the number of retries. */
  readonly retryDelaysMs: readonly number[];
  readonly sleep: Sleep;
  readonly clock: Clock;
  readonly log: Logger;
  /** Failed digests in a row before the schedule is disabled. */
  readonly maxConsecutiveFailures: number;
  /** How long a claim on a run lasts; renewed before each try of each message. */
  readonly claimTtlMs: number;
  /** The longest one try may take; kept below the claim so that no send outlives it. */
  readonly sendTimeoutMs: number;
}

/** Times the planner reads and records again when another process took one of its stories meanwhile. */
const PLAN_ATTEMPTS = 5;

/** Plans digests (recording them as intended) and delivers them, resuming where a crash left off. */
export class DigestEngine {
  constructor(private readonly options: EngineOptions) {
    const longestWait = Math.max(0, ...options.retryDelaysMs);
    if (options.claimTtlMs <= options.sendTimeoutMs + longestWait) {
      throw new Error(`a run's claim (${options.claimTtlMs} ms) must outlast one send (${options.sendTimeoutMs} ms) and the longest backoff (${longestWait} ms)`);
    }
  }

  /** Records the current snapshot in the ledger at once; done before every plan and preview. */
  syncLedger(library: DigestLibrary = this.options.library.current()): Promise<Map<string, StoryRef>> {
    return this.options.ledger.sync(library.articles, this.options.clock.now());
  }

  /** Records a snapshot in the ledger a chunk at a time (after a swap, and at start), keeping the event loop free. */
  warmLedger(library: DigestLibrary = this.options.library.current(), signal?: AbortSignal): Promise<void> {
    return this.options.ledger.warm(library.articles, () => this.options.clock.now(), undefined, signal);
  }

  /** What the channel's next digest would carry, recording no run. */
  async draft(schedule: DraftSettings): Promise<DigestDraft> {
    const library = this.options.library.current();
    return this.draftFrom(library, await this.syncLedger(library), schedule);
  }

  private async draftFrom(library: DigestLibrary, stories: ReadonlyMap<string, StoryRef>, schedule: DraftSettings): Promise<DigestDraft> {
    const { store, clock, formatter, routes } = this.options;
    const [state, admits] = await Promise.all([
      store.runs.planningState(schedule.channelId),
      routes.filterFor({ guildId: schedule.guildId, channelId: schedule.channelId }),
    ]);
    const group: GroupNearDuplicates | undefined = library.nearDuplicateGroups === undefined ? undefined : (articles) => library.nearDuplicateGroups?.(articles) ?? [];
    const selection = selectForChannel({
      articles: library.articles,
      stories,
      cursorStory: schedule.cursorStory,
      cutoffStory: state.newestStory,
      taken: state.taken,
      owed: state.owed,
      size: schedule.size,
      maxMessages: schedule.maxMessages,
      admits,
      groupNearDuplicates: group,
    });
    const plan = planDigest(
      selection,
      library,
      { locale: schedule.locale, timeZone: schedule.timeZone, now: clock.now(), postWhenEmpty: schedule.postWhenEmpty, perMessage: schedule.size },
      formatter,
    );
    return { selection, plan, state };
  }

  /**
   * Records a digest as intended, claimed by this process: its messages (frozen, with nonces), its deliveries, the
   * channel's new cursor and the command waiting for it, in one write. Undefined when this slot already has a run.
   */
  async plan(
    schedule: ScheduleRecord,
    trigger: RunTrigger,
    slot: string,
    scheduledFor: number | null,
    interactionId: string | null = null,
  ): Promise<RunRecord | undefined> {
    const { store, clock, holder, claimTtlMs } = this.options;
    const library = this.options.library.current();
    const stories = await this.syncLedger(library);
    for (let attempt = 0; attempt < PLAN_ATTEMPTS; attempt++) {
      const { selection, plan, state } = await this.draftFrom(library, stories, schedule);
      // Stories that did not fit stay above the cursor, so they are news again for the next digest.
      const cursor = Math.min(state.newestStory, ...selection.waitingStories.map((storyId) => storyId - 1));
      const result = await store.runs.record(
        {
          channelId: schedule.channelId,
          guildId: schedule.guildId,
          slot,
          trigger,
          scheduledFor,
          cutoffStory: cursor,
          waiting: selection.leftOut,
          messages: plan.messages.map((message, seq) => ({ seq, nonce: digestNonce(schedule.channelId, slot, seq), payload: message.body })),
          deliveries: selection.items.flatMap((item, index) =>
            [item, ...item.also].map((member) => ({
              storyId: member.story.storyId,
              articleId: member.article.id,
              title: member.article.title,
              seq: plan.messageOf[index] ?? 0,
            })),
          ),
        },
        clock.now(),
        { scheduledFor, interactionId, claim: { holder, ttlMs: claimTtlMs } },
      );
      if (result.status === 'recorded') return result.run;
      if (result.status === 'slot_taken') return undefined;
      this.options.log.debug({ channelId: schedule.channelId, storyId: result.storyId }, 'a story was taken meanwhile; planning the digest again');
    }
    throw new Error(`could not plan the digest of ${schedule.channelId}: other digests kept taking its stories`);
  }

  /**
   * Sends what the run has not delivered yet, in order, while this process holds the run (claiming it first when it
   * was another's): each try renews the claim and marks the message sending; a sent message is marked delivered.
   */
  async execute(run: RunRecord, signal: AbortSignal): Promise<RunOutcome> {
    const { store, clock, log, holder, claimTtlMs } = this.options;
    if (run.status === 'empty') return { status: 'empty', runId: run.id };
    if (run.claimedBy !== holder && (await store.runs.claim(run.id, holder, claimTtlMs, clock.now(), isGoneInstance)) === undefined) {
      return { status: 'interrupted', runId: run.id };
    }
    for (const message of await store.runs.messagesOf(run.id)) {
      if (message.status === 'delivered' || message.status === 'abandoned') continue;
      const result = signal.aborted ? 'aborted' : await this.send(run, message, signal);
      if (result === 'aborted') {
        await store.runs.release(run.id, holder);
        return { status: 'interrupted', runId: run.id };
      }
      if (result === 'lost') {
        log.warn({ channelId: run.channelId, runId: run.id }, 'another process took this digest over; it delivers the rest');
        return { status: 'interrupted', runId: run.id };
      }
      if (!result.sent) return this.fail(run, result.failure, message.seq);
      await store.runs.markDelivered(run.id, message.seq, result.messageId, clock.now());
      log.debug({ channelId: run.channelId, runId: run.id, seq: message.seq, messageId: result.messageId }, 'digest message delivered');
    }
    await store.runs.complete(run.id, clock.now());
    log.info({ channelId: run.channelId, runId: run.id, articles: run.articles, messages: run.messages, waiting: run.waiting }, 'digest delivered');
    return { status: 'delivered', runId: run.id, articles: run.articles, messages: run.messages, waiting: run.waiting };
  }

  /** Hands one message to the delivery port, trying again with backoff while the medium says it is worth it. */
  private async send(run: RunRecord, message: MessageRecord, signal: AbortSignal): Promise<SendResult> {
    const { store, delivery, retryDelaysMs, sleep, clock, holder, claimTtlMs, sendTimeoutMs } = this.options;
    for (let attempt = 0; ; attempt++) {
      if (!(await store.runs.beginSend(run.id, message.seq, holder, claimTtlMs, clock.now()))) return 'lost';
      let outcome: DeliveryOutcome;
      try {
        outcome = await delivery.deliver({ channelId: run.channelId, body: message.payload, nonce: message.nonce }, AbortSignal.any([signal, AbortSignal.timeout(sendTimeoutMs)]));
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

  private async fail(run: RunRecord, failure: DeliveryFailure, seq: number): Promise<RunOutcome> {
    const { store, clock, log, maxConsecutiveFailures } = this.options;
    const effect: FailureEffect =
      failure.kind === 'forbidden' || failure.kind === 'not_found'
        ? { kind: 'pause', reason: failure.kind }
        : failure.kind === 'unauthorized'
          ? { kind: 'none' }
          : { kind: 'count', disableAfter: maxConsecutiveFailures };
    const state = (await store.runs.fail(run.id, { seq, detail: failure.detail, effect }, clock.now())) ?? 'active';
    const level = failure.kind === 'unauthorized' ? 'error' : 'warn';
    log[level]({ channelId: run.channelId, guildId: run.guildId, runId: run.id, failure, state }, 'digest not delivered');
    return { status: 'failed', runId: run.id, failure, state };
  }
}
