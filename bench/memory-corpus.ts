import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { articleFileName, dateLine, madeUpTitle, readSourceArticles, scrapedText, variantParagraphs, type SourceArticle } from './corpus.js';

export interface ShrinkCorpusPlan {
  /** Articles in the one big JSON file. */
  readonly jsonArticles: number;
  /** Files (one article each) in the big folder. */
  readonly files: number;
  /** Articles left once the big file and folder are removed (one file each). */
  readonly kept: number;
  /** Paragraphs per article, from the start of the IndoSum article (short articles keep a test quick). */
  readonly paragraphs: number;
}

export interface ShrinkCorpus {
  readonly dir: string;
  /** What to remove so that only the kept articles are left: the big JSON file and the big folder. */
  readonly remove: readonly string[];
  /** Bytes of the big JSON file: a load of it needs MAX_ARTICLE_BYTES at least this large. */
  readonly jsonBytes: number;
}

/** The n-th generated article: IndoSum articles in turn, each round a lightly changed copy (bench/corpus.ts), so every content differs. */
function nth(sources: readonly SourceArticle[], n: number, paragraphs: number): { name: string; title: string; date: string; paragraphs: string[] } {
  const source = sources[n % sources.length] as SourceArticle;
  const copy = Math.floor(n / sources.length);
  const body = variantParagraphs(source.paragraphs.slice(0, paragraphs), copy);
  const name = articleFileName(n % sources.length, copy, source.sourceId);
  return { name, title: madeUpTitle(body[0] ?? ''), date: dateLine(name), paragraphs: body };
}

/**
 * Writes the corpus of issue 16.9 under `dir`: `big.json` (one JSON array of many articles), `many/` (a file per article)
 * and `kept/` (the few that stay). Articles are generated from IndoSum as bench/corpus.ts generates them.
 */
export async function writeShrinkCorpus(dir: string, plan: ShrinkCorpusPlan): Promise<ShrinkCorpus> {
  const sources = await readSourceArticles();
  if (sources.length === 0) throw new Error('no IndoSum articles to generate from (../shared/data/indosum)');
  await mkdir(join(dir, 'many'), { recursive: true });
  await mkdir(join(dir, 'kept'), { recursive: true });

  const jsonPath = join(dir, 'big.json');
  const out = createWriteStream(jsonPath);
  let jsonBytes = 0;
  const put = async (text: string): Promise<void> => {
    jsonBytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await put('[');
  for (let i = 0; i < plan.jsonArticles; i++) {
    const article = nth(sources, i, plan.paragraphs);
    await put(`${i === 0 ? '' : ','}\n${JSON.stringify({ id: `big-${i}`, title: article.title, published: article.date, paragraphs: article.paragraphs })}`);
  }
  await put('\n]\n');
  out.end();
  await once(out, 'finish');

  const writeFiles = async (folder: string, from: number, count: number): Promise<void> => {
    const writes: Promise<void>[] = [];
    for (let i = from; i < from + count; i++) {
      const article = nth(sources, i, plan.paragraphs);
      writes.push(writeFile(join(dir, folder, article.name), scrapedText(article.title, article.date, article.paragraphs)));
      if (writes.length >= 256) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
  };
  // Numbered past the JSON file's articles, so each file's content differs from every article of the file.
  await writeFiles('many', plan.jsonArticles, plan.files);
  await writeFiles('kept', plan.jsonArticles + plan.files, plan.kept);
  return { dir, remove: [jsonPath, join(dir, 'many')], jsonBytes };
}
