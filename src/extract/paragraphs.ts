import { ELEMENT_NODE, TEXT_NODE, type DomElement, type DomNode } from './dom.js';

const BLOCKS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD',
  'BLOCKQUOTE', 'PRE', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TD', 'TH', 'HEADER', 'HR', 'ADDRESS', 'CENTER',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'FIGURE', 'FIGCAPTION', 'IMG', 'PICTURE', 'SVG', 'IFRAME', 'BUTTON']);
const SKIP_EXCEPT_CAPTIONS = new Set([...SKIP].filter((tag) => tag !== 'FIGURE' && tag !== 'FIGCAPTION'));

export interface TextBlock {
  readonly text: string;
  /** Letters (and digits) in it, and how many of them are link text. */
  readonly letters: number;
  readonly linkedLetters: number;
}

const letters = (s: string): number => s.replace(/[^\p{L}\p{N}]/gu, '').length;

/** The text blocks of the extracted story in reading order: one per paragraph-like element or `<br>`-separated run. */
export function paragraphsOf(root: DomElement, options: { captions?: boolean } = {}): TextBlock[] {
  const skip = options.captions === true ? SKIP_EXCEPT_CAPTIONS : SKIP;
  const out: TextBlock[] = [];
  let buffer = '';
  let linked = 0;
  let linkDepth = 0;
  const flush = (): void => {
    const paragraph = buffer.replace(/\s+/g, ' ').replace(/\(\s*\)|\[\s*\]/g, '').replace(/\s+([,.;:!?])/g, '$1').trim();
    if (paragraph !== '') out.push({ text: paragraph, letters: letters(paragraph), linkedLetters: Math.min(linked, letters(paragraph)) });
    buffer = '';
    linked = 0;
  };
  const walk = (node: DomNode): void => {
    if (node.nodeType === TEXT_NODE) {
      const value = node.textContent ?? '';
      buffer += value;
      if (linkDepth > 0) linked += letters(value);
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = node.nodeName.toUpperCase();
    if (skip.has(tag)) return;
    if (tag === 'BR') return flush();
    const block = BLOCKS.has(tag);
    if (block) flush();
    if (tag === 'A') linkDepth++;
    for (const child of Array.from(node.childNodes)) walk(child);
    if (tag === 'A') linkDepth--;
    if (block) flush();
  };
  walk(root);
  flush();
  return out;
}
