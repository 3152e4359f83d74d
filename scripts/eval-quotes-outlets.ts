import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadArticles, type Article } from '../src/corpus/index.js';
import { findQuotes, fold, type Quote } from '../src/quotes/index.js';
import { ROLE_WORDS } from '../src/quotes/lexicon.js';
import { toJsonLine } from './rouge-folds.js';
import { readIndoSum, type IndoSumArticle } from './rouge-indosum.js';

/**
 * Speakers on news from many outlets: the quotes of `tests/quotes-outlets.annotated.jsonl`, annotated by reading
 * (IndoSum articles of ten outlets and realnews texts of ten more), scored as users get them: each article goes through
 * the loader as its outlet delivers it (IndoSum rebuilt to natural text as JSON Lines, realnews as scraped text).
 *
 * Annotation: `speaker` is the fullest name the article gives the person or body the quote is attributed to, with
 * pronouns, `-nya` cues, titles and descriptions resolved to the name the article states anywhere; `kind` is `person`,
 * `organisation` (a named body or account), `description` (the article names nobody: `seorang sumber`, `warga`), or
 * `none` (not speech: a title, slogan, lyric, inscription). `quote` is the first words of the quote, folded.
 */

export type AnnotatedKind = 'person' | 'organisation' | 'description' | 'none';

export interface AnnotatedQuote {
  readonly dataset: 'indosum' | 'realnews';
  readonly outlet: string;
  readonly article: string;
  readonly quote: string;
  readonly speaker: string | null;
  readonly kind: AnnotatedKind;
  readonly split: 'dev' | 'test';
}

