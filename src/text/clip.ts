const ELLIPSIS = '…';

/**
 * Shortens to at most `max` UTF-16 units, cutting at a word boundary when one is near and ending with an ellipsis;
 * never inside a surrogate pair, and without dangling punctuation or backslashes before the ellipsis.
 */
export function clip(text: string, max: number): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  if (max <= 1) return max === 1 ? ELLIPSIS : '';
  const room = max - ELLIPSIS.length;
  let cut = clean.slice(0, room + 1);
  const space = cut.search(/\s\S*$/);
  cut = space >= room * 0.6 ? cut.slice(0, space) : clean.slice(0, room);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/[\s\\,;:.([{“"'‘–—-]+$/u, '');
  return `${cut}${ELLIPSIS}`;
}
