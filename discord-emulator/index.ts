// The emulator's public face: what tests and local mode may use. See README.md.

// the server and how to start it
export { LocalDiscordServer, startDiscordServer } from './server.js';
export type { InteractionActivity, LocalDiscordOptions, ServerAddress } from './server.js';
export { ManualClock, systemClock } from '../src/clock.js';
export type { Clock } from '../src/clock.js';

// the world it serves
export { DEFAULT_IDS } from './world/world.js';
export type { WorldSpec, GuildSpec, ChannelSpec, UserSpec, RoleSpec, MemberSpec, OverwriteSpec } from './world/world.js';
export type { LocalChannel, LocalGuild, LocalUser } from './world/world.js';
export { manyGuilds } from './world/generate.js';
export type { ManyGuildsOptions } from './world/generate.js';
export { Permission } from './world/permissions.js';
export type { SessionStartLimit, SessionStartLimitOptions } from './gateway/shards.js';

// driving interactions and reading what the bot did
export type { InteractionContext, InteractionSpec } from './interactions/builder.js';
export { InteractionHandle } from './interactions/tracker.js';
export type { InteractionEvent, InteractionOutcome, SettleOptions } from './interactions/tracker.js';
export type { OptionValues } from './commands/options.js';
export { CommandInputError } from './commands/options.js';
export type { StoredCommand, CommandRegistration } from './commands/registry.js';
export { OptionType, DISCORD_LOCALES } from './commands/validation.js';
export type { StoredMessage, UploadedFile } from './messages/store.js';
export { Limits } from './messages/limits.js';
export type { ChannelMessageEvent } from './rest/routes.js';
export type { RecordedRequest } from './rest/rest-server.js';
export type { ErrorTree, DiscordErrorBody } from './rest/discord-error.js';

// fault controls
export type { RequestMatcher, FaultRule } from './rest/faults.js';

export { isObject } from './json.js';
export type { JsonObject } from './json.js';
