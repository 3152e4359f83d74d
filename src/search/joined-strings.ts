/** Separates the strings of a JoinedStrings; none of them holds it. */
const SEPARATOR = '\n';
const SEPARATOR_CODE = SEPARATOR.charCodeAt(0);

/**
 * Many short strings kept as one, with where each starts: plain data that a restart reads back and hands to another thread
 * as two objects, where a list of a quarter million strings was a quarter million to decode, copy and collect.
 */
export interface JoinedStrings {
  /** The strings joined by a line break. */
  readonly text: string;
  /** Where each string starts in `text`, and one more entry: the text's length + 1. */
  readonly starts: Int32Array;
}

/** The strings as one; throws when one holds a line break. */
export function joinStrings(strings: readonly string[], what: string): JoinedStrings {
  const starts = new Int32Array(strings.length + 1);
  let at = 0;
  strings.forEach((text, i) => {
    if (text.includes(SEPARATOR)) throw new RangeError(`a ${what} holds a line break`);
    starts[i] = at;
    at += text.length + 1;
  });
  // no strings: an empty text, which still ends at its length + 1
  starts[strings.length] = Math.max(at, 1);
  return { text: strings.join(SEPARATOR), starts };
}

/** The strings of a text joined by line breaks (as `joinStrings` wrote it); throws a RangeError when they are not `count`. */
export function splitJoined(text: string, count: number): JoinedStrings {
  const starts = new Int32Array(count + 1);
  if (count === 0) {
    if (text !== '') throw new RangeError(`strings where none were expected`);
    starts[0] = 1;
    return { text, starts };
  }
  let found = 1;
  for (let at = text.indexOf(SEPARATOR); at !== -1; at = text.indexOf(SEPARATOR, at + 1)) {
    if (found === count) throw new RangeError(`more than ${count} strings`);
    starts[found++] = at + 1;
  }
  if (found !== count) throw new RangeError(`${found} strings where ${count} were expected`);
  starts[count] = text.length + 1;
  return { text, starts };
}

export function joinedCount(strings: JoinedStrings): number {
  return strings.starts.length - 1;
}

/** String `index`; a RangeError outside them. */
export function joinedAt(strings: JoinedStrings, index: number): string {
  const start = strings.starts[index];
  const next = strings.starts[index + 1];
  if (start === undefined || next === undefined) throw new RangeError(`no string ${index}`);
  return strings.text.slice(start, next - 1);
}

/** Every string, as a list (for the few lists small enough to keep so). */
export function joinedList(strings: JoinedStrings): string[] {
  return Array.from({ length: joinedCount(strings) }, (_, i) => joinedAt(strings, i));
}

/** Whether the parts hold together: starts ascending within the text, each string ending at a line break or the text's end. */
export function checkJoined(strings: JoinedStrings, what: string): void {
  const { text, starts } = strings;
  if (starts.length === 0 || starts[starts.length - 1] !== text.length + 1) throw new RangeError(`${what}: starts do not match the text`);
  if (starts.length === 1) {
    if (text !== '') throw new RangeError(`${what}: text without strings`);
    return;
  }
  if (starts[0] !== 0) throw new RangeError(`${what}: the first string does not start the text`);
  for (let i = 1; i + 1 < starts.length; i++) {
    const start = starts[i] as number;
    if (start <= (starts[i - 1] as number) || text.charCodeAt(start - 1) !== SEPARATOR_CODE) throw new RangeError(`${what}: string ${i} out of place`);
  }
}
