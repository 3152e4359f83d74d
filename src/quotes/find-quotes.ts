import type { Article } from '../corpus/article.js';
import { attributionAfter, attributionBefore, attributionOfPartial, isEmbedded, type Attribution } from './attribution.js';
import type { NameContext, SpeakerPhrase } from './names.js';
import { nameContext, quotedMask, readNarration, type Event } from './narration.js';
import { ArticlePeople, type Entity } from './people.js';
import { lostCase, recaseArticle } from './casing.js';
import type { Quote } from './quote.js';
import { findSpans, type QuoteSpan } from './spans.js';
import { hasQuoteMark, tokenize, type Token } from './tokens.js';

/** Quotes shorter than this with nobody to attribute them to are names, titles or scare quotes, not quotes. */
const MIN_UNATTRIBUTED_WORDS = 4;
/** How many paragraphs after its speaker last spoke an uncued quote may still be theirs, and how long it must be. */
const MAX_FOLLOWED_GAP = 3;
const MIN_FOLLOWED_WORDS = 8;
/** A partial quote of one or two words is a term the writer borrowed (“new normal”), not something said. */
const MIN_PARTIAL_WORDS = 3;

interface Draft {
  readonly span: QuoteSpan;
  readonly attribution: Attribution | null;
  readonly partial: boolean;
  /** The quote's text and where it starts, or null for a span with no words. */
  readonly located: { start: number; text: string } | null;
  readonly words: number;
  speaker: Entity | null;
}

function attribute(
  paragraphs: readonly string[],
  tokenized: readonly (readonly Token[])[],
  span: QuoteSpan,
  context: NameContext,
): { attribution: Attribution | null; partial: boolean } {
  const closing = tokenized[span.lastParagraph] as readonly Token[];
  const opening = tokenized[span.paragraph] as readonly Token[];
  let after: Attribution | null = null;
  if (span.closeMark >= 0) {
    const ending = closing[span.closeMark - 1]?.text;
    const endsOpen = ending === ',' || ending === '?' || ending === '!';
    after = attributionAfter(paragraphs[span.lastParagraph] as string, closing, span.closeMark + 1, endsOpen, context);
    const next = tokenized[span.lastParagraph + 1];
    if (after === null && span.closeMark === closing.length - 1 && next !== undefined) {
      after = attributionAfter(paragraphs[span.lastParagraph + 1] as string, next, 0, false, context);
    }
  }
  const embedded = span.openMark > 0 && isEmbedded(opening, span.openMark, opening[span.first]);
  if (after !== null && (after.phrase !== null || embedded)) return { attribution: after, partial: embedded };
  let before: Attribution | null = null;
  if (span.openMark > 0) before = attributionBefore(paragraphs[span.paragraph] as string, opening, span.openMark, context);
  else if (span.openMark === 0 || span.first === 0) {
    const previous = tokenized[span.paragraph - 1];
    if (previous !== undefined) before = attributionBefore(paragraphs[span.paragraph - 1] as string, previous, previous.length, context);
  }
  if (before !== null && (before.phrase !== null || after === null)) return { attribution: before, partial: false };
  if (after !== null) return { attribution: after, partial: false };
  if (embedded) return { attribution: attributionOfPartial(paragraphs[span.paragraph] as string, opening, span.openMark, context), partial: true };
  return { attribution: null, partial: false };
}

function spanText(paragraphs: readonly string[], tokenized: readonly (readonly Token[])[], span: QuoteSpan): { start: number; text: string } | null {
  const opening = tokenized[span.paragraph] as readonly Token[];
  const closing = tokenized[span.lastParagraph] as readonly Token[];
  const firstToken = opening[span.first];
  const lastToken = closing[span.end - 1];
  if (span.paragraph === span.lastParagraph && (firstToken === undefined || lastToken === undefined || span.end <= span.first)) return null;
  const start = firstToken?.start ?? (paragraphs[span.paragraph] as string).length;
  const endOffset = lastToken?.end ?? 0;
  if (span.paragraph === span.lastParagraph) return { start, text: (paragraphs[span.paragraph] as string).slice(start, endOffset) };
  const pieces = [(paragraphs[span.paragraph] as string).slice(start)];
  for (let p = span.paragraph + 1; p < span.lastParagraph; p += 1) pieces.push(paragraphs[p] as string);
  pieces.push((paragraphs[span.lastParagraph] as string).slice(0, endOffset));
  return { start, text: pieces.join('\n').trimEnd() };
}

function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const letter = code !== 32 && code !== 10 && code !== 9;
    if (letter && !inWord) count += 1;
    inWord = letter;
  }
  return count;
}

