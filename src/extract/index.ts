export { extractArticle, type ExtractedArticle, type ExtractOptions } from './article.js';
export { parseWithLinkedom, type ParseHtml, type DomDocument } from './dom.js';
export { normalizeInstant } from './instant.js';
