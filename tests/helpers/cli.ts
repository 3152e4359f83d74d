import { DEFAULT_MAX_ARTICLE_BYTES } from '../../src/corpus/index.js';
import { runCommand, type CliContext } from '../../src/cli/command.js';
import { COMMANDS } from '../../src/cli/commands.js';
import { seedsDir } from './tmp.js';

export const testContext: CliContext = { corpusDir: seedsDir, maxArticleBytes: DEFAULT_MAX_ARTICLE_BYTES, analysisThreads: 0, allowPrivateUrls: false, contactUrl: null };

/** Runs one CLI command in-process, as `npm run cli -- <name> …` does after reading the configuration; usage errors are thrown. */
export function commandRunner(name: string): (args: readonly string[]) => Promise<number> {
  return async (args) => {
    const load = COMMANDS[name];
    if (load === undefined) throw new Error(`no command ${name}`);
    return runCommand(name, (await load()).default, args, async () => testContext);
  };
}
