import { createHash } from 'node:crypto';
import type { Article } from '../corpus/article.js';
import type { SpeakerEntry, SpeakerParts, SpeakerTables } from '../quotes/index.js';
import type { RankedParts, TitleParts } from '../search/index.js';
import { joinedCount, joinedList, joinStrings, splitJoined, type JoinedStrings } from '../search/joined-strings.js';
import { bytesOf, float32Of, int32Of, readSectionedFile, UnusableFileError, writeSectionedFile, type Section, type SectionReader } from './sectioned-file.js';
import type { TermNumbering } from './term-numbers.js';
import { hashCodeFolder } from './code-digest.js';

/**
 * The search, title and speaker indexes of the last whole build, kept in DATA_DIR beside the restart snapshot, so a restart of
 * the same articles takes them instead of building them. Its own file: a damaged or stale one costs only the build.
 */
export const RESTART_INDEXES_FILE = 'restart-indexes.bin';

const MAGIC = 'RKINDEX\n';
/** Bump when the layout below changes. */
const FORMAT = 2;
const SECTIONS = 11;

/** What a library's indexes are made of (its term numbering, ranked, title and speaker parts), to be saved. */
export interface LibraryIndexes {
  readonly articles: readonly Article[];
  readonly numbering: TermNumbering;
  readonly ranked: RankedParts;
  readonly titles: TitleParts;
  /** Of the library's quotes, article by article in its order. */
  readonly speakers: SpeakerParts;
}

/** Indexes read back: valid for a library whose articles have `order` and whose dictionary's first `base` terms digest to `dictionary`. */
export interface SavedIndexes {
  readonly order: string;
  readonly base: number;
  readonly dictionary: string;
  readonly extra: readonly string[];
  readonly ranked: RankedParts;
  readonly titles: TitleParts;
  /** The speaker entries and tables as saved (JSON): a worker thread hands over these bytes, not a few hundred thousand objects. */
  readonly speakerJson: Uint8Array;
  readonly assignment: Int32Array;
}

interface Header {
  readonly format: number;
  readonly fingerprint: string;
  readonly order: string;
  readonly base: number;
  readonly dictionary: string;
  readonly documentCount: number;
  readonly counts: { readonly extra: number; readonly folded: number; readonly vocabulary: number };
}

/** Digest of the articles in library order, by id and content: saved indexes number articles by their place. */
export function articleOrder(articles: readonly Article[]): string {
  return createHash('sha256').update(articles.map((a) => `${a.id}\u0000${a.contentHash}`).join('\n')).digest('hex');
}

/** The restart snapshot's fingerprint (reading and analysing code) with the code that builds the indexes. */
export function indexesFingerprint(snapshotFingerprint: string): string {
  const hash = createHash('sha256').update(snapshotFingerprint);
  hashCodeFolder(hash, import.meta.url, '../search/', /\.(ts|js)$/);
  hashCodeFolder(hash, import.meta.url, '../quotes/', /^speaker-index\.(ts|js)$/);
  hashCodeFolder(hash, import.meta.url, './', /^(library|term-numbers|restart-indexes)\.(ts|js)$/);
  return hash.digest('hex');
}

/** Read back as one string: split, a quarter million titles cost a restart their decoding, copying and collection. */
function splitAsOne(bytes: Buffer, count: number, what: string): JoinedStrings {
  try {
    return splitJoined(bytes.toString('utf8'), count);
  } catch (error) {
    throw new UnusableFileError(`${what}: ${(error as Error).message}`);
  }
}

export async function writeRestartIndexes(file: string, fingerprint: string, indexes: LibraryIndexes, stopped: () => boolean): Promise<void> {
  const { numbering, ranked, titles, speakers } = indexes;
  const extra = numbering.extra();
  const header: Header = {
    format: FORMAT,
    fingerprint,
    order: articleOrder(indexes.articles),
    base: numbering.base,
    dictionary: numbering.dictionaryDigest(),
    documentCount: ranked.documentCount,
    counts: { extra: extra.length, folded: joinedCount(titles.folded), vocabulary: joinedCount(titles.vocabulary) },
  };
  const sections: Section[] = [
    { kind: 'int32', bytes: bytesOf(ranked.offsets) },
    { kind: 'int32', bytes: bytesOf(ranked.docs) },
    { kind: 'float32', bytes: bytesOf(ranked.weights) },
    { kind: 'int32', bytes: bytesOf(ranked.bodyFrequency) },
    { kind: 'int32', bytes: bytesOf(titles.offsets) },
    { kind: 'int32', bytes: bytesOf(titles.titles) },
    { kind: 'utf8', bytes: Buffer.from(joinStrings(extra, 'term').text, 'utf8') },
    { kind: 'utf8', bytes: Buffer.from(titles.folded.text, 'utf8') },
    { kind: 'utf8', bytes: Buffer.from(titles.vocabulary.text, 'utf8') },
    { kind: 'json', bytes: Buffer.from(JSON.stringify({ entries: speakers.entries, tables: speakers.tables })) },
    { kind: 'int32', bytes: bytesOf(speakers.assignment) },
  ];
  await writeSectionedFile(file, MAGIC, header, sections, stopped);
}

/** The saved indexes, undefined when there are none; throws UnusableFileError naming why saved ones cannot be used. */
export function readRestartIndexes(file: string, fingerprint: string): SavedIndexes | undefined {
  const check = (header: Header): void => {
    if (header.format !== FORMAT) throw new UnusableFileError(`format ${String(header.format)}, this code reads format ${FORMAT}`);
    if (header.fingerprint !== fingerprint) throw new UnusableFileError('written by other reading, analysing or indexing code');
  };
  return readSectionedFile(file, MAGIC, 'search index file', check, decodeIndexes);
}

function decodeIndexes(header: Header, sections: SectionReader): SavedIndexes {
  if (sections.kinds.length !== SECTIONS) throw new UnusableFileError(`${sections.kinds.length} sections, ${SECTIONS} expected`);
  // written in this order: ranked offsets, docs, weights, body frequencies, title offsets, titles, extra terms, folded titles,
  // title words, speakers, their quotes
  const ranked: RankedParts = {
    documentCount: header.documentCount,
    offsets: int32Of(sections.next('int32')),
    docs: int32Of(sections.next('int32')),
    weights: float32Of(sections.next('float32')),
    bodyFrequency: int32Of(sections.next('int32')),
  };
  const titleOffsets = int32Of(sections.next('int32'));
  const titleList = int32Of(sections.next('int32'));
  const extra = joinedList(splitAsOne(sections.next('utf8'), header.counts.extra, 'terms'));
  const titles: TitleParts = {
    offsets: titleOffsets,
    titles: titleList,
    folded: splitAsOne(sections.next('utf8'), header.counts.folded, 'titles'),
    vocabulary: splitAsOne(sections.next('utf8'), header.counts.vocabulary, 'title words'),
  };
  const speakerJson = sections.next('json');
  const assignment = int32Of(sections.next('int32'));
  return { order: header.order, base: header.base, dictionary: header.dictionary, extra, ranked, titles, speakerJson, assignment };
}

/** The saved speaker index's parts, parsed on the thread that builds the index; throws when they are not an index's. */
export function savedSpeakers(saved: SavedIndexes): SpeakerParts {
  const { speakerJson: json, assignment } = saved;
  const { entries, tables } = JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8')) as { entries: SpeakerEntry[]; tables?: SpeakerTables };
  if (!Array.isArray(entries)) throw new Error('speakers are not a list');
  return tables === undefined ? { entries, assignment } : { entries, assignment, tables };
}
