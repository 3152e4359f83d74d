import { isBareDateline, outletDatelineLength } from '../../text/dateline.js';
import { isBoilerplateLine, isCaption, splitDateline, splitGluedDateline, stripEditorInitials, stripInlineFurniture, type Dateline } from '../boilerplate.js';
import { unglueWords } from '../glued-words.js';
import { unnestParagraphs } from '../nested-paragraphs.js';

const untidy = ['  ', '\t', '\u00a0', ' ,', ' .', ' ;', ' :', ' !', ' ?'];
// most paragraphs are already clean, and substring checks are far cheaper than rewriting every one
const collapse = (text: string): string =>
  untidy.some((mark) => text.includes(mark))
    ? text.replace(/[ \t\u00a0]+/g, ' ').replace(/ ([,.;:!?])(?= |$)/g, '$1').trim()
    : text.trim();

/** The article's words in lower case, each once. */
const wordsOf = (paragraphs: readonly string[]): Set<string> => new Set(paragraphs.join(' ').toLowerCase().split(/[^\p{L}\p{N}]+/u));

const isText = (line: string): boolean => line !== '' && !isBoilerplateLine(line) && !isCaption(line) && !isBareDateline(line);

/**
 * Keeps once what a scrape of nested blocks gave twice, then drops web boilerplate and captions, line by line and inside
 * lines (a scraper's `Baca Juga`, `Advertisement`), parts words a scrape glued together, joins each paragraph's lines,
 * trims editor initials from the end, and takes the dateline off the first paragraph; an outlet's dateline repeated
 * further down goes too. Every format's body comes through here, so every format is cleaned alike.
 */
export function cleanParagraphs(raw: readonly string[]): { paragraphs: string[]; dateline: Dateline | null } {
  const kept: string[] = [];
  for (const paragraph of unnestParagraphs(raw.map((text) => text.trim()))) {
    const lines: string[] = [];
    for (const rawLine of paragraph.includes('\n') ? paragraph.split('\n') : [paragraph]) {
      let line = collapse(stripInlineFurniture(unglueWords(collapse(rawLine))));
      if (kept.length + lines.length > 0) line = line.slice(outletDatelineLength(line)).trim();
      if (isText(line)) lines.push(line);
    }
    if (lines.length > 0) kept.push(lines.join(' '));
  }
  while (kept.length > 0) {
    const last = stripEditorInitials(kept[kept.length - 1] ?? '');
    if (last === '') kept.pop();
    else {
      kept[kept.length - 1] = last;
      break;
    }
  }
  let dateline: Dateline | null = null;
  const first = kept[0];
  if (first !== undefined) {
    dateline = splitDateline(first) ?? splitGluedDateline(first, wordsOf(kept));
    if (dateline) kept[0] = dateline.rest.trim();
  }
  return { paragraphs: kept, dateline };
}
