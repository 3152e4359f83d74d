import type { Article, LoadProblem } from '../corpus/index.js';
import { loadArticles } from '../corpus/index.js';
import { parseArgs, printProblems } from './common.js';

function row(article: Article): string {
  const date = article.published ?? '—';
  const meta = [article.source, article.city].filter((v) => v !== null).join(', ') || '—';
  return `${article.id}\n  ${article.title}\n  ${date} · ${meta} · ${article.paragraphs.length} paragraphs`;
}

/** `articles [--json] [path…]`: what was read and what was not. */
export async function runArticles(args: readonly string[], defaultPaths: readonly string[]): Promise<number> {
  const { flags, paths } = parseArgs(args, { json: 'boolean' });
  const { articles, problems } = await loadArticles(paths.length > 0 ? paths : defaultPaths);
  if (flags.json === true) {
    for (const a of articles) {
      process.stdout.write(
        `${JSON.stringify({ id: a.id, title: a.title, published: a.published, source: a.source, city: a.city, url: a.url, paragraphs: a.paragraphs.length, file: a.file })}\n`,
      );
    }
  } else {
    process.stdout.write(`${articles.length} article${articles.length === 1 ? '' : 's'} read\n\n`);
    for (const a of articles) process.stdout.write(`${row(a)}\n`);
  }
  printProblems(problems);
  return articles.length === 0 && problems.some((p: LoadProblem) => p.ignored !== true) ? 1 : 0;
}
