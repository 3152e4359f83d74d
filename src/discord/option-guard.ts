import {
  ApplicationCommandOptionType,
  type APIApplicationCommandOption,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
} from 'discord.js';
import { refuse, type Refusal } from './preconditions.js';

/** The part of a command's registered definition the guard reads. */
export interface OptionDefinitions {
  readonly options?: readonly APIApplicationCommandOption[];
}

type Given = readonly CommandInteractionOption[];
type Interaction = ChatInputCommandInteraction | AutocompleteInteraction;

const isGroup = (type: ApplicationCommandOptionType): boolean =>
  type === ApplicationCommandOptionType.Subcommand || type === ApplicationCommandOptionType.SubcommandGroup;

/** The option's name as the user's client shows it. */
function shownName(definition: APIApplicationCommandOption, locale: string): string {
  const localized = definition.name_localizations as Readonly<Record<string, string | null>> | null | undefined;
  return localized?.[locale] ?? definition.name;
}

function checkOne(definition: APIApplicationCommandOption, given: CommandInteractionOption, interaction: Interaction): Refusal | null {
  const option = shownName(definition, interaction.locale);
  if (definition.type === ApplicationCommandOptionType.String && typeof given.value === 'string') {
    // Discord counts characters, not UTF-16 units
    const length = [...given.value].length;
    const limit = definition.max_length;
    return limit !== undefined && length > limit ? refuse('optionLength', { option, limit, length }) : null;
  }
  if (definition.type === ApplicationCommandOptionType.Channel && !interaction.isAutocomplete()) {
    const channel = given.channel;
    const ofThisServer = channel !== null && channel !== undefined && 'guildId' in channel && channel.guildId === interaction.guildId;
    const accepted = definition.channel_types === undefined || (channel !== null && channel !== undefined && definition.channel_types.includes(channel.type as never));
    return ofThisServer && accepted ? null : refuse('optionChannel', { option });
  }
  return null;
}

function check(definitions: readonly APIApplicationCommandOption[], given: Given, interaction: Interaction): Refusal | null {
  for (const option of given) {
    const definition = definitions.find((d) => d.name === option.name && d.type === option.type);
    if (definition === undefined) continue;
    const nested = isGroup(definition.type) && 'options' in definition ? (definition.options ?? []) : null;
    const refusal = nested === null ? checkOne(definition, option, interaction) : check(nested, option.options ?? [], interaction);
    if (refusal !== null) return refusal;
  }
  return null;
}

/**
 * Re-checks the options of an interaction against the command's own definition: Discord's client enforces a string's
 * max_length and offers only this server's channels, but a forged payload is held to neither.
 */
export function optionRefusal(command: OptionDefinitions, interaction: Interaction): Refusal | null {
  return check(command.options ?? [], interaction.options.data, interaction);
}
