import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArticles, type Article } from '../src/corpus/index.js';
import { findQuotes, fold, type Quote } from '../src/quotes/index.js';
import { ROLE_WORDS } from '../src/quotes/lexicon.js';
import { evaluateOutlets, outletReportText, type Casing } from './eval-quotes-outlets.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_DATA = join(REPO, '..', 'shared', 'data');
const DEFAULT_PFSA = join(SHARED_DATA, 'pfsa-id', 'dev-40.txt');
const OUTLET_ANNOTATIONS = join(REPO, 'tests', 'quotes-outlets.annotated.jsonl');

/**
 * `npm run eval -- quotes [--paragraphs quote|sentence|article] [--spacing natural|tokens] [--split all|tune|holdout] [--show N] [--outlets only|none] [--case lower|upper] [--outlet-split all|dev|test] [pfsa.txt…]`
 * (PFSA-ID dev-40 when no file is given), then speakers on the annotated multi-outlet sample.
 * Rebuilds natural text from the tokenized PFSA-ID file (never from its tags), runs the loader and findQuotes
 * on it exactly as users get them, and scores direct quotes and their speakers against the tags.
 */

type ParagraphMode = 'quote' | 'sentence' | 'article';
type Spacing = 'natural' | 'tokens';

interface Tagged {
  readonly token: string;
  readonly tag: string;
  readonly sentence: number;
}

interface GoldQuote {
  readonly words: string[];
  readonly text: string;
  /** Resolved speaker name, the surface form written, and a role written with it. */
  readonly speaker: string | null;
  readonly surface: string | null;
}

interface PfsaArticle {
  readonly id: string;
  readonly paragraphs: string[];
  readonly gold: GoldQuote[];
  /** Quoted spans the annotators left unannotated (residents, slogans…), four words or more. */
  readonly unannotated: string[][];
}

const MARK_TOKENS = new Set(['”', '“', '"']);
const NO_SPACE_BEFORE = new Set([',', '.', ';', ':', '?', '!', ')', ']', '}', '%', '’']);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '‘']);
const JOINERS = new Set(['/', '-']);
const PRONOUNS = new Set(['ia', 'dia', 'beliau', 'mereka']);
const CUE_AFTER = new Set(['kata', 'ujar', 'ucap', 'tutur', 'ungkap', 'jelas', 'papar', 'tegas', 'sebut', 'terang', 'lanjut', 'tambah', 'imbuh', 'pungkas', 'tanya', 'tulis', 'tandas', 'katanya', 'ujarnya', 'ucapnya', 'tuturnya']);

function labelOf(tag: string): string {
  return tag === 'O' ? 'O' : tag.slice(2);
}

function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

function isAlnumToken(token: string | undefined): boolean {
  return token !== undefined && /^[\p{L}\p{N}]/u.test(token) && /[\p{L}\p{N}]$/u.test(token);
}

/** Which marks open a quote: by alternation, resynchronised by a cue right after a mark (then it closes). */
function markRoles(tokens: readonly Tagged[]): Map<number, 'open' | 'close'> {
  const roles = new Map<number, 'open' | 'close'>();
  let open = false;
  tokens.forEach((t, i) => {
    if (!MARK_TOKENS.has(t.token)) return;
    let k = i + 1;
    if (tokens[k]?.token === ',') k += 1;
    const cueNext = CUE_AFTER.has((tokens[k]?.token ?? '').toLowerCase());
    if (t.token === '“' || (!open && !cueNext)) {
      roles.set(i, 'open');
      open = true;
    } else {
      roles.set(i, 'close');
      open = false;
    }
  });
  return roles;
}

let spacing: Spacing = 'natural';

