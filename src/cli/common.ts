import type { LoadProblem } from '../corpus/index.js';

type FlagKind = 'boolean' | 'string';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedArgs {
  readonly flags: Readonly<Record<string, string | boolean>>;
  readonly paths: readonly string[];
}

/** `--flag`, `--flag value` and `--flag=value`; everything else is a path. */
export function parseArgs(args: readonly string[], spec: Readonly<Record<string, FlagKind>>): ParsedArgs {
  const flags: Record<string, string | boolean> = {};
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      paths.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      paths.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    const kind = spec[name];
    if (kind === undefined) throw new UsageError(`unknown option --${name}`);
    if (kind === 'boolean') flags[name] = true;
    else {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags[name] = value;
    }
  }
  return { flags, paths };
}

export function printProblems(problems: readonly LoadProblem[]): void {
  for (const p of problems) {
    process.stderr.write(`${p.ignored === true ? 'ignored' : 'problem'}: ${p.file}${p.line === undefined ? '' : `:${p.line}`} ${p.reason}\n`);
  }
}
