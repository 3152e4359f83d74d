import { clearDictionaryAnswers } from '../quotes/index.js';
import { clearWordCaches } from '../text/index.js';

/** A corpus under this share of the largest it was since it last shrank has shrunk enough to let go of words. */
const SHRUNK_TO = 0.5;

/**
 * What the process keeps of every word a corpus brought (stems, index terms, dictionary answers, the term dictionary of
 * packed analyses) grows with the vocabulary and forgets nothing by itself: told the size of each corpus built, this says
 * when it has shrunk to under half its largest, so the words of articles no longer loaded can be let go.
 */
export class ShrinkWatch {
  #largest = 0;

  /** Told the size of each corpus built; true when it shrank enough (counted from this size from now on). */
  shrank(articles: number): boolean {
    if (articles >= this.#largest) {
      this.#largest = articles;
      return false;
    }
    if (articles >= this.#largest * SHRUNK_TO) return false;
    this.#largest = articles;
    return true;
  }
}

/**
 * Empties the memos of words shared by the whole process. They are caches only; the words of the articles still loaded
 * come back as needed.
 */
export function clearWordMemos(): void {
  clearWordCaches();
  clearDictionaryAnswers();
}
