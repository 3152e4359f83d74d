import { createHash } from 'node:crypto';
import { withoutTracking } from '../fetch/tracking.js';

export interface IdentityParts {
  readonly guid: string | null;
  readonly link: string | null;
  readonly title: string | null;
  readonly published: string | null;
}

/**
 * What makes an item the same item on the next poll: its guid, else its link without tracking parameters, else
 * its title and date; null when it has none of these. The key says which it is (`guid:…`, `link:…`, `title:…`).
 */
export function identityKey(parts: IdentityParts): string | null {
  const guid = parts.guid?.trim();
  if (guid) return `guid:${guid}`;
  const link = parts.link?.trim();
  if (link) return `link:${withoutTracking(link)}`;
  const title = parts.title?.replace(/\s+/g, ' ').trim();
  if (title) return `title:${title}|${parts.published ?? ''}`;
  return null;
}

/** A short stable id for an identity key, fit for a file name (`<host>/<id>.json`). */
export function stableId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 20);
}
