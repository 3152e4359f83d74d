import type { Article } from '../corpus/index.js';
import { EXIT, pathsOf, type CliCommand } from './command.js';
import { readCorpus } from './corpus.js';
import { writeLine } from './output.js';

function row(article: Article): string {
  const date = article.published ?? '—';
  const meta = [article.source, article.city].filter((v) => v !== null).join(', ') || '—';
  return `${article.id}\n  ${article.title}\n  ${date} · ${meta} · ${article.paragraphs.length} paragraphs`;
}

const articles: CliCommand = {
  summary: 'list the articles read, and the problems',
  operands: '[path…]',
  options: {
    json: { type: 'boolean', description: 'one JSON object an article: id, title, published, source, city, url, paragraphs, file' },
  },
  async run(args, context) {
    const { inReadOrder, nothingRead } = await readCorpus(pathsOf(args), context);
    if (args.options.json === true) {
      for (const a of inReadOrder) {
        await writeLine(JSON.stringify({ id: a.id, title: a.title, published: a.published, source: a.source, city: a.city, url: a.url, paragraphs: a.paragraphs.length, file: a.file }));
      }
    } else {
      await writeLine(`${inReadOrder.length} article${inReadOrder.length === 1 ? '' : 's'} read\n`);
      for (const a of inReadOrder) await writeLine(row(a));
    }
    return nothingRead ? EXIT.notFound : EXIT.answered;
  },
};

export default articles;
