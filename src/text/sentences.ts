/** A piece of a paragraph: its text and where it stands (`paragraph.slice(start, end) === text`). */
export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

/** Abbreviations that stand before a name, a number or a place, so their period never ends a sentence. */
const abbreviations = new Set([
  'dr', 'drs', 'dra', 'drg', 'prof', 'pt', 'plt', 'plh', 'pj', 'cv', 'ud', 'h', 'hj', 'ir', 'jl', 'jln', 'no', 'nomor', 'rp', 'kol', 'jend', 'brigjen', 'mayjen',
  'letjen', 'laksda', 'laksma', 'laksdya', 'marsda', 'marsma', 'marsdya', 'irjen', 'kombes', 'kompol', 'akbp', 'akp',
  'ipda', 'iptu', 'aiptu', 'aipda', 'bripka', 'brigpol', 'briptu', 'bripda', 'kapt', 'letkol', 'lettu', 'letda', 'serka',
  'sertu', 'serda', 'kopda', 'pratu', 'prada', 'mayor', 'st', 'sdr', 'sdri', 'bpk', 'tn', 'ny', 'nn', 'mr', 'mrs', 'ms',
  'jr', 'sr', 'vs', 'kec', 'kab', 'kel', 'prov', 'rt', 'rw', 'gg', 'tgl', 'hlm', 'hal', 'moh', 'muh', 'mochd', 'moch',
  'mohd', 'abd', 'yth', 'tbk', 'inc', 'kh', 'nu', 'ust', 'tgk', 'pdt', 'dll', 'dsb', 'dst', 'dkk', 'etc', 'cs', 'ca',
  'vol', 'ed', 'ref', 'pol', 'inf', 'purn', 'kav', 'mar', 'art', 'czi', 'cpm', 'ttg', 'sbg', 'a.n', 'u.p', 's.h', 's.e', 'm.si', 'm.m', 'ph.d', 's.t', 's.pd', 's.sos', 's.ip',
]);
/** List endings that may close a sentence: after them a capitalised word starts a new one. */
const listEndings = new Set(['dll', 'dsb', 'dst', 'dkk', 'etc', 'cs']);

const terminators = new Set(['.', '!', '?', '…']);
const closers = new Set(['”', '’', '»', '"', "'", ')', ']']);

/** Character ranges inside matched quotation marks or brackets; no sentence ends inside them. */
function protectedRanges(paragraph: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let curlyOpen = -1;
  let straightOpen = -1;
  const parens: number[] = [];
  for (let i = 0; i < paragraph.length; i++) {
    const code = paragraph.charCodeAt(i);
    if (code !== 34 && code !== 40 && code !== 41 && code !== 91 && code !== 93 && code < 0xab) continue;
    const ch = paragraph[i] ?? '';
    if (ch === '“' || ch === '«' || ch === '„') {
      if (curlyOpen < 0) curlyOpen = i;
    } else if (ch === '”' || ch === '»') {
      if (curlyOpen >= 0) {
        ranges.push([curlyOpen, i]);
        curlyOpen = -1;
      } else if (isOpeningPosition(paragraph, i)) {
        curlyOpen = i;
      }
    } else if (ch === '"') {
      if (straightOpen < 0) straightOpen = i;
      else {
        ranges.push([straightOpen, i]);
        straightOpen = -1;
      }
    } else if (ch === '(' || ch === '[') {
      parens.push(i);
    } else if (ch === ')' || ch === ']') {
      const from = parens.pop();
      if (from !== undefined && i - from < 300) ranges.push([from, i]);
    }
  }
  return ranges;
}

