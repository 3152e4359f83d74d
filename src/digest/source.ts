import type { Article } from '../corpus/article.js';

/** The slice of a summary a digest uses; the summarizer's result fits it. */
export interface DigestSummary {
  readonly sentences: readonly string[];
  readonly keywords: readonly string[];
}

/** What the digest needs of a corpus snapshot; the bot's `Library` satisfies it. */
export interface DigestLibrary {
  /** Newest first. */
  readonly articles: readonly Article[];
  summary(id: string, sentences: number): DigestSummary | undefined;
}

/** What the digest needs of the library holder; the bot's `LibraryHolder` satisfies it. */
export interface DigestLibraryHolder {
  current(): DigestLibrary;
  onSwap(listener: (next: DigestLibrary) => void): void;
}
