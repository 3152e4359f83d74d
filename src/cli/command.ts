import { parseArgs } from 'node:util';

/** A mistake in how the command was called: the CLI says what and exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliOption {
  readonly type: 'boolean' | 'string';
  /** The value's placeholder in the usage line, for string options: `N`, `NAME`. */
  readonly value?: string;
  readonly description: string;
}

/** What every command may read besides its arguments (the loaded configuration fits). */
export interface CliContext {
  /** Read when no path is named. */
  readonly corpusDir: string;
  readonly maxArticleBytes: number;
  readonly analysisThreads: number;
  /** Pages and feeds on loopback or private addresses may be fetched (tests, local mode). */
  readonly allowPrivateUrls: boolean;
  /** Named in the fetcher's User-Agent. */
  readonly contactUrl: string | null;
  /** DATA_DIR: the bot's database and its backups (`backups`, `feeds import`); `data` when absent. */
  readonly dataDir?: string;
  /** DATABASE_URL: the bot's state is in PostgreSQL, backed up by PostgreSQL's own tools. */
  readonly databaseUrl?: string | null;
  /** Most feeds a server may follow (FEEDS_PER_GUILD). */
  readonly feedsPerGuild?: number;
}

export interface CliArgs {
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  /** The words before a `--`. */
  readonly positionals: readonly string[];
  /** The words after a `--`, or null when there was none. */
  readonly afterDashes: readonly string[] | null;
}

/** One subcommand: what `--help` shows of it, and what it does. */
export interface CliCommand {
  /** One line for the list of commands. */
  readonly summary: string;
  /** What follows the options in the usage line, e.g. `[path…]`. */
  readonly operands: string;
  readonly options: Readonly<Record<string, CliOption>>;
  /** Returns the exit status (see EXIT). */
  run(args: CliArgs, context: CliContext): Promise<number>;
}

export const EXIT = { answered: 0, notFound: 1, usage: 2 } as const;

export const PROGRAM = 'npm run --silent cli --';

export const NOTES = [
  'A path is a file or a folder in any supported format (.txt, .md, .json, .jsonl);',
  'with none, the corpus folder (CORPUS_DIR) is read.',
  'With --json a command prints one JSON object a line and nothing else on stdout; problems go to stderr.',
  'Exit status: 0 answered (also with no hits), 1 nothing found where something was named',
  '(a path, a speaker), 2 usage error (a bad option, or a bad setting in .env).',
].join('\n');

function optionLabel(name: string, option: CliOption): string {
  return `--${name}${option.value === undefined ? '' : ` ${option.value}`}`;
}

/** What follows a command's name in its usage line: `[--sentences N] [--json] [path…]`. */
export function argumentsOf(command: CliCommand): string {
  const options = Object.entries(command.options).map(([name, option]) => `[${optionLabel(name, option)}]`);
  return [...options, command.operands].filter((part) => part !== '').join(' ');
}

export function usageLine(name: string, command: CliCommand): string {
  return `Usage: ${PROGRAM} ${name} ${argumentsOf(command)}`;
}

export function commandHelp(name: string, command: CliCommand): string {
  const rows: [string, string][] = [
    ...Object.entries(command.options).map(([option, spec]): [string, string] => [optionLabel(option, spec), spec.description]),
    ['-h, --help', 'show this help'],
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    usageLine(name, command),
    '',
    `${command.summary[0]?.toUpperCase() ?? ''}${command.summary.slice(1)}.`,
    '',
    'Options:',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`),
    '',
    NOTES,
  ].join('\n');
}

/** Parses a command's arguments (node:util parseArgs, strict); null when help was asked for. */
export function parseCommandArgs(command: CliCommand, args: readonly string[]): CliArgs | null {
  const options = Object.fromEntries(Object.entries(command.options).map(([name, option]) => [name, { type: option.type }]));
  const parsed = parseStrict(args, { ...options, help: { type: 'boolean', short: 'h' } });
  if (parsed.values.help === true) return null;
  const terminator = parsed.tokens.find((token) => token.kind === 'option-terminator')?.index;
  const positionals = parsed.tokens.flatMap((token) => (token.kind === 'positional' && (terminator === undefined || token.index < terminator) ? [token.value] : []));
  return { options: parsed.values, positionals, afterDashes: terminator === undefined ? null : args.slice(terminator + 1) };
}

function parseStrict(args: readonly string[], options: Record<string, { type: 'boolean' | 'string'; short?: string }>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
}

function usageMessage(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(-[^' ]+)/.exec(message ?? '')?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) return `unknown option ${option}`;
  return message ?? String(error);
}

/** The paths a command names: its words, and any after a `--`. */
export function pathsOf(args: CliArgs): readonly string[] {
  return [...args.positionals, ...(args.afterDashes ?? [])];
}

/** A whole number within [min, max] from an option, the default when absent; a UsageError otherwise. */
export function wholeNumberOption(args: CliArgs, name: string, range: { readonly min: number; readonly max: number; readonly default: number }): number {
  const given = args.options[name];
  if (given === undefined) return range.default;
  const value = typeof given === 'string' && given.trim() !== '' ? Number(given) : Number.NaN;
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new UsageError(`--${name} must be a whole number from ${range.min} to ${range.max}`);
  }
  return value;
}

/** Parses a command's arguments and runs it, or prints its help; a mistake in the call throws a UsageError. */
export async function runCommand(name: string, command: CliCommand, args: readonly string[], context: () => Promise<CliContext>): Promise<number> {
  const parsed = parseCommandArgs(command, args);
  if (parsed === null) {
    process.stdout.write(`${commandHelp(name, command)}\n`);
    return EXIT.answered;
  }
  return command.run(parsed, await context());
}
