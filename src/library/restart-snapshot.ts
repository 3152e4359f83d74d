import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ArticleAnalysis } from '../analysis/article-analysis.js';
import { adoptTerms, dictionaryTerms, PackedAnalysis } from '../analysis/compact.js';
import { analysisFingerprint } from '../analysis/fingerprint.js';
import type { Article, LoadProblem } from '../corpus/article.js';
import { sameStamp, StoredArticle, type CorpusSnapshot, type EarlierReadings, type FileReading, type FileStamp } from '../corpus/index.js';
import type { Quote } from '../quotes/index.js';
import { bytesOf, int32Of, readSectionedFile, SectionedFileWriter, UnusableFileError, type ReadOptions, type SectionPlace, type SectionReader } from './sectioned-file.js';
import { BLOCK_CHARS, IntsOut, StringsIn, StringsOut } from './snapshot-strings.js';
import { paragraphChecksum, SnapshotParagraphs, type TextBlockPlace } from './snapshot-paragraphs.js';
import { hashCodeFolder } from './code-digest.js';

/**
 * What a whole read of the corpus folder and its build produced (parsed articles, their packed analyses and quotes, and the
 * stamp of every file), kept in DATA_DIR as one file of a few large sections, so a restart reads it and stats the folder's
 * files instead of reading, parsing and looking up the analysis of each.
 */
export const RESTART_SNAPSHOT_FILE = 'restart-snapshot.bin';

const MAGIC = 'RKRSNAP\n';
/** Bump when the layout below changes: a snapshot of another format is not read. */
const FORMAT = 4;
/** Sections after the text blocks. */
const LEADING_SECTIONS = 7;
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
  /** Told once if an article's paragraphs, read later from the snapshot, turn out damaged (that read throws the reason too). */
  whenTextDamaged(listener: (reason: string) => void): void;
}

/** Why a snapshot was not used (the file is there but is not one this run can trust). */
export class UnusableSnapshotError extends Error {
  override name = 'UnusableSnapshotError';
}

/**
 * Its sections: the text blocks (latin1, utf16) of the strings and of the paragraphs, in the order they filled and were
 * written, then string records, structure (int32), file stamps (float64), packed analyses (int32), problems (json),
 * paragraph records and each article's paragraphs (int32). A restart checks and decodes all but the paragraphs' blocks,
 * which stay in the file, each article's read and checked against its own checksum when asked for
 * (src/library/snapshot-paragraphs.ts).
 */
interface Header {
  readonly format: number;
  readonly key: SnapshotKey;
  /** Whose each text block is and its number there (as the records name it), in file order. */
  readonly textBlocks: readonly (readonly [TextOwner, number])[];
}

/** The strings' text (`s`) or the paragraphs' (`p`). */
type TextOwner = 's' | 'p';

/**
 * Writes the snapshot of one build atomically (temporary file, then rename); gives up, writing nothing, once `stopped` says
 * so (shutdown). The paragraphs' text goes to the file block by block as it is encoded: it is most of the file.
 * `textBlockChars`: characters per text block.
 */
export async function writeRestartSnapshot(
  file: string,
  key: SnapshotKey,
  snapshot: CorpusSnapshot,
  analyses: readonly ArticleAnalysis[],
  stopped: () => boolean = () => false,
  textBlockChars = BLOCK_CHARS,
): Promise<void> {
  const writer = await SectionedFileWriter.create(file, MAGIC);
  try {
    const header = await writeSections(writer, key, snapshot, analyses, stopped, textBlockChars);
    if (header === undefined) await writer.abandon();
    else await writer.finish(header);
  } catch (error) {
    await writer.abandon();
    throw error;
  }
}

