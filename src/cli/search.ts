import { CorpusSnapshot, loadArticles } from '../corpus/index.js';
import { buildLibrary } from '../library.js';
import { parseArgs, printProblems, UsageError } from './common.js';

/** `search [--limit N] [--json] <query…> [-- path…]`: articles ranked for a query, with a snippet each. */
export async function runSearch(args: readonly string[], defaultPaths: readonly string[]): Promise<number> {
  const split = args.indexOf('--');
  const { flags, paths: words } = parseArgs(split < 0 ? args : args.slice(0, split), { limit: 'string', json: 'boolean' });
  const paths = split < 0 ? defaultPaths : args.slice(split + 1);
  const query = words.join(' ').trim();
  if (query === '') throw new UsageError('search needs a query');
  const limit = flags.limit === undefined ? 10 : Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError('--limit must be a whole number from 1 to 100');

  const { articles, problems } = await loadArticles(paths);
  printProblems(problems);
  const library = buildLibrary(new CorpusSnapshot(articles, problems));
  const hits = library.search(query, limit);
  for (const hit of hits) {
    if (flags.json === true) {
      process.stdout.write(`${JSON.stringify({ id: hit.article.id, title: hit.article.title, score: Number(hit.score.toFixed(4)), snippet: hit.snippet })}\n`);
    } else {
      process.stdout.write(`${hit.score.toFixed(2).padStart(6)}  ${hit.article.title} [${hit.article.id}]\n        ${hit.snippet}\n`);
    }
  }
  if (hits.length === 0 && flags.json !== true) process.stdout.write(`No article matches "${query}".\n`);
  return 0;
}
