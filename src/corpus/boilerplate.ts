import { datelineLength } from '../text/dateline.js';

/** Lines that are web furniture, not article text, wherever they stand. */
const exactLines = new Set([
  'advertisement', 'scroll to continue with content', 'tulis komentar anda', 'follow', 'video rekomendasi',
  'berita terkait', 'rekomendasi', 'terpopuler', 'berita terkini more', 'berita terkini', 'baca selengkapnya',
  'lihat juga', 'share', 'bagikan', 'komentar', 'iklan', 'ads', 'loading...', 'tag', 'tags', 'editor', 'penulis',
]);
const prefixPatterns: readonly RegExp[] = [
  /^\(?\s*baca\s+(?:juga|pula|selengkapnya)\s*[:：-]/i,
  /^lihat\s+juga\s*[:：-]/i,
  /^simak\s+(?:juga|video)\b.*[:：-]/i,
  /^dapatkan\s+berita\s+terkini\b/i,
  /^(?:ikuti|follow)\s+(?:berita|kami|update)\b.*\b(?:google news|whatsapp|telegram|instagram)\b/i,
  /^(?:download|unduh)\s+aplikasi\b/i,
  /^(?:editor|penulis|reporter|pewarta|redaktur)\s*:\s*\S/i,
];
/** A line after which the rest of a scraped page is navigation and related links. */
const footerStarts = new Set(['tulis komentar anda', 'berita terkait', 'video rekomendasi', 'berita terkini more', 'terpopuler']);

const LONGEST_FURNITURE = 40;
/** Furniture is recognised by how a line starts; looking only at the head keeps long paragraphs cheap. */
const head = (line: string, length: number): string => line.trimStart().slice(0, length).toLowerCase();
const foldShort = (line: string): string => line.trim().replace(/\s+/g, ' ').toLowerCase();

export function isBoilerplateLine(line: string): boolean {
  if (line.length <= LONGEST_FURNITURE * 2 && exactLines.has(foldShort(line))) return true;
  const start = head(line, 160);
  return start !== '' && prefixPatterns.some((pattern) => pattern.test(start));
}

export function isFooterStart(line: string): boolean {
  return line.length <= LONGEST_FURNITURE * 2 && footerStarts.has(foldShort(line));
}

const caption = /(?:\b(?:foto|photo|ilustrasi|dok|dokumentasi|sumber foto)\s*[/:]\s*[^.!?]{1,80}|\((?:foto|photo|ilustrasi|dok)\s*[:/][^)]{1,80}\))\s*$/i;

const captionWords = ['foto', 'photo', 'ilustrasi', 'dok'];

/** A photo caption: a line ending in `Foto/NDTV`, `Foto: ANTARA/…` or `(Foto: …)`. */
export function isCaption(line: string): boolean {
  const tail = line.trimEnd().slice(-120);
  const lower = tail.toLowerCase();
  // a plain substring check first: the pattern itself is costly on every paragraph of a corpus
  if (!captionWords.some((word) => lower.includes(word))) return false;
  return caption.test(tail);
}

const editorInitials = /\s*\((?:[a-z]{2,6})(?:\s*\/\s*[a-z]{2,6})*\)\s*$/i;

/** Removes trailing editor initials such as `(ian)` or `(dil/dil)`. */
export function stripEditorInitials(paragraph: string): string {
  return paragraph.replace(editorInitials, '').trimEnd();
}

const outletInFooter = /\bdari\s+([A-Za-z][\w-]*?)(?:\.(?:com|co\.id|id|net))\b/i;

/** The outlet a scraped page's footer names (`… dari SINDOnews.com …` → `SINDOnews`), or null. */
export function outletFromFooter(line: string): string | null {
  if (!/^dapatkan\s+berita\b/i.test(line.trim())) return null;
  return outletInFooter.exec(line)?.[1] ?? null;
}

export interface Dateline {
  readonly city: string | null;
  readonly outlet: string | null;
  readonly rest: string;
}

const domainOnly = /^[\p{L}\p{N}-]+\.(?:com|net|id|co\.id|co|tv|news)$/iu;

/** Splits `MOSKOW - …`, `JAKARTA, KOMPAS.com - …`, `Jakarta (ANTARA News) - …`, `Merdeka.com - …` off a first paragraph. */
export function splitDateline(paragraph: string): Dateline | null {
  const length = datelineLength(paragraph);
  if (length === 0) return null;
  const rest = paragraph.slice(length);
  const head = paragraph.slice(0, length).replace(/[\s\-–—]+$/u, '');
  const bracket = /\(([^()]+)\)\s*$/.exec(head);
  const parts = head.slice(0, bracket?.index ?? head.length).split(',').map((p) => p.trim()).filter((p) => p !== '');
  const outlet = bracket?.[1]?.trim() ?? (parts.length > 1 ? parts.slice(1).join(', ') : null);
  const first = parts[0] ?? '';
  if (parts.length === 1 && bracket === null && domainOnly.test(first)) return { city: null, outlet: first, rest };
  return { city: first === '' ? null : first, outlet, rest };
}
