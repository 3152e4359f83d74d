import { TEXT_NODE, type DomDocument, type DomElement } from './dom.js';

/** Real pages nest 20 to 40 deep; past this, nesting is an attack or a broken generator, and Readability slows down cubically. */
export const MAX_SENSIBLE_DEPTH = 80;

export function maxDepth(root: DomElement): number {
  let deepest = 0;
  const stack: Array<[DomElement, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop() as [DomElement, number];
    if (depth > deepest) deepest = depth;
    for (const child of Array.from(element.children)) stack.push([child, depth + 1]);
  }
  return deepest;
}

const hasOwnText = (element: DomElement): boolean =>
  Array.from(element.childNodes).some((node) => node.nodeType === TEXT_NODE && (node.textContent ?? '').trim() !== '');

/** Unwraps elements that only wrap one other element (`<div><div><div>…`), deepest first, so the tree gets shallow. */
export function flattenWrappers(document: DomDocument): void {
  const body = document.body;
  if (body === null || maxDepth(body) <= MAX_SENSIBLE_DEPTH) return;
  const elements = Array.from(body.querySelectorAll('*')).reverse();
  for (const element of elements) {
    const only = element.firstElementChild;
    if (only === null || element.childElementCount !== 1 || hasOwnText(element)) continue;
    element.replaceWith(only);
  }
}
