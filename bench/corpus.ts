import { createHash } from 'node:crypto';
import { link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detokenizeParagraph, readIndoSum, type IndoSumArticle } from '../scripts/rouge-indosum.js';
import { datelineLength } from '../src/text/index.js';
import { addWordTypes, variedVocabulary } from './vocabulary.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const INDOSUM_DEV_FOLDS: readonly string[] = ['dev.01.jsonl', 'dev.02.jsonl', 'dev.03.jsonl'].map((name) =>
  resolve(REPO_ROOT, '../shared/data/indosum', name),
);

/** Bump when the generated text changes, so a cached corpus is rebuilt. */
const GENERATOR_VERSION = 4;
const MANIFEST = '.bench-corpus.json';

/** One article as the generator writes it (paragraphs of natural text). */
export interface SourceArticle {
  /** The IndoSum record id. */
  readonly sourceId: string;
  readonly paragraphs: readonly string[];
}

export interface BenchCorpus {
  /** Scale factor → folder holding that many copies of the base corpus (1 = the base itself). */
  readonly dirs: ReadonlyMap<number, string>;
  readonly baseArticles: number;
  readonly bytes: ReadonlyMap<number, number>;
  /** Scale → distinct word types (lower case) of its files: how the vocabulary grows with the corpus. */
  readonly wordTypes: ReadonlyMap<number, number>;
}

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const ZONES = ['WIB', 'WIB', 'WIB', 'WITA', 'WIT'];

/** Deterministic 32-bit hash of a string: drives every "random" choice so runs are repeatable. */
function hash32(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0);
}

