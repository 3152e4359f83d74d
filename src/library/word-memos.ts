import { clearDictionaryAnswers } from '../quotes/index.js';
import { clearWordCaches } from '../text/index.js';

/** A corpus under this share of the largest it was since the memos were last emptied has shrunk enough to empty them. */
const SHRUNK_TO = 0.5;

/**
 * The memos of words shared by the whole process (stems, index terms, dictionary answers) grow with every word a corpus
 * brings and never forget one: once the corpus has shrunk to under half its largest, they are emptied, so the vocabulary of
 * articles no longer loaded is not held. They are caches only; the words of the articles still loaded come back as needed.
 */
export class WordMemos {
  #largest = 0;

  /** Told the size of each corpus built; true when the memos were emptied. */
  built(articles: number): boolean {
    if (articles >= this.#largest) {
      this.#largest = articles;
      return false;
    }
    if (articles >= this.#largest * SHRUNK_TO) return false;
    clearWordCaches();
    clearDictionaryAnswers();
    this.#largest = articles;
    return true;
  }
}