function detokenize(tokens: readonly Tagged[], roles: ReadonlyMap<number, 'open' | 'close'>, indices: readonly number[]): string {
  if (spacing === 'tokens') return indices.map((i) => (tokens[i] as Tagged).token).join(' ');
  let out = '';
  let previous: string | undefined;
  let previousIndex = -1;
  for (const i of indices) {
    const token = (tokens[i] as Tagged).token;
    const role = roles.get(i);
    let space = out.length > 0;
    if (NO_SPACE_BEFORE.has(token) || role === 'close') space = false;
    if (previous !== undefined && (NO_SPACE_AFTER.has(previous) || roles.get(previousIndex) === 'open')) space = false;
    if (JOINERS.has(token) && isAlnumToken(previous) && isAlnumToken(tokens[i + 1]?.token)) space = false;
    if (previous !== undefined && JOINERS.has(previous) && isAlnumToken(token) && isAlnumToken(tokens[previousIndex - 1]?.token)) space = false;
    out += (space ? ' ' : '') + token;
    previous = token;
    previousIndex = i;
  }
  return out;
}

function parsePfsa(text: string): Tagged[][] {
  const articles: Tagged[][] = [];
  let sentence: Tagged[] = [];
  let sentenceNo = 0;
  const sentences: Tagged[][] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (sentence.length > 0) sentences.push(sentence);
      sentence = [];
      sentenceNo += 1;
      continue;
    }
    const tab = line.lastIndexOf('\t');
    sentence.push({ token: line.slice(0, tab), tag: line.slice(tab + 1).trim(), sentence: sentenceNo });
  }
  if (sentence.length > 0) sentences.push(sentence);
  let current: Tagged[] = [];
  for (const s of sentences) {
    if (s.some((t) => t.tag === 'B-ISSUE' || t.tag === 'U-ISSUE') && current.length > 0) {
      articles.push(current);
      current = [];
    }
    current.push(...s);
  }
  if (current.length > 0) articles.push(current);
  return articles;
}

/** Sentences → paragraphs. `quote`: a sentence a paragraph, but a quotation stays whole, a sentence starting in lowercase joins the one before, and an opening mark left at a sentence's end moves to the next. */
function buildParagraphs(tokens: readonly Tagged[], roles: ReadonlyMap<number, 'open' | 'close'>, mode: ParagraphMode): string[] {
  const sentences: number[][] = [];
  tokens.forEach((t, i) => {
    const last = sentences[sentences.length - 1];
    if (last === undefined || (tokens[last[0] as number] as Tagged).sentence !== t.sentence) sentences.push([i]);
    else last.push(i);
  });
  if (mode === 'article') return [detokenize(tokens, roles, sentences.flat())];
  if (mode === 'sentence') return sentences.map((s) => detokenize(tokens, roles, s));
  for (let s = 0; s + 1 < sentences.length; s += 1) {
    const sentence = sentences[s] as number[];
    const last = sentence[sentence.length - 1] as number;
    if (sentence.length > 1 && roles.get(last) === 'open') {
      sentence.pop();
      (sentences[s + 1] as number[]).unshift(last);
    }
  }
  const paragraphs: number[][] = [];
  let open = false;
  for (const sentence of sentences) {
    if (sentence.length === 0) continue;
    const opensLower = /^\p{Ll}/u.test((tokens[sentence[0] as number] as Tagged).token);
    if ((!open && !opensLower) || paragraphs.length === 0) paragraphs.push([...sentence]);
    else (paragraphs[paragraphs.length - 1] as number[]).push(...sentence);
    for (const i of sentence) {
      const role = roles.get(i);
      if (role !== undefined) open = role === 'open';
    }
  }
  return paragraphs.map((p) => detokenize(tokens, roles, p));
}

interface Span {
  readonly label: string;
  readonly from: number;
  readonly to: number;
}

function spansOf(tokens: readonly Tagged[]): Span[] {
  const spans: Span[] = [];
  let start = -1;
  tokens.forEach((t, i) => {
    const prefix = t.tag[0];
    if (prefix === 'U') spans.push({ label: labelOf(t.tag), from: i, to: i + 1 });
    else if (prefix === 'B') start = i;
    else if (prefix === 'L' && start >= 0) {
      spans.push({ label: labelOf(t.tag), from: start, to: i + 1 });
      start = -1;
    }
  });
  return spans;
}

function textOfSpan(tokens: readonly Tagged[], span: Span): string {
  return tokens
    .slice(span.from, span.to)
    .map((t) => t.token)
    .join(' ');
}

