import type { Article } from '../corpus/index.js';
import { SUMMARY_SENTENCES } from '../library/index.js';
import type { Summary } from '../summarize/index.js';
import { EXIT, pathsOf, wholeNumberOption, type CliCommand } from './command.js';
import { openCorpus } from './corpus.js';
import { writeLine } from './output.js';

function textView(article: Article, summary: Summary): string {
  const percent = Math.round(summary.reduction * 100);
  const lines = [
    article.title,
    `${article.id} · reduced by ${percent}% · keywords: ${summary.keywords.join(', ') || '—'}`,
    ...summary.sentences.map((sentence) => `  • ${sentence}`),
  ];
  return lines.join('\n');
}

const summarize: CliCommand = {
  summary: 'summarize each article',
  operands: '[path…]',
  options: {
    sentences: {
      type: 'string',
      value: 'N',
      description: `sentences per summary, ${SUMMARY_SENTENCES.min}–${SUMMARY_SENTENCES.max} (default ${SUMMARY_SENTENCES.default})`,
    },
    json: { type: 'boolean', description: 'one JSON object an article: id, title, summary, keywords, reduction' },
  },
  async run(args, context) {
    const sentences = wholeNumberOption(args, 'sentences', SUMMARY_SENTENCES);
    const { library, inReadOrder, nothingRead } = await openCorpus(pathsOf(args), context);
    for (const [index, article] of inReadOrder.entries()) {
      const summary = library.summary(article.id, sentences);
      if (summary === undefined) continue;
      if (args.options.json === true) {
        await writeLine(JSON.stringify({ id: article.id, title: article.title, summary: summary.sentences, keywords: summary.keywords, reduction: summary.reduction }));
      } else {
        await writeLine(`${index > 0 ? '\n' : ''}${textView(article, summary)}`);
      }
    }
    return nothingRead ? EXIT.notFound : EXIT.answered;
  },
};

export default summarize;
