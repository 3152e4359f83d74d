import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { SlashCommand } from './command.js';
import { messageOf } from '../error-message.js';

/** The repository's `commands/` folder: one module per slash command. */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

function isSlashCommand(value: unknown): value is SlashCommand {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { data?: { name?: unknown }; execute?: unknown };
  return typeof candidate.data?.name === 'string' && typeof candidate.execute === 'function';
}

/** The command a module exports: `default`, or a named export shaped like a command. */
function commandOf(module: Record<string, unknown>): SlashCommand | undefined {
  if (isSlashCommand(module.default)) return module.default;
  return Object.values(module).find(isSlashCommand);
}

/**
 * Loads every command module in `dir`, sorted by name; a module that fails to load or exports no command
 * stops start-up with its file name, rather than silently unregistering a command.
 */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<SlashCommand[]> {
  const files = (await readdir(dir))
    .filter((file) => /\.(ts|js|mjs)$/.test(file) && !file.endsWith('.d.ts') && !/\.test\.|^index\.|^_/.test(file))
    .sort();
  const commands = new Map<string, SlashCommand>();
  for (const file of files) {
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`commands/${file} failed to load: ${messageOf(error)}`, { cause: error });
    }
    const command = commandOf(module);
    if (command === undefined) throw new Error(`commands/${file} exports no slash command (data + execute)`);
    if (commands.has(command.data.name)) throw new Error(`commands/${file}: a second command named /${command.data.name}`);
    commands.set(command.data.name, command);
  }
  return [...commands.values()].sort((a, b) => a.data.name.localeCompare(b.data.name));
}
