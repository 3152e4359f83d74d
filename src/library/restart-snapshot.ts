import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ArticleAnalysis } from '../analysis/article-analysis.js';
import { adoptTerms, dictionaryTerms, PackedAnalysis } from '../analysis/compact.js';
import { analysisFingerprint } from '../analysis/fingerprint.js';
import type { Article, LoadProblem } from '../corpus/article.js';
import { sameStamp, type CorpusSnapshot, type EarlierReadings, type FileReading, type FileStamp } from '../corpus/index.js';
import type { Quote } from '../quotes/index.js';
import { bytesOf, int32Of, readSectionedFile, UnusableFileError, writeSectionedFile, type ReadOptions, type SectionKind, type SectionReader } from './sectioned-file.js';
import { IntsOut, StringsIn, StringsOut } from './snapshot-strings.js';
import { hashCodeFolder } from './code-digest.js';

/**
 * What a whole read of the corpus folder and its build produced (parsed articles, their packed analyses and quotes, and the
 * stamp of every file), kept in DATA_DIR as one file of a few large sections, so a restart reads it and stats the folder's
 * files instead of reading, parsing and looking up the analysis of each.
 */
export const RESTART_SNAPSHOT_FILE = 'restart-snapshot.bin';

const MAGIC = 'RKRSNAP\n';
/** Bump when the layout below changes: a snapshot of another format is not read. */
const FORMAT = 1;
/** Articles encoded between two yields to the event loop while saving, so answers wait for no more than a slice. */
const ARTICLES_PER_SLICE = 2_000;

/**
 * The analysing code and the code that reads and cleans corpus files, as it runs: a snapshot written by other code holds
 * articles and analyses this code might make differently from the same files.
 */
export function snapshotFingerprint(): string {
  const hash = createHash('sha256').update(analysisFingerprint());
  hashCodeFolder(hash, import.meta.url, '../corpus/', /\.(ts|js|json)$/, { recursive: true, label: '' });
  return hash.digest('hex');
}

/** What a snapshot must have been written for: the code (snapshotFingerprint), and the folder read with the same size limit. */
export interface SnapshotKey {
  readonly fingerprint: string;
  readonly dir: string;
  readonly maxBytes: number;
}

/** What a restart takes from the snapshot: readings of unchanged files, and the analyses of their contents. */
export interface RestartState {
  readonly readings: EarlierReadings;
  /** By content hash. */
  readonly analyses: ReadonlyMap<string, ArticleAnalysis>;
  readonly files: number;
}

/** Why a snapshot was not used (the file is there but is not one this run can trust). */
export class UnusableSnapshotError extends Error {
  override name = 'UnusableSnapshotError';
}

/** Its sections: string records, structure (int32), file stamps (float64), packed analyses (int32), problems (json), then text blocks (latin1, utf16). */
interface Header {
  readonly format: number;
  readonly key: SnapshotKey;
}

type EncodedQuote = Omit<Quote, 'articleId'>;