/** `Kamis, 14 September 2023 - 20:22 WIB`, a date between 2016 and 2023 chosen by the key, weekday consistent with the date. */
export function dateLine(key: string): string {
  const h = hash32(`date:${key}`);
  const start = Date.UTC(2016, 0, 1);
  const span = Date.UTC(2024, 0, 1) - start;
  const date = new Date(start + (h % Math.floor(span / 60_000)) * 60_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const zone = ZONES[h % ZONES.length] ?? 'WIB';
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} - ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} ${zone}`;
}

const TITLE_MAX = 90;

/** The first sentence when it is headline-sized, otherwise its first words: IndoSum has no titles. */
export function madeUpTitle(firstParagraph: string): string {
  const sentence = detokenizedFirstSentence(firstParagraph);
  const text = sentence.slice(datelineLength(sentence)).replace(/[.!?]+$/, '').trim();
  if (text.length <= TITLE_MAX) return text;
  const words = text.split(/\s+/);
  let title = '';
  for (const word of words) {
    if (title.length + word.length + 1 > TITLE_MAX - 10) break;
    title = title === '' ? word : `${title} ${word}`;
  }
  return title.replace(/[,;:]+$/, '');
}

function detokenizedFirstSentence(paragraph: string): string {
  const match = /^.+?[.!?](?=\s+[\p{Lu}“"]|$)/u.exec(paragraph);
  return (match?.[0] ?? paragraph).trim();
}

/** Reads the IndoSum folds into natural-text articles (the same detokenizer as the evaluation). */
export async function readSourceArticles(folds: readonly string[] = INDOSUM_DEV_FOLDS): Promise<SourceArticle[]> {
  const articles: SourceArticle[] = [];
  for (const fold of folds) {
    const records: IndoSumArticle[] = await readIndoSum(fold);
    for (const record of records) {
      const paragraphs = record.paragraphs.map((p) => detokenizeParagraph(p).text).filter((p) => p.trim() !== '');
      if (paragraphs.length > 0) articles.push({ sourceId: record.id, paragraphs });
    }
  }
  return articles;
}

/** Word pairs swapped in copies: common words whose swap keeps the text Indonesian. */
const SYNONYMS: ReadonlyArray<readonly [string, string]> = [
  ['mengatakan', 'menyatakan'], ['juga', 'pula'], ['namun', 'tetapi'], ['sangat', 'amat'], ['besar', 'akbar'],
  ['kata', 'ujar'], ['kemudian', 'lalu'], ['saat', 'ketika'], ['hanya', 'cuma'], ['agar', 'supaya'], ['akan', 'bakal'],
  ['sudah', 'telah'], ['banyak', 'sejumlah'], ['tahun', 'masa'], ['warga', 'penduduk'], ['menurut', 'kata'],
];

/**
 * A lightly changed copy: every digit rotated by the copy index, one word pair swapped, two adjacent words of the last
 * paragraph exchanged. The content hash differs; length, vocabulary and structure stay those of real news.
 */
export function variantParagraphs(paragraphs: readonly string[], copy: number): string[] {
  if (copy === 0) return [...paragraphs];
  const [from, to] = SYNONYMS[copy % SYNONYMS.length] ?? ['juga', 'pula'];
  const swapWord = new RegExp(`(?<![\\p{L}\\p{N}])${from}(?![\\p{L}\\p{N}])`, 'gu');
  const changed = paragraphs.map((p) => p.replace(/\d/g, (d) => String((Number(d) + copy) % 10)).replace(swapWord, to));
  const lastIndex = changed.length - 1;
  const words = (changed[lastIndex] ?? '').split(' ');
  if (words.length > 3) {
    const at = 1 + ((copy * 7) % (words.length - 2));
    const a = words[at] ?? '';
    words[at] = words[at - 1] ?? '';
    words[at - 1] = a;
    changed[lastIndex] = words.join(' ');
  }
  return changed;
}

/** The scraped-text file for one article: title, blank line, date line, one paragraph a line with blank lines between. */
export function scrapedText(title: string, date: string, paragraphs: readonly string[]): string {
  return `${title}\n\n${date}\n${paragraphs.join('\n\n')}\n`;
}

export function articleFileName(index: number, copy: number, sourceId: string): string {
  const tag = createHash('sha1').update(`${copy}:${sourceId}`).digest('hex').slice(0, 16);
  return `${String(copy).padStart(2, '0')}${String(index).padStart(4, '0')}_${tag}.txt`;
}

interface Manifest {
  readonly version: number;
  /** False while the files are being written: an interrupted run is rebuilt, not reused. */
  readonly complete: boolean;
  readonly limit: number | null;
  readonly scales: readonly number[];
  readonly baseArticles: number;
  readonly bytes: Record<string, number>;
  /** Copies rename a share of their words (bench/vocabulary.ts); absent in manifests older than the option. */
  readonly varied?: boolean;
  readonly wordTypes?: Record<string, number>;
}

async function readManifest(root: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(join(root, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

export interface BenchCorpusOptions {
  readonly scales?: readonly number[];
  readonly root?: string;
  /** Only the first this many IndoSum articles (tests use a few). */
  readonly limit?: number;
  readonly log?: (line: string) => void;
  /** Copies rename a share of their words, so the vocabulary grows with the corpus (the scale section's corpora). */
  readonly varied?: boolean;
}

/** The scale section's sizes: the base, ×10, ×30 and ×111 (about 250,000 articles, issue 15). */
export const SCALE_SECTION_SCALES: readonly number[] = [1, 10, 30, 111];

export const DEFAULT_CORPUS_ROOT = join(tmpdir(), 'ringkas-bench-corpus');
/** The varied corpora live apart, so the other sections keep their cached light copies. */
export const VARIED_CORPUS_ROOT = join(tmpdir(), 'ringkas-bench-corpus-varied');

/**
 * Writes the base corpus and its ×N scalings as scraped-text files under `root` (one folder per scale; smaller scales are
 * hard links into the largest), or reuses them when an earlier run of the same generator version left them complete.
 */
export async function ensureBenchCorpus(options: BenchCorpusOptions = {}): Promise<BenchCorpus> {
  const { scales = [1, 10, 30], varied = false, root = varied ? VARIED_CORPUS_ROOT : DEFAULT_CORPUS_ROOT, limit, log = () => {} } = options;
  const sorted = [...new Set(scales)].sort((a, b) => a - b);
  const largest = sorted[sorted.length - 1] ?? 1;
  const dirOf = (scale: number): string => join(root, `x${scale}`);
  const manifest = await readManifest(root);
  const reusable =
    manifest?.complete === true && manifest.version === GENERATOR_VERSION && manifest.limit === (limit ?? null) &&
    (manifest.varied ?? false) === varied && sorted.every((s) => manifest.scales.includes(s));
  if (manifest !== null && reusable) {
    return {
      dirs: new Map(sorted.map((s) => [s, dirOf(s)])),
      baseArticles: manifest.baseArticles,
      bytes: new Map(sorted.map((s) => [s, manifest.bytes[String(s)] ?? 0])),
      wordTypes: new Map(sorted.map((s) => [s, manifest.wordTypes?.[String(s)] ?? Number.NaN])),
    };
  }

  const started = performance.now();
  if (manifest === null && (await readdir(root).catch(() => [])).length > 0) {
    throw new Error(`${root} exists and was not written by the bench corpus generator; refusing to replace it`);
  }
  await rm(root, { recursive: true, force: true });
  for (const scale of sorted) await mkdir(dirOf(scale), { recursive: true });
  const sources = (await readSourceArticles()).slice(0, limit);
  const pending: Manifest = { version: GENERATOR_VERSION, complete: false, limit: limit ?? null, scales: sorted, baseArticles: sources.length, bytes: {}, varied };
  await writeFile(join(root, MANIFEST), JSON.stringify(pending));
  const bytes = new Map<number, number>(sorted.map((s) => [s, 0]));
  const wordTypes = new Map<number, number>();
  const seen = new Set<string>();
  for (let copy = 0; copy < largest; copy++) {
    const holders = sorted.filter((s) => copy < s);
    const writes: Promise<void>[] = [];
    for (const [index, source] of sources.entries()) {
      const paragraphs = variantParagraphs(varied ? variedVocabulary(source.paragraphs, copy) : source.paragraphs, copy);
      addWordTypes(seen, paragraphs);
      const name = articleFileName(index, copy, source.sourceId);
      const text = scrapedText(madeUpTitle(paragraphs[0] ?? ''), dateLine(name), paragraphs);
      const size = Buffer.byteLength(text);
      for (const s of holders) bytes.set(s, (bytes.get(s) ?? 0) + size);
      const [first, ...others] = holders.map(dirOf);
      writes.push(
        (async () => {
          if (first === undefined) return;
          await writeFile(join(first, name), text);
          for (const dir of others) await link(join(first, name), join(dir, name));
        })(),
      );
      if (writes.length >= 256) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
    if (sorted.includes(copy + 1)) wordTypes.set(copy + 1, seen.size);
  }
  const written: Manifest = { ...pending, complete: true, bytes: Object.fromEntries(bytes), wordTypes: Object.fromEntries(wordTypes) };
  await writeFile(join(root, MANIFEST), JSON.stringify(written));
  log(`generated ${sources.length} × ${largest} articles under ${root} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { dirs: new Map(sorted.map((s) => [s, dirOf(s)])), baseArticles: sources.length, bytes, wordTypes };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const varied = process.argv.includes('--varied');
  const root = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
  const corpus = await ensureBenchCorpus({
    ...(root === undefined ? {} : { root }), varied, scales: varied ? SCALE_SECTION_SCALES : [1, 10, 30], log: (line) => console.log(line),
  });
  for (const [scale, dir] of corpus.dirs) console.log(`x${scale}\t${corpus.baseArticles * scale} articles\t${corpus.wordTypes.get(scale)} word types\t${dir}`);
}