/** Every direct quote of an article with its speaker, in reading order. */
export function findQuotes(article: Article): Quote[] {
  const written = article.paragraphs;
  // no quote mark, no quote span, no quote: narration alone yields nothing
  if (!written.some(hasQuoteMark)) return [];
  let paragraphs: readonly string[] = written;
  let tokenized = paragraphs.map(tokenize);
  // speakers are read from text cased as news is: an article that came all in lower case or capitals is recased (same offsets)
  if (lostCase(tokenized)) {
    paragraphs = recaseArticle(written);
    tokenized = paragraphs.map(tokenize);
  }
  const bases: number[] = [];
  let offset = 0;
  for (const paragraph of paragraphs) {
    bases.push(offset);
    offset += paragraph.length + 1;
  }
  const spans = findSpans(tokenized);
  if (spans.length === 0) return [];
  const context = nameContext(tokenized);
  const people = new ArticlePeople();
  const narration = readNarration(paragraphs, tokenized, quotedMask(tokenized, spans), bases, context, people);

  const drafts: Draft[] = [];
  const quoteEvents: Event[] = [];
  for (const span of spans) {
    if (span.paragraph === span.lastParagraph && span.end <= span.first) continue;
    const { attribution, partial } = attribute(paragraphs, tokenized, span, context);
    const index = drafts.length;
    const located = spanText(written, tokenized, span);
    const words = located === null ? 0 : wordCount(located.text);
    drafts.push({ span, attribution, partial, located: located !== null && /[\p{L}\p{N}]/u.test(located.text) ? located : null, words, speaker: null });
    const closing = tokenized[span.lastParagraph] as readonly Token[];
    const opening = tokenized[span.paragraph] as readonly Token[];
    const anchor =
      attribution !== null && span.closeMark >= 0 && !partial
        ? (bases[span.lastParagraph] as number) + ((closing[span.closeMark] as Token).end)
        : (bases[span.paragraph] as number) + (opening[Math.max(0, span.openMark)]?.start ?? 0);
    if (attribution?.phrase != null) people.introduce(attribution.phrase, anchor);
    quoteEvents.push({ type: 'quote', at: anchor, paragraph: span.paragraph, index });
  }

  // a quote continued into the next paragraph waits for a cue at the run's end; a run that ends without one goes on from the speaker before
  const runCued: boolean[] = drafts.map((draft) => draft.attribution !== null);
  for (let i = drafts.length - 2; i >= 0; i -= 1) if ((drafts[i] as Draft).span.continued) runCued[i] = runCued[i] === true || runCued[i + 1] === true;
  const events = [...narration, ...quoteEvents].sort((a, b) => a.at - b.at);
  // who the story is about at this point (the last speaker or reported subject), and the paragraph they were last in
  let current: Entity | null = null;
  let currentParagraph = -1;
  // a few words quoted with no cue are speech only right after a quote (`“Ya.”`); after narration they are a term or a title
  let currentSpoke = false;
  const resolve = (phrase: SpeakerPhrase, at: number): Entity | null => {
    if (phrase.kind === 'pronoun') return current ?? people.latestPerson(at) ?? null;
    return phrase.kind === 'description' ? people.resolveDescription(phrase, at, current) : people.resolve(phrase, at, current);
  };
  let currentAt = -1;
  // a long uncued quote a few paragraphs after its speaker last spoke is still theirs when nobody else was named in between
  const stillFollowed = (draft: Draft, at: number): boolean =>
    current !== null && currentSpoke && currentParagraph >= draft.span.paragraph - MAX_FOLLOWED_GAP && draft.words >= MIN_FOLLOWED_WORDS && !people.otherMentioned(current, currentAt, at);
  for (const event of events) {
    if (event.type === 'narration') {
      current = resolve(event.phrase, event.at);
      currentParagraph = event.paragraph;
      currentAt = event.at;
      currentSpoke = false;
      continue;
    }
    const draft = drafts[event.index] as Draft;
    const attribution = draft.attribution;
    if (attribution?.phrase != null) draft.speaker = resolve(attribution.phrase, event.at);
    else if (attribution?.backReference === true) draft.speaker = current ?? people.latestPerson(event.at) ?? null;
    else if (!draft.partial && !(draft.span.continued && runCued[event.index] === true) && (currentParagraph >= draft.span.paragraph - 1 || stillFollowed(draft, event.at)) && (currentSpoke || draft.words >= MIN_UNATTRIBUTED_WORDS)) {
      draft.speaker = current;
    }
    if (draft.speaker !== null) {
      current = draft.speaker;
      currentParagraph = draft.span.lastParagraph;
      currentAt = event.at;
      currentSpoke = true;
    }
  }
  for (let i = drafts.length - 2; i >= 0; i -= 1) {
    const draft = drafts[i] as Draft;
    const next = drafts[i + 1] as Draft;
    const adjacent = next.span.paragraph <= draft.span.lastParagraph + 1;
    if (draft.speaker === null && !draft.partial && draft.attribution === null && adjacent && !next.partial && draft.words >= MIN_UNATTRIBUTED_WORDS) draft.speaker = next.speaker;
  }

  const quotes: Quote[] = [];
  for (const draft of drafts) {
    const { located, words, speaker } = draft;
    if (located === null) continue;
    if (speaker === null && words < MIN_UNATTRIBUTED_WORDS) continue;
    if (draft.partial && words < MIN_PARTIAL_WORDS) continue;
    quotes.push({
      articleId: article.id,
      text: located.text,
      speaker: speaker?.name ?? null,
      role: speaker?.role ?? draft.attribution?.phrase?.role ?? null,
      aliases: speaker === null ? [] : speaker.aliases.map((alias) => alias.name),
      mention: draft.attribution?.phrase?.name ?? null,
      cue: draft.attribution?.cue ?? null,
      partial: draft.partial,
      paragraph: draft.span.paragraph,
      start: located.start,
      end: located.start + located.text.length,
    });
  }
  return quotes;
}