/** Gold (statement, speaker) pairs: the cue next to the statement, and the person next to that cue. */
function goldOf(tokens: readonly Tagged[]): { gold: GoldQuote[]; statements: Span[] } {
  const spans = spansOf(tokens);
  const statements = spans.filter((s) => s.label === 'STATEMENT');
  const cues = spans.filter((s) => s.label === 'CUE' || s.label === 'CUECOREF');
  const persons = spans.filter((s) => s.label === 'PERSON' || s.label === 'PERSONCOREF');
  const fullNames = spans.filter((s) => s.label === 'PERSON');
  const resolved = new Map<Span, string>();
  const resolve = (person: Span): string => {
    const known = resolved.get(person);
    if (known !== undefined) return known;
    const surface = textOfSpan(tokens, person);
    let name = surface;
    if (person.label === 'PERSONCOREF') {
      const ws = words(surface);
      if (ws.length === 1 && PRONOUNS.has(ws[0] as string)) {
        const before = persons.filter((p) => p.to <= person.from && p !== person && !PRONOUNS.has(words(textOfSpan(tokens, p))[0] ?? ''));
        const last = before[before.length - 1];
        name = last === undefined ? surface : resolve(last);
      } else {
        const matches = fullNames.filter((f) => {
          const fw = words(textOfSpan(tokens, f));
          return ws.every((w) => fw.includes(w) || fw.some((x) => w.length >= 4 && x.startsWith(w)));
        });
        const before = matches.filter((m) => m.to <= person.from);
        const chosen = before[before.length - 1] ?? matches[0];
        if (chosen !== undefined) name = textOfSpan(tokens, chosen);
      }
    }
    resolved.set(person, name);
    return name;
  };
  const inStatement = (i: number): boolean => statements.some((s) => i >= s.from && i < s.to);
  const gold: GoldQuote[] = [];
  let previousSpeaker: { name: string; surface: string } | null = null;
  for (const statement of statements) {
    const following = statements.find((s) => s.from >= statement.to);
    let cue = cues.find((c) => c.from >= statement.to && c.from <= statement.to + 6 && (following === undefined || c.from < following.from));
    if (cue === undefined) {
      const preceding = [...statements].reverse().find((s) => s.to <= statement.from);
      cue = [...cues].reverse().find((c) => c.to <= statement.from && c.to >= statement.from - 20 && (preceding === undefined || c.from >= preceding.to));
    }
    let speaker: { name: string; surface: string } | null = null;
    if (cue?.label === 'CUE') {
      let best: Span | undefined;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (const person of persons) {
        if (inStatement(person.from)) continue;
        const distance = person.from >= cue.to ? person.from - cue.to : cue.from - person.to + 0.5;
        if (distance >= 0 && distance < bestDistance && distance <= 25) {
          best = person;
          bestDistance = distance;
        }
      }
      if (best !== undefined) speaker = { name: resolve(best), surface: textOfSpan(tokens, best) };
    }
    if (speaker === null) {
      const before = persons.filter((p) => p.to <= statement.from && !inStatement(p.from));
      const last = before[before.length - 1];
      if (last !== undefined) speaker = { name: resolve(last), surface: textOfSpan(tokens, last) };
      else speaker = previousSpeaker;
    }
    previousSpeaker = speaker;
    const statementWords = words(tokens.slice(statement.from, statement.to).map((t) => t.token).join(' '));
    gold.push({
      words: statementWords,
      text: tokens.slice(statement.from, statement.to).map((t) => t.token).filter((t) => !MARK_TOKENS.has(t)).join(' '),
      speaker: speaker?.name ?? null,
      surface: speaker?.surface ?? null,
    });
  }
  return { gold, statements };
}

function unannotatedSpans(tokens: readonly Tagged[], roles: ReadonlyMap<number, 'open' | 'close'>, statements: readonly Span[]): string[][] {
  const spans: string[][] = [];
  let openAt = -1;
  for (let i = 0; i < tokens.length; i += 1) {
    const role = roles.get(i);
    if (role === 'open') openAt = i;
    else if (role === 'close' && openAt >= 0) {
      const from = openAt;
      openAt = -1;
      if (statements.some((s) => s.from < i && s.to > from)) continue;
      const ws = words(tokens.slice(from + 1, i).map((t) => t.token).join(' '));
      if (ws.length >= 4) spans.push(ws);
    }
  }
  return spans;
}