export interface OutletTally {
  /** Annotated quotes the text attributes to someone (person, organisation or description). */
  spoken: number;
  /** Of those, the ones the system found. */
  found: number;
  /** Found, and the system gives no speaker. */
  noSpeaker: number;
  /** Annotated quotes of a named person or organisation that the system found. */
  named: number;
  /** Of those, the system's speaker is a description or bare title, not a name. */
  description: number;
  /** Of those, the system names the right one. */
  right: number;
  /** Quotes annotated as not speech that the system found and gave a speaker. */
  noneWithSpeaker: number;
  readonly errors: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;

function words(text: string | null): string[] {
  return fold(text ?? '').match(WORD) ?? [];
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Words run together: the annotation keeps a scrape's glued words (`kontenruu`), which the corpus parts (`konten RUU`). */
const squashed = (list: readonly string[]): string => list.join('');

/** The system quote an annotation points at: one holding the annotated opening words, or held by them. */
export function matchQuote(quotes: readonly Quote[], key: string): Quote | undefined {
  const wanted = key.split(' ').filter((w) => w !== '');
  const opening = wanted.slice(0, 6);
  return (
    quotes.find((q) => containsRun(words(q.text), opening)) ??
    quotes.find((q) => {
      const own = words(q.text);
      return own.length >= 3 && containsRun(wanted, own.slice(0, 6));
    }) ??
    quotes.find((q) => squashed(words(q.text)).includes(squashed(opening)))
  );
}

/** A speaker that names nobody: it starts in lower case (`pria Portugis tersebut`, `sumber`) or is only a title (`Presiden`). */
export function isDescription(speaker: string): boolean {
  if (speaker.startsWith('@')) return false;
  if (/^\p{Ll}/u.test(speaker)) return true;
  const own = words(speaker);
  return own.length === 0 || own.every((w) => ROLE_WORDS.has(w));
}

function rightSpeaker(system: string, role: string | null, gold: string): boolean {
  const goldNames = words(gold).filter((w) => w.length >= 2 && !ROLE_WORDS.has(w));
  const own = new Set(words(system).filter((w) => !ROLE_WORDS.has(w)));
  if (goldNames.length > 0) return goldNames.some((w) => own.has(w));
  const withRole = new Set([...words(system), ...words(role)]);
  return words(gold).some((w) => withRole.has(w));
}

export function emptyTally(): OutletTally {
  return { spoken: 0, found: 0, noSpeaker: 0, named: 0, description: 0, right: 0, noneWithSpeaker: 0, errors: [] };
}

/** Scores one annotated quote against the quotes the system found in its article. */
export function scoreAnnotation(tally: OutletTally, annotation: AnnotatedQuote, quotes: readonly Quote[]): void {
  const quote = matchQuote(quotes, annotation.quote);
  const where = `${annotation.outlet} ${annotation.article} “${annotation.quote}…”`;
  if (annotation.kind === 'none') {
    if (quote !== undefined && quote.speaker !== null) tally.noneWithSpeaker += 1;
    return;
  }
  tally.spoken += 1;
  if (quote === undefined) {
    tally.errors.push(`[not found] ${where} gold=${annotation.speaker ?? '—'}`);
    return;
  }
  tally.found += 1;
  if (quote.speaker === null) {
    tally.noSpeaker += 1;
    tally.errors.push(`[no speaker] ${where} gold=${annotation.speaker ?? '—'}`);
    return;
  }
  if (annotation.kind === 'description') return;
  tally.named += 1;
  if (isDescription(quote.speaker)) {
    tally.description += 1;
    tally.errors.push(`[description] ${where} gold=${annotation.speaker ?? '—'} system=${quote.speaker}`);
  } else if (rightSpeaker(quote.speaker, quote.role, annotation.speaker ?? '')) tally.right += 1;
  else tally.errors.push(`[wrong] ${where} gold=${annotation.speaker ?? '—'} system=${quote.speaker}`);
}

/** The records of a JSON Lines file, as the caller says they are. */
async function jsonLines<T>(path: string): Promise<T[]> {
  const lines = (await readFile(path, 'utf8')).split('\n');
  return lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as T);
}

export function readAnnotations(path: string): Promise<AnnotatedQuote[]> {
  return jsonLines<AnnotatedQuote>(path);
}

interface RealnewsText {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

/** Loads the annotated articles as their outlets deliver them; returns them by annotation article id. */
export async function loadAnnotatedArticles(annotations: readonly AnnotatedQuote[], dataDir: string): Promise<Map<string, Article>> {
  const wanted = new Set(annotations.map((a) => a.article));
  const dir = await mkdtemp(join(tmpdir(), 'eval-quotes-outlets-'));
  try {
    const indosum = new Map<string, IndoSumArticle>();
    for (const fold of ['dev.01', 'dev.02', 'dev.03']) {
      for (const record of await readIndoSum(join(dataDir, 'indosum', `${fold}.jsonl`))) if (wanted.has(record.id)) indosum.set(record.id, record);
    }
    const jsonl = join(dir, 'indosum.jsonl');
    await writeFile(jsonl, `${[...indosum.values()].map(toJsonLine).join('\n')}\n`);
    const paths = [jsonl];
    for (const row of await jsonLines<RealnewsText>(join(dataDir, 'realnews', 'texts.jsonl'))) {
      if (!wanted.has(row.id)) continue;
      const path = join(dir, `${row.id}.txt`);
      await writeFile(path, `${row.title}\n\n${row.text}\n`);
      paths.push(path);
    }
    const { articles, problems } = await loadArticles(paths);
    for (const p of problems) process.stderr.write(`problem: ${p.file} ${p.reason}\n`);
    return new Map(articles.map((article) => [article.id, article]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '—' : (100 * (part / whole)).toFixed(1);
}

export function tallyLine(label: string, t: OutletTally): string {
  return `${label.padEnd(22)} spoken ${String(t.spoken).padStart(3)} · found ${pct(t.found, t.spoken).padStart(5)}% · no speaker ${pct(t.noSpeaker, t.found).padStart(5)}% · description ${pct(t.description, t.named).padStart(5)}% · right ${pct(t.right, t.named).padStart(5)}% of named · not-speech with speaker ${t.noneWithSpeaker}`;
}

export interface OutletReport {
  readonly all: OutletTally;
  readonly bySplit: ReadonlyMap<string, OutletTally>;
  readonly byOutlet: ReadonlyMap<string, OutletTally>;
}

/** How the articles' text is cased before the quote finder reads it: as delivered, or all in lower or upper case as some feeds deliver it. */
export type Casing = 'as-is' | 'lower' | 'upper';

function recased(article: Article, casing: Casing): Article {
  if (casing === 'as-is') return article;
  const change = (text: string): string => (casing === 'lower' ? text.toLowerCase() : text.toUpperCase());
  return { ...article, title: change(article.title), paragraphs: article.paragraphs.map(change) };
}

/** Scores the annotated quotes of one split (`dev` while tuning, `test` held out) or of all of them. */
export async function evaluateOutlets(annotationsPath: string, dataDir: string, casing: Casing = 'as-is', split: string = 'all'): Promise<OutletReport> {
  const annotations = (await readAnnotations(annotationsPath)).filter((a) => split === 'all' || a.split === split);
  const loaded = await loadAnnotatedArticles(annotations, dataDir);
  const articles = new Map([...loaded].map(([id, article]) => [id, recased(article, casing)]));
  const quotesOf = new Map<string, Quote[]>();
  const all = emptyTally();
  const bySplit = new Map<string, OutletTally>();
  const byOutlet = new Map<string, OutletTally>();
  for (const annotation of annotations) {
    const article = articles.get(annotation.article);
    let quotes = quotesOf.get(annotation.article);
    if (quotes === undefined) {
      quotes = article === undefined ? [] : findQuotes(article);
      quotesOf.set(annotation.article, quotes);
    }
    const outlet = `${annotation.dataset === 'realnews' ? 'rn:' : ''}${annotation.outlet}`;
    if (!bySplit.has(annotation.split)) bySplit.set(annotation.split, emptyTally());
    if (!byOutlet.has(outlet)) byOutlet.set(outlet, emptyTally());
    for (const tally of [all, bySplit.get(annotation.split) as OutletTally, byOutlet.get(outlet) as OutletTally]) scoreAnnotation(tally, annotation, quotes);
  }
  return { all, bySplit, byOutlet };
}

export function outletReportText(report: OutletReport, show: number, casing: Casing = 'as-is', split: string = 'all'): string {
  const lines = [
    `Speakers on many outlets (tests/quotes-outlets.annotated.jsonl: IndoSum and realnews quotes annotated by reading)${casing === 'as-is' ? '' : `, text in ${casing} case`}${split === 'all' ? '' : `, split ${split} only`}`,
    'no speaker: of the found quotes whose text gives a speaker · description: of the found quotes of a named person or body, the speaker is a description or bare title',
    tallyLine('all', report.all),
    ...[...report.bySplit].sort().map(([split, t]) => tallyLine(`split ${split}`, t)),
    ...[...report.byOutlet].sort().map(([outlet, t]) => tallyLine(`  ${outlet}`, t)),
  ];
  if (show > 0 && report.all.errors.length > 0) {
    lines.push(`disagreements (${report.all.errors.length}; showing ${Math.min(show, report.all.errors.length)}):`);
    for (const error of report.all.errors.slice(0, show)) lines.push(`  ${error}`);
  }
  return lines.join('\n');
}
