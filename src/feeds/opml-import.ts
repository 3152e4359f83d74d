import type { Feeds } from '../store/index.js';
import { parseOpml } from './opml.js';

export interface OpmlImportTarget {
  readonly guildId: string;
  readonly channelId: string;
  readonly maxPerGuild: number;
  readonly userId: string | null;
  readonly now: number;
}

export type OpmlImportResult =
  | {
      readonly ok: true;
      readonly added: readonly string[];
      /** Already subscribed in that channel (a paused one stays paused: /feed add resumes it). */
      readonly existing: readonly string[];
      /** Left out because the server reached its limit. */
      readonly overLimit: readonly string[];
      /** Outlines that could not be used (a bad URL), one line each. */
      readonly problems: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

/** Subscribes a channel to the feeds of an OPML file (MonitoRSS and feed readers export these); the poller checks each at its first poll. */
export async function importOpml(feeds: Feeds, source: string, target: OpmlImportTarget): Promise<OpmlImportResult> {
  const parsed = parseOpml(source);
  if (!parsed.ok) return parsed;
  const added: string[] = [];
  const existing: string[] = [];
  const overLimit: string[] = [];
  const present = await feeds.ofGuild(target.guildId);
  const known = new Set(present.filter((f) => f.channelId === target.channelId).map((f) => f.url));
  let count = present.length;
  for (const { url } of parsed.feeds) {
    if (known.has(url)) {
      existing.push(url);
      continue;
    }
    if (count >= target.maxPerGuild) {
      overLimit.push(url);
      continue;
    }
    const result = await feeds.add({ guildId: target.guildId, channelId: target.channelId, url, filter: null, createdBy: target.userId }, target.now);
    if (result.status === 'added') {
      added.push(url);
      count++;
    } else existing.push(url);
  }
  return { ok: true, added, existing, overLimit, problems: parsed.problems };
}
