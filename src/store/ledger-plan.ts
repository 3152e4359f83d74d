import type { LedgerEntry, RecordedArticle, StoryRef } from './types.js';

/** A key the database already knows, with its story. */
export interface KeyHit {
  readonly key: string;
  readonly storyId: number;
  readonly firstSeenAt: number;
}

type Target = { readonly existing: StoryRef } | { readonly fresh: number };

/** What recording a batch of entries writes, before the new stories have ids. */
export interface LedgerWrite {
  /** Stories to create, in entry order (their ids must grow in this order). */
  readonly newStories: readonly { readonly articleId: string; readonly title: string }[];
  readonly links: readonly { readonly key: string; readonly target: Target }[];
  readonly targets: ReadonlyMap<string, Target>;
}

/**
 * Resolves a batch (entering at `now`) as if its entries were recorded one by one: an entry joins the earliest story any of its keys
 * already names (earlier entries of the batch included), else starts a new story; its other keys are linked to it.
 */
export function planLedgerWrite(entries: readonly LedgerEntry[], hits: readonly KeyHit[], now: number): LedgerWrite {
  const known = new Map<string, Target>(hits.map((hit) => [hit.key, { existing: { storyId: hit.storyId, firstSeenAt: hit.firstSeenAt } }]));
  const newStories: { articleId: string; title: string }[] = [];
  const links: { key: string; target: Target }[] = [];
  const targets = new Map<string, Target>();
  for (const entry of entries) {
    let target: Target | undefined;
    for (const key of entry.keys) {
      const found = known.get(key);
      if (found !== undefined && (target === undefined || earlier(found, target, now))) target = found;
    }
    if (target === undefined) {
      target = { fresh: newStories.length };
      newStories.push({ articleId: entry.articleId, title: entry.title });
    }
    for (const key of new Set(entry.keys)) {
      if (known.has(key)) continue;
      known.set(key, target);
      links.push({ key, target });
    }
    targets.set(entry.articleId, target);
  }
  return { newStories, links, targets };
}

/** New stories enter at `now` with ids above every existing one, so an existing story wins a tie on time. */
function earlier(a: Target, b: Target, now: number): boolean {
  const timeOf = (t: Target): number => ('existing' in t ? t.existing.firstSeenAt : now);
  if (timeOf(a) !== timeOf(b)) return timeOf(a) < timeOf(b);
  if ('existing' in a && 'existing' in b) return a.existing.storyId < b.existing.storyId;
  if ('fresh' in a && 'fresh' in b) return a.fresh < b.fresh;
  return 'existing' in a;
}

/** Gives the new stories their ids (in order) and returns each entry's story and the keys to link. */
export function resolveLedgerWrite(
  write: LedgerWrite,
  freshIds: readonly number[],
  now: number,
): { readonly refs: Map<string, StoryRef>; readonly links: readonly { readonly key: string; readonly storyId: number }[] } {
  const refOf = (target: Target): StoryRef => {
    if ('existing' in target) return target.existing;
    const storyId = freshIds[target.fresh];
    if (storyId === undefined) throw new Error(`no id for new story ${target.fresh}`);
    return { storyId, firstSeenAt: now };
  };
  const refs = new Map<string, StoryRef>();
  for (const [articleId, target] of write.targets) refs.set(articleId, refOf(target));
  return { refs, links: write.links.map((link) => ({ key: link.key, storyId: refOf(link.target).storyId })) };
}

/** The rows to keep for `Ledger.articles`: each entry (the last of an article id wins) under the story it resolved to. */
export function recordedArticles(entries: readonly LedgerEntry[], refs: ReadonlyMap<string, StoryRef>): RecordedArticle[] {
  const rows = new Map<string, RecordedArticle>();
  for (const entry of entries) {
    const ref = refs.get(entry.articleId);
    if (ref !== undefined) rows.set(entry.articleId, { articleId: entry.articleId, fingerprint: entry.fingerprint, ...ref });
  }
  return [...rows.values()];
}