/** Writes every section; the header they need, or undefined once `stopped` says so. */
async function writeSections(
  writer: SectionedFileWriter,
  key: SnapshotKey,
  snapshot: CorpusSnapshot,
  analyses: readonly ArticleAnalysis[],
  stopped: () => boolean,
  textBlockChars: number,
): Promise<Header | undefined> {
  const stamps = snapshot.stamps ?? [];
  const strings = new StringsOut(textBlockChars);
  const paragraphText = new StringsOut(textBlockChars);
  const textBlocks: [TextOwner, number][] = [];
  /** Writes the blocks full since the last call (and, at the end, the rest): the text is let go as it is written. */
  const writeTextBlocks = async (end = false): Promise<void> => {
    for (const [owner, text] of [['s', strings], ['p', paragraphText]] as const) {
      for (const block of end ? [...text.takeFull(), ...text.blocks()] : text.takeFull()) {
        textBlocks.push([owner, block.index]);
        await writer.section(block.kind, block.bytes);
        text.reuse(block);
      }
    }
  };
  /** Per article: its first paragraph, how many, and their checksum. */
  const articleParagraphs = new IntsOut();
  let paragraphCount = 0;
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
      for (const text of [article.id, article.title]) structure.push(strings.add(text));
      for (const text of [article.published, article.source]) structure.push(strings.addShared(text));
      structure.push(strings.add(article.url));
      for (const text of [article.city, article.category]) structure.push(strings.addShared(text));
      structure.push(strings.add(article.contentHash));
      const paragraphs = article.paragraphs;
      let crc = 0;
      for (const paragraph of paragraphs) crc = paragraphChecksum(crc, paragraphText.bytesOf(paragraphText.add(paragraph)));
      articleParagraphs.push(paragraphCount);
      articleParagraphs.push(paragraphs.length);
      articleParagraphs.push(crc | 0);
      paragraphCount += paragraphs.length;
      structure.push(analysis.quotes.length);
      for (const quote of analysis.quotes) writeQuote(quote, structure, strings);
      structure.push(analyzed.packed.length);
      packed.push(analyzed.packed);
      if (strings.hasFull || paragraphText.hasFull) await writeTextBlocks();
      if (++written % ARTICLES_PER_SLICE === 0) {
        await nextTurn();
        if (stopped()) return undefined;
      }
    }
  }
  await writeTextBlocks(true);
  await writeInts(writer, strings.records());
  await writeInts(writer, structure);
  await writer.section('float64', bytesOf(stampNumbers));
  // each article's packed analysis as it is, not copied into one array first
  writer.begin('int32');
  for (const array of packed) await writer.append(bytesOf(array));
  await writer.end();
  await writer.section('json', Buffer.from(JSON.stringify(problems)));
  await writeInts(writer, paragraphText.records());
  await writeInts(writer, articleParagraphs);
  return { format: FORMAT, key, textBlocks };
}

async function writeInts(writer: SectionedFileWriter, ints: IntsOut): Promise<void> {
  writer.begin('int32');
  for (const part of ints.parts()) await writer.append(bytesOf(part));
  await writer.end();
}

function writeQuote(quote: Quote, out: IntsOut, strings: StringsOut): void {
  out.push(strings.add(quote.text));
  for (const text of [quote.speaker, quote.role, quote.cue, quote.mention]) out.push(strings.addShared(text));
  out.push(quote.partial ? 1 : 0);
  out.push(quote.paragraph);
  out.push(quote.start);
  out.push(quote.end);
  out.push(quote.aliases.length);
  for (const alias of quote.aliases) out.push(strings.addShared(alias));
}

export interface RestartReadOptions extends ReadOptions {
  /** Reads the packed analyses' section elsewhere (a worker thread) while this thread decodes the rest; its checksum is `checkAside`'s. */
  readonly readAside?: (place: SectionPlace) => Promise<Uint8Array>;
}

/**
 * Reads a snapshot written for `key`; undefined when there is none. Throws UnusableSnapshotError naming why one that is there
 * cannot be used (another format or analysing code, another folder, damage): the caller then reads the folder as usual.
 */
export async function readRestartSnapshot(file: string, key: SnapshotKey, options: RestartReadOptions = {}): Promise<RestartState | undefined> {
  try {
    const check = (header: Header): void => {
      if (header.format !== FORMAT) throw new UnusableSnapshotError(`format ${String(header.format)}, this code reads format ${FORMAT}`);
      if (header.key?.fingerprint !== key.fingerprint) throw new UnusableSnapshotError('written by other reading or analysing code');
      if (header.key.dir !== key.dir) throw new UnusableSnapshotError(`of another corpus folder (${String(header.key.dir)})`);
      if (header.key.maxBytes !== key.maxBytes) throw new UnusableSnapshotError(`read with another size limit (${String(header.key.maxBytes)} bytes)`);
    };
    let paragraphText: readonly boolean[] = [];
    const checkHeader = (header: Header): void => {
      check(header);
      if (!Array.isArray(header.textBlocks) || !header.textBlocks.every(isTextBlock)) throw new UnusableSnapshotError('no list of text blocks');
      paragraphText = header.textBlocks.map(([owner]) => owner === 'p');
    };
    // the paragraphs' blocks are checked article by article when read: a restart checks a quarter of the file
    const checkAside = options.checkAside;
    const read = checkAside === undefined ? {} : { checkAside: (places: readonly SectionPlace[]) => checkAside(places.filter((_, i) => paragraphText[i] !== true)) };
    const readAside = checkAside === undefined ? undefined : options.readAside;
    const state = readSectionedFile(file, MAGIC, 'restart snapshot', checkHeader, (header, sections) => decodeSections(header, sections, readAside), read);
    return state === undefined ? undefined : await state;
  } catch (error) {
    if (error instanceof UnusableSnapshotError) throw error;
    if (error instanceof UnusableFileError) throw new UnusableSnapshotError(error.message);
    throw new UnusableSnapshotError(`damaged: ${(error as Error).message}`);
  }
}

