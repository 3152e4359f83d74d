import { randomBytes } from 'node:crypto';
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  MessageContextMenuCommandInteraction,
  RepliableInteraction,
} from 'discord.js';
import { isMessageKey, langOf, t, type Lang } from '../i18n/index.js';
import { isMessageCommand, type BotCommand, type BotContext, type MessageCommand, type SlashCommand } from './command.js';
import { Backlog, type BacklogOptions } from './backlog.js';
import { Cooldown, type CooldownOptions } from './cooldown.js';
import { cooldownRefusal, messageOwnerRefusal, Preconditions, type Refusal } from './preconditions.js';
import { optionRefusal } from './option-guard.js';
import { answer, defer } from './respond.js';
import { UserError } from './user-error.js';
import { notice } from './views/index.js';
import type { InteractionKind, InteractionOutcome, InteractionSink } from '../ops/sinks.js';

export interface RouterOptions {
  /** Slash commands per user, for commands without a cooldown of their own; default 5 in 10 s. */
  readonly commandCooldown?: CooldownOptions;
  /** Button presses per user (page turns come quicker); default 12 in 10 s. */
  readonly buttonCooldown?: CooldownOptions;
  /** Told how each interaction ended and how long it took (src/ops/metrics). */
  readonly metrics?: InteractionSink;
  /** When a busy bot acknowledges commands before their work, and drops autocomplete it cannot answer in time. */
  readonly backlog?: BacklogOptions;
}

/** What the router runs for one command once nothing refused it. */
interface CommandRun {
  readonly execute: () => Promise<void>;
  readonly checkOptions?: () => Refusal | null;
  readonly mayDeferFirst: boolean;
}

export const DEFAULT_COMMAND_COOLDOWN: CooldownOptions = { limit: 5, windowMs: 10_000 };
export const DEFAULT_BUTTON_COOLDOWN: CooldownOptions = { limit: 12, windowMs: 10_000 };

/** A short id to quote in a bug report; the log carries the same id next to the interaction id. */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/** A command's name as the user sees it in their language (e.g. /kutipan). */
function localizedName(commandName: string, lang: Lang): string {
  const key = `commands.${commandName}.name`;
  return isMessageKey(key) ? t(lang, key) : commandName;
}

/** What a refusal says the user may not do: the command's own phrase from the locale files, else "use this command". */
function actionOf(commandName: string, lang: Lang): string {
  const key = `commands.${commandName}.action`;
  return t(lang, isMessageKey(key) ? key : 'refusals.anyAction');
}

/**
 * Routes every interaction to its command (discord.js guide style). Before a handler runs, the router checks what the command
 * requires (sapphire style) and answers a refusal instead; a handler's UserError becomes a private notice, and any other
 * failure is logged with the interaction id and answered with an apology. Nothing escapes.
 */
export class InteractionRouter {
  readonly #commands: ReadonlyMap<string, SlashCommand>;
  readonly #messageCommands: ReadonlyMap<string, MessageCommand>;
  readonly #preconditions: Preconditions;
  readonly #buttonCooldown: Cooldown;
  readonly #metrics: InteractionSink | undefined;
  readonly #backlog: Backlog;

  constructor(
    commands: readonly BotCommand[],
    private readonly ctx: BotContext,
    options: RouterOptions = {},
  ) {
    this.#commands = new Map(commands.flatMap((command) => (isMessageCommand(command) ? [] : [[command.data.name, command] as const])));
    this.#messageCommands = new Map(commands.filter(isMessageCommand).map((command) => [command.data.name, command]));
    this.#preconditions = new Preconditions(options.commandCooldown ?? DEFAULT_COMMAND_COOLDOWN);
    this.#buttonCooldown = new Cooldown(options.buttonCooldown ?? DEFAULT_BUTTON_COOLDOWN);
    this.#metrics = options.metrics;
    this.#backlog = new Backlog(options.backlog);
  }

  /** Interactions in flight, commands acknowledged before their work, autocomplete dropped as too late. */
  get backlog(): Backlog['stats'] {
    return this.#backlog.stats;
  }