function buildArticles(text: string, mode: ParagraphMode): PfsaArticle[] {
  return parsePfsa(text).map((tokens, n) => {
    const roles = markRoles(tokens);
    const { gold, statements } = goldOf(tokens);
    return {
      id: `pfsa-${String(n + 1).padStart(4, '0')}`,
      paragraphs: buildParagraphs(tokens, roles, mode),
      gold,
      unannotated: unannotatedSpans(tokens, roles, statements),
    };
  });
}

function overlap(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const w of a) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of b) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      shared += 1;
      counts.set(w, c - 1);
    }
  }
  return shared;
}

/** Enough token overlap: at least half of the longer of the two. */
function matches(a: readonly string[], b: readonly string[]): number {
  const shared = overlap(a, b);
  const longer = Math.max(a.length, b.length);
  return longer > 0 && shared * 2 >= longer ? shared / longer : 0;
}

function nameWords(text: string | null): string[] {
  return words(text ?? '').filter((w) => w.length >= 2);
}

/** Right speaker: the names share a word (roles aside); a gold speaker known only by a role compares with the role too. */
function sameSpeaker(quote: Quote, gold: GoldQuote): boolean {
  if (gold.speaker === null) return quote.speaker === null;
  if (quote.speaker === null) return false;
  const goldAll = [...nameWords(gold.speaker), ...nameWords(gold.surface)];
  const goldNames = goldAll.filter((w) => !ROLE_WORDS.has(w));
  const system = new Set(nameWords(quote.speaker).filter((w) => !ROLE_WORDS.has(w)));
  if (goldNames.length === 0) {
    const withRole = new Set([...nameWords(quote.speaker), ...nameWords(quote.role)]);
    return goldAll.some((w) => withRole.has(w));
  }
  return goldNames.some((w) => system.has(w));
}

interface Disagreement {
  readonly article: string;
  readonly kind: 'missed' | 'spurious' | 'speaker';
  readonly text: string;
  readonly gold: string | null;
  readonly system: string | null;
  readonly context: string;
}

function around(article: Article, quote: Quote): string {
  const paragraph = article.paragraphs.slice(quote.paragraph).join('\n');
  const before = [...article.paragraphs.slice(Math.max(0, quote.paragraph - 2), quote.paragraph), paragraph.slice(0, quote.start)].join('\n');
  return `${before.slice(-260)}⟦…⟧${paragraph.slice(quote.end, quote.end + 100)}`;
}

interface Tally {
  gold: number;
  system: number;
  excused: number;
  matched: number;
  rightSpeaker: number;
  disagreements: Disagreement[];
}