function isTextBlock(entry: unknown): entry is readonly [TextOwner, number] {
  return Array.isArray(entry) && entry.length === 2 && (entry[0] === 's' || entry[0] === 'p') && Number.isInteger(entry[1]) && (entry[1] as number) >= 0;
}

function decodeSections(header: Header, sections: SectionReader, readAside: RestartReadOptions['readAside']): Promise<RestartState> {
  const textBlocks = header.textBlocks;
  if (textBlocks.length + LEADING_SECTIONS !== sections.kinds.length) throw new RangeError(`${textBlocks.length} text blocks in ${sections.kinds.length} sections`);
  const places: Record<TextOwner, TextSection[]> = { s: [], p: [] };
  for (const [index, [owner, block]] of textBlocks.entries()) {
    const kind = sections.kinds[index];
    if (kind !== 'latin1' && kind !== 'utf16') throw new UnusableSnapshotError(`section ${index} is not text`);
    if (block >= textBlocks.length || places[owner][block] !== undefined) throw new RangeError(`text block ${owner}${block} twice or out of range`);
    places[owner][block] = { kind, ...sections.skip(kind) };
  }
  const paragraphBlocks = allNumbered(places.p);
  const stringBlocks = allNumbered(places.s);
  const records = int32Of(sections.next('int32'));
  const structure = int32Of(sections.next('int32'));
  const stampBytes = sections.next('float64');
  const stampNumbers = new Float64Array(stampBytes.buffer, stampBytes.byteOffset, stampBytes.length / 8);
  // the largest section, read on another thread while this one decodes the rest
  const packedPlace = sections.skip('int32');
  const packedBytes = readAside === undefined ? Promise.resolve(sections.readAt(packedPlace)) : readAside(packedPlace);
  // awaited once the rest is decoded; if decoding fails first, its failure is the one told
  packedBytes.catch(() => undefined);
  const problems = JSON.parse(sections.next('json').toString('utf8')) as [number, Omit<LoadProblem, 'file'>][];
  const paragraphRecords = int32Of(sections.next('int32'));
  const articleParagraphs = int32Of(sections.next('int32'));
  // one block read and decoded at a time, each into the same buffer, so the file's text is never in memory twice over
  const scratch = Buffer.allocUnsafe(Math.max(0, ...stringBlocks.map((place) => place.bytes)));
  const blocks = stringBlocks.map((place) => StringsIn.decode(place.kind, sections.readAt(place, scratch)));
  const paragraphs = new SnapshotParagraphs(sections.keepOpen(), paragraphBlocks, paragraphRecords, articleParagraphs);
  return decode(new StringsIn(records, blocks), paragraphs, structure, stampNumbers, packedBytes, problems);
}

/** A text block's section: its place, checksum and kind. */
type TextSection = SectionPlace & Pick<TextBlockPlace, 'kind'>;

