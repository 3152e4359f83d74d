import type { RepliableInteraction } from 'discord.js';
import type { Article } from '../corpus/article.js';
import type { Library } from '../library/index.js';
import { langOf } from '../i18n/index.js';
import { answer, defer, type AnswerOptions } from './respond.js';
import { UserError } from './user-error.js';
import { summaryView } from './views/index.js';

/** Summaries are memoised, but a first summary of an article this long may take a while: show "thinking…" first. */
const LONG_ARTICLE_CHARS = 20_000;

export interface SummaryRequest {
  /** The library the article was found in, so a reload in between cannot lose it. */
  readonly library: Library;
  readonly article: Article;
  readonly sentences: number;
  readonly timeZone: string;
}

/** Answers with an article's summary: from /summary, and from the Summarize buttons under search results. */
export async function answerWithSummary(interaction: RepliableInteraction, request: SummaryRequest, options: AnswerOptions = {}): Promise<void> {
  const { library, article } = request;
  const length = article.paragraphs.reduce((sum, p) => sum + p.length, 0);
  if (length > LONG_ARTICLE_CHARS) await defer(interaction, options);
  const summary = library.summary(article.id, request.sentences);
  if (summary === undefined) throw new UserError('summary.gone');
  await answer(interaction, summaryView({ article, summary, lang: langOf(interaction.locale), timeZone: request.timeZone }), options);
}
