import type { Article } from './article.js';

/** Where stored articles' paragraphs are read from when they are asked for, article by article. */
export interface ParagraphStore {
  /** The paragraphs of the store's `article`-th article. */
  paragraphs(article: number): readonly string[];
  paragraphCount(article: number): number;
}

/**
 * An article whose paragraphs stay in a store (a restart snapshot left on disk) and are read when asked: a restart then makes
 * no string of the corpus's text. It is an Article in every other way: `paragraphs` is an own enumerable property (read by
 * spreads, JSON and structured clone like the data property of a plain article).
 */
export class StoredArticle implements Article {
  declare readonly id: string;
  declare readonly title: string;
  declare readonly published: string | null;
  declare readonly source: string | null;
  declare readonly url: string | null;
  declare readonly city: string | null;
  declare readonly category: string | null;
  declare readonly paragraphs: readonly string[];
  declare readonly contentHash: string;
  declare readonly file: string;
  readonly #store: ParagraphStore;
  readonly #number: number;

  /** The store's `number`-th article. */
  constructor(fields: Omit<Article, 'paragraphs'>, store: ParagraphStore, number: number) {
    this.#store = store;
    this.#number = number;
    // assigned in a plain article's key order, the getter shared by all, so every stored article has one hidden class
    const self = this as { -readonly [K in keyof Article]: Article[K] };
    self.id = fields.id;
    self.title = fields.title;
    self.published = fields.published;
    self.source = fields.source;
    self.url = fields.url;
    self.city = fields.city;
    self.category = fields.category;
    Object.defineProperty(this, 'paragraphs', PARAGRAPHS);
    self.contentHash = fields.contentHash;
    self.file = fields.file;
  }

  get paragraphCount(): number {
    return this.#store.paragraphCount(this.#number);
  }

  static paragraphsOf(article: StoredArticle): readonly string[] {
    return article.#store.paragraphs(article.#number);
  }
}

const PARAGRAPHS: PropertyDescriptor = {
  get(this: StoredArticle): readonly string[] {
    return StoredArticle.paragraphsOf(this);
  },
  enumerable: true,
};

/** How many paragraphs an article has, without reading a stored one's text. */
export function paragraphCount(article: Article): number {
  return article instanceof StoredArticle ? article.paragraphCount : article.paragraphs.length;
}
