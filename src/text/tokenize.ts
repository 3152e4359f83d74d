const OTHER = 0;
const LETTER = 1;
const NUMBER = 2;
const MARK = 3;

const classes = new Map<number, number>();

/** Unicode class of a code point, for word scanning: letter, number, combining mark or other. */
function classOf(code: number): number {
  if (code < 128) {
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return LETTER;
    return code >= 48 && code <= 57 ? NUMBER : OTHER;
  }
  let found = classes.get(code);
  if (found === undefined) {
    const ch = String.fromCodePoint(code);
    found = /\p{L}/u.test(ch) ? LETTER : /\p{N}/u.test(ch) ? NUMBER : /\p{M}/u.test(ch) ? MARK : OTHER;
    classes.set(code, found);
  }
  return found;
}

/** Class of the code point at `i`, or OTHER past the end. */
function classAt(text: string, i: number): number {
  return i < text.length ? classOf(text.codePointAt(i) as number) : OTHER;
}

const width = (code: number): number => (code > 0xffff ? 2 : 1);

/** Words and numbers: `batasan-batasan`, `Jong-un`, `1.500.000` and `3,5` stay whole; punctuation is dropped. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const unit = text.charCodeAt(i);
    if (unit < 48 || (unit > 57 && unit < 65) || (unit > 90 && unit < 97) || (unit > 122 && unit < 128)) {
      i += 1;
      continue;
    }
    const first = unit < 0xd800 ? unit : (text.codePointAt(i) as number);
    const firstClass = classOf(first);
    if (firstClass !== LETTER && firstClass !== NUMBER) {
      i += width(first);
      continue;
    }
    const start = i;
    let last = firstClass;
    i += width(first);
    for (;;) {
      while (i < n) {
        const unit = text.charCodeAt(i);
        if (unit < 128) {
          if ((unit >= 97 && unit <= 122) || (unit >= 65 && unit <= 90)) last = LETTER;
          else if (unit >= 48 && unit <= 57) last = NUMBER;
          else break;
          i += 1;
          continue;
        }
        const code = text.codePointAt(i) as number;
        const kind = classOf(code);
        if (kind === OTHER) break;
        last = kind;
        i += width(code);
      }
      if (i >= n) break;
      const joiner = text.charCodeAt(i);
      const next = classAt(text, i + 1);
      const joins =
        ((joiner === 46 || joiner === 44) && last === NUMBER && next === NUMBER) ||
        (joiner === 45 && (next === LETTER || next === NUMBER)) ||
        ((joiner === 39 || joiner === 0x2019) && next === LETTER);
      if (!joins) break;
      i += 1;
    }
    tokens.push(text.slice(start, i));
  }
  return tokens;
}
