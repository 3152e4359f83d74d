/** A paragraph at least this long found inside another is the scrape's copy of it, not a phrase the text repeats. */
const MIN_CHILD_CHARS = 60;
/** Above this many paragraphs the pairwise search costs more than the copies do. */
const MAX_PARAGRAPHS = 400;
/** Marks where a paragraph was cut out: a paragraph may hold line breaks of its own. */
const CUT = '\u0000';

/**
 * Scrapers that take the text of nested page blocks give a paragraph and then again each paragraph inside it
 * (`A B C`, `B C`, `C`, or `A B C`, `A`, `B`, `C`): every paragraph found whole inside another is cut out of it, what is
 * left of the outer one stays in its place, piece by piece, and a paragraph given twice is kept once. An outer paragraph
 * that only adds a few words to one inner one (`JAKARTA - ` and the lead) stays whole instead, and the inner one goes.
 */
export function unnestParagraphs(paragraphs: readonly string[]): string[] {
  if (paragraphs.length < 2 || paragraphs.length > MAX_PARAGRAPHS) return [...paragraphs];
  const seen = new Set<string>();
  const distinct = paragraphs.filter((paragraph) => {
    if (paragraph.length < MIN_CHILD_CHARS) return true;
    if (seen.has(paragraph)) return false;
    seen.add(paragraph);
    return true;
  });
  const children = distinct.filter((paragraph) => paragraph.length >= MIN_CHILD_CHARS).sort((a, b) => b.length - a.length);
  if (children.length < 2) return distinct;
  const pieces = new Map<string, string[]>();
  const copies = new Set<string>();
  for (const paragraph of distinct) {
    const inside = children.filter((child) => child.length < paragraph.length && paragraph.includes(child));
    if (inside.length === 0) continue;
    let rest = paragraph;
    for (const child of inside) rest = rest.split(child).join(CUT);
    const left = rest
      .split(CUT)
      .map((piece) => piece.trim())
      .filter((piece) => /\p{L}/u.test(piece));
    if (inside.length === 1 && left.join(' ').length < MIN_CHILD_CHARS) copies.add(inside[0] as string);
    else pieces.set(paragraph, left);
  }
  return distinct.flatMap((paragraph) => (copies.has(paragraph) ? [] : (pieces.get(paragraph) ?? [paragraph])));
}
