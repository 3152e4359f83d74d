import { all, text, TEXT_NODE, type DomDocument, type DomElement, type DomNode } from './dom.js';

/** Elements that are never article text. */
const dropTags = 'script, style, noscript, template, iframe, object, embed, form, button, select, input, textarea, svg, canvas, nav, aside, footer, video, audio, ins, dialog, [hidden], [aria-hidden="true"], [style*="display:none"], [style*="display: none"], [style*="visibility:hidden"]';
const captionTags = 'figure, figcaption, picture';
const captionNames = /caption|credit|keterangan/i;

// class or id words of page furniture: sharing, related stories, ads, comments, newsletters, popular lists
const furnitureNames = /share|social|addthis|sosmed|related|terkait|baca-?juga|bacajuga|read-?also|also-?read|komentar|comment|disqus|advert|adsbygoogle|iklan|banner|sponsor|newsletter|subscribe|langganan|popular|populer|trending|terbaru|recommend|rekomendasi|outbrain|taboola|mgid|twitter-tweet|instagram-media|tiktok-embed|embed|sidebar|footer|promo|breadcrumb|pagination|paging|widget|topik|hashtag/i;
const furnitureWords = /(?:^|[\s_-])(?:ads?|nav|navbar|menu|tags?|tag-list|header|masthead|toolbar|modal|popup|cookie|video)(?:$|[\s_-])/i;
const galleryWords = /(?:^|[\s_-])(?:gallery|galeri|slideshow|carousel)(?:$|[\s_-])/i;
// short metadata blocks around the story: date, byline, caption, photo credit, reading time
const metadataNames = /(?:^|[\s_-])(?:date|dates|time|tgl|tanggal|byline|author|penulis|reporter|editor|caption|credit|source|keterangan|meta|info|kategori|category|label|read-?time|views?)(?:$|[\s_-])|caption|credit/i;

const startsLikeFurniture = /^\s*[([]?\s*(?:baca|lihat|simak|saksikan|tonton|klik|cek)\s+(?:juga|pula|selengkapnya|video|berita|di\s+sini)\b|^\s*[([]?\s*baca\s*:|^\s*(?:advertisement|scroll to continue|iklan)\b/i;

const namesOf = (element: DomElement): string => `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;

/**
 * Removes page furniture before Readability looks for the story: non-content tags, sharing and related-story blocks,
 * ads, captions and credits, date and byline blocks, `Baca juga` boxes. A block holding most of the page's text is
 * never removed, whatever its name says.
 */
export function removeFurniture(document: DomDocument, options: { keepCaptions?: boolean } = {}): void {
  const keepCaptions = options.keepCaptions === true;
  for (const element of all(document, keepCaptions ? dropTags : `${dropTags}, ${captionTags}`)) element.remove();
  const body = document.body;
  if (body === null) return;
  const pageLength = text(body).length;
  // a large block is never furniture, whatever its name says; its text is measured only when a rule matches
  const small = (element: DomElement, limit: number): boolean => {
    const length = text(element).length;
    return length <= limit && !(length > pageLength * 0.4 && length > 600);
  };
  for (const element of all(body, '*')) {
    if (element.parentElement === null) continue;
    const names = namesOf(element).trim();
    if (names !== '') {
      if (furnitureNames.test(names) || furnitureWords.test(names) || (!keepCaptions && galleryWords.test(names))) {
        if (small(element, Number.POSITIVE_INFINITY)) element.remove();
        continue;
      }
      if (metadataNames.test(names) && !(keepCaptions && captionNames.test(names)) && small(element, 300)) {
        element.remove();
        continue;
      }
    }
    if (element.tagName === 'HEADER' && small(element, 300)) element.remove();
    else if (blockish.test(element.tagName) && startsLikeFurniture.test(leadingText(element)) && small(element, 400) && isMostlyLinkOrLabel(element)) element.remove();
  }
}

const blockish = /^(?:P|DIV|SPAN|STRONG|B|EM|A|LI|TABLE|TD|H[2-6]|SECTION|UL|DL)$/;

/** The first 80 characters of an element's text, read without walking all of it. */
function leadingText(element: DomElement): string {
  let out = '';
  const visit = (node: DomNode): boolean => {
    if (node.nodeType === TEXT_NODE) out += node.textContent ?? '';
    else for (const child of Array.from(node.childNodes)) if (visit(child)) return true;
    return out.trim().length >= 80;
  };
  visit(element);
  return out;
}

/** A `Baca juga` box is a label and links; a paragraph that merely starts with `Lihat juga` has prose after it. */
function isMostlyLinkOrLabel(element: DomElement): boolean {
  const total = text(element).length;
  const linked = all(element, 'a').reduce((sum, a) => sum + text(a).length, 0);
  if (linked >= total * 0.4) return true;
  const withoutLabel = text(element).replace(startsLikeFurniture, '').replace(/^\s*[:：-]?\s*/, '');
  return withoutLabel.length < 120 && !/[.!?]["”]?\s+\p{Lu}/u.test(withoutLabel);
}
