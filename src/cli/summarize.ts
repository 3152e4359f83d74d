import { loadArticles } from '../corpus/index.js';
import { summarize, type Summary } from '../summarize/index.js';
import { analyzeArticle, buildCorpusStats } from '../text/index.js';
import type { Article } from '../corpus/index.js';
import { parseArgs, printProblems, UsageError } from './common.js';

const DEFAULT_SENTENCES = 3;
const MAX_SENTENCES = 50;

function textView(article: Article, summary: Summary): string {
  const percent = Math.round(summary.reduction * 100);
  const lines = [
    article.title,
    `${article.id} · reduced by ${percent}% · keywords: ${summary.keywords.join(', ') || '—'}`,
    ...summary.sentences.map((sentence) => `  • ${sentence}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** `summarize [--sentences N] [--json] <path…>`: a summary of every article read; with --json one object per line. */
export async function runSummarize(args: readonly string[], defaultPaths: readonly string[] = []): Promise<number> {
  const { flags, paths } = parseArgs(args, { sentences: 'string', json: 'boolean' });
  const sentences = flags.sentences === undefined ? DEFAULT_SENTENCES : Number(flags.sentences);
  if (!Number.isInteger(sentences) || sentences < 1 || sentences > MAX_SENTENCES) {
    throw new UsageError(`--sentences must be a whole number from 1 to ${MAX_SENTENCES}`);
  }
  const targets = paths.length > 0 ? paths : defaultPaths;
  if (targets.length === 0) throw new UsageError('summarize needs a file or folder');
  const { articles, problems } = await loadArticles(targets);
  printProblems(problems);
  const analyzed = articles.map(analyzeArticle);
  const stats = buildCorpusStats(analyzed);
  analyzed.forEach((doc, index) => {
    const summary = summarize(doc, stats, { sentences });
    const article = doc.article;
    if (flags.json === true) {
      const line = { id: article.id, title: article.title, summary: summary.sentences, keywords: summary.keywords, reduction: summary.reduction };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    } else {
      process.stdout.write(`${index > 0 ? '\n' : ''}${textView(article, summary)}`);
    }
  });
  return articles.length === 0 && problems.some((p) => p.ignored !== true) ? 1 : 0;
}
