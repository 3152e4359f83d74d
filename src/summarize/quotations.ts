import { DEMONSTRATIVES, FIRST_PERSON, MARKS_THAT_OPEN, PERSONAL_PRONOUNS, QUOTE_MARKS, SECOND_PERSON } from '../quotes/lexicon.js';
import type { AnalyzedSentence } from '../text/index.js';

/** How a sentence stands to the quotations of its article. */
export type QuoteRole =
  /** No direct speech (scare quotes around a phrase count as none). */
  | 'none'
  /** Whole direct speech with a named speaker beside it: `“…,” kata Putin`. */
  | 'attributed'
  /** Whole direct speech whose speaker is only a pronoun or `-nya`, or not given: `“…,” tambahnya`. */
  | 'unattributed'
  /** Part of a quotation that runs over several sentences or paragraphs. */
  | 'fragment';

const quoteMark = new RegExp(`[${QUOTE_MARKS}]`, 'g');
const opensSpeech = new RegExp(`^[${MARKS_THAT_OPEN}]|:\\s*[${MARKS_THAT_OPEN}]`);
/** Words that stand for someone without naming them: a quotation cued with one of them has no named speaker beside it. */
const pronouns: ReadonlySet<string> = new Set([...PERSONAL_PRONOUNS, ...FIRST_PERSON, ...SECOND_PERSON, ...DEMONSTRATIVES]);

const wordsOf = (text: string): string[] => text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
const isName = (word: string): boolean => /^\p{Lu}/u.test(word) && !pronouns.has(word.toLowerCase());

/** `“…,” kata Ketua MPR Zulkifli` or `“…,” Putin menambahkan`: a name within a few words after the quotation's end. */
function namedAfter(tail: string): boolean {
  const words = wordsOf(tail).slice(0, 6);
  const first = words[0];
  if (first === undefined) return false;
  if (isName(first)) return true;
  if (pronouns.has(first.toLowerCase()) || /nya$/i.test(first)) return false;
  return words.slice(1, 6).some(isName);
}

/** `Kim mengatakan: “…”` or `Menurut Putin, “…”`: a name before the quotation opens. */
function namedBefore(head: string): boolean {
  return wordsOf(head).some(isName);
}

/** Direct speech opens the sentence (or follows a colon) and reads as an utterance: punctuation before the closing mark, or several words. */
function isSpeech(text: string): boolean {
  const open = opensSpeech.exec(text);
  if (open === null) return false;
  const from = open.index + open[0].length;
  const close = text.slice(from).search(quoteMark);
  const inner = (close < 0 ? text.slice(from) : text.slice(from, from + close)).trim();
  return /[,.!?…]$/.test(inner) || wordsOf(inner).length >= 6;
}

function attribution(text: string): QuoteRole {
  const marks = [...text.matchAll(quoteMark)];
  const first = marks[0];
  const last = marks[marks.length - 1];
  if (first === undefined || last === undefined) return 'none';
  const head = text.slice(0, first.index);
  const tail = text.slice(last.index + 1);
  return namedBefore(head) || namedAfter(tail) ? 'attributed' : 'unattributed';
}

/**
 * Each sentence's quote role. Quote marks are followed through each paragraph, so a sentence that starts or ends inside
 * an open quotation (a quote over several sentences, or one that runs on into the next paragraph) is a fragment.
 */
export function quoteRoles(sentences: readonly AnalyzedSentence[]): QuoteRole[] {
  const roles: QuoteRole[] = [];
  let open = false;
  let paragraph = -1;
  for (const sentence of sentences) {
    if (sentence.paragraph !== paragraph) {
      paragraph = sentence.paragraph;
      open = false;
    }
    const startsInside = open;
    const marks = sentence.text.match(quoteMark)?.length ?? 0;
    if (marks % 2 === 1) open = !open;
    if (startsInside || open) roles.push('fragment');
    else if (marks > 0 && isSpeech(sentence.text)) roles.push(attribution(sentence.text));
    else roles.push('none');
  }
  return roles;
}