/** The places of blocks numbered from 0, each number once. */
function allNumbered(places: readonly (TextSection | undefined)[]): TextSection[] {
  return Array.from(places, (place, block) => {
    if (place === undefined) throw new RangeError(`text block ${block} missing`);
    return place;
  });
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

async function decode(
  strings: StringsIn,
  paragraphText: SnapshotParagraphs,
  structure: Int32Array,
  stampNumbers: Float64Array,
  packedBytes: Promise<Uint8Array>,
  problemList: readonly [number, Omit<LoadProblem, 'file'>][],
): Promise<RestartState> {
  const cursor = new Cursor(structure);
  const terms = Array.from({ length: cursor.count() }, () => strings.get(cursor.next()));
  const fileCount = cursor.count();
  if (stampNumbers.length !== fileCount * 3) throw new RangeError('stamps do not match the files');
  const problemsOf = new Map<number, LoadProblem[]>();
  // a quarter million files: a file's place by name, its stamp read from `stampNumbers` when asked
  const fileAt = new Map<string, number>();
  const fileReadings: FileReading[] = [];
  const names: string[] = [];
  /** Every article in the order written, its quotes, and where its packed analysis starts (the section comes last). */
  const inOrder: Article[] = [];
  const quotesInOrder: Quote[][] = [];
  const packedStarts: number[] = [];
  let packedAt = 0;
  let stored = 0;
  const text = (): string => strings.get(cursor.next());
  const textOrNull = (): string | null => strings.orNull(cursor.next());
  const shared = (): string | null => strings.shared(cursor.next());
  for (let f = 0; f < fileCount; f++) {
    const name = strings.get(cursor.next());
    names.push(name);
    const articles: Article[] = [];
    const articleCount = cursor.count();
    for (let a = 0; a < articleCount; a++) {
      // in the order written
      const id = text();
      const title = text();
      const published = shared();
      const source = shared();
      const url = textOrNull();
      const city = shared();
      const category = shared();
      const contentHash = text();
      if (stored >= paragraphText.articleCount) throw new RangeError('paragraphs end early');
      const article = new StoredArticle({ id, title, published, source, url, city, category, contentHash, file: name }, paragraphText, stored++);
      const quotes = new Array<Quote>(cursor.count());
      for (let q = 0; q < quotes.length; q++) quotes[q] = readQuote(id, cursor, strings);
      packedStarts.push(packedAt);
      packedAt += cursor.count();
      articles.push(article);
      inOrder.push(article);
      quotesInOrder.push(quotes);
    }
    fileAt.set(name, f);
    fileReadings.push({ articles, problems: NO_PROBLEMS });
  }
  if (!cursor.done || stored !== paragraphText.articleCount) throw new RangeError('trailing data');
  for (const [f, problem] of problemList) {
    const name = names[f];
    if (name === undefined) throw new RangeError(`problem of file ${f}`);
    let list = problemsOf.get(f);
    if (list === undefined) problemsOf.set(f, (list = []));
    list.push({ ...problem, file: name });
  }
  for (const [f, list] of problemsOf) fileReadings[f] = { articles: (fileReadings[f] as FileReading).articles, problems: list };
  const bytes = await packedBytes;
  const packedAll = int32Of(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (packedAt !== packedAll.length) throw new RangeError(`packed analyses of ${packedAll.length} numbers, ${packedAt} expected`);
  packedStarts.push(packedAt);
  adoptTerms(terms, packedAll, Int32Array.from(packedStarts));
  const analyses = new Map<string, ArticleAnalysis>();
  inOrder.forEach((article, k) => {
    const packed = packedAll.subarray(packedStarts[k] as number, packedStarts[k + 1] as number);
    analyses.set(article.contentHash, { analyzed: new PackedAnalysis(article, packed), quotes: quotesInOrder[k] as Quote[] });
  });
  return {
    files: fileCount,
    analyses,
    whenTextDamaged: (listener) => paragraphText.whenDamaged(listener),
    readings: {
      reading(stamp) {
        const f = fileAt.get(stamp.name);
        if (f === undefined) return undefined;
        const kept: FileStamp = { name: stamp.name, size: stampNumbers[f * 3] as number, mtimeMs: stampNumbers[f * 3 + 1] as number, ctimeMs: stampNumbers[f * 3 + 2] as number };
        return sameStamp(kept, stamp) ? fileReadings[f] : undefined;
      },
    },
  };
}

const NO_PROBLEMS: readonly LoadProblem[] = Object.freeze([]);
/** Most quotes name no other name: one empty list for all of them, frozen so that none is ever added to it. */
const NO_ALIASES = Object.freeze([]) as readonly string[] as string[];

function readQuote(articleId: string, cursor: Cursor, strings: StringsIn): Quote {
  const text = strings.get(cursor.next());
  const speaker = strings.shared(cursor.next());
  const role = strings.shared(cursor.next());
  const cue = strings.shared(cursor.next());
  const mention = strings.shared(cursor.next());
  const partial = cursor.next() === 1;
  const paragraph = cursor.count();
  const start = cursor.count();
  const end = cursor.count();
  const count = cursor.count();
  const aliases = count === 0 ? NO_ALIASES : Array.from({ length: count }, () => {
    const alias = strings.shared(cursor.next());
    if (alias === null) throw new RangeError('an alias that is no string');
    return alias;
  });
  return { articleId, text, speaker, role, aliases, mention, cue, partial, paragraph, start, end };
}
