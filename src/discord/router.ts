import { randomBytes } from 'node:crypto';
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Interaction, RepliableInteraction } from 'discord.js';
import type { BotContext, SlashCommand } from './command.js';
import { Cooldown, type CooldownOptions } from './cooldown.js';
import { langOf, t } from './i18n.js';
import { answer } from './respond.js';
import { notice } from './views/index.js';

export interface RouterOptions {
  /** Slash commands per user; default 5 in 10 s. */
  readonly commandCooldown?: CooldownOptions;
  /** Button presses per user (page turns come quicker); default 12 in 10 s. */
  readonly buttonCooldown?: CooldownOptions;
}

export const DEFAULT_COMMAND_COOLDOWN: CooldownOptions = { limit: 5, windowMs: 10_000 };
export const DEFAULT_BUTTON_COOLDOWN: CooldownOptions = { limit: 12, windowMs: 10_000 };

/** A short id to quote in a bug report; the log carries the same id next to the interaction id. */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/**
 * Routes every interaction to its command (discord.js guide style), behind a per-user cooldown and an error
 * boundary: a failing handler is logged with the interaction id and answered with an apology; nothing escapes.
 */
export class InteractionRouter {
  readonly #commands: ReadonlyMap<string, SlashCommand>;
  readonly #commandCooldown: Cooldown;
  readonly #buttonCooldown: Cooldown;

  constructor(
    commands: readonly SlashCommand[],
    private readonly ctx: BotContext,
    options: RouterOptions = {},
  ) {
    this.#commands = new Map(commands.map((command) => [command.data.name, command]));
    this.#commandCooldown = new Cooldown(options.commandCooldown ?? DEFAULT_COMMAND_COOLDOWN);
    this.#buttonCooldown = new Cooldown(options.buttonCooldown ?? DEFAULT_BUTTON_COOLDOWN);
  }

  /** Never rejects. */
  async handle(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) await this.#autocomplete(interaction);
      else if (interaction.isChatInputCommand()) await this.#command(interaction);
      else if (interaction.isButton()) await this.#button(interaction);
    } catch (error) {
      this.ctx.log.error({ err: error, interactionId: interaction.id }, 'interaction routing failed');
    }
  }

  async #autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = this.#commands.get(interaction.commandName);
    try {
      if (command?.autocomplete === undefined) await interaction.respond([]);
      else await command.autocomplete(interaction, this.ctx);
    } catch (error) {
      this.ctx.log.warn({ err: error, interactionId: interaction.id, command: interaction.commandName }, 'autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  async #command(interaction: ChatInputCommandInteraction): Promise<void> {
    const lang = langOf(interaction.locale);
    const command = this.#commands.get(interaction.commandName);
    if (command === undefined) {
      await answer(interaction, notice(t(lang, 'unknownCommand')), { ephemeral: true });
      return;
    }
    if (!(await this.#withinCooldown(this.#commandCooldown, interaction))) return;
    const started = performance.now();
    await this.#guard(interaction, interaction.commandName, () => command.execute(interaction, this.ctx));
    this.ctx.log.debug(
      { interactionId: interaction.id, command: interaction.commandName, userId: interaction.user.id, ms: Math.round(performance.now() - started) },
      'command answered',
    );
  }

  async #button(interaction: ButtonInteraction): Promise<void> {
    const name = interaction.customId.split(':', 1)[0] ?? '';
    const command = this.#commands.get(name);
    if (command?.button === undefined) {
      await answer(interaction, notice(t(langOf(interaction.locale), 'unknownCommand')), { ephemeral: true });
      return;
    }
    if (!(await this.#withinCooldown(this.#buttonCooldown, interaction))) return;
    const handler = command.button.bind(command);
    await this.#guard(interaction, `${name} (button)`, () => handler(interaction, this.ctx));
  }

  async #withinCooldown(cooldown: Cooldown, interaction: RepliableInteraction): Promise<boolean> {
    const verdict = cooldown.take(interaction.user.id);
    if (verdict.ok) return true;
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    this.ctx.log.info({ interactionId: interaction.id, userId: interaction.user.id }, 'cooldown: interaction refused');
    await answer(interaction, notice(t(langOf(interaction.locale), 'cooldown', { seconds })), { ephemeral: true });
    return false;
  }

  async #guard(interaction: RepliableInteraction, what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const errorId = newErrorId();
      this.ctx.log.error(
        { err: error, errorId, interactionId: interaction.id, command: what, userId: interaction.user.id, guildId: interaction.guildId },
        'command failed',
      );
      try {
        await answer(interaction, notice(t(langOf(interaction.locale), 'error.apology', { id: errorId })), { ephemeral: true });
      } catch (apologyError) {
        this.ctx.log.warn({ err: apologyError, errorId, interactionId: interaction.id }, 'could not send the apology');
      }
    }
  }
}
