import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { isMessageCommand, type BotCommand, type SlashCommand } from './command.js';
import { messageOf } from '../error-message.js';

/** The repository's `commands/` folder: one module per command. */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

function isBotCommand(value: unknown): value is BotCommand {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { data?: { name?: unknown }; execute?: unknown };
  return typeof candidate.data?.name === 'string' && typeof candidate.execute === 'function';
}

/** The command a module exports: `default`, or a named export shaped like a command. */
function commandOf(module: Record<string, unknown>): BotCommand | undefined {
  if (isBotCommand(module.default)) return module.default;
  return Object.values(module).find(isBotCommand);
}

/**
 * Loads every command module in `dir` (slash commands and message context-menu commands), slash commands first, each kind
 * sorted by name; a module that fails to load or exports no command stops start-up with its file name, rather than silently
 * unregistering a command.
 */
export async function loadBotCommands(dir: string = COMMANDS_DIR): Promise<BotCommand[]> {
  const files = (await readdir(dir))
    .filter((file) => /\.(ts|js|mjs)$/.test(file) && !file.endsWith('.d.ts') && !/\.test\.|^index\.|^_/.test(file))
    .sort();
  const commands = new Map<string, BotCommand>();
  for (const file of files) {
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`commands/${file} failed to load: ${messageOf(error)}`, { cause: error });
    }
    const command = commandOf(module);
    if (command === undefined) throw new Error(`commands/${file} exports no command (data + execute)`);
    const key = `${command.data.type ?? 1}:${command.data.name}`;
    if (commands.has(key)) throw new Error(`commands/${file}: a second command named ${command.data.name}`);
    commands.set(key, command);
  }
  const byName = (a: BotCommand, b: BotCommand): number => a.data.name.localeCompare(b.data.name);
  const all = [...commands.values()];
  return [...all.filter((c) => !isMessageCommand(c)).sort(byName), ...all.filter(isMessageCommand).sort(byName)];
}

/** The slash commands of `dir` alone. */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<SlashCommand[]> {
  return (await loadBotCommands(dir)).filter((c): c is SlashCommand => !isMessageCommand(c));
}
