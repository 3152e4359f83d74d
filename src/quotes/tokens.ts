import { fold } from '../text/fold.js';

export type TokenKind = 'word' | 'punct' | 'mark';

/** A word, punctuation sign or double quote mark of a paragraph, with its offsets. */
export interface Token {
  readonly text: string;
  /** Folded form of `text`. */
  readonly low: string;
  readonly start: number;
  readonly end: number;
  readonly kind: TokenKind;
  /** Starts with a capital letter (or is an all-caps acronym). */
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
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  const found = classOfUnit(code);
  return found === 2 || found === 3;
}

function isAlnum(ch: string): boolean {
  return isAlnumCode(ch.charCodeAt(0));
}

function isUpperCode(code: number): boolean {
  if (code < 128) return code >= 65 && code <= 90;
  const found = classOfUnit(code);
  return found === 3 || found === 4;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Characters that may join two runs of letters or digits into one word: `Jong-un`, `Ma’ruf`, `482,5`, `13/4`. */
function joins(prev: string, ch: string, next: string | undefined): boolean {
  if (next === undefined || !isAlnum(next)) return false;
  switch (ch) {
    case '-':
    case '’':
    case "'":
    case '.':
    case '/':
      return true;
    case ',':
    case ':':
      return isDigit(prev) && isDigit(next);
    default:
      return false;
  }
}

export const OPEN_MARKS = new Set(['“', '„', '«']);
export const MARKS = new Set(['“', '”', '"', '„', '«', '»', '‟']);

/** Splits a paragraph into tokens in one linear pass. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0) {
      i += 1;
      continue;
    }
    if (isAlnumCode(code)) {
      let j = i + 1;
      while (j < n) {
        const unit = text.charCodeAt(j);
        if (isAlnumCode(unit)) j += 1;
        else if (joins(text[j - 1] as string, text[j] as string, text[j + 1])) j += 2;
        else break;
      }
      const word = text.slice(i, j);
      tokens.push({ text: word, low: fold(word), start: i, end: j, kind: 'word', cap: isUpperCode(code) });
      i = j;
      continue;
    }
    const ch = text[i] as string;
    const kind: TokenKind = MARKS.has(ch) ? 'mark' : 'punct';
    tokens.push({ text: ch, low: ch, start: i, end: i + 1, kind, cap: false });
    i += 1;
  }
  return tokens;
}