/** Writes the snapshot of one build atomically (temporary file, then rename); gives up, writing nothing, once `stopped` says so (shutdown). */
export async function writeRestartSnapshot(
  file: string,
  key: SnapshotKey,
  snapshot: CorpusSnapshot,
  analyses: readonly ArticleAnalysis[],
  stopped: () => boolean = () => false,
): Promise<void> {
  const stamps = snapshot.stamps ?? [];
  const strings = new StringsOut();
  const structure = new IntsOut();
  const stampNumbers = new Float64Array(stamps.length * 3);
  const analysisOf = new Map<Article, ArticleAnalysis>();
  snapshot.articles.forEach((article, i) => analysisOf.set(article, analyses[i] as ArticleAnalysis));
  const byFile = new Map<string, Article[]>(stamps.map((stamp) => [stamp.name, []]));
  for (const article of snapshot.articles) byFile.get(article.file)?.push(article);
  const problems: [number, Omit<LoadProblem, 'file'>][] = [];
  const fileIndex = new Map(stamps.map((stamp, i) => [stamp.name, i]));
  for (const { file, ...problem } of snapshot.problems) {
    const at = fileIndex.get(file);
    if (at !== undefined) problems.push([at, problem]);
  }

  const terms = dictionaryTerms(analyses.map((analysis) => analysis.analyzed));
  structure.push(terms.length);
  for (const term of terms) structure.push(strings.add(term));
  structure.push(stamps.length);
  const packed: Int32Array[] = [];
  let packedLength = 0;
  let written = 0;
  for (const [i, stamp] of stamps.entries()) {
    stampNumbers.set([stamp.size, stamp.mtimeMs, stamp.ctimeMs], i * 3);
    const articles = byFile.get(stamp.name) ?? [];
    structure.push(strings.add(stamp.name));
    structure.push(articles.length);
    for (const article of articles) {
      const analysis = analysisOf.get(article) as ArticleAnalysis;
      const analyzed = analysis.analyzed;
      if (!(analyzed instanceof PackedAnalysis)) throw new Error(`analysis of ${article.id} is not packed`);
      for (const text of [article.id, article.title, article.published, article.source, article.url, article.city, article.category, article.contentHash]) {
        structure.push(strings.add(text));
      }
      structure.push(article.paragraphs.length);
      for (const paragraph of article.paragraphs) structure.push(strings.add(paragraph));
      structure.push(analysis.quotes.length);
      for (const quote of analysis.quotes) writeQuote(quote, structure, strings);
      structure.push(analyzed.packed.length);
      packed.push(analyzed.packed);
      packedLength += analyzed.packed.length;
      if (++written % ARTICLES_PER_SLICE === 0) {
        await nextTurn();
        if (stopped()) return;
      }
    }
  }
  const allPacked = new Int32Array(packedLength);
  let at = 0;
  for (const array of packed) {
    allPacked.set(array, at);
    at += array.length;
  }
  const sections: { kind: SectionKind; bytes: Uint8Array }[] = [
    { kind: 'int32', bytes: bytesOf(strings.records()) },
    { kind: 'int32', bytes: bytesOf(structure.done()) },
    { kind: 'float64', bytes: bytesOf(stampNumbers) },
    { kind: 'int32', bytes: bytesOf(allPacked) },
    { kind: 'json', bytes: Buffer.from(JSON.stringify(problems)) },
  ];
  for (const block of strings.blocks()) {
    await nextTurn();
    sections.push({ kind: block.kind, bytes: block.bytes });
  }
  await writeSectionedFile(file, MAGIC, { format: FORMAT, key }, sections, stopped);
}

function writeQuote(quote: Quote, out: IntsOut, strings: StringsOut): void {
  for (const text of [quote.text, quote.speaker, quote.role, quote.cue, quote.mention]) out.push(strings.add(text));
  out.push(quote.partial ? 1 : 0);
  out.push(quote.paragraph);
  out.push(quote.start);
  out.push(quote.end);
  out.push(quote.aliases.length);
  for (const alias of quote.aliases) out.push(strings.add(alias));
}

/**
 * Reads a snapshot written for `key`; undefined when there is none. Throws UnusableSnapshotError naming why one that is there
 * cannot be used (another format or analysing code, another folder, damage): the caller then reads the folder as usual.
 */
export function readRestartSnapshot(file: string, key: SnapshotKey, options: ReadOptions = {}): RestartState | undefined {
  try {
    const check = (header: Header): void => {
      if (header.format !== FORMAT) throw new UnusableSnapshotError(`format ${String(header.format)}, this code reads format ${FORMAT}`);
      if (header.key?.fingerprint !== key.fingerprint) throw new UnusableSnapshotError('written by other reading or analysing code');
      if (header.key.dir !== key.dir) throw new UnusableSnapshotError(`of another corpus folder (${String(header.key.dir)})`);
      if (header.key.maxBytes !== key.maxBytes) throw new UnusableSnapshotError(`read with another size limit (${String(header.key.maxBytes)} bytes)`);
    };
    return readSectionedFile(file, MAGIC, 'restart snapshot', check, (_header, sections) => decodeSections(sections), options);
  } catch (error) {
    if (error instanceof UnusableSnapshotError) throw error;
    if (error instanceof UnusableFileError) throw new UnusableSnapshotError(error.message);
    throw new UnusableSnapshotError(`damaged: ${(error as Error).message}`);
  }
}

function decodeSections(sections: SectionReader): RestartState {
  const records = int32Of(sections.next('int32'));
  const structure = int32Of(sections.next('int32'));
  const stampBytes = sections.next('float64');
  const stampNumbers = new Float64Array(stampBytes.buffer, stampBytes.byteOffset, stampBytes.length / 8);
  const packedAll = int32Of(sections.next('int32'));
  const problems = JSON.parse(sections.next('json').toString('utf8')) as [number, Omit<LoadProblem, 'file'>][];
  const blocks: string[] = [];
  // one block read and decoded at a time, each into the same buffer, so the file's text is never in memory twice over
  const scratch = Buffer.allocUnsafe(Math.max(0, ...sections.sizes.slice(5)));
  for (let index = 5; index < sections.kinds.length; index++) {
    const kind = sections.kinds[index];
    if (kind !== 'latin1' && kind !== 'utf16') throw new UnusableSnapshotError(`section ${index} is not text`);
    blocks.push(StringsIn.decode(kind, sections.next(kind, scratch)));
  }
  return decode(new StringsIn(records, blocks), structure, stampNumbers, packedAll, problems);
}

