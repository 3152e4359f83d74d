import type { Article, LoadProblem, LoadResult } from '../corpus/index.js';
import { namedPaths, openLibrary, type CorpusSource, type Library } from '../library/index.js';
import type { CliContext } from './command.js';
import { printProblems } from './output.js';

/** The library over the paths a command names (the corpus folder when none), and the articles in the order they were read. */
export interface OpenedCorpus {
  readonly library: Library;
  readonly inReadOrder: readonly Article[];
  readonly problems: readonly LoadProblem[];
  /** Nothing could be read where something was named (a missing file, an unreadable folder). */
  readonly nothingRead: boolean;
}

function sourceOf(paths: readonly string[], context: CliContext): CorpusSource {
  return namedPaths(paths.length > 0 ? paths : [context.corpusDir], { maxBytes: context.maxArticleBytes });
}

function nothingRead(articles: readonly Article[], problems: readonly LoadProblem[]): boolean {
  return articles.length === 0 && problems.some((p) => p.ignored !== true);
}

/** Only reads the paths (listing what is there needs no analysis); problems go to stderr. */
export async function readCorpus(paths: readonly string[], context: CliContext): Promise<Omit<OpenedCorpus, 'library'>> {
  const { articles, problems } = await sourceOf(paths, context)(() => undefined);
  printProblems(problems);
  return { inReadOrder: articles, problems, nothingRead: nothingRead(articles, problems) };
}

/** Reads the paths as the bot reads its folder and builds the same library the bot answers from; problems go to stderr. */
export async function openCorpus(paths: readonly string[], context: CliContext): Promise<OpenedCorpus> {
  const source = sourceOf(paths, context);
  let read: LoadResult = { articles: [], problems: [] };
  const holder = await openLibrary(async (onFilesFound) => (read = await source(onFilesFound)), {
    analysisThreads: context.analysisThreads,
    onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
  });
  await holder.close();
  const library = holder.current();
  printProblems(library.problems);
  return {
    library,
    inReadOrder: read.articles,
    problems: library.problems,
    nothingRead: nothingRead(library.articles, library.problems),
  };
}
