import { ConfigError, loadConfig } from '../config.js';
import { argumentsOf, EXIT, NOTES, PROGRAM, runCommand, usageLine, UsageError, type CliCommand, type CliContext } from './command.js';
import { COMMANDS } from './commands.js';

async function loadAll(): Promise<[string, CliCommand][]> {
  return Promise.all(Object.entries(COMMANDS).map(async ([name, load]): Promise<[string, CliCommand]> => [name, (await load()).default]));
}

/** `--help` with no command: every command's usage line and what it does. */
export async function overview(): Promise<string> {
  const commands = await loadAll();
  const nameWidth = Math.max(...commands.map(([name]) => name.length));
  const usageWidth = Math.max(...commands.map(([, command]) => argumentsOf(command).length));
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...commands.map(([name, command]) => `  ${name.padEnd(nameWidth)}  ${argumentsOf(command).padEnd(usageWidth)}  ${command.summary}`),
    '',
    `${PROGRAM} <command> --help shows a command's options.`,
    NOTES,
  ].join('\n');
}

/** Runs one command line; returns the exit status. Only an unexpected failure throws. */
export async function runCli(argv: readonly string[], context: () => Promise<CliContext> = loadConfig): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || (name === 'help' && args.length === 0)) {
    (name === undefined ? process.stderr : process.stdout).write(`${await overview()}\n`);
    return name === undefined ? EXIT.usage : EXIT.answered;
  }
  if (name === 'help') return runCli([args[0] ?? '', '--help'], context);
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) {
    process.stderr.write(`Unknown command "${name}".\n\n${await overview()}\n`);
    return EXIT.usage;
  }
  const command = (await load()).default;
  try {
    return await runCommand(name, command, args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${name}: ${error.message}\n${usageLine(name, command)}\n${PROGRAM} ${name} --help shows the options.\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
