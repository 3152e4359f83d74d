const fold = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** Where a sentence stands among the paragraphs, searching from `from` on: exactly, else by its folded opening words; -1 when nowhere. */
function paragraphOf(sentence: string, paragraphs: readonly string[], folded: (index: number) => string, from: number): number {
  for (let index = from; index < paragraphs.length; index += 1) if ((paragraphs[index] as string).includes(sentence)) return index;
  const opening = fold(sentence).slice(0, 60);
  if (opening === '') return -1;
  for (let index = from; index < paragraphs.length; index += 1) if (folded(index).includes(opening)) return index;
  return -1;
}

/**
 * A summary's sentences (in article order) grouped by the article paragraph each comes from, so a long summary reads in
 * the article's own paragraphs. A sentence found in no paragraph (the summarizer cleaned it) stays with the one before.
 */
export function summaryParagraphs(paragraphs: readonly string[], sentences: readonly string[]): string[][] {
  const foldedCache = new Map<number, string>();
  const folded = (index: number): string => {
    let text = foldedCache.get(index);
    if (text === undefined) foldedCache.set(index, (text = fold(paragraphs[index] ?? '')));
    return text;
  };
  const groups: string[][] = [];
  let current = -1;
  for (const sentence of sentences) {
    const found = paragraphOf(sentence, paragraphs, folded, Math.max(0, current));
    const last = groups.at(-1);
    if (last !== undefined && (found === -1 || found === current)) last.push(sentence);
    else {
      groups.push([sentence]);
      if (found !== -1) current = found;
    }
  }
  return groups;
}
