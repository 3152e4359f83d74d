/** How many sentences a summary may have, whoever asks (the /summary option, the command line, digests). */
export const SUMMARY_SENTENCES = { min: 1, max: 10, default: 3 } as const;

/** How many hits one search may return. */
export const SEARCH_HITS = { min: 1, max: 100, default: 10 } as const;

/** The one place a requested sentence count is brought within SUMMARY_SENTENCES. */
export function clampSentences(requested: number): number {
  if (Number.isNaN(requested)) return SUMMARY_SENTENCES.default;
  return Math.min(Math.max(SUMMARY_SENTENCES.min, Math.trunc(requested)), SUMMARY_SENTENCES.max);
}
