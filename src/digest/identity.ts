import { hash } from 'node:crypto';
import type { Article } from '../corpus/article.js';

/** Bump whenever identityKeys changes what it returns: articles recorded under an older version are recorded again. */
export const IDENTITY_VERSION = 1;

/** Query parameters that only track the reader; two urls differing in them are the same article. */
const TRACKING_PARAMS = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_[ce]id|igshid|ref|ref_src|source|s|from|amp|_ga|share|page|single|showpage)$/i;

/** Scheme, `www.`/`m.`/`amp.` host prefixes, fragments, tracking parameters and trailing slashes do not change the article. */
export function normalizeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.toLowerCase().replace(/^(www|m|amp|mobile)\./, '');
  const params = [...parsed.searchParams.entries()]
    .filter(([name]) => !TRACKING_PARAMS.test(name))
    .sort(([a], [b]) => a.localeCompare(b));
  const query = params.length === 0 ? '' : `?${new URLSearchParams(params).toString()}`;
  const pathname = decodeURIComponentSafe(parsed.pathname).replace(/\/(amp|index\.html?)?\/?$/i, '').replace(/\/+$/, '');
  return `${host}${pathname}${query}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Case, accents, punctuation and spacing folded away. */
export function normalizeText(text: string): string {
  // Most news text is plain ASCII, which needs no Unicode decomposition.
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Titles shorter than this are too generic (`Foto`, `Berita Terkini`) to identify a story. */
const MIN_TITLE_WORDS = 4;
const MIN_TITLE_CHARS = 20;
/** The opening of the body that identifies a story whose title was rewritten. */
const LEAD_CHARS = 280;
const MIN_LEAD_CHARS = 120;

/** The first `chars` characters of the body, without joining a whole long article. */
function leadText(paragraphs: readonly string[], chars: number): string {
  let text = '';
  for (const paragraph of paragraphs) {
    text += text === '' ? paragraph : ` ${paragraph}`;
    if (text.length >= chars) break;
  }
  return text.slice(0, chars);
}

function digest(text: string): string {
  return hash('sha256', text, 'base64url').slice(0, 32);
}

/**
 * The keys an article is known by: its normalised url, its normalised title, its content hash and the
 * opening of its text. Any key shared with a story already seen makes it that story, so a renamed file,
 * a reload, an edited body or a rewritten headline are not news again.
 */
export function identityKeys(article: Article): string[] {
  const keys: string[] = [];
  const url = article.url === null ? null : normalizeUrl(article.url);
  if (url !== null) keys.push(`url:${digest(url)}`);
  const title = normalizeText(article.title);
  if (title.length >= MIN_TITLE_CHARS && title.split(' ').length >= MIN_TITLE_WORDS) keys.push(`title:${digest(title)}`);
  keys.push(`content:${article.contentHash}`);
  const lead = normalizeText(leadText(article.paragraphs, LEAD_CHARS * 2)).slice(0, LEAD_CHARS);
  if (lead.length >= MIN_LEAD_CHARS) keys.push(`lead:${digest(lead)}`);
  return keys;
}
