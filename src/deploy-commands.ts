import { join } from 'node:path';
import { REST } from '@discordjs/rest';
import { Routes, type APIApplication } from 'discord.js';
import { loadConfig } from './config.js';
import { REGISTRATION_STATE_FILE } from './discord/bot.js';
import { isMessageCommand } from './discord/command.js';
import { registerCommands } from './discord/registration.js';
import { loadBotCommands } from './discord/registry.js';
import { createLogger } from './log.js';
import { messageOf } from './error-message.js';

const USAGE = `Usage: npm run deploy-commands -- [--force] [--global]

Registers the slash commands in commands/ with Discord: to DISCORD_GUILD_ID when set (instant), globally otherwise,
and only when they changed since the last registration. The bot does the same at start-up.
  --force   register even when nothing changed
  --global  register globally even when DISCORD_GUILD_ID is set`;

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = argv.filter((arg) => arg !== '--force' && arg !== '--global');
  if (unknown.length > 0) {
    process.stderr.write(`Unknown option ${unknown.join(' ')}\n${USAGE}\n`);
    return 2;
  }
  const config = await loadConfig();
  const log = createLogger({ level: config.logLevel, secrets: config.token === null ? [] : [config.token] });
  if (config.token === null) {
    process.stderr.write('DISCORD_TOKEN is not set. (In local mode `npm start` registers the commands on its own server.)\n');
    return 1;
  }
  const rest = new REST(config.apiBase === null ? {} : { api: config.apiBase }).setToken(config.token);
  const applicationId = config.applicationId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
  const commands = await loadBotCommands();
  const result = await registerCommands(
    rest,
    { applicationId, guildId: argv.includes('--global') ? null : config.guildId },
    commands.map((command) => command.data),
    { log, apiBase: config.apiBase, stateFile: join(config.dataDir, REGISTRATION_STATE_FILE), force: argv.includes('--force') },
  );
  const names = commands.map((command) => (isMessageCommand(command) ? `"${command.data.name}" (message)` : `/${command.data.name}`)).join(' ');
  process.stdout.write(
    result.action === 'registered'
      ? `Registered ${result.count} commands (${result.scope}): ${names}\n`
      : `Unchanged (${result.scope}, checked against ${result.checkedWith === 'hash' ? 'the last registration' : 'Discord'}): ${names}\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${messageOf(error)}\n`);
    process.exitCode = 1;
  },
);
