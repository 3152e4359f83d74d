import { isDictionaryWord } from './dictionary.js';
import { CUE_VERBS, CUE_VERBS_NYA, PASSIVE_CUES, PROFESSION_NOUNS, QUOTE_MARKS, SPEECH_VERBS } from './lexicon.js';
import { isNeverName } from './names.js';
import type { Token } from './tokens.js';

/** Below this share of capitalised words, an article is written all in lower case (news capitalises a fifth of them). */
const LOWER_CASE_WORDS = 0.01;
/** Above this share of words written in capitals, it is written all in capitals. */
const UPPER_CASE_WORDS = 0.8;
/** Too few words to tell. */
const MIN_WORDS = 20;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
const HAS_DIGIT = /\d/;
const VERB_PREFIX = /^(me|ber|di|ter|per)/;

function isCapitalCode(code: number): boolean {
  return code >= 65 && code <= 90;
}

/** Has the article lost the case news is written in: all its words in lower case, or all in capitals? */
export function lostCase(tokenized: readonly (readonly Token[])[]): boolean {
  let words = 0;
  let capitalised = 0;
  let shouted = 0;
  for (const tokens of tokenized) {
    for (const token of tokens) {
      const first = token.text.charCodeAt(0);
      if (token.kind !== 'word' || (first >= 48 && first <= 57)) continue;
      words += 1;
      if (!token.cap) continue;
      capitalised += 1;
      if (isCapitalCode(token.text.charCodeAt(1))) shouted += 1;
    }
    // most articles show news casing within a paragraph or two
    if (words >= 100 && capitalised / words >= 0.05 && shouted / words < 0.5) return false;
  }
  return words >= MIN_WORDS && (capitalised / words < LOWER_CASE_WORDS || shouted / words > UPPER_CASE_WORDS);
}

/** A word that reads as part of a name once case is lost: no ordinary Indonesian word and none of the quote lexicon. */
function looksLikeName(low: string): boolean {
  return low.length >= 3 && !HAS_DIGIT.test(low) && !isNeverName(low) && !PROFESSION_NOUNS.has(low) && !isCue(low) && !isDictionaryWord(low);
}

function isCue(low: string): boolean {
  return CUE_VERBS.has(low) || CUE_VERBS_NYA.has(low) || SPEECH_VERBS.has(low) || PASSIVE_CUES.has(low);
}

/** Short words inside names (`al`, `bin`, `van`): too short to read as a name, joining the words on either side. */
const NAME_PARTICLES = new Set(['al', 'el', 'bin', 'binti', 'van', 'von', 'der', 'den', 'de', 'da', 'dos', 'la', 'le', 'ibnu', 'ibn']);

const SPACE = new Set([' ', '\u00a0', '\t']);

/** Index of the last character before `at` that is not a space, or -1. */
function previousSign(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && SPACE.has(text[i] as string)) i -= 1;
  return i;
}

/**
 * Does a sentence start at `at`: the paragraph's start, after `.`, `!`, `?` or `:`, or after a quote mark that opens
 * (`“Kami`) or closes a sentence (`.” Ia`), but not after one that closes on a comma (`,” kata`)?
 */
function startsSentence(text: string, at: number): boolean {
  const i = previousSign(text, at);
  if (i < 0) return true;
  const sign = text[i] as string;
  if ('.!?:'.includes(sign)) return true;
  if (!QUOTE_MARKS.includes(sign)) return false;
  const before = previousSign(text, i);
  return before < 0 || text[before] !== ',';
}

function capitalized(word: string): string {
  return (word[0] as string).toUpperCase() + word.slice(1);
}

interface Word {
  readonly at: number;
  readonly low: string;
}

/** The paragraph's words in lower case, or null when lowering a letter would change the paragraph's length. */
function wordsOf(paragraph: string): Word[] | null {
  const words: Word[] = [];
  for (const match of paragraph.matchAll(WORD)) {
    const low = match[0].toLowerCase();
    if (low.length !== match[0].length) return null;
    words.push({ at: match.index, low });
  }
  return words;
}

/** `rangkuti`, `budi`: an ordinary word that may still be part of a name beside a name-like one; not a verb (`meresmikan`). */
function mayJoinName(low: string): boolean {
  return !isNeverName(low) && !PROFESSION_NOUNS.has(low) && !isCue(low) && !HAS_DIGIT.test(low) && !(VERB_PREFIX.test(low) && low.length > 5 && isDictionaryWord(low));
}

/**
 * The words that make up names in an article that lost its case: name-like words, ordinary words right beside them
 * (`budi` in `budi santoso`), and the word after a cue verb (`kata susi`).
 */
function nameWords(paragraphs: readonly (Word[] | null)[], texts: readonly string[]): Set<string> {
  const names = new Set<string>();
  paragraphs.forEach((words, p) => {
    if (words === null) return;
    const text = texts[p] as string;
    const adjacent = (a: Word, b: Word): boolean => text.slice(a.at + a.low.length, b.at).trim() === '';
    const named = words.map((word) => looksLikeName(word.low));
    words.forEach((word, i) => {
      const before = words[i - 1];
      const after = words[i + 1];
      const besideName = (before !== undefined && named[i - 1] === true && adjacent(before, word)) || (after !== undefined && named[i + 1] === true && adjacent(word, after));
      const afterCue = before !== undefined && CUE_VERBS.has(before.low) && adjacent(before, word);
      const beforeBefore = words[i - 2];
      // `harun al rasyid`, `ahmad bin yusuf`: the part after a name's particle belongs to the name too
      const afterParticle =
        before !== undefined && beforeBefore !== undefined && NAME_PARTICLES.has(before.low) && named[i - 2] === true && adjacent(beforeBefore, before) && adjacent(before, word);
      if (named[i] === true || ((besideName || afterCue || afterParticle) && mayJoinName(word.low))) names.add(word.low);
    });
  });
  return names;
}

/** The paragraph cased as news is: sentence starts and name words capitalised, the rest in lower case; every word keeps its length. */
function recase(paragraph: string, words: readonly Word[], names: ReadonlySet<string>): string {
  let out = '';
  let last = 0;
  for (const word of words) {
    const capital = names.has(word.low) || startsSentence(paragraph, word.at);
    out += paragraph.slice(last, word.at).toLowerCase() + (capital ? capitalized(word.low) : word.low);
    last = word.at + word.low.length;
  }
  out += paragraph.slice(last).toLowerCase();
  return out.length === paragraph.length ? out : paragraph;
}

/**
 * An article that lost its case (see `lostCase`), recased so that names and sentence starts carry capitals again: name-like
 * words, the words beside them and after a cue verb, and sentence starts capitalised, the rest in lower case. Offsets into
 * the result are offsets into the original.
 */
export function recaseArticle(paragraphs: readonly string[]): string[] {
  const words = paragraphs.map(wordsOf);
  const names = nameWords(words, paragraphs);
  return paragraphs.map((paragraph, p) => {
    const own = words[p];
    return own === null || own === undefined ? paragraph : recase(paragraph, own, names);
  });
}
