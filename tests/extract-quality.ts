/** Token F1 between two texts (lower-cased letter/digit runs, clipped counts): how close an extraction is to a reference. */
export function tokenF1(candidate: string, reference: string): { precision: number; recall: number; f1: number } {
  const tokens = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const ours = tokens(candidate);
  const theirs = tokens(reference);
  const counts = new Map<string, number>();
  for (const t of theirs) counts.set(t, (counts.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of ours) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      overlap++;
      counts.set(t, left - 1);
    }
  }
  const precision = ours.length === 0 ? 0 : overlap / ours.length;
  const recall = theirs.length === 0 ? 0 : overlap / theirs.length;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}
