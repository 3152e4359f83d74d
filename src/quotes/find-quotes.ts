import type { Article } from '../corpus/article.js';
import {
  attributionAfter,
  attributionBefore,
  attributionOfPartial,
  isEmbedded,
  isSentenceEnd,
  speakerAfter,
  speechVerb,
  subjectBefore,
  type Attribution,
} from './attribution.js';
import { isDictionaryWord } from './dictionary.js';
import { CUE_VERBS, GROUP_HEADS, NAME_PARTICLES, PASSIVE_CUES, REPORTING_VERBS, ROLE_CONNECTORS, ROLE_WORDS } from './lexicon.js';
import { isCommonWord, isNameToken, splitSpeaker, type NameContext, type SpeakerPhrase } from './names.js';
import { ArticlePeople, type Entity } from './people.js';
import type { Quote } from './quote.js';
import { findSpans, type QuoteSpan } from './spans.js';
import { tokenize, type Token } from './tokens.js';

/** Quotes shorter than this with nobody to attribute them to are names, titles or scare quotes, not quotes. */
const MIN_UNATTRIBUTED_WORDS = 4;

const PLACE_INTRODUCERS = new Set(['di', 'ke', 'dari', 'kota', 'kabupaten', 'provinsi', 'kecamatan', 'desa', 'kelurahan', 'dusun', 'pulau', 'jalan', 'jl']);

interface Located {
  readonly at: number;
}

/** Something said or someone named, in article order: the sweep resolves speakers from these. */
type Event =
  | (Located & { readonly type: 'narration'; readonly phrase: SpeakerPhrase })
  | (Located & { readonly type: 'quote'; readonly index: number });

interface Draft {
  readonly span: QuoteSpan;
  readonly attribution: Attribution | null;
  readonly partial: boolean;
  speaker: Entity | null;
}

function nameContext(paragraphs: readonly (readonly Token[])[]): NameContext {
  const places = new Set<string>();
  const personTokens = new Set<string>();
  for (const tokens of paragraphs) {
    for (let i = 0; i + 1 < tokens.length; i += 1) {
      const token = tokens[i] as Token;
      const next = tokens[i + 1] as Token;
      if (token.kind !== 'word' || next.kind !== 'word' || !next.cap) continue;
      if (PLACE_INTRODUCERS.has(token.low)) places.add(next.low);
      const after = tokens[i + 2];
      if (!token.cap && CUE_VERBS.has(token.low) && (after === undefined || after.kind !== 'word' || !after.cap) && isNameToken(next, { places, personTokens: new Set(), afterParenthesis: new Set() })) {
        personTokens.add(next.low);
      }
    }
  }
  for (const word of personTokens) places.delete(word);
  return { places, personTokens, afterParenthesis: new Set<Token>() };
}

/** Marks, per paragraph, the tokens inside quotes, so that narration is read only outside them. */
function quotedMask(paragraphs: readonly (readonly Token[])[], spans: readonly QuoteSpan[]): Uint8Array[] {
  const masks = paragraphs.map((tokens) => new Uint8Array(tokens.length));
  for (const span of spans) {
    for (let p = span.paragraph; p <= span.lastParagraph; p += 1) {
      const mask = masks[p];
      if (mask === undefined) continue;
      const from = p === span.paragraph ? Math.max(0, span.openMark) : 0;
      const to = p === span.lastParagraph ? (span.closeMark >= 0 ? span.closeMark + 1 : span.end) : mask.length;
      mask.fill(1, from, Math.min(to, mask.length));
    }
  }
  return masks;
}

/** Narration makes a person, a group introduced as such (`para pejabat`) or a position (`Presiden`) the current speaker; not an organisation. */
function isSpeaker(phrase: SpeakerPhrase): boolean {
  if (phrase.kind === 'person') return true;
  if (phrase.kind === 'group') return phrase.tokens[0] === 'para';
  return phrase.kind === 'role' && phrase.roleTokens.some((word) => ROLE_WORDS.has(word));
}

