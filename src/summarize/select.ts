import { cosine, needsPrevious, type DocumentView } from './document.js';

/** Above this tf-idf cosine a sentence repeats one already chosen. */
export const REDUNDANCY_THRESHOLD = 0.8;

/**
 * The best `count` eligible sentences by score, skipping near-repeats of those already chosen, in article order.
 * An article without any eligible sentence (a short note, one quote) falls back to its whole, non-furniture sentences.
 * A sentence opening with a reference back (`Ia …`) is taken only after the sentence it points to, unless it is a connective the summary drops (`Namun, …`).
 * Ties go to the earlier sentence, so the choice is deterministic.
 */
export function selectSentences(view: DocumentView, scores: readonly number[], count: number, redundancy = REDUNDANCY_THRESHOLD): number[] {
  const anyEligible = view.sentences.some((sentence) => sentence.eligible);
  const ranked = view.sentences
    .filter((sentence) => (anyEligible ? sentence.eligible : sentence.lastResort))
    .map((sentence) => ({ sentence, score: scores[sentence.index] ?? -Infinity }))
    .sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index);
  const chosen: typeof ranked = [];
  for (const candidate of ranked) {
    if (chosen.length >= count) break;
    const repeats = chosen.some(
      ({ sentence }) => cosine(sentence.vector, sentence.norm, candidate.sentence.vector, candidate.sentence.norm) > redundancy,
    );
    // `Ia …` without the sentence it points back to reads wrong: chosen only with it
    const dangles = needsPrevious(candidate.sentence) && !chosen.some(({ sentence }) => sentence.index === candidate.sentence.index - 1);
    if (!repeats && !dangles) chosen.push(candidate);
  }
  return chosen.map(({ sentence }) => sentence.index).sort((a, b) => a - b);
}
