import { loadConfig } from './config.js';
import { runArticles } from './cli/articles.js';
import { UsageError } from './cli/common.js';
import { messageOf } from './error-message.js';

const USAGE = `Usage: npm run --silent cli -- <command> [options] [path…]

Commands:
  articles  [--json] [path…]                         list the articles read, and the problems
  summarize [--sentences N] [--json] <path…>        summarize each article
  quotes    [--speaker NAME] [--json] <path…>       the quotes in the articles, by speaker
  search    [--limit N] [--json] <query> [-- path…] rank articles for a query
  extract   [--json] <url-or-file…>                   the article of each news page: title, date, outlet, paragraphs

A path is a file or a folder in any supported format (.txt, .md, .json, .jsonl); default: the corpus folder.`;

type Runner = (args: string[], defaultPaths: readonly string[]) => Promise<number>;

const commands: Readonly<Record<string, () => Promise<Runner>>> = {
  articles: async () => runArticles,
  summarize: async () => (await import('./cli/summarize.js')).runSummarize,
  quotes: async () => (await import('./cli/quotes.js')).runQuotes,
  search: async () => (await import('./cli/search.js')).runSearch,
  extract: async () => (await import('./cli/extract.js')).runExtract,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    process.stderr.write(`Unknown command "${name}".\n${USAGE}\n`);
    return 2;
  }
  const config = await loadConfig();
  const run = await command();
  return run(args, [config.corpusDir]);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`${error.message}\n${USAGE}\n`);
    else process.stderr.write(`error: ${messageOf(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
