import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { LibraryHolder } from '../library/index.js';
import type { DigestService } from '../digest/index.js';

/** What every command handler may use; adapters add their services here. */
export interface BotContext {
  readonly library: LibraryHolder;
  readonly config: Config;
  readonly log: Logger;
  readonly digests: DigestService | null;
}

/** One slash command: its definition, handler and optional autocomplete and button handlers (discord.js guide style). */
export interface SlashCommand {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  /** Buttons whose custom_id starts with `${data.name}:` are routed here. */
  button?(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
}
