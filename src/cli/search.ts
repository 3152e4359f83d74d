import { SEARCH_HITS } from '../library/index.js';
import { EXIT, UsageError, wholeNumberOption, type CliCommand } from './command.js';
import { openCorpus } from './corpus.js';
import { writeLine } from './output.js';

const search: CliCommand = {
  summary: 'rank articles for a query',
  operands: '<query…> [-- path…]',
  options: {
    limit: { type: 'string', value: 'N', description: `at most N hits, ${SEARCH_HITS.min}–${SEARCH_HITS.max} (default ${SEARCH_HITS.default})` },
    json: { type: 'boolean', description: 'one JSON object a hit: id, title, score, snippet' },
  },
  async run(args, context) {
    const query = args.positionals.join(' ').trim();
    if (query === '') throw new UsageError('search needs a query');
    const limit = wholeNumberOption(args, 'limit', SEARCH_HITS);
    const { library, nothingRead } = await openCorpus(args.afterDashes ?? [], context);
    if (nothingRead) return EXIT.notFound;
    const hits = library.search(query, limit);
    for (const hit of hits) {
      if (args.options.json === true) {
        await writeLine(JSON.stringify({ id: hit.article.id, title: hit.article.title, score: Number(hit.score.toFixed(4)), snippet: hit.snippet }));
      } else {
        await writeLine(`${hit.score.toFixed(2).padStart(6)}  ${hit.article.title} [${hit.article.id}]\n        ${hit.snippet}`);
      }
    }
    if (hits.length === 0 && args.options.json !== true) await writeLine(`No article matches "${query}".`);
    return EXIT.answered;
  },
};

export default search;
