/** A clitic glued after a dash (`GoPro -nya`) belongs to the word before it: no dateline ends there. */
const noClitic = String.raw`(?!(?:nya|NYA|ku|KU|mu|MU|lah|LAH|kah|KAH|pun|PUN)(?![\p{L}\p{N}]))`;
const dash = String.raw`(?:\s+(?:-{1,2}|–|—)\s*|\s*(?:-{1,2}|–|—)\s+)${noClitic}(?=[\p{Lu}\p{N}“"'‘])`;
const word = String.raw`[\p{Lu}][\p{L}\p{N}.'’&]*`;
const words = String.raw`${word}(?:\s+${word}){0,3}`;
const bracketed = String.raw`\s*\([^()]{2,40}\)`;
const capsWords = String.raw`[\p{Lu}][\p{Lu}\p{N}.'’&]+(?:\s+[\p{Lu}][\p{Lu}\p{N}.'’&]*){0,3}`;
const domain = String.raw`[\p{L}\p{N}-]+\.(?:com|net|id|co\.id|co|tv|news)`;
/** An outlet's domain as scrapes print it: any case, `POS-KUPANG. COM`, `REPUBLIKA.CO.ID`, `KOMPAS com`. */
const outletDomain = String.raw`[\p{L}\p{N}-]+(?:\.\s?|\s(?=[cC][oO][mM]\b))(?:[cC][oO](?:\.[iI][dD])?|[cC][oO][mM]|[nN][eE][tT]|[iI][dD]|[tT][vV]|[nN]ews)(?![\p{L}.])`;
const place = String.raw`[\p{Lu}][\p{L}.'’]*(?:\s+[\p{Lu}][\p{L}.'’]*){0,3}`;
/** A dash with or without spaces around it (`TEMPO.CO,Jakarta-Ginjal`), or a colon (`Liputan6.com, Jakarta:`), before the first word. */
const separator = String.raw`\s*(?:-{1,2}|–|—|:)\s*${noClitic}(?=[\p{Lu}\p{N}“"'‘])`;
const capsPlace = String.raw`(?=[\p{Lu}\s]{4})[\p{Lu}]{2,}(?:\s+[\p{Lu}]{2,}){0,2}`;

/** Datelines that name an outlet: safe to strip wherever a paragraph starts, as scrapes repeat or misplace them. */
const outletDatelines: readonly RegExp[] = [
  // `Liputan6.com, Jakarta -`, `TEMPO.CO,Jakarta-`, `Posmetro.co.id,INDRAMAYU –`, `KOMPAS.com-`, `BATAM, POSMETRO.CO :`
  new RegExp(String.raw`^(?:${place}\s*,\s*)?${outletDomain}(?:\s*,\s*${place}(?:\s*\([^()]{2,40}\))?)?${separator}`, 'u'),
  // `Liputan6.com, JakartaKita …`: the city glued to the first word
  new RegExp(String.raw`^${outletDomain}\s*,\s*(?:[\p{Lu}][\p{Ll}]+\s+){0,2}[\p{Lu}][\p{Ll}]+(?=[\p{Lu}])`, 'u'),
];

const datelines: readonly RegExp[] = [
  ...outletDatelines,
  // `JAKARTA–Michelle`, `NEW YORK–Donald`, `POSMETRO MEDAN: Tim`, `BATAM, POSMETRO: Dua`
  new RegExp(String.raw`^${capsPlace}(?:\s*,\s*${capsPlace})?${separator}`, 'u'),
  new RegExp(String.raw`^${words}(?:\s*,\s*${words}){1,2}(?:${bracketed})?${dash}`, 'u'),
  new RegExp(String.raw`^${words}${bracketed}${dash}`, 'u'),
  new RegExp(String.raw`^(?:${capsWords}|${domain})${dash}`, 'u'),
  new RegExp(String.raw`^[\p{Lu}][\p{L}\p{N}]+${dash}`, 'u'),
];

const spacedSeparator = /\s+(?:-{1,2}|–|—)\s*|\s*(?:-{1,2}|–|—)\s+|\s*:\s+/u;

/**
 * `los angeles - militer …` as `LOS ANGELES - Militer …` (same length), for text delivered in lower case only: what
 * stands before a spaced dash or a colon near the start is read as a dateline in capitals. Null when the text has capitals.
 */
function capitalisedHead(text: string): string | null {
  const head = text.slice(0, 60);
  if (/\p{Lu}/u.test(head) || !/\p{Ll}/u.test(head)) return null;
  const separator = spacedSeparator.exec(head);
  // no spaced separator: `tempo.co,jakarta-ginjal` read with every word capitalised
  if (separator === null || separator.index < 2) return head.replace(/(^|[^\p{L}\p{N}.'’])(\p{Ll})/gu, (_, mark: string, letter: string) => mark + letter.toUpperCase()) + text.slice(60);
  const before = head.slice(0, separator.index);
  const after = separator.index + separator[0].length;
  // a sentence, or a clitic (`gopro -nya`), is no dateline
  if (/[!?]|\.\s/.test(before) || before.split(/\s+/).length > 4 || /^(?:nya|ku|mu|lah|kah|pun)\b/u.test(text.slice(after))) return null;
  return head.slice(0, separator.index).toUpperCase() + separator[0] + text.charAt(after).toUpperCase() + text.slice(after + 1);
}

function matchLength(patterns: readonly RegExp[], given: string): number {
  const text = capitalisedHead(given) ?? given;
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match && match[0].length < text.length) return match[0].length;
  }
  return 0;
}

/** Length of the dateline that opens a news text (`Jakarta, CNN Indonesia -- `, `MOSKOW - `, `Merdeka.com - `), or 0. */
export function datelineLength(text: string): number {
  return matchLength(datelines, text);
}

/** Length of an outlet's dateline (`Liputan6.com, Jakarta -`, `JAKARTA, KOMPAS.com -`) opening any paragraph, or 0. */
export function outletDatelineLength(text: string): number {
  return matchLength(outletDatelines, text);
}

/** Whether a whole line is nothing but a dateline (`TEMPO.CO,Jakarta-`), its text cut off by the scrape. */
export function isBareDateline(line: string): boolean {
  const text = line.trim();
  const probe = /\p{Lu}/u.test(text) ? `${text} X` : `${text} x`;
  return text.length <= 60 && /[-–—:]$/u.test(text) && datelineLength(probe) >= text.length;
}
