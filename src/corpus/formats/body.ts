import { isBoilerplateLine, isCaption, splitDateline, stripEditorInitials, type Dateline } from '../boilerplate.js';

const untidy = ['  ', '\t', '\u00a0', ' ,', ' .', ' ;', ' :', ' !', ' ?'];
// most paragraphs are already clean, and substring checks are far cheaper than rewriting every one
const collapse = (text: string): string =>
  untidy.some((mark) => text.includes(mark))
    ? text.replace(/[ \t\u00a0]+/g, ' ').replace(/ ([,.;:!?])(?= |$)/g, '$1').trim()
    : text.trim();

/** Drops web boilerplate and captions, trims editor initials from the end, and takes the dateline off the first paragraph. */
export function cleanParagraphs(raw: readonly string[]): { paragraphs: string[]; dateline: Dateline | null } {
  const kept = raw.map(collapse).filter((p) => p !== '' && !isBoilerplateLine(p) && !isCaption(p));
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
    dateline = splitDateline(first);
    if (dateline) kept[0] = dateline.rest.trim();
  }
  return { paragraphs: kept, dateline };
}
