const dash = String.raw`(?:\s+(?:-{1,2}|–|—)\s*|\s*(?:-{1,2}|–|—)\s+)(?=[\p{Lu}\p{N}“"'‘])`;
const word = String.raw`[\p{Lu}][\p{L}\p{N}.'’&]*`;
const words = String.raw`${word}(?:\s+${word}){0,3}`;
const bracketed = String.raw`\s*\([^()]{2,40}\)`;
const capsWords = String.raw`[\p{Lu}][\p{Lu}\p{N}.'’&]+(?:\s+[\p{Lu}][\p{Lu}\p{N}.'’&]*){0,3}`;
const domain = String.raw`[\p{L}\p{N}-]+\.(?:com|net|id|co\.id|co|tv|news)`;

const datelines: readonly RegExp[] = [
  new RegExp(String.raw`^${words}(?:\s*,\s*${words}){1,2}(?:${bracketed})?${dash}`, 'u'),
  new RegExp(String.raw`^${words}${bracketed}${dash}`, 'u'),
  new RegExp(String.raw`^(?:${capsWords}|${domain})${dash}`, 'iu'),
  new RegExp(String.raw`^[\p{Lu}][\p{L}\p{N}]+${dash}`, 'u'),
];

/** Length of the dateline that opens a news text (`Jakarta, CNN Indonesia -- `, `MOSKOW - `, `Merdeka.com - `), or 0. */
export function datelineLength(text: string): number {
  for (const pattern of datelines) {
    const match = pattern.exec(text);
    if (match && match[0].length < text.length) return match[0].length;
  }
  return 0;
}
