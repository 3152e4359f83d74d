import { fold } from './fold.js';

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

function isAlnum(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  }
  return LETTER_OR_DIGIT.test(ch);
}

function isUpper(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  return UPPER.test(ch);
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
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0') {
      i += 1;
      continue;
    }
    if (isAlnum(ch)) {
      let j = i + 1;
      while (j < n) {
        const c = text[j] as string;
        if (isAlnum(c)) j += 1;
        else if (joins(text[j - 1] as string, c, text[j + 1])) j += 2;
        else break;
      }
      const word = text.slice(i, j);
      tokens.push({ text: word, low: fold(word), start: i, end: j, kind: 'word', cap: isUpper(ch) });
      i = j;
      continue;
    }
    const kind: TokenKind = MARKS.has(ch) ? 'mark' : 'punct';
    tokens.push({ text: ch, low: ch, start: i, end: i + 1, kind, cap: false });
    i += 1;
  }
  return tokens;
}
