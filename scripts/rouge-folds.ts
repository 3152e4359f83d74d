import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadArticles } from '../src/corpus/index.js';
import { analyzeArticle, buildCorpusStats, type AnalyzedArticle, type CorpusStats } from '../src/text/index.js';
import { detokenizeParagraph, readIndoSum, referenceSentences, type IndoSumArticle } from './rouge-indosum.js';
import { rougeTokens } from './rouge.js';

/** One IndoSum article as users' pipeline sees it, with what scoring and fitting need beside it. */
export interface EvalArticle {
  readonly record: IndoSumArticle;
  readonly analyzed: AnalyzedArticle;
  readonly reference: string[];
}

export interface EvalFold {
  readonly name: string;
  readonly articles: EvalArticle[];
  /** Built over this fold only: the fold is the corpus. */
  readonly stats: CorpusStats;
  /** Records the loader did not turn into articles, with why. */
  readonly skipped: string[];
}

/** The JSON Lines record a user would write for this article: id and natural-text paragraphs. */
export function toJsonLine(record: IndoSumArticle): string {
  return JSON.stringify({ id: record.id, paragraphs: record.paragraphs.map((p) => detokenizeParagraph(p).text) });
}

/** Reads an IndoSum file through the real loader (via a JSON Lines file in a temporary folder), then analyses it. */
export async function loadFold(path: string): Promise<EvalFold> {
  const records = await readIndoSum(path);
  const dir = await mkdtemp(join(tmpdir(), 'ringkas-eval-'));
  try {
    const file = join(dir, basename(path));
    await writeFile(file, `${records.map(toJsonLine).join('\n')}\n`);
    const { articles, problems } = await loadArticles([file]);
    const byId = new Map(articles.map((a) => [a.id, a]));
    const loaded: EvalArticle[] = [];
    for (const record of records) {
      const article = byId.get(record.id);
      if (article !== undefined) loaded.push({ record, analyzed: analyzeArticle(article), reference: referenceSentences(record) });
    }
    const stats = buildCorpusStats(loaded.map((a) => a.analyzed));
    return { name: basename(path), articles: loaded, stats, skipped: problems.map((p) => `${p.line ?? ''} ${p.reason}`) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * How much of each of our sentences lies in the gold oracle sentences (0..1), found by walking both texts' ROUGE tokens
 * in order; our text is the gold text minus what the loader removed, so a greedy alignment is exact enough.
 */
export function oracleShares(item: EvalArticle): number[] {
  const stream: Array<{ token: string; positive: boolean }> = [];
  item.record.paragraphs.forEach((paragraph, p) =>
    paragraph.forEach((tokens, s) => {
      const positive = item.record.gold_labels[p]?.[s] === true;
      for (const token of rougeTokens(tokens.join(' '))) stream.push({ token, positive });
    }),
  );
  let cursor = 0;
  return item.analyzed.sentences.map((sentence) => {
    const tokens = rougeTokens(sentence.text);
    let positive = 0;
    let matched = 0;
    for (const token of tokens) {
      let look = cursor;
      while (look < stream.length && look - cursor < 200 && stream[look]?.token !== token) look++;
      const entry = stream[look];
      if (entry !== undefined && entry.token === token) {
        matched++;
        if (entry.positive) positive++;
        cursor = look + 1;
      }
    }
    return matched > 0 ? positive / matched : 0;
  });
}
