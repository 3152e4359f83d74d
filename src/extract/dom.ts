import { parseHTML } from 'linkedom';

/** The part of the DOM the extractor uses, so that linkedom and jsdom documents both fit without the DOM lib. */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly parentNode: DomNode | null;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly id: string;
  readonly className: string;
  readonly children: ArrayLike<DomElement>;
  readonly parentElement: DomElement | null;
  readonly firstElementChild: DomElement | null;
  readonly childElementCount: number;
  getAttribute(name: string): string | null;
  replaceWith(...nodes: DomNode[]): void;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

export interface DomDocument {
  readonly documentElement: DomElement;
  readonly body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export type ParseHtml = (html: string) => DomDocument;

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** linkedom: a fast, forgiving DOM (no layout, no scripts). A fragment is wrapped so that it gets a body. */
export const parseWithLinkedom: ParseHtml = (html) => {
  const page = /<html[\s>]/i.test(html.slice(0, 4096)) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(page).document as unknown as DomDocument;
};

export const text = (node: DomNode | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

export const all = (root: DomDocument | DomElement, selector: string): DomElement[] => Array.from(root.querySelectorAll(selector));
