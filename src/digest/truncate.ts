const ELLIPSIS = '…';

/** Escapes Discord markdown so article text shows as written. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/g, (char) => `\\${char}`)
    .replace(/^(\s*)([>#-])/gm, '$1\\$2');
}

/**
 * Shortens `text` to at most `max` UTF-16 units (Discord counts no more than that), cutting at a word
 * boundary when one is near, never inside a surrogate pair or after a lone escaping backslash.
 */
export function truncateOnWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  const room = max - ELLIPSIS.length;
  let cut = text.slice(0, room);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const boundary = cut.search(/\s+\S*$/);
  if (boundary > room * 0.5) cut = cut.slice(0, boundary);
  cut = cut.replace(/[\s,;:–—-]+$/u, '');
  const slashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (slashes % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}${ELLIPSIS}`;
}
