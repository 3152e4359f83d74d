import { fold } from '../text/fold.js';
import { FIRST_PERSON, OPENING_MARKS, PRONOUNS, QUOTE_MARKS } from './lexicon.js';
import { isCommonWord } from './names.js';
import { PLACES } from './places.js';

export type TokenKind = 'word' | 'punct' | 'mark';

/** A word, punctuation sign or double quote mark of a paragraph, with its offsets. */
export interface Token {
  readonly text: string;
  /** Folded form of `text`. */
  readonly low: string;
  readonly start: number;
  readonly end: number;
  readonly kind: TokenKind;
  /** Starts with a capital letter (or is an all-caps acronym, or a social-media handle). */
  readonly cap: boolean;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const UPPER = /\p{Lu}/u;
/** Per UTF-16 unit: 0 unknown, 1 other, 2 letter or digit, 3 uppercase letter, 4 uppercase but not a letter or digit. */
const unitClass = new Uint8Array(65536);

function classOfUnit(code: number): number {
  let found = unitClass[code] as number;
  if (found === 0) {
    const ch = String.fromCharCode(code);
    const alnum = LETTER_OR_DIGIT.test(ch);
    const upper = UPPER.test(ch);
    found = alnum ? (upper ? 3 : 2) : upper ? 4 : 1;
    unitClass[code] = found;
  }
  return found;
}

function isAlnumCode(code: number): boolean {
  const found = classOfUnit(code);
  return found === 2 || found === 3;
}

function isUpperCode(code: number): boolean {
  const found = classOfUnit(code);
  return found === 3 || found === 4;
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Spaces, and the invisible marks scraped text carries between words (zero-width space, direction marks, BOM). */
function isSpaceCode(code: number): boolean {
  return (
    code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || (code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || code === 0x2060 || code === 0xfeff
  );
}

function isLowerLetterCode(code: number): boolean {
  return classOfUnit(code) === 2 && !isDigitCode(code);
}

/**
 * Does a period at `j` inside the word that starts at `start` join it to what follows? `1.000`, `kompas.com`, `S.H`, `M.Si`
 * join; a sentence glued to the next one by a scrape (`kata dia.Loading`, `Lutfi.Amar`, `tersebut.2`) does not.
 */
function periodJoins(text: string, start: number, j: number, next: number): boolean {
  const before = text.charCodeAt(j - 1);
  if (isDigitCode(before)) return isDigitCode(next) || isLowerLetterCode(next);
  if (isLowerLetterCode(next)) return true;
  let lowers = 0;
  for (let k = start; k < j; k += 1) if (isLowerLetterCode(text.charCodeAt(k))) lowers += 1;
  return j - start <= 2 || lowers === 0;
}

/** Does the unit at `j` join two runs of letters or digits into one word: `Jong-un`, `Ma’ruf`, `482,5`, `13/4`, `kompas.com`? */
function joinsAt(text: string, start: number, j: number): boolean {
  if (j + 1 >= text.length) return false;
  const next = text.charCodeAt(j + 1);
  if (!isAlnumCode(next)) return false;
  switch (text.charCodeAt(j)) {
    case 0x2d: // -
    case 0x2019: // ’
    case 0x27: // '
    case 0x2f: // /
      return true;
    case 0x2e: // .
      return periodJoins(text, start, j, next);
    case 0x2c: // ,
    case 0x3a: // :
      return isDigitCode(text.charCodeAt(j - 1)) && isDigitCode(next);
    default:
      return false;
  }
}

/** End of the word that starts at `i`. */
function wordEnd(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    if (isAlnumCode(text.charCodeAt(j))) j += 1;
    else if (joinsAt(text, i, j)) j += 2;
    else break;
  }
  return j;
}

/** Index of the first capital inside `text[i, j)` right after a lower-case letter (`ucapWali`, `IranDia`), or `j`. */
function innerCapital(text: string, i: number, j: number): number {
  for (let k = i + 2; k < j; k += 1) {
    if (classOfUnit(text.charCodeAt(k)) === 3 && isLowerLetterCode(text.charCodeAt(k - 1))) return k;
  }
  return j;
}

/**
 * Where a scrape glued two words (`ucapWali Kota`, `lamanAl Mayadeen`, `di IranDia menambahkan`, `DepokSupian`): after a
 * lower-case start of two letters or more (`eKTP`, `iPhone` keep theirs), or before a pronoun or common word, or after a
 * place. Brands keep their shape (`DailySocial`, `PlayStation`). Returns `j` when the word is whole.
 */
function gluedAt(text: string, i: number, j: number): number {
  const k = innerCapital(text, i, j);
  if (k === j) return j;
  if (!isUpperCode(text.charCodeAt(i))) return k - i >= 2 ? k : j;
  const tail = innerCapital(text, k, j);
  const second = fold(text.slice(k, tail));
  const first = fold(text.slice(i, k));
  return PRONOUNS.has(second) || FIRST_PERSON.has(second) || isCommonWord(second) || PLACES.has(first) ? k : j;
}

/** End of a social-media handle that starts with `@` at `i` (`@muh_syahroji`, `@baby.ivanovaa`), or `i` when none does. */
function handleEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const code = text.charCodeAt(j);
    if (isAlnumCode(code) || code === 0x5f || (code === 0x2e && j + 1 < text.length && isAlnumCode(text.charCodeAt(j + 1)))) j += 1;
    else break;
  }
  return j - i >= 2 ? j : i;
}

/** Same as `fold(word)`; most words are plain lowercase ASCII already and are returned as they are. */
function foldWord(word: string): string {
  for (let k = 0; k < word.length; k += 1) {
    const code = word.charCodeAt(k);
    if (code > 127 || (code >= 65 && code <= 90)) return fold(word);
  }
  return word;
}

const MARK_CODES: ReadonlySet<number> = new Set([...QUOTE_MARKS].map((mark) => mark.charCodeAt(0)));

/** A double quote mark (one of `QUOTE_MARKS`). */
function isMarkCode(code: number): boolean {
  return MARK_CODES.has(code);
}

const ANY_MARK = new RegExp(`[${QUOTE_MARKS}]`);

/** Would `tokenize(text)` hold a quote mark? */
export function hasQuoteMark(text: string): boolean {
  return ANY_MARK.test(text);
}

/** Marks that can only open a quotation. */
export const OPEN_MARKS: ReadonlySet<string> = new Set(OPENING_MARKS);

/** Splits a paragraph into tokens in one linear pass. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (isSpaceCode(code)) {
      i += 1;
      continue;
    }
    if (isAlnumCode(code)) {
      const end = wordEnd(text, i);
      const j = gluedAt(text, i, end);
      const word = text.slice(i, j);
      tokens.push({ text: word, low: foldWord(word), start: i, end: j, kind: 'word', cap: isUpperCode(code) });
      i = j;
      continue;
    }
    if (code === 0x40) {
      const end = handleEnd(text, i);
      if (end > i) {
        const handle = text.slice(i, end);
        // a handle is a name, whatever its case
        tokens.push({ text: handle, low: foldWord(handle), start: i, end, kind: 'word', cap: true });
        i = end;
        continue;
      }
    }
    const ch = text[i] as string;
    tokens.push({ text: ch, low: ch, start: i, end: i + 1, kind: isMarkCode(code) ? 'mark' : 'punct', cap: false });
    i += 1;
  }
  return tokens;
}
