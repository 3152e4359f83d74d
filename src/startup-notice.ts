import { resolve } from 'node:path';
import { unreadableFileCount, type LoadProblem } from './corpus/article.js';
import { quantity, t, type Lang } from './i18n/index.js';

/**
 * What the operator should know at start-up about the article folder, or null when it holds articles: a missing,
 * unreadable or empty folder named by its absolute path, with what to put there.
 */
export function corpusNotice(corpusDir: string, articles: number, problems: readonly LoadProblem[], lang: Lang = 'en'): string | null {
  if (articles > 0) return null;
  const dir = resolve(corpusDir);
  const unavailable = problems.find((p) => p.code.startsWith('corpus_'));
  switch (unavailable?.code) {
    case 'corpus_missing':
      return t(lang, 'startup.corpusMissing', { dir });
    case 'corpus_not_directory':
      return t(lang, 'startup.corpusUnreadable', { dir, reason: t(lang, 'startup.notFolder') });
    case 'corpus_denied':
      return t(lang, 'startup.corpusUnreadable', { dir, reason: t(lang, 'startup.denied') });
    case 'corpus_unreadable':
      return t(lang, 'startup.corpusUnreadable', { dir, reason: String(unavailable.params?.detail ?? unavailable.reason) });
  }
  const broken = unreadableFileCount(problems);
  return broken === 0 ? t(lang, 'startup.corpusEmpty', { dir }) : t(lang, 'startup.corpusNoReadable', { dir, files: quantity(lang, broken, 'file') });
}