/** Reads the structure section in order; running past its end throws. */
class Cursor {
  #at = 0;
  constructor(private readonly ints: Int32Array) {}

  next(): number {
    if (this.#at >= this.ints.length) throw new RangeError('structure ends early');
    return this.ints[this.#at++] as number;
  }

  count(): number {
    const n = this.next();
    if (n < 0) throw new RangeError(`negative count ${n}`);
    return n;
  }

  get done(): boolean {
    return this.#at === this.ints.length;
  }
}

function decode(
  strings: StringsIn,
  structure: Int32Array,
  stampNumbers: Float64Array,
  packedAll: Int32Array,
  problemList: readonly [number, Omit<LoadProblem, 'file'>][],
): RestartState {
  const cursor = new Cursor(structure);
  const terms = Array.from({ length: cursor.count() }, () => strings.get(cursor.next()));
  const fileCount = cursor.count();
  if (stampNumbers.length !== fileCount * 3) throw new RangeError('stamps do not match the files');
  const problemsOf = new Map<number, LoadProblem[]>();
  const readings = new Map<string, { stamp: FileStamp; reading: FileReading }>();
  const analyses = new Map<string, ArticleAnalysis>();
  const names: string[] = [];
  const packedViews: Int32Array[] = [];
  let packedAt = 0;
  for (let f = 0; f < fileCount; f++) {
    const name = strings.get(cursor.next());
    names.push(name);
    const articles: Article[] = [];
    const articleCount = cursor.count();
    for (let a = 0; a < articleCount; a++) {
      const text = (): string => strings.get(cursor.next());
      const textOrNull = (): string | null => strings.orNull(cursor.next());
      // in the order written
      const id = text();
      const title = text();
      const published = textOrNull();
      const source = textOrNull();
      const url = textOrNull();
      const city = textOrNull();
      const category = textOrNull();
      const contentHash = text();
      const paragraphs = Array.from({ length: cursor.count() }, () => strings.get(cursor.next()));
      const article: Article = { id, title, published, source, url, city, category, paragraphs, contentHash, file: name };
      const quotes = Array.from({ length: cursor.count() }, (): Quote => ({ articleId: id, ...readQuote(cursor, strings) }));
      const length = cursor.count();
      if (packedAt + length > packedAll.length) throw new RangeError('packed analyses end early');
      const packed = packedAll.subarray(packedAt, packedAt + length);
      packedAt += length;
      packedViews.push(packed);
      articles.push(article);
      analyses.set(contentHash, { analyzed: new PackedAnalysis(article, packed), quotes });
    }
    const size = stampNumbers[f * 3] as number;
    const stamp: FileStamp = { name, size, mtimeMs: stampNumbers[f * 3 + 1] as number, ctimeMs: stampNumbers[f * 3 + 2] as number };
    readings.set(name, { stamp, reading: { articles, problems: [] } });
  }
  if (!cursor.done || packedAt !== packedAll.length) throw new RangeError('trailing data');
  for (const [f, problem] of problemList) {
    const name = names[f];
    if (name === undefined) throw new RangeError(`problem of file ${f}`);
    let list = problemsOf.get(f);
    if (list === undefined) problemsOf.set(f, (list = []));
    list.push({ ...problem, file: name });
  }
  for (const [f, list] of problemsOf) {
    const entry = readings.get(names[f] as string) as { stamp: FileStamp; reading: FileReading };
    entry.reading = { articles: entry.reading.articles, problems: list };
  }
  adoptTerms(terms, packedViews);
  return {
    files: fileCount,
    analyses,
    readings: {
      reading(stamp) {
        const entry = readings.get(stamp.name);
        return entry !== undefined && sameStamp(entry.stamp, stamp) ? entry.reading : undefined;
      },
    },
  };
}

function readQuote(cursor: Cursor, strings: StringsIn): EncodedQuote {
  const text = strings.get(cursor.next());
  const speaker = strings.orNull(cursor.next());
  const role = strings.orNull(cursor.next());
  const cue = strings.orNull(cursor.next());
  const mention = strings.orNull(cursor.next());
  const partial = cursor.next() === 1;
  const paragraph = cursor.count();
  const start = cursor.count();
  const end = cursor.count();
  const aliases = Array.from({ length: cursor.count() }, () => strings.get(cursor.next()));
  return { text, speaker, role, aliases, mention, cue, partial, paragraph, start, end };
}