  /** Never rejects. */
  async handle(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete() && this.#backlog.tooLateToSuggest(interaction.id)) {
      // Discord discards a late answer; working on it would only delay the interactions behind it.
      this.ctx.log.debug({ interactionId: interaction.id, command: interaction.commandName, ageMs: this.#backlog.ageOf(interaction.id) }, 'autocomplete dropped: too late to answer');
      return;
    }
    await this.#backlog.track(() => this.#handle(interaction));
  }

  async #handle(interaction: Interaction): Promise<void> {
    const started = performance.now();
    let kind: InteractionKind | null = null;
    let outcome: InteractionOutcome = 'failed';
    try {
      if (interaction.isAutocomplete()) [kind, outcome] = ['autocomplete', await this.#autocomplete(interaction)];
      else if (interaction.isChatInputCommand()) [kind, outcome] = ['command', await this.#command(interaction)];
      else if (interaction.isMessageContextMenuCommand()) [kind, outcome] = ['command', await this.#messageCommand(interaction)];
      else if (interaction.isButton()) [kind, outcome] = ['button', await this.#button(interaction)];
    } catch (error) {
      this.ctx.log.error({ err: error, interactionId: interaction.id }, 'interaction routing failed');
    }
    // Names that are not ours stay out of the labels, so that they cannot grow without bound.
    const command = outcome === 'unknown' ? '(unknown)' : commandOf(interaction);
    if (kind !== null) this.#metrics?.interaction({ kind, command, outcome, seconds: (performance.now() - started) / 1000 });
  }

  async #autocomplete(interaction: AutocompleteInteraction): Promise<InteractionOutcome> {
    const command = this.#commands.get(interaction.commandName);
    try {
      // a forged value past its limit gets no suggestions rather than a search through it
      if (command?.autocomplete === undefined || optionRefusal(command.data, interaction) !== null) await interaction.respond([]);
      else await command.autocomplete(interaction, this.ctx);
      return command === undefined ? 'unknown' : 'answered';
    } catch (error) {
      this.ctx.log.warn({ err: error, interactionId: interaction.id, command: interaction.commandName }, 'autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
      return 'failed';
    }
  }

  #command(interaction: ChatInputCommandInteraction): Promise<InteractionOutcome> {
    const command = this.#commands.get(interaction.commandName);
    return this.#run(interaction, command, {
      execute: async () => command?.execute(interaction, this.ctx),
      checkOptions: () => (command === undefined ? null : optionRefusal(command.data, interaction)),
      mayDeferFirst: command?.mayDeferFirst?.(interaction) !== false,
    });
  }

  #messageCommand(interaction: MessageContextMenuCommandInteraction): Promise<InteractionOutcome> {
    const command = this.#messageCommands.get(interaction.commandName);
    return this.#run(interaction, command, {
      execute: async () => command?.execute(interaction, this.ctx),
      mayDeferFirst: command?.mayDeferFirst?.(interaction) !== false,
    });
  }

  async #run(
    interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
    command: BotCommand | undefined,
    { execute, checkOptions = () => null, mayDeferFirst }: CommandRun,
  ): Promise<InteractionOutcome> {
    if (command === undefined) {
      await answer(interaction, notice(t(langOf(interaction.locale), 'common.unknownCommand')), { ephemeral: true });
      return 'unknown';
    }
    const refusal = this.#preconditions.check(command, interaction, this.ctx) ?? checkOptions();
    if (refusal !== null) return this.#refuse(interaction, command.data.name, refusal);
    const started = performance.now();
    const deferFirst = mayDeferFirst && this.#backlog.shouldDeferFirst(interaction.id);
    if (deferFirst) this.ctx.log.debug({ interactionId: interaction.id, command: interaction.commandName, ...this.#backlog.stats }, 'acknowledged before its work');
    const outcome = await this.#guard(interaction, interaction.commandName, async () => {
      if (deferFirst) {
        await this.#backlog.acknowledge(() => defer(interaction, { ephemeral: command.privateAnswers === true }));
        await this.#backlog.turn();
      }
      await execute();
    });
    this.ctx.log.debug(
      { interactionId: interaction.id, command: interaction.commandName, userId: interaction.user.id, ms: Math.round(performance.now() - started) },
      'command answered',
    );
    return outcome;
  }

  async #button(interaction: ButtonInteraction): Promise<InteractionOutcome> {
    const name = interaction.customId.split(':', 1)[0] ?? '';
    const command = this.#commands.get(name);
    if (command?.button === undefined) {
      await answer(interaction, notice(t(langOf(interaction.locale), 'common.unknownCommand')), { ephemeral: true });
      return 'unknown';
    }
    const shared = command.sharedButton?.(interaction.customId) === true;
    const refusal =
      cooldownRefusal(this.#buttonCooldown.take(interaction.user.id)) ??
      messageOwnerRefusal(interaction, shared, localizedName(name, langOf(interaction.locale)));
    if (refusal !== null) return this.#refuse(interaction, name, refusal);
    const handler = command.button.bind(command);
    return this.#guard(interaction, `${name} (button)`, () => handler(interaction, this.ctx));
  }

  async #refuse(interaction: RepliableInteraction, commandName: string, refusal: Refusal): Promise<InteractionOutcome> {
    const lang = langOf(interaction.locale);
    this.ctx.log.info(
      { interactionId: interaction.id, command: commandName, userId: interaction.user.id, precondition: refusal.precondition },
      'interaction refused',
    );
    await answer(interaction, notice(t(lang, refusal.key, { action: actionOf(commandName, lang), ...refusal.params })), { ephemeral: true });
    return 'refused';
  }

  async #guard(interaction: RepliableInteraction, what: string, work: () => Promise<void>): Promise<InteractionOutcome> {
    try {
      await work();
      return 'answered';
    } catch (error) {
      if (error instanceof UserError) {
        this.ctx.log.debug({ interactionId: interaction.id, command: what, key: error.key }, 'user mistake answered');
        await this.#tell(interaction, t(langOf(interaction.locale), error.key, error.params), error);
        return 'user_error';
      }
      const errorId = newErrorId();
      this.ctx.log.error(
        { err: error, errorId, interactionId: interaction.id, command: what, userId: interaction.user.id, guildId: interaction.guildId },
        'command failed',
      );
      await this.#tell(interaction, t(langOf(interaction.locale), 'common.apology', { id: errorId }), error);
      return 'failed';
    }
  }

  /** A private notice after a handler stopped; failing to send it is logged, never thrown. */
  async #tell(interaction: RepliableInteraction, text: string, cause: unknown): Promise<void> {
    try {
      await answer(interaction, notice(text), { ephemeral: true });
    } catch (sendError) {
      this.ctx.log.warn({ err: sendError, cause, interactionId: interaction.id }, 'could not send the notice');
    }
  }
}

/** The command an interaction belongs to, as metrics label it (a button by its command's prefix). */
export function commandOf(interaction: Interaction): string {
  if (interaction.isButton()) return interaction.customId.split(':', 1)[0] ?? '';
  return interaction.isChatInputCommand() || interaction.isAutocomplete() ? interaction.commandName : 'other';
}
