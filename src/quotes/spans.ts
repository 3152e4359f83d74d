import { CUE_VERBS, CUE_VERBS_NYA, PRONOUNS } from './lexicon.js';
import { OPEN_MARKS, type Token } from './tokens.js';

/** Where a quotation sits: from the token after its opening mark to the token before its closing one. */
export interface QuoteSpan {
  /** Paragraph and token index of the first quoted token. */
  readonly paragraph: number;
  readonly first: number;
  /** Paragraph and token index one past the last quoted token (equal to `first` of an empty quote). */
  readonly lastParagraph: number;
  readonly end: number;
  /** Token index of the opening mark in `paragraph`, or -1 when the quote has none (opened by the paragraph). */
  readonly openMark: number;
  /** Token index of the closing mark in `lastParagraph`, or -1 when the paragraph's end closed it. */
  readonly closeMark: number;
  /** Closed at the end of its paragraph because the next paragraph opens with a continuation of it. */
  readonly continued: boolean;
}

/** How far a quote may run through paragraphs without marks, waiting for its closing mark. */
const MAX_RUN_ON_PARAGRAPHS = 8;

function attached(tokens: readonly Token[], a: number, b: number): boolean {
  const left = tokens[a];
  const right = tokens[b];
  return left !== undefined && right !== undefined && left.end === right.start;
}

function isWord(token: Token | undefined): boolean {
  return token !== undefined && token.kind === 'word';
}

/** A mark written against the following word and apart from the previous one: `kata: “Kami`. */
function shapedAsOpener(tokens: readonly Token[], m: number): boolean {
  return isWord(tokens[m + 1]) && attached(tokens, m, m + 1) && !attached(tokens, m - 1, m);
}

/** What follows a closing mark when it ends an attributed quote: `,” kata`, `,” ujarnya`, `,” ia menambahkan`. */
function followedByCue(tokens: readonly Token[], m: number): boolean {
  let k = m + 1;
  if (tokens[k]?.text === ',') k += 1;
  const next = tokens[k];
  if (next === undefined || next.kind !== 'word') return false;
  return CUE_VERBS.has(next.low) || CUE_VERBS_NYA.has(next.low) || (PRONOUNS.has(next.low) && !next.cap);
}

/** A mark that can only close: nothing quotable after it in its paragraph, or a cue right after it. */
function shapedAsCloser(tokens: readonly Token[], m: number): boolean {
  const next = tokens[m + 1];
  if (next === undefined) return true;
  if (next.kind === 'punct' && next.text !== '(') return true;
  return followedByCue(tokens, m) || (attached(tokens, m - 1, m) && !attached(tokens, m, m + 1) && !next.cap);
}

function marksOf(tokens: readonly Token[]): number[] {
  const marks: number[] = [];
  for (let i = 0; i < tokens.length; i += 1) if ((tokens[i] as Token).kind === 'mark') marks.push(i);
  return marks;
}

/**
 * Pairs the double quote marks of an article, in one pass over its paragraphs.
 * Handles `” … ”` used for both ends, an opening mark left at the end of the previous paragraph,
 * a quote left open until its paragraph ends, and a quote running on through paragraphs without marks
 * until a closing mark followed by its attribution.
 */
export function findSpans(paragraphs: readonly (readonly Token[])[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const marks = paragraphs.map(marksOf);
  let isOpen = false;
  let openParagraph = 0;
  let openFirst = 0;
  let openMark = -1;

  const close = (lastParagraph: number, end: number, closeMark: number, continued: boolean): void => {
    spans.push({ paragraph: openParagraph, first: openFirst, openMark, lastParagraph, end, closeMark, continued });
  };

  for (let p = 0; p < paragraphs.length; p += 1) {
    const tokens = paragraphs[p] as readonly Token[];
    const paragraphMarks = marks[p] as number[];
    const firstMark = paragraphMarks[0];
    for (const m of paragraphMarks) {
      const mark = tokens[m] as Token;
      if (!isOpen) {
        isOpen = true;
        openParagraph = p;
        openFirst = m + 1;
        openMark = m;
        if (!OPEN_MARKS.has(mark.text) && m > 0 && m === firstMark && shapedAsCloser(tokens, m) && followedByCue(tokens, m)) {
          openFirst = 0;
          openMark = -1;
          close(p, m, m, false);
          isOpen = false;
        }
        continue;
      }
      const reopens = OPEN_MARKS.has(mark.text) || (shapedAsOpener(tokens, m) && !shapedAsCloser(tokens, m));
      const startsHere = openParagraph === p && openFirst === m;
      if (reopens && startsHere) continue;
      const reopensAcross = openParagraph !== p && m === firstMark && m > 0 && !shapedAsCloser(tokens, m);
      if (reopens || reopensAcross) {
        if (openParagraph === p) close(p, m, -1, false);
        else close(p - 1, (paragraphs[p - 1] as readonly Token[]).length, -1, false);
        openParagraph = p;
        openFirst = m + 1;
        openMark = m;
        continue;
      }
      close(p, m, m, false);
      isOpen = false;
    }
    if (!isOpen) continue;
    if (openParagraph === p && openFirst >= tokens.length) {
      openParagraph = p + 1;
      openFirst = 0;
      openMark = -1;
      continue;
    }
    const next = paragraphs[p + 1];
    if (next === undefined) {
      close(p, tokens.length, -1, false);
      isOpen = false;
      continue;
    }
    if ((marks[p + 1] as number[])[0] === 0 && !shapedAsCloser(next, 0)) {
      close(p, tokens.length, -1, true);
      isOpen = false;
      continue;
    }
    if (!runsOn(paragraphs, marks, p + 1)) {
      close(p, tokens.length, -1, false);
      isOpen = false;
    }
  }
  return spans;
}

/** Does a quote left open at the end of paragraph `from - 1` close in a later paragraph, before any other quote opens? */
function runsOn(paragraphs: readonly (readonly Token[])[], marks: readonly number[][], from: number): boolean {
  for (let q = from; q < paragraphs.length && q < from + MAX_RUN_ON_PARAGRAPHS; q += 1) {
    const first = (marks[q] as number[])[0];
    if (first === undefined) continue;
    const tokens = paragraphs[q] as readonly Token[];
    return first > 0 && shapedAsCloser(tokens, first) && followedByCue(tokens, first);
  }
  return false;
}
