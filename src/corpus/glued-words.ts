/** `belanjaManchester`, `penelusuranRepublika`: a word whose link a scraper joined to the word before it, without the space. */
const gluedWord = /(?<![\p{L}\p{N}@#/.:_-])(\p{Ll}{3,})(?=\p{Lu}[\p{Ll}\p{Lu}])/gu;
const caseTurn = /\p{Ll}\p{Lu}/u;

/**
 * Puts back the space a scrape lost before a capitalised word (`kepadaRepublika` → `kepada Republika`). Only after three
 * or more lower-case letters that open a token, so names cased inside (`iPhone`, `YouTube`, `eKTP`) and addresses,
 * handles and tags (`kompas.com/readBerita`, `@jokowiDodo`, `#savePapua`) stay as written.
 */
export function unglueWords(line: string): string {
  return caseTurn.test(line) ? line.replace(gluedWord, '$1 ') : line;
}
