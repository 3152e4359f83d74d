import { datelineLength } from '../text/dateline.js';
import { isKnownWord } from '../text/stem.js';

/** Lines that are web furniture, not article text, wherever they stand. */
const exactLines = new Set([
  'advertisement', 'scroll to continue with content', 'tulis komentar anda', 'follow', 'video rekomendasi',
  'berita terkait', 'rekomendasi', 'terpopuler', 'berita terkini more', 'berita terkini', 'baca selengkapnya',
  'lihat juga', 'share', 'bagikan', 'komentar', 'iklan', 'ads', 'loading...', 'tag', 'tags', 'editor', 'penulis',
  'baca juga', 'baca juga:', 'yuk baca juga:', 'baca pula', 'simak juga', 'ikuti kami di', 'ikuti whatsapp channel republika',
]);
const prefixPatterns: readonly RegExp[] = [
  /^\(?\s*baca\s+(?:juga|pula|selengkapnya)\s*[:：-]/i,
  /^lihat\s+juga\s*[:：-]/i,
  /^simak\s+(?:juga|video)\b.*[:：-]/i,
  /^dapatkan\s+berita\s+terkini\b/i,
  /^(?:ikuti|follow)\s+(?:berita|kami|update)\b.*\b(?:google news|whatsapp|telegram|instagram)\b/i,
  /^(?:download|unduh)\s+aplikasi\b/i,
  /^(?:editor|penulis|reporter|pewarta|redaktur)\s*:\s*\S/i,
  /^(?:yuk\s+)?(?:baca|simak|lihat|tonton)\s+(?:juga|pula)\b/i,
  /^(?:baca|simak)\s+(?:berita\s+)?(?:selengkapnya|lainnya|lengkapnya)\s*di\b/i,
  /^\[(?:gambas|baca)\b/i,
  /^(?:loading\.{3})?ikuti\s+(?:whatsapp|wa)\s+channel\b/i,
];
/** Furniture that only a short line can be: a byline or credit that would be prose in a long paragraph. */
const shortLinePatterns: readonly RegExp[] = [
  /^laporan\s+(?:wartawan|reporter|koresponden)\b/i,
  /^laporan\s+\p{Lu}[^.!?]{0,70}$/u,
  /^artikel ini (?:telah )?(?:tayang|bersumber|naik|terbit)\b/i,
  /^(?:sumber|foto|photo|video|image|credit|kredit|dok|ilustrasi)\b[^.!?]{0,80}:/i,
  /^\([^()]{1,60}\)$/,
  /^a post shared by\b/i,
  /^(?:[\p{L}\p{N}-]+\.(?:com|co\.id|id|net)|dok\.?|pexels|shutterstock|freepik|istock(?:photo)?)\s*\/\s*\S/iu,
  /\((?:image|credit|kredit|foto|photo|sumber)\b[^()]{0,80}\)\.?$/i,
];
const SHORT_LINE = 140;
/** A line after which the rest of a scraped page is navigation and related links. */
const footerStarts = new Set(['tulis komentar anda', 'berita terkait', 'video rekomendasi', 'berita terkini more', 'terpopuler']);

const LONGEST_FURNITURE = 40;
/** Furniture is recognised by how a line starts; looking only at the head keeps long paragraphs cheap. */
const head = (line: string, length: number): string => line.trimStart().slice(0, length).toLowerCase();
const foldShort = (line: string): string => line.trim().replace(/\s+/g, ' ').toLowerCase();

export function isBoilerplateLine(line: string): boolean {
  if (line.length <= LONGEST_FURNITURE * 2 && exactLines.has(foldShort(line))) return true;
  const start = head(line, 160);
  if (start === '') return false;
  if (prefixPatterns.some((pattern) => pattern.test(start))) return true;
  const trimmed = line.trim();
  return trimmed.length <= SHORT_LINE && shortLinePatterns.some((pattern) => pattern.test(trimmed));
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
  // `Liputan6.com, Jakarta -`, `REPUBLIKA.CO.ID, BANDUNG –`: the outlet first, then the city
  if (bracket === null && domainOnly.test(first) && !parts.slice(1).some((part) => domainOnly.test(part))) return { city: parts.slice(1).join(', '), outlet: first, rest };
  return { city: first === '' ? null : first, outlet, rest };
}

/** Marks of ads and embeds that scrapers leave inside a paragraph. */
const inlineAds = /\s*(?:\((?:[Pp]enulis|[Ee]ditor|[Rr]eporter|[Pp]ewarta)\s*:[^()]{0,200}\)|\b[Ii]kuti\s+(?:[Ww]hats[Aa]pp|WA)\s+[Cc]hannel\b.*$|\b[Ss](?:croll|CROLL) [Tt](?:o|O) [Cc](?:ontinue|ONTINUE) [Ww](?:ith|ITH) [Cc](?:ontent|ONTENT)\b|\bADVERTISEMENT\b|\[[Gg]ambas:[^\]]{0,80}\]|\b[Ll]oading\.{3}(?=\s|\p{L}|$)|\b[Ll]ihat postingan ini di [Ii]nstagram|\b(?:[Ss]ebuah kiriman dibagikan oleh|[Aa] post shared by)[^()]{0,80}\(@[^)]{1,40}\))\s*/gu;
/** `[ baca: … ]`, `(Baca juga: …)`: a bracketed link. */
const bracketedLink = /\s*[[(]\s*(?:baca|lihat|simak|tonton)\b[^\])]{0,200}[\])]\s*/giu;
/** `Baca juga:`, `BACA JUGA -`, `Lihat Juga:`, `Simak juga Video:` opening a headline glued to the text around it. */
const linkMark =
  /(?:^|(?<=[\s.!?"”)\]]))(?:[Yy]uk\s+)?(?:[Bb]aca|BACA|[Ll]ihat|LIHAT|[Ss]imak|SIMAK|[Tt]onton|TONTON)(?:\s+(?:[Jj]uga|JUGA|[Pp]ula|PULA))?(?:\s+(?:[Vv]ideo|VIDEO))?(?:\s*[:：]|\s[-–—](?=\s)|(?<=[Jj]uga|JUGA)(?=\p{Lu}))\s*/gu;
/** `Baca juga berita lainnya di Liputan6.com.`: a call to read more, as a sentence. */
const readMore = /\s*\b(?:yuk\s+)?(?:baca|simak)\s+(?:juga\s+)?(?:berita|artikel|info(?:rmasi)?)\s+(?:lainnya|menarik|selengkapnya|lengkapnya)\b(?:[^.!?]|\.(?=\w)){0,80}[.!?]?/giu;
/** Lower-case words a Title Case headline keeps (`… di Batu Hijau`); any other lower-case word is prose. */
const headlineLowercase = new Set(['di', 'ke', 'dari', 'dan', 'yang', 'untuk', 'pada', 'dengan', 'atau', 'vs', 'vs.', 'soal', '&', '-', '–', '|']);

/**
 * Where the prose resumes after a linked headline: at the capitalised word before the first lower-case word a headline
 * would not have (`… Cadangan Capai 460 Juta Ton Anggawira menyebutkan` → `Anggawira`), or after a `!`/`?` ending the
 * headline; -1 when the rest is all headline.
 */
function proseAfterHeadline(text: string): number {
  const words = [...text.matchAll(/\S+/g)];
  let lastCapital = -1;
  for (let k = 0; k < words.length; k++) {
    const word = words[k]?.[0] ?? '';
    const at = words[k]?.index ?? 0;
    if (/^["“‘']/.test(word) && k > 0) return at;
    const letter = /\p{L}/u.exec(word)?.[0];
    if (letter !== undefined && letter === letter.toLowerCase() && letter !== letter.toUpperCase() && !headlineLowercase.has(word.toLowerCase())) {
      return k > 0 && lastCapital >= 0 ? lastCapital : -1;
    }
    if (letter !== undefined && letter !== letter.toLowerCase()) lastCapital = at;
    if (/[!?]["”’]?$/.test(word) && k + 1 < words.length) return words[k + 1]?.index ?? -1;
  }
  return -1;
}

/** Cuts every `Baca juga: <headline>` out of a paragraph, keeping the prose on either side. */
function stripLinkedHeadlines(paragraph: string): string {
  let text = paragraph;
  for (let guard = 0; guard < 20; guard++) {
    linkMark.lastIndex = 0;
    const mark = linkMark.exec(text);
    if (mark === null) break;
    const after = mark.index + mark[0].length;
    const resume = proseAfterHeadline(text.slice(after));
    const before = text.slice(0, mark.index).trimEnd();
    text = resume < 0 ? before : `${before} ${text.slice(after + resume)}`.trim();
  }
  return text;
}

/** Removes the furniture that stands inside a paragraph: ads, embeds, linked headlines, calls to read more, `(ant/rdn)`. */
export function stripInlineFurniture(paragraph: string): string {
  const cheap = paragraph.toLowerCase();
  if (!/scroll to|advertisement|gambas|loading|postingan|kiriman|post shared|baca|lihat|simak|tonton|ikuti|penulis|editor|reporter|pewarta|\/\w/.test(cheap)) return paragraph;
  let text = paragraph.replace(inlineAds, ' ').replace(bracketedLink, ' ').replace(readMore, ' ');
  text = stripLinkedHeadlines(text);
  text = text.replace(/\s*\((?:[a-z]{2,6})(?:\s*\/\s*[a-z]{2,6})+\)/g, '');
  return text.replace(/\s{2,}/g, ' ').trim();
}

const gluedLowerCase = /^([\p{Ll}\p{N}-]+\.\s?(?:com|co\.id|co|id|net|tv)\s*,\s*)(\p{Ll}{5,})(?=\s)/u;

/**
 * `liputan6.com, jakartakita semua …` in text delivered in lower case: the city glued to the story's first word, split
 * before the longest ending that is a word (of the article, or of the language). Null when no split is sure.
 */
export function splitGluedDateline(paragraph: string, articleWords: ReadonlySet<string>): Dateline | null {
  const match = gluedLowerCase.exec(paragraph);
  if (match === null) return null;
  const [, outlet = '', glued = ''] = match;
  for (let at = 3; at <= glued.length - 2; at++) {
    const word = glued.slice(at);
    if (articleWords.has(word) || isKnownWord(word)) {
      return { city: glued.slice(0, at), outlet: outlet.replace(/[\s,]+$/u, ''), rest: paragraph.slice(outlet.length + at) };
    }
  }
  return null;
}