function score(articles: readonly Article[], pfsa: ReadonlyMap<string, PfsaArticle>): Tally {
  const tally: Tally = { gold: 0, system: 0, excused: 0, matched: 0, rightSpeaker: 0, disagreements: [] };
  for (const article of articles) {
    const reference = pfsa.get(article.id);
    if (reference === undefined) continue;
    const quotes = findQuotes(article);
    const system = quotes.map((q) => words(q.text));
    tally.gold += reference.gold.length;
    tally.system += quotes.length;
    const pairs: { s: number; g: number; score: number }[] = [];
    system.forEach((sw, s) => {
      reference.gold.forEach((g, gi) => {
        const m = matches(sw, g.words);
        if (m > 0) pairs.push({ s, g: gi, score: m });
      });
    });
    pairs.sort((a, b) => b.score - a.score);
    const usedS = new Set<number>();
    const usedG = new Set<number>();
    for (const pair of pairs) {
      if (usedS.has(pair.s) || usedG.has(pair.g)) continue;
      usedS.add(pair.s);
      usedG.add(pair.g);
      tally.matched += 1;
      const quote = quotes[pair.s] as Quote;
      const gold = reference.gold[pair.g] as GoldQuote;
      if (sameSpeaker(quote, gold)) tally.rightSpeaker += 1;
      else tally.disagreements.push({ article: article.id, kind: 'speaker', text: quote.text, gold: gold.speaker, system: quote.speaker, context: around(article, quote) });
    }
    reference.gold.forEach((g, gi) => {
      if (!usedG.has(gi)) tally.disagreements.push({ article: article.id, kind: 'missed', text: g.text, gold: g.speaker, system: null, context: '' });
    });
    quotes.forEach((q, s) => {
      if (usedS.has(s)) return;
      const sw = system[s] as string[];
      if (reference.unannotated.some((u) => matches(sw, u) > 0)) tally.excused += 1;
      else tally.disagreements.push({ article: article.id, kind: 'spurious', text: q.text, gold: null, system: q.speaker, context: around(article, q) });
    });
  }
  return tally;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function pct(x: number): string {
  return (100 * x).toFixed(1);
}

function report(tally: Tally, show: number, header: string, context: boolean): string {
  const recall = ratio(tally.matched, tally.gold);
  const strictP = ratio(tally.matched, tally.system);
  const lenientP = ratio(tally.matched, tally.system - tally.excused);
  const e2eR = ratio(tally.rightSpeaker, tally.gold);
  const e2eStrictP = ratio(tally.rightSpeaker, tally.system);
  const e2eLenientP = ratio(tally.rightSpeaker, tally.system - tally.excused);
  const lines = [
    header,
    `gold quotes ${tally.gold} · system quotes ${tally.system} (${tally.excused} match unannotated quoted spans of 4+ words) · matched ${tally.matched}`,
    `quote     P ${pct(lenientP)} (strict ${pct(strictP)})  R ${pct(recall)}  F1 ${pct(f1(lenientP, recall))} (strict ${pct(f1(strictP, recall))})`,
    `speaker   accuracy over matched quotes ${pct(ratio(tally.rightSpeaker, tally.matched))} (${tally.rightSpeaker}/${tally.matched})`,
    `end2end   P ${pct(e2eLenientP)} (strict ${pct(e2eStrictP)})  R ${pct(e2eR)}  F1 ${pct(f1(e2eLenientP, e2eR))} (strict ${pct(f1(e2eStrictP, e2eR))})`,
  ];
  if (show > 0) {
    lines.push('', `disagreements (${tally.disagreements.length}; showing ${Math.min(show, tally.disagreements.length)}):`);
    const kinds: Disagreement['kind'][] = ['speaker', 'missed', 'spurious'];
    const picked: Disagreement[] = [];
    for (let i = 0; picked.length < Math.min(show, tally.disagreements.length); i += 1) {
      for (const kind of kinds) {
        const ofKind = tally.disagreements.filter((d) => d.kind === kind);
        const d = ofKind[i];
        if (d !== undefined && picked.length < show) picked.push(d);
      }
      if (i > tally.disagreements.length) break;
    }
    for (const d of picked) {
      const text = d.text.length > 90 ? `${d.text.slice(0, 87)}…` : d.text;
      lines.push(`  [${d.kind}] ${d.article} “${text}” gold=${d.gold ?? '—'} system=${d.system ?? '—'}`);
      if (context && d.context !== '') lines.push(`      ${d.context.replace(/\n/g, ' ¶ ')}`);
    }
  }
  return lines.join('\n');
}

type OutletsMode = 'also' | 'only' | 'none';

function parseOptions(args: readonly string[]): {
  files: string[];
  mode: ParagraphMode;
  split: string;
  show: number;
  context: boolean;
  only: string | null;
  outlets: OutletsMode;
  casing: Casing;
  outletSplit: string;
} {
  const files: string[] = [];
  let outlets: OutletsMode = 'also';
  let casing: Casing = 'as-is';
  let outletSplit = 'all';
  let mode: ParagraphMode = 'quote';
  let split = 'all';
  let show = 12;
  let context = false;
  let only: string | null = null;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    const [flag, inline] = arg.startsWith('--') ? (arg.split(/=(.*)/s, 2) as [string, string | undefined]) : [arg, undefined];
    const value = (): string => inline ?? args[++i] ?? '';
    if (flag === '--paragraphs') {
      const v = value();
      if (v !== 'quote' && v !== 'sentence' && v !== 'article') throw new Error(`--paragraphs must be quote, sentence or article, not "${v}"`);
      mode = v;
    } else if (flag === '--split') split = value();
    else if (flag === '--show') show = Number(value());
    else if (flag === '--context') context = true;
    else if (flag === '--spacing') {
      const v = value();
      if (v !== 'natural' && v !== 'tokens') throw new Error(`--spacing must be natural or tokens, not "${v}"`);
      spacing = v;
    }
    else if (flag === '--only') only = value();
    else if (flag === '--outlets') {
      const v = value();
      if (v !== 'only' && v !== 'none' && v !== 'also') throw new Error(`--outlets must be also, only or none, not "${v}"`);
      outlets = v;
    } else if (flag === '--case') {
      const v = value();
      if (v !== 'as-is' && v !== 'lower' && v !== 'upper') throw new Error(`--case must be as-is, lower or upper, not "${v}"`);
      casing = v;
    } else if (flag === '--outlet-split') {
      const v = value();
      if (v !== 'all' && v !== 'dev' && v !== 'test') throw new Error(`--outlet-split must be all, dev or test, not "${v}"`);
      outletSplit = v;
    } else files.push(arg);
  }
  if (!['all', 'tune', 'holdout'].includes(split)) throw new Error(`--split must be all, tune or holdout, not "${split}"`);
  if (files.length === 0) files.push(DEFAULT_PFSA);
  return { files, mode, split, show, context, only, outlets, casing, outletSplit };
}

