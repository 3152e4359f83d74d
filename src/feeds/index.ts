export { parseFeed, FEED_DEFAULTS, type ParseFeedOptions } from './parse.js';
export { parseOpml, type OpmlFeed, type OpmlResult } from './opml.js';
export { identityKey, stableId } from './identity.js';
export { itemParagraphs } from './item-text.js';
export { articleFile, type ArticleFile, type ArticleRecord } from './article-file.js';
export type { FeedItem, ParsedFeed, FeedFormat, FeedParseResult, FeedFailureReason } from './types.js';
