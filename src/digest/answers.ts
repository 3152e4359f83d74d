import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { RunRecord, Store } from '../store/index.js';
import { isGoneInstance } from './instance.js';
import type { CommandReplies, DigestCommandOutcome } from './ports.js';

/** An interaction's token answers for 15 minutes; a restarted process finishes only what it can still answer. */
export const COMMAND_TOKEN_MS = 15 * 60_000;
/** How long a process answering a command holds it before another may finish it (a live run keeps it longer). */
export const COMMAND_CLAIM_MS = 2 * 60_000;

export interface WaitingAnswersOptions {
  readonly store: Store;
  readonly replies: CommandReplies;
  readonly clock: Clock;
  readonly log: Logger;
  /** This process, in the claims on commands. */
  readonly holder: string;
  /** Sees a pending run delivered here (or waits for the delivery in progress); resolves when it is no longer running here. */
  readonly settle: (run: RunRecord) => Promise<void>;
  readonly stopped: () => boolean;
}

/**
 * Finishes the answers of `/digest now` commands a stopped or crashed process acknowledged and never gave: each is
 * claimed by one process, its digest delivered first if it is pending, and answered with the outcome (or "not started"
 * when no digest was recorded for it) while its token is valid.
 */
export class WaitingAnswers {
  constructor(private readonly options: WaitingAnswersOptions) {}

  async finish(): Promise<void> {
    const { store, replies, clock, log, holder } = this.options;
    const now = clock.now();
    const waiting = await store.interactions.claimUnanswered(holder, {
      // A little short of the token's life, so the answer still reaches it.
      createdAfter: now - COMMAND_TOKEN_MS + 30_000,
      now,
      ttlMs: COMMAND_CLAIM_MS,
      limit: 100,
      isGone: isGoneInstance,
    });
    if (this.options.stopped()) return;
    // Side by side: one after the other, a crashed process's fifty digests waited on each other's delivery.
    const settled = await Promise.allSettled(
      waiting.map(async (command) => {
        const outcome = await this.outcomeOf(command.runId);
        if (outcome === null) return;
        const replied = await replies.finish(command, outcome);
        await store.interactions.markAnswered(command.id, replied === 'answered' ? outcome.status : 'expired', clock.now());
        log.info({ interactionId: command.id, runId: command.runId, outcome: outcome.status, replied }, 'finished the answer of an interrupted digest command');
      }),
    );
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  /** The final answer for a command whose digest is `runId` (delivered first when pending); null while another process delivers it. */
  private async outcomeOf(runId: number | null): Promise<DigestCommandOutcome | null> {
    const { store } = this.options;
    if (runId === null) return { status: 'not_started' };
    let run = await store.runs.get(runId);
    if (run === undefined) return { status: 'not_started' };
    if (run.status === 'pending') {
      await this.options.settle(run);
      run = await store.runs.get(runId);
      if (run === undefined || run.status === 'pending') return null;
    }
    const { channelId } = run;
    switch (run.status) {
      case 'delivered':
        return { status: 'delivered', channelId, articles: run.articles, messages: run.messages, waiting: run.waiting };
      case 'empty':
        return { status: 'empty', channelId };
      case 'cancelled':
        return { status: 'cancelled', channelId };
      case 'failed':
        return { status: 'failed', channelId, detail: run.error ?? '', state: (await store.schedules.get(channelId))?.state ?? 'active' };
    }
  }
}
