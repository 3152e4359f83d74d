import { idfTable, type IdfTable } from '../text/corpus-stats.js';
import { isCapitalised } from '../text/stem.js';
import { stemWord, tokenize, type AnalyzedArticle, type AnalyzedSentence, type CorpusStats } from '../text/index.js';
import { isCaption, isFurniture } from './furniture.js';
import { opensWithReference, withoutConnective } from './coherence.js';
import { quoteRoles, type QuoteRole } from './quotations.js';

/** What the scorers and the selector know about one sentence. */
export interface SentenceView {
  readonly index: number;
  readonly text: string;
  readonly paragraph: number;
  readonly firstInParagraph: boolean;
  readonly tokens: readonly string[];
  /** Whitespace-separated words, as a word cap on a summary counts them. */
  readonly words: number;
  readonly quote: QuoteRole;
  /** May stand in a summary: not furniture, not a heading, not a quote cut from its speaker. */
  readonly eligible: boolean;
  /** May stand in a summary of an article with no eligible sentence: whole, and not web furniture. */
  readonly lastResort: boolean;
  /** Opens with a pronoun or connective pointing back to the sentence before it (`Ia …`, `Namun …`). */
  readonly refersBack: boolean;
  /** The sentence as a summary shows it without the one before it: its opening connective dropped; undefined when it cannot stand alone. */
  readonly standalone: string | undefined;
  /** tf-idf weights of the sentence's terms. */
  readonly vector: ReadonlyMap<string, number>;
  readonly norm: number;
}

/** An analysed article seen through corpus statistics: built once per (article, corpus) and reused. */
export interface DocumentView {
  readonly analyzed: AnalyzedArticle;
  readonly stats: CorpusStats;
  readonly sentences: readonly SentenceView[];
  /** tf-idf weights of the whole article. */
  readonly centroid: ReadonlyMap<string, number>;
  readonly centroidNorm: number;
}

const terminal = /[.!?…"”’)]$/;

function weightsOf(counts: Map<string, number>, idf: IdfTable): { vector: Map<string, number>; norm: number } {
  let squares = 0;
  for (const [term, count] of counts) {
    const weight = count * idf(term);
    counts.set(term, weight);
    squares += weight * weight;
  }
  return { vector: counts, norm: Math.sqrt(squares) };
}

function weigh(terms: readonly string[], idf: IdfTable): { vector: Map<string, number>; norm: number } {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return weightsOf(counts, idf);
}

function countAll(sentences: readonly AnalyzedSentence[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sentence of sentences) for (const term of sentence.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** The idf of each of an article's terms, looked up once in the corpus-wide table and then in this small map. */
function articleIdf(counts: ReadonlyMap<string, number>, corpus: IdfTable): IdfTable {
  const idf = new Map<string, number>();
  for (const term of counts.keys()) idf.set(term, corpus(term));
  return (term) => idf.get(term) ?? corpus(term);
}

/** Code units `\s` matches, so counting runs between them equals `split(/\s+/)` without the empties. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

function wordCount(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

export function cosine(a: ReadonlyMap<string, number>, normA: number, b: ReadonlyMap<string, number>, normB: number): number {
  if (normA === 0 || normB === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  return dot / (normA * normB);
}

/** Whether a summary may hold the sentence without the one before it (its referent), as it or with its connective dropped. */
export function needsPrevious(sentence: SentenceView): boolean {
  return sentence.refersBack && sentence.standalone === undefined;
}

/** The text a summary of `chosen` shows for one of its sentences: without a connective that points to a sentence left out. */
export function shownText(view: DocumentView, index: number, chosen: readonly number[]): string {
  const sentence = view.sentences[index];
  if (sentence === undefined) return '';
  return sentence.refersBack && sentence.standalone !== undefined && !chosen.includes(index - 1) ? sentence.standalone : sentence.text;
}

function buildView(analyzed: AnalyzedArticle, stats: CorpusStats): DocumentView {
  const counts = countAll(analyzed.sentences);
  const idf = articleIdf(counts, idfTable(stats));
  const roles = quoteRoles(analyzed.sentences);
  const captions = analyzed.article.paragraphs.map(isCaption);
  const sentences = analyzed.sentences.map((sentence, index): SentenceView => {
    const tokens = tokenize(sentence.text);
    const quote = roles[index] ?? 'none';
    const heading = tokens.length < 8 && !terminal.test(sentence.text);
    const furniture = captions[sentence.paragraph] === true || isFurniture(sentence.text);
    const eligible = tokens.length >= 4 && !heading && !furniture && (quote === 'none' || quote === 'attributed');
    const previous = analyzed.sentences[index - 1];
    return {
      index,
      text: sentence.text,
      paragraph: sentence.paragraph,
      firstInParagraph: previous === undefined || previous.paragraph !== sentence.paragraph,
      tokens,
      words: wordCount(sentence.text),
      quote,
      eligible,
      lastResort: !furniture && quote !== 'fragment',
      refersBack: index > 0 && opensWithReference(sentence.text),
      standalone: index > 0 ? withoutConnective(sentence.text) : undefined,
      ...weigh(sentence.terms, idf),
    };
  });
  const all = weightsOf(counts, idf);
  return { analyzed, stats, sentences, centroid: all.vector, centroidNorm: all.norm };
}

const views = new WeakMap<CorpusStats, WeakMap<AnalyzedArticle, DocumentView>>();

/** The view of an article under given corpus statistics, memoised for as long as both live. */
export function documentView(analyzed: AnalyzedArticle, stats: CorpusStats): DocumentView {
  let byArticle = views.get(stats);
  if (byArticle === undefined) {
    byArticle = new WeakMap();
    views.set(stats, byArticle);
  }
  let view = byArticle.get(analyzed);
  if (view === undefined) {
    view = buildView(analyzed, stats);
    byArticle.set(analyzed, view);
  }
  return view;
}

/** The most frequent way each of some terms is written in the article (`korut` → `Korut`, `temu` → `pertemuan`). */
export function surfaceForms(view: DocumentView, wanted: ReadonlySet<string>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  const count = (term: string, form: string, weight: number): void => {
    let forms = counts.get(term);
    if (forms === undefined) counts.set(term, (forms = new Map()));
    forms.set(form, (forms.get(form) ?? 0) + weight);
  };
  for (const sentence of view.sentences) {
    sentence.tokens.forEach((token, position) => {
      const term = stemWord(token);
      if (wanted.has(term)) count(term, token, position === 0 ? 0.4 : 1);
      else if (position === 0 && isCapitalised(token)) {
        const lower = token.toLowerCase();
        const stem = stemWord(lower);
        if (wanted.has(stem)) count(stem, lower, 0.5);
      }
    });
  }
  const surfaces = new Map<string, string>();
  for (const [term, forms] of counts) {
    let best = '';
    let bestCount = -1;
    for (const [form, n] of forms) {
      if (n > bestCount || (n === bestCount && form < best)) {
        best = form;
        bestCount = n;
      }
    }
    surfaces.set(term, best);
  }
  return surfaces;
}
