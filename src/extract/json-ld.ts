import { all, type DomDocument } from './dom.js';

export interface JsonLdArticle {
  readonly headline: string | null;
  readonly datePublished: string | null;
  readonly publisher: string | null;
  readonly url: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const articleTypes = /^(?:NewsArticle|Article|ReportageNews|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle)$/;

function parseLoose(source: string): Json {
  try {
    return JSON.parse(source) as Json;
  } catch {
    // CMSes emit raw newlines and tabs inside strings; nothing else is repaired
    try {
      return JSON.parse(source.replace(/[\u0000-\u001f]+/g, ' ')) as Json;
    } catch {
      return null;
    }
  }
}

function objects(value: Json, out: Array<{ [key: string]: Json }>, depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) objects(item, out, depth + 1);
    return;
  }
  out.push(value);
  objects(value['@graph'] ?? null, out, depth + 1);
}

const str = (value: Json | undefined): string | null => {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return str(value[0]);
  if (value !== null && typeof value === 'object') return str(value['name'] ?? value['@id'] ?? value['url']);
  return null;
};

const isArticle = (o: { [key: string]: Json }): boolean => {
  const type = o['@type'];
  return (Array.isArray(type) ? type : [type]).some((t) => typeof t === 'string' && articleTypes.test(t));
};

/** The news article the page's JSON-LD describes, if any. */
export function jsonLdArticle(document: DomDocument): JsonLdArticle | null {
  const found: Array<{ [key: string]: Json }> = [];
  for (const script of all(document, 'script[type="application/ld+json"]')) objects(parseLoose(script.textContent ?? ''), found);
  const article = found.find(isArticle);
  if (article === undefined) return null;
  return {
    headline: str(article['headline']) ?? str(article['name']),
    datePublished: str(article['datePublished']) ?? str(article['dateCreated']),
    publisher: str(article['publisher']),
    url: str(article['url']) ?? str(article['mainEntityOfPage']),
  };
}
