import { clip } from '../text/clip.js';
import { splitSentences } from '../text/sentences.js';

const MAX_TITLE = 120;

/** A title for an article that has none: its first sentence, cut on a word boundary. */
export function displayTitle(paragraphs: readonly string[]): string {
  const first = paragraphs.find((p) => p.trim() !== '') ?? '';
  const sentence = (splitSentences(first)[0]?.text ?? first).trim().replace(/[.!?]+$/, '');
  return clip(sentence, MAX_TITLE) || 'Untitled';
}
