import { splitSentences } from '../text/sentences.js';

const MAX_TITLE = 120;

/** A title for an article that has none: its first sentence, cut on a word boundary. */
export function displayTitle(paragraphs: readonly string[]): string {
  const first = paragraphs.find((p) => p.trim() !== '') ?? '';
  const sentence = (splitSentences(first)[0]?.text ?? first).trim().replace(/[.!?]+$/, '');
  if (sentence.length <= MAX_TITLE) return sentence || 'Untitled';
  const cut = sentence.slice(0, MAX_TITLE - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_TITLE / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