/** Entry point of `npm run eval -- quotes …`. */
export async function runQuotesEval(args: string[]): Promise<number> {
  const { files, mode, split, show, context, only, outlets, casing, outletSplit } = parseOptions(args);
  if (outlets !== 'only') await runPfsa(files, mode, split, show, context, only);
  if (outlets !== 'none') {
    const report = await evaluateOutlets(OUTLET_ANNOTATIONS, SHARED_DATA, casing, outletSplit);
    process.stdout.write(`${outlets === 'only' ? '' : '\n'}${outletReportText(report, show, casing, outletSplit)}\n`);
  }
  return 0;
}

async function runPfsa(files: readonly string[], mode: ParagraphMode, split: string, show: number, context: boolean, only: string | null): Promise<void> {
  const pfsa: PfsaArticle[] = [];
  for (const file of files) {
    for (const a of buildArticles(await readFile(file, 'utf8'), mode)) pfsa.push({ ...a, id: `${files.length > 1 ? `${file}:` : ''}${a.id}` });
  }
  const chosen = pfsa.filter((_, n) => split === 'all' || (split === 'holdout') === (n % 4 === 3));
  const dir = await mkdtemp(join(tmpdir(), 'eval-quotes-'));
  try {
    const path = join(dir, 'pfsa.jsonl');
    await writeFile(path, chosen.map((a) => JSON.stringify({ id: a.id, paragraphs: a.paragraphs })).join('\n') + '\n');
    const { articles, problems } = await loadArticles([path]);
    for (const p of problems) process.stderr.write(`problem: ${p.file}${p.line === undefined ? '' : `:${p.line}`} ${p.reason}\n`);
    let perArticle = 0;
    let cpuPerArticle = 0;
    for (let round = 0; round < 3; round += 1) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      for (const article of articles) findQuotes(article);
      const used = process.cpuUsage(cpu);
      perArticle = (performance.now() - started) / Math.max(1, articles.length);
      cpuPerArticle = (used.user + used.system) / 1000 / Math.max(1, articles.length);
    }
    const tally = score(articles, new Map(chosen.map((a) => [a.id, a])));
    if (only !== null) tally.disagreements = tally.disagreements.filter((d) => d.kind === only);
    const header = `PFSA-ID quotes · ${articles.length} articles (split ${split}, paragraphs by ${mode}) · findQuotes ${perArticle.toFixed(3)} ms/article wall, ${cpuPerArticle.toFixed(3)} ms CPU (third pass)`;
    process.stdout.write(`${report(tally, show, header, context)}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
