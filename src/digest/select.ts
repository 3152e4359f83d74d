import type { Article } from '../corpus/article.js';
import type { StoryRef } from '../store/index.js';

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
  readonly size: number;
}

export interface SelectedArticle {
  readonly article: Article;
  readonly story: StoryRef;
}

export interface Selection {
  /** Newest first, at most `size`. */
  readonly items: readonly SelectedArticle[];
  /** New articles left out by the size limit. */
  readonly leftOut: number;
}

function recency(item: SelectedArticle): number {
  const published = item.article.published === null ? Number.NaN : Date.parse(item.article.published);
  return Number.isNaN(published) ? item.story.firstSeenAt : published;
}

/** The articles a channel's next digest carries: new since its previous digest, never one it already has. */
export function selectForChannel(input: SelectionInput): Selection {
  const seen = new Set<number>();
  const candidates: SelectedArticle[] = [];
  for (const article of input.articles) {
    const story = input.stories.get(article.id);
    if (story === undefined || seen.has(story.storyId) || input.taken.has(story.storyId)) continue;
    const isNew = story.storyId <= input.cutoffStory && (input.cursorStory === null || story.storyId > input.cursorStory);
    if (!isNew && !input.owed.has(story.storyId)) continue;
    seen.add(story.storyId);
    candidates.push({ article, story });
  }
  candidates.sort((a, b) => recency(b) - recency(a) || b.story.storyId - a.story.storyId);
  const size = Math.max(0, input.size);
  return { items: candidates.slice(0, size), leftOut: Math.max(0, candidates.length - size) };
}