/** A `”` used as an opening mark (some outlets do): it starts the paragraph, or follows a space and precedes a word. */
function isOpeningPosition(text: string, i: number): boolean {
  if (i === 0) return true;
  const before = text[i - 1] ?? ' ';
  const after = text[i + 1] ?? ' ';
  return /[\s(]/.test(before) && /[\p{L}\p{N}]/u.test(after);
}

/** Whether a cut right before `boundary` would fall inside a quotation or brackets. */
function cutsRange(ranges: ReadonlyArray<[number, number]>, boundary: number): boolean {
  for (const [from, to] of ranges) if (from < boundary && boundary <= to) return true;
  return false;
}

/** What stands between the last space and a period: `(Prof.` → `(Prof`. */
function tokenBefore(text: string, dot: number): string {
  let from = dot;
  while (from > 0 && !isSpace(text.charCodeAt(from - 1))) from--;
  return text.slice(from, dot);
}

/** The word right before a period, without leading punctuation: `(Prof.` → `Prof`, `S.H.` → `S.H`. */
function wordBefore(text: string, dot: number): string {
  return tokenBefore(text, dot).replace(/^[^\p{L}\p{N}]+/u, '');
}

function periodEndsSentence(text: string, dot: number, next: string, caseless: boolean): boolean {
  const word = wordBefore(text, dot);
  if (word === '') return true;
  const lower = word.toLowerCase();
  if (listEndings.has(lower)) return caseless || /\p{Lu}/u.test(next);
  if (abbreviations.has(lower)) return false;
  if (/^\p{L}$/u.test(word)) return false;
  if (/^(?:\p{L}{1,4}\.)+\p{L}{1,4}$/u.test(word)) return false;
  return true;
}

function startsSentence(ch: string, caseless: boolean): boolean {
  return caseless ? /[\p{L}\p{N}“"‘'«(\[]/u.test(ch) : /[\p{Lu}\p{N}“"‘'«(\[]/u.test(ch);
}

/** Text written in lower case only (as some feeds and scrapes deliver it): no capital can mark where a sentence starts. */
function isCaseless(paragraph: string): boolean {
  return !/\p{Lu}/u.test(paragraph) && /\p{Ll}/u.test(paragraph);
}

/** Same as `/\s/.test(ch)` for one UTF-16 unit, without the regex. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** What follows a dot in a domain or a file name (`kompas.com`, `laporan.pdf`): in a caseless text only this tells them apart. */
const domainEndings = new Set([
  'com', 'net', 'org', 'info', 'biz', 'gov', 'edu', 'mil', 'int', 'asia', 'news', 'online', 'site', 'web', 'blog', 'app', 'xyz', 'tech',
  'store', 'shop', 'live', 'club', 'media', 'cloud', 'html', 'htm', 'php', 'asp', 'aspx', 'jsp', 'pdf', 'jpg', 'jpeg', 'png', 'gif',
  'webp', 'svg', 'mp3', 'mp4', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'csv', 'txt', 'zip', 'rar', 'apk', 'exe',
]);

/** Two-letter words that start sentences (`… negara.ia menilai`), none a domain's ending. */
const shortStarters = new Set(['ia', 'di', 'ke', 'ya']);

/**
 * Whether the word after a glued dot starts a sentence: a capitalised word or one in capitals (`.FIFA`, `.BACA JUGA`),
 * or in a caseless text any whole word that ends no domain.
 */
function startsGluedSentence(paragraph: string, end: number, caseless: boolean): boolean {
  const head = paragraph.slice(end, end + 40);
  if (!caseless && /^\p{Lu}\p{Ll}/u.test(head)) return true;
  const word = /^\p{L}+(?:[-’']\p{L}+)*(?![\p{L}\p{N}._@/-])/u.exec(head)?.[0];
  if (word === undefined) return false;
  const lower = word.toLowerCase();
  // `liputan6.comrekomendasikan`: a scrape glued an outlet's domain to the next word
  if (domainEndings.has(lower) || lower.startsWith('com')) return false;
  if (!caseless) return /^\p{Lu}{2}/u.test(word) && !/\p{Ll}/u.test(word);
  return word.length > 2 || shortStarters.has(lower);
}

/**
 * `… kata dia.Namun, …`: a scrape that lost the space after a sentence. Only after a whole word (not `S.H`, `Sp.A`, a
 * domain or an abbreviation) and before a capitalised word (`Kompas.com` and `5.000` stay whole); in a text without
 * capitals (or only capitals), before a whole word that is not a domain's or a file's ending.
 */
function isGluedBoundary(paragraph: string, dot: number, end: number, ranges: ReadonlyArray<[number, number]>, caseless: boolean): boolean {
  if (!startsGluedSentence(paragraph, end, caseless) || cutsRange(ranges, end)) return false;
  const token = tokenBefore(paragraph, dot);
  const word = token.replace(/^[^\p{L}\p{N}]+/u, '');
  if (!/^(?:[\p{L}\p{N}]{3,}|.*\))$/u.test(word)) return false;
  // a handle or an address: `@jogja.vibes`, `www.detik.com`, `bit.ly/abc.def`
  if (/^(?:www\.|https?:)|@/iu.test(token) || (token.includes('/') && !token.endsWith(')'))) return false;
  return paragraph[dot] !== '.' || periodEndsSentence(paragraph, dot, paragraph.slice(end, end + 2), false);
}

/** Splits one paragraph into sentences. A quotation stays whole with its attribution, however many sentences it holds. */
export function splitSentences(paragraph: string): TextSpan[] {
  const ranges = protectedRanges(paragraph);
  const caseless = isCaseless(paragraph);
  const unicased = caseless || !/\p{Ll}/u.test(paragraph);
  const spans: TextSpan[] = [];
  let start = 0;
  const push = (end: number): void => {
    let from = start;
    let to = end;
    while (from < to && isSpace(paragraph.charCodeAt(from))) from++;
    while (to > from && isSpace(paragraph.charCodeAt(to - 1))) to--;
    if (to > from) spans.push({ text: paragraph.slice(from, to), start: from, end: to });
  };
  for (let i = 0; i < paragraph.length; i++) {
    const code = paragraph.charCodeAt(i);
    if (code !== 46 && code !== 33 && code !== 63 && code !== 0x2026) continue;
    const ch = paragraph[i] ?? '';
    let end = i + 1;
    while (end < paragraph.length && (terminators.has(paragraph[end] ?? '') || closers.has(paragraph[end] ?? ''))) end++;
    let nextStart = end;
    while (nextStart < paragraph.length && isSpace(paragraph.charCodeAt(nextStart))) nextStart++;
    if (nextStart >= paragraph.length || (nextStart === end && !isGluedBoundary(paragraph, i, end, ranges, unicased))) {
      i = end - 1;
      continue;
    }
    const next = paragraph[nextStart] ?? '';
    if (!startsSentence(next, caseless) || cutsRange(ranges, end)) {
      i = end - 1;
      continue;
    }
    const isEllipsis = ch === '…' || paragraph.startsWith('..', i + 1) || (ch === '.' && paragraph[i - 1] === '.');
    if (ch === '.' && !isEllipsis && !periodEndsSentence(paragraph, i, next, caseless)) {
      i = end - 1;
      continue;
    }
    push(end);
    start = nextStart;
    i = nextStart - 1;
  }
  push(paragraph.length);
  return spans;
}
