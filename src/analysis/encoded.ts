import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import type { Article } from '../corpus/article.js';
import type { Quote } from '../quotes/index.js';
import type { AnalyzedArticle } from '../text/index.js';
import type { ArticleAnalysis } from './article-analysis.js';
import { PackedAnalysis, packSentences } from './compact.js';
import { messageOf } from '../error-message.js';

export type EncodedQuote = Omit<Quote, 'articleId'>;

/**
 * One article's sentences and terms without the article's own text, compact enough to post between threads and keep on disk;
 * read back against the article it was made from (sentence texts are slices of its paragraphs).
 */
export interface EncodedSentences {
  /** Paragraph, start and end of every sentence, three numbers each. */
  readonly spans: Int32Array;
  /** The article's distinct terms in order of first use. */
  readonly vocabulary: readonly string[];
  /** Every sentence's terms as indexes into `vocabulary`; sentence i owns `termIds[termEnds[i - 1] ?? 0 .. termEnds[i]]`. */
  readonly termIds: Int32Array;
  readonly termEnds: Int32Array;
}

/** What the analysis cache keeps of one article. */
export interface EncodedAnalysis extends EncodedSentences {
  readonly quotes: readonly EncodedQuote[];
}

export function encodeSentences(analyzed: AnalyzedArticle): EncodedSentences {
  const { sentences } = analyzed;
  const spans = new Int32Array(sentences.length * 3);
  const termEnds = new Int32Array(sentences.length);
  const ids = new Map<string, number>();
  const termIds: number[] = [];
  sentences.forEach((sentence, i) => {
    spans[i * 3] = sentence.paragraph;
    spans[i * 3 + 1] = sentence.start;
    spans[i * 3 + 2] = sentence.end;
    for (const term of sentence.terms) {
      let id = ids.get(term);
      if (id === undefined) {
        id = ids.size;
        ids.set(term, id);
      }
      termIds.push(id);
    }
    termEnds[i] = termIds.length;
  });
  return { spans, vocabulary: [...ids.keys()], termIds: Int32Array.from(termIds), termEnds };
}

export function encodeQuotes(quotes: readonly Quote[]): EncodedQuote[] {
  return quotes.map(({ articleId: _articleId, ...quote }) => quote);
}

export class InvalidEncodingError extends Error {
  constructor(articleId: string, what: string) {
    super(`stored analysis of ${articleId} does not fit the article: ${what}`);
  }
}

/**
 * The sentences and terms of `article`, kept packed (src/analysis/compact.ts). `intern` is the callers' string pool, no longer
 * needed: the term dictionary keeps one string per term.
 * Throws InvalidEncodingError when the encoding cannot belong to this article (a damaged cache entry).
 */
export function decodeSentences(article: Article, encoded: EncodedSentences, _intern?: Map<string, string>): AnalyzedArticle {
  const { spans, vocabulary, termIds, termEnds } = encoded;
  const count = termEnds.length;
  if (spans.length !== count * 3) throw new InvalidEncodingError(article.id, 'sentence count');
  vocabulary.forEach((term) => {
    if (typeof term !== 'string') throw new InvalidEncodingError(article.id, 'term');
  });
  let from = 0;
  for (let i = 0; i < count; i++) {
    const text = article.paragraphs[spans[i * 3] as number];
    const start = spans[i * 3 + 1] as number;
    const end = spans[i * 3 + 2] as number;
    const to = termEnds[i] as number;
    if (text === undefined || start < 0 || end < start || end > text.length) throw new InvalidEncodingError(article.id, `sentence ${i}`);
    if (to < from || to > termIds.length) throw new InvalidEncodingError(article.id, `terms of sentence ${i}`);
    for (let t = from; t < to; t++) {
      const id = termIds[t] as number;
      if (vocabulary[id] === undefined) throw new InvalidEncodingError(article.id, `term ${id}`);
    }
    from = to;
  }
  return new PackedAnalysis(article, packSentences(encoded));
}

/** The analysis kept packed, as the library holds every analysis. */
export function packedAnalysis(analyzed: AnalyzedArticle): PackedAnalysis {
  return analyzed instanceof PackedAnalysis ? analyzed : new PackedAnalysis(analyzed.article, packSentences(encodeSentences(analyzed)));
}

export function decodeQuotes(article: Article, quotes: readonly EncodedQuote[]): Quote[] {
  for (const quote of quotes) {
    if (article.paragraphs[quote.paragraph] === undefined) throw new InvalidEncodingError(article.id, 'quote paragraph');
  }
  return quotes.map((quote) => ({ articleId: article.id, ...quote }));
}

const CHECKSUM_BYTES = 4;

/** A checksum of the bytes and of the article they belong to: SQLite does not notice damage inside a value, nor a value under the wrong key. */
const checksumOf = (contentHash: string, body: Uint8Array): number => crc32(body, crc32(contentHash));

/** The bytes kept in the analysis cache for one article: a checksum, then the encoded analysis. */
export function serializeAnalysis(analysis: ArticleAnalysis): Buffer {
  const encoded: EncodedAnalysis = { ...encodeSentences(analysis.analyzed), quotes: encodeQuotes(analysis.quotes) };
  const body = serialize(encoded);
  const bytes = Buffer.allocUnsafe(CHECKSUM_BYTES + body.length);
  bytes.writeUInt32LE(checksumOf(analysis.analyzed.article.contentHash, body), 0);
  body.copy(bytes, CHECKSUM_BYTES);
  return bytes;
}

/** Reads bytes written by `serializeAnalysis` for this article; anything else (damage, another article's) throws InvalidEncodingError. */
export function deserializeAnalysis(article: Article, bytes: Uint8Array, intern: Map<string, string>): ArticleAnalysis {
  if (bytes.length < CHECKSUM_BYTES) throw new InvalidEncodingError(article.id, 'too short');
  const body = bytes.subarray(CHECKSUM_BYTES);
  const stored = Buffer.from(bytes.buffer, bytes.byteOffset, CHECKSUM_BYTES).readUInt32LE(0);
  if (stored !== checksumOf(article.contentHash, body)) throw new InvalidEncodingError(article.id, 'checksum mismatch');
  let value: unknown;
  try {
    value = deserialize(body);
  } catch (error) {
    throw new InvalidEncodingError(article.id, `unreadable (${messageOf(error)})`);
  }
  if (!isEncodedAnalysis(value)) throw new InvalidEncodingError(article.id, 'not an encoded analysis');
  return { analyzed: decodeSentences(article, value, intern), quotes: decodeQuotes(article, value.quotes) };
}

function isEncodedAnalysis(value: unknown): value is EncodedAnalysis {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    candidate.spans instanceof Int32Array &&
    candidate.termIds instanceof Int32Array &&
    candidate.termEnds instanceof Int32Array &&
    Array.isArray(candidate.vocabulary) &&
    Array.isArray(candidate.quotes) &&
    candidate.quotes.every(isEncodedQuote)
  );
}

function isEncodedQuote(value: unknown): value is EncodedQuote {
  if (typeof value !== 'object' || value === null) return false;
  const q = value as Record<string, unknown>;
  const textOrNull = (field: unknown): boolean => field === null || typeof field === 'string';
  return (
    typeof q.text === 'string' && textOrNull(q.speaker) && textOrNull(q.role) && textOrNull(q.cue) && typeof q.partial === 'boolean' &&
    Array.isArray(q.aliases) && q.aliases.every((alias) => typeof alias === 'string') && textOrNull(q.mention) &&
    Number.isInteger(q.paragraph) && Number.isInteger(q.start) && Number.isInteger(q.end)
  );
}
