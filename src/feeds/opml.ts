import { parseOpml as feedsmithOpml } from 'feedsmith';
import { messageOf } from '../error-message.js';
import { checkUrl } from '../fetch/url-policy.js';
import { text } from './normalize.js';

export interface OpmlFeed {
  readonly url: string;
  readonly title: string | null;
  readonly siteUrl: string | null;
  /** The enclosing outline's text (a folder such as `Berita`), or null. */
  readonly category: string | null;
}

export type OpmlResult =
  | { readonly ok: true; readonly feeds: readonly OpmlFeed[]; readonly problems: readonly string[] }
  | { readonly ok: false; readonly message: string };

interface Outline {
  readonly text?: unknown;
  readonly title?: unknown;
  readonly xmlUrl?: unknown;
  readonly htmlUrl?: unknown;
  readonly outlines?: unknown;
}

const MAX_DEPTH = 20;

/** The feeds an OPML subscription list names (nested folders flattened), each URL checked; bad outlines are problems, not failures. */
export function parseOpml(source: string): OpmlResult {
  let opml: { body?: { outlines?: unknown } };
  try {
    opml = feedsmithOpml(source) as typeof opml;
  } catch (error) {
    return { ok: false, message: `not an OPML file: ${messageOf(error)}` };
  }
  const feeds: OpmlFeed[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (outlines: unknown, category: string | null, depth: number): void => {
    if (!Array.isArray(outlines) || depth > MAX_DEPTH) return;
    for (const outline of outlines as Outline[]) {
      const name = text(outline.title) ?? text(outline.text);
      const xmlUrl = text(outline.xmlUrl);
      if (xmlUrl !== null) {
        const checked = checkUrl(xmlUrl);
        if ('refusal' in checked) problems.push(`${name ?? xmlUrl}: ${checked.message}`);
        else if (!seen.has(checked.url.href)) {
          seen.add(checked.url.href);
          feeds.push({ url: checked.url.href, title: name, siteUrl: text(outline.htmlUrl), category });
        }
      }
      walk(outline.outlines, xmlUrl === null ? (name ?? category) : category, depth + 1);
    }
  };
  walk(opml.body?.outlines, null, 0);
  return { ok: true, feeds, problems };
}
