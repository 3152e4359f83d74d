import type { Interaction } from 'discord.js';
import { langOf, t } from '../i18n/index.js';
import type { Logger } from '../log.js';
import type { InteractionSink } from '../ops/sinks.js';
import { commandOf } from './router.js';
import { answer } from './respond.js';
import { notice } from './views/index.js';

/** While the process shuts down: a private "restarting, try again" instead of work it might not finish. */
export async function drainingAnswer(interaction: Interaction, log: Logger, metrics?: InteractionSink): Promise<void> {
  const started = performance.now();
  try {
    if (interaction.isAutocomplete()) await interaction.respond([]);
    else if (interaction.isRepliable()) await answer(interaction, notice(t(langOf(interaction.locale), 'common.restarting')), { ephemeral: true });
    else return;
  } catch (error) {
    log.warn({ err: error, interactionId: interaction.id }, 'could not tell a user the bot is restarting');
  }
  const kind = interaction.isAutocomplete() ? 'autocomplete' : interaction.isButton() ? 'button' : 'command';
  metrics?.interaction({ kind, command: commandOf(interaction), outcome: 'draining', seconds: (performance.now() - started) / 1000 });
}

/** The interactions being answered, so a shutdown can wait for them. */
export class InFlight {
  readonly #pending = new Set<Promise<void>>();

  track(work: Promise<void>): void {
    this.#pending.add(work);
    void work.catch(() => undefined).finally(() => this.#pending.delete(work));
  }

  get size(): number {
    return this.#pending.size;
  }

  /** Resolves when every tracked answer is done, or after `waitMs`, whichever comes first. */
  async settled(waitMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    });
    const all = (async () => {
      while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    })();
    await Promise.race([all, timeout]);
    clearTimeout(timer);
  }
}