/** A person introduced in full, with a role or a name of two words or more: whatever the verb, the story now follows them. */
function isIntroduction(phrase: SpeakerPhrase): boolean {
  return phrase.kind === 'person' && (phrase.role !== null || phrase.tokens.length >= 2);
}

/** Does the name contain a word that is not ordinary Indonesian (`Kampung Tangguh` does not; `Tri Rismaharini` does)? */
function hasProperName(run: readonly Token[], phrase: SpeakerPhrase): boolean {
  return phrase.tokens.some((word) => {
    const token = run.find((t) => t.low === word);
    return token !== undefined && token.text !== token.text.toUpperCase() && !isDictionaryWord(word);
  });
}

function sentenceStart(tokens: readonly Token[], i: number): boolean {
  return i === 0 || isSentenceEnd(tokens, i - 1) || tokens[i - 1]?.kind === 'mark';
}

/** Reads the narration: speakers of reported speech, and people introduced with their full name or role. */
function readNarration(
  paragraphs: readonly string[],
  tokenized: readonly (readonly Token[])[],
  masks: readonly Uint8Array[],
  bases: readonly number[],
  context: NameContext,
  people: ArticlePeople,
): Event[] {
  const events: Event[] = [];
  tokenized.forEach((tokens, p) => {
    const source = paragraphs[p] as string;
    const mask = masks[p] as Uint8Array;
    const base = bases[p] as number;
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i] as Token;
      if (mask[i] === 1 || token.kind !== 'word') {
        i += 1;
        continue;
      }
      if (!token.cap && speechVerb(token.low)) {
        const phrase = subjectBefore(source, tokens, i, context);
        if (phrase !== null) {
          people.introduce(phrase, base + token.start);
          if ((REPORTING_VERBS.has(token.low) || isIntroduction(phrase)) && isSpeaker(phrase)) events.push({ type: 'narration', at: base + token.start, phrase });
        }
        i += 1;
        continue;
      }
      const cueAside = CUE_VERBS.has(token.low) && (token.cap ? sentenceStart(tokens, i) : tokens[i - 1]?.text === ',');
      if (token.low === 'menurut' || cueAside || (!token.cap && PASSIVE_CUES.has(token.low))) {
        const phrase = speakerAfter(source, tokens, i + 1, context);
        if (phrase !== null && isSpeaker(phrase)) {
          people.introduce(phrase, base + token.start);
          events.push({ type: 'narration', at: base + token.start, phrase });
        }
        i += 1;
        continue;
      }
      if (!token.cap) {
        i += 1;
        continue;
      }
      let j = i + 1;
      while (j < tokens.length && mask[j] !== 1) {
        const next = tokens[j] as Token;
        if (next.kind !== 'word') break;
        if (next.cap || NAME_PARTICLES.has(next.low) || ((ROLE_WORDS.has(next.low) || ROLE_CONNECTORS.has(next.low)) && tokens[j + 1]?.cap === true)) j += 1;
        else break;
      }
      const run = tokens.slice(i, j);
      const followedBy = tokens[j];
      if (run.length === 1 && sentenceStart(tokens, i) && followedBy?.kind === 'word' && !followedBy.cap && /^(me|ber)/.test(followedBy.low)) {
        const single = splitSpeaker(source, run, context);
        if (single?.kind === 'person' && people.knows(single.tokens[0] ?? '')) events.push({ type: 'narration', at: base + token.start, phrase: single });
      }
      const phrase = run.length >= 2 ? splitSpeaker(source, run, context) : null;
      const named = phrase !== null && phrase.kind === 'person' && (phrase.role !== null || phrase.tokens.length >= 2) && hasProperName(run, phrase);
      if (phrase !== null && named) {
        const at = base + token.start;
        people.introduce(phrase, at);
        const followed = tokens[j];
        const opensClause = sentenceStart(tokens, i) || (tokens[i - 1]?.text === ',' && isIntroduction(phrase));
        const asSubject = opensClause && followed !== undefined && (followed.kind === 'word' ? !followed.cap && !isCommonWord(followed.low) : followed.text === '(');
        if (asSubject || (phrase.role !== null && phrase.roleTokens.some((word) => ROLE_WORDS.has(word)))) events.push({ type: 'narration', at, phrase });
      }
      i = j;
    }
  });
  return events;
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
  return { start, text: pieces.join('\n').trim() };
}

