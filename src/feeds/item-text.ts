import { cleanParagraphs } from '../corpus/formats/body.js';
import { parseWithLinkedom } from '../extract/dom.js';
import { paragraphsOf } from '../extract/paragraphs.js';
import type { FeedItem } from './types.js';

/** The item's own text (content:encoded, else description/summary) as clean paragraphs: the fallback when its page yields no article. */
export function itemParagraphs(item: FeedItem): string[] {
  const html = item.content ?? item.summary;
  if (html === null) return [];
  const body = parseWithLinkedom(html).body;
  if (body === null) return [];
  return cleanParagraphs(paragraphsOf(body).map((block) => block.text)).paragraphs;
}
