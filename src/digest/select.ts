import type { Article } from '../corpus/article.js';
import type { StoryRef } from '../store/index.js';
import type { ArticleFilter } from './ports.js';

/** Groups of articles telling the same story, each group in the given order (the library's near-duplicate detection). */
export type GroupNearDuplicates = (articles: readonly Article[]) => readonly (readonly Article[])[];

export interface SelectionInput {
  /** The current snapshot's articles. */
  readonly articles: readonly Article[];
  /** Each article's story in the ledger, by article id. */
  readonly stories: ReadonlyMap<string, StoryRef>;
  /** Stories after this one are new to the channel; null when the channel never had a digest. */
  readonly cursorStory: number | null;
  /** Stories after this one arrived after planning began and wait for the next digest. */
  readonly cutoffStory: number;
  /** Stories delivered to the channel or on their way there. */
  readonly taken: ReadonlySet<number>;
  /** Stories of failed digests still owed to the channel. */
  readonly owed: ReadonlySet<number>;
  /** Entries per digest message. */
  readonly size: number;
  /** Digest messages one run may post (default 1): a run carries up to size × maxMessages entries, the rest waits. */
  readonly maxMessages?: number;
  /** Whether an article may go to this channel (the ChannelRoutes port); default every article. */
  readonly admits?: ArticleFilter | null;
  /** Near-duplicates become one entry; without it every story is an entry of its own. */
  readonly groupNearDuplicates?: GroupNearDuplicates;
}

export interface SelectedArticle {
  readonly article: Article;
  readonly story: StoryRef;
}

/** One entry of a digest: its newest article, and the same story as other outlets told it. */
export interface SelectedEntry extends SelectedArticle {
  readonly also: readonly SelectedArticle[];
}

export interface Selection {
  /** Newest first, at most size × maxMessages. */
  readonly items: readonly SelectedEntry[];
  /** New articles that did not fit: they stay news for the channel and wait for its next digest. */
  readonly leftOut: number;
  /** The stories of those that are not owed already (owed ones stay owed): the channel's cursor must stay below them. */
  readonly waitingStories: readonly number[];
}

/** Near-duplicates are looked for among this many candidates beyond what a run carries (they are published close together). */
const DUPLICATE_LOOKAHEAD = 40;

function recency(item: SelectedArticle): number {
  const published = item.article.published === null ? Number.NaN : Date.parse(item.article.published);
  return Number.isNaN(published) ? item.story.firstSeenAt : published;
}

/**
 * The articles a channel's next digest carries: new since its previous digest (or owed to it), never one it already has,
 * newest first; what does not fit is counted and stays news for the next digest.
 */
export function selectForChannel(input: SelectionInput): Selection {
  const seen = new Set<number>();
  const candidates: SelectedArticle[] = [];
  for (const article of input.articles) {
    const story = input.stories.get(article.id);
    if (story === undefined || seen.has(story.storyId) || input.taken.has(story.storyId)) continue;
    const isNew = story.storyId <= input.cutoffStory && (input.cursorStory === null || story.storyId > input.cursorStory);
    if (!isNew && !input.owed.has(story.storyId)) continue;
    if (input.admits !== undefined && input.admits !== null && !input.admits(article)) continue;
    seen.add(story.storyId);
    candidates.push({ article, story });
  }
  candidates.sort((a, b) => recency(b) - recency(a) || b.story.storyId - a.story.storyId);
  const limit = Math.max(0, input.size) * Math.max(1, input.maxMessages ?? 1);
  const items = entriesOf(candidates, limit, input.groupNearDuplicates);
  const carried = new Set(items.flatMap((item) => [item.story.storyId, ...item.also.map((also) => also.story.storyId)]));
  const waiting = candidates.filter((candidate) => !carried.has(candidate.story.storyId));
  return {
    items,
    leftOut: waiting.length,
    waitingStories: waiting.filter((w) => !input.owed.has(w.story.storyId)).map((w) => w.story.storyId),
  };
}

function entriesOf(candidates: readonly SelectedArticle[], limit: number, group: GroupNearDuplicates | undefined): SelectedEntry[] {
  if (group === undefined || limit === 0) return candidates.slice(0, limit).map((candidate) => ({ ...candidate, also: [] }));
  const window = candidates.slice(0, limit + DUPLICATE_LOOKAHEAD);
  const byArticle = new Map(window.map((candidate) => [candidate.article, candidate]));
  const entries: SelectedEntry[] = [];
  for (const members of group(window.map((candidate) => candidate.article))) {
    if (entries.length === limit) break;
    const selected = members.map((article) => byArticle.get(article)).filter((s): s is SelectedArticle => s !== undefined);
    const [first, ...also] = selected;
    if (first !== undefined) entries.push({ ...first, also });
  }
  return entries;
}