function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (const ch of text) {
    const letter = ch !== ' ' && ch !== '\n' && ch !== '\t';
    if (letter && !inWord) count += 1;
    inWord = letter;
  }
  return count;
}

/** Every direct quote of an article with its speaker, in reading order. */
export function findQuotes(article: Article): Quote[] {
  const paragraphs = article.paragraphs;
  const tokenized = paragraphs.map(tokenize);
  const bases: number[] = [];
  let offset = 0;
  for (const paragraph of paragraphs) {
    bases.push(offset);
    offset += paragraph.length + 1;
  }
  const context = nameContext(tokenized);
  const spans = findSpans(tokenized);
  const people = new ArticlePeople();
  const narration = readNarration(paragraphs, tokenized, quotedMask(tokenized, spans), bases, context, people);

  const drafts: Draft[] = [];
  const quoteEvents: Event[] = [];
  for (const span of spans) {
    if (span.paragraph === span.lastParagraph && span.end <= span.first) continue;
    const { attribution, partial } = attribute(paragraphs, tokenized, span, context);
    const index = drafts.length;
    drafts.push({ span, attribution, partial, speaker: null });
    const closing = tokenized[span.lastParagraph] as readonly Token[];
    const opening = tokenized[span.paragraph] as readonly Token[];
    const anchor =
      attribution !== null && span.closeMark >= 0 && !partial
        ? (bases[span.lastParagraph] as number) + ((closing[span.closeMark] as Token).end)
        : (bases[span.paragraph] as number) + (opening[Math.max(0, span.openMark)]?.start ?? 0);
    if (attribution?.phrase != null) people.introduce(attribution.phrase, anchor);
    quoteEvents.push({ type: 'quote', at: anchor, index });
  }

  const events = [...narration, ...quoteEvents].sort((a, b) => a.at - b.at);
  let previous: Entity | null = null;
  let previousQuote = -1;
  for (const event of events) {
    if (event.type === 'narration') {
      previous = people.resolve(event.phrase, event.at);
      continue;
    }
    const draft = drafts[event.index] as Draft;
    const attribution = draft.attribution;
    if (attribution?.phrase != null) draft.speaker = people.resolve(attribution.phrase, event.at);
    else if (attribution?.backReference === true) draft.speaker = previous;
    else if (!draft.partial && !draft.span.continued && previousQuote >= 0) {
      const last = drafts[previousQuote] as Draft;
      if (draft.span.paragraph - last.span.lastParagraph <= 1) draft.speaker = last.speaker;
    }
    if (draft.speaker !== null) previous = draft.speaker;
    previousQuote = event.index;
  }
  for (let i = drafts.length - 2; i >= 0; i -= 1) {
    const draft = drafts[i] as Draft;
    if (draft.speaker === null && draft.span.continued) draft.speaker = (drafts[i + 1] as Draft).speaker;
  }

  const quotes: Quote[] = [];
  for (const draft of drafts) {
    const located = spanText(paragraphs, tokenized, draft.span);
    if (located === null || !/[\p{L}\p{N}]/u.test(located.text)) continue;
    const speaker = draft.speaker;
    if (speaker === null && wordCount(located.text) < MIN_UNATTRIBUTED_WORDS) continue;
    quotes.push({
      articleId: article.id,
      text: located.text,
      speaker: speaker?.name ?? null,
      role: speaker?.role ?? draft.attribution?.phrase?.role ?? null,
      cue: draft.attribution?.cue ?? null,
      partial: draft.partial,
      paragraph: draft.span.paragraph,
      start: located.start,
      end: located.start + located.text.length,
    });
  }
  return quotes;
}
