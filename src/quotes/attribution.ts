import {
  ABBREVIATIONS,
  ADVERBS,
  ALIAS_CUES,
  ALIAS_FILLERS,
  CUE_VERBS,
  CUE_VERBS_NYA,
  DEMONSTRATIVES,
  DOCUMENT_NOUNS,
  FIRST_PERSON,
  FRONT_CUES,
  GIVING_VERBS,
  GROUP_HEADS,
  NAME_PARTICLES,
  ORG_WORDS,
  PASSIVE_CUES,
  PERSON_NOUNS,
  PROFESSION_NOUNS,
  PRONOUNS,
  ROLE_CONNECTORS,
  ROLE_WORDS,
  SPEAKER_END,
  SPEECH_NOUNS,
  SPEECH_VERBS,
  TIME_WORDS,
  WHILE_WORDS,
} from './lexicon.js';
import { isCommonWord, isNameToken, isPersonHead, splitSpeaker, type NameContext, type SpeakerPhrase } from './names.js';
import { PLACES } from './places.js';
import type { Token } from './tokens.js';

/** Who a quote is attributed to, as written around it. */
export interface Attribution {
  /** The cue as written: `kata`, `tambahnya`, `mengatakan`, `Menurut`. */
  readonly cue: string | null;
  /** The speaker named with the cue; null when the cue points back (`katanya`, `ia menambahkan`). */
  readonly phrase: SpeakerPhrase | null;
  /** The speaker is the previous one in the article. */
  readonly backReference: boolean;
}

const MAX_SPEAKER_TOKENS = 24;
/** Document nouns that cue a quote on their own, right after it: `“…,” bunyi pernyataan X`, `“…,” rilis Hull`. */
const STANDALONE_DOCUMENT_CUES = new Set(['bunyi', 'rilis']);
/** After `dari`, these begin a place the speaker spoke from, not the body they belong to. */
const LOCATION_HEADS = new Set(['istana', 'gedung', 'kantor', 'rumah', 'balai', 'kompleks', 'lokasi', 'ruang', 'hotel', 'bandara', 'stasiun', 'pelabuhan', 'jalan', 'kawasan', 'wilayah', 'kota', 'kabupaten', 'provinsi', 'kecamatan', 'desa', 'kampung', 'pulau', 'lapangan', 'markas', 'posko']);
const MAX_SUBJECT_TOKENS = 40;
const MAX_CUE_DISTANCE = 14;
const MAX_PARTIAL_DISTANCE = 40;

function isSentenceEnd(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (token === undefined || token.kind !== 'punct') return false;
  if (token.text === '!' || token.text === '?' || token.text === ';') return true;
  if (token.text !== '.') return false;
  const previous = tokens[i - 1];
  if (previous === undefined || previous.kind !== 'word') return true;
  return !(ABBREVIATIONS.has(previous.low) || (previous.text.length === 1 && previous.cap));
}

/** Ends a clause when scanning backwards for a subject. */
function isClauseBreak(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i] as Token;
  return token.kind === 'mark' || isSentenceEnd(tokens, i) || token.text === ':' || token.text === '—';
}

function speechVerb(low: string): boolean {
  return SPEECH_VERBS.has(low);
}

function nyaVerb(low: string): boolean {
  if (CUE_VERBS_NYA.has(low)) return true;
  return low.startsWith('di') && low.endsWith('nya') && CUE_VERBS.has(low.slice(2, -3));
}

function isWord(token: Token | undefined): token is Token {
  return token !== undefined && token.kind === 'word';
}

/** May this word stand in a speaker phrase? */
function speakerWord(token: Token, atStart: boolean): boolean {
  if (token.cap) return !TIME_WORDS.has(token.low) || !atStart;
  const low = token.low;
  return ROLE_WORDS.has(low) || ORG_WORDS.has(low) || GROUP_HEADS.has(low) || NAME_PARTICLES.has(low) || PRONOUNS.has(low);
}

/** Chooses among comma-separated parts: `Kepala Dusun X, Kelurahan Y, Wahyu Wibowo` → Wahyu Wibowo with the role. */
function choosePhrase(source: string, parts: Token[][], context: NameContext): SpeakerPhrase | null {
  const phrases = parts.map((part) => splitSpeaker(source, part, context));
  const head = phrases[0];
  if (head === undefined || head === null) return null;
  if (head.kind === 'person' && head.tokens.length === 1 && head.role !== null) {
    for (let i = 1; i < phrases.length; i += 1) {
      const later = phrases[i];
      if (later === undefined || later === null) break;
      if (later.kind === 'person' && later.tokens.length >= 2) {
        const role = [head.role, head.name, ...phrases.slice(1, i).map((p) => p?.name ?? '')].filter((r) => r !== '').join(', ');
        return { ...later, role: later.role ?? role, roleTokens: later.role === null ? [...head.roleTokens, ...head.tokens] : later.roleTokens };
      }
      if (later.kind !== 'role') break;
    }
  }
  // `Ketua Bapilu PSI, Sumardi`: a body's short name with a title before the name after the comma
  const after = phrases[1];
  if (head.kind === 'person' && head.role !== null && after?.kind === 'person' && after.role === null && /\b\p{Lu}{2,}\b/u.test(head.name)) {
    return { ...after, role: `${head.role} ${head.name}`, roleTokens: [...head.roleTokens, ...head.tokens] };
  }
  if (head.kind === 'person') {
    const apposition = phrases[1];
    if (head.role === null && apposition?.kind === 'role' && apposition.roleTokens.some((w) => ROLE_WORDS.has(w))) {
      return { ...head, role: apposition.role, roleTokens: apposition.roleTokens };
    }
    return head;
  }
  // `pelatih asal Portugal itu, Jose Mourinho`, `putrinya, Jamie Clark`: the described one is named right after
  const named = phrases[1];
  const kinNoun = head.kind === 'group' && head.tokens.length <= 3 && !GROUP_HEADS.has(head.tokens[0] ?? '') && named?.kind === 'person' && named.tokens.length >= 2;
  if ((head.kind === 'description' || kinNoun) && named?.kind === 'person') return { ...named, role: named.role ?? head.name, roleTokens: named.role === null ? [...head.tokens] : named.roleTokens };
  if (head.kind !== 'role') return head;
  const roles = [head.role];
  for (let i = 1; i < phrases.length; i += 1) {
    const phrase = phrases[i];
    if (phrase === undefined || phrase === null) break;
    if (phrase.kind === 'person') {
      const fuller = phrase.tokens.length === 1 ? phrases.slice(i + 1).find((later) => later?.kind === 'person' && later.tokens.length >= 2) : undefined;
      if (fuller !== undefined && fuller !== null) {
        return { ...fuller, role: [...roles, phrase.role, phrase.name].filter((r) => r !== null).join(', '), roleTokens: [...head.roleTokens, ...phrase.roleTokens, ...phrase.tokens] };
      }
      const role = [...roles, phrase.role].filter((r) => r !== null).join(', ');
      return { ...phrase, role, roleTokens: [...head.roleTokens, ...phrase.roleTokens] };
    }
    if (phrase.kind !== 'role') break;
    roles.push(phrase.role);
  }
  return head;
}

/** Index of the `)` closing the `(` at `open`, within a few tokens, or -1. */
function closingParenthesis(tokens: readonly Token[], open: number): number {
  for (let k = open + 1; k < tokens.length && k - open <= 10; k += 1) {
    const token = tokens[k] as Token;
    if (token.text === ')') return k;
    if (token.kind === 'mark' || token.text === '(') return -1;
  }
  return -1;
}

/** `dr.`, `Prof.`, `M.` in `Daeng M. Faqih`: a period that ends an abbreviation or an initial, not the name. */
function isAbbreviationPeriod(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  if (token?.text !== '.' || !isWord(before) || !isWord(after) || !after.cap) return false;
  return ABBREVIATIONS.has(before.low) || (before.text.length === 1 && before.cap);
}

/** `pria yang akrab disapa Nangoi`: after `yang` at `at`, the name an alias cue gives, or null. */
function nameAfterAliasCue(source: string, tokens: readonly Token[], at: number, context: NameContext): SpeakerPhrase | null {
  let k = at + 1;
  while (k < tokens.length && k - at <= 4 && ALIAS_FILLERS.has((tokens[k] as Token).low)) k += 1;
  const cue = tokens[k];
  if (cue === undefined || cue.cap || !ALIAS_CUES.has(cue.low)) return null;
  let from = k + 1;
  if (tokens[from]?.low === 'akrab') from += 1;
  let end = from;
  while (end < tokens.length && end - from < 3 && isWord(tokens[end]) && (tokens[end] as Token).cap) end += 1;
  const phrase = end > from ? splitSpeaker(source, tokens.slice(from, end), context) : null;
  return phrase?.kind === 'person' ? phrase : null;
}

/**
 * `kata Pimpinan sendra tari Ramayana RBP, Dahanan saat ditemui`, `tukas petinggi Michelin yang bertanggung jawab atas ban, Pierro
 * Taramasso.`: a title or description that runs on in lower case and names the person after a comma a few words later.
 */
function nameAfterDescription(source: string, tokens: readonly Token[], from: number, current: readonly Token[], context: NameContext): SpeakerPhrase | null {
  const first = current[0];
  if (first === undefined) return null;
  const titled = ROLE_WORDS.has(first.low) || PROFESSION_NOUNS.has(first.low);
  if (!(titled || describes(first)) || (!describes(first) && current.some((token) => isNameToken(token, context)))) return null;
  for (let k = from; k < tokens.length && k - from <= 14; k += 1) {
    const token = tokens[k] as Token;
    if (token.kind === 'mark' || isSentenceEnd(tokens, k) || (token.kind === 'word' && speechVerb(token.low))) return null;
    if (token.text !== ',' || tokens[k + 1] === undefined || !isNameToken(tokens[k + 1] as Token, context)) continue;
    let end = k + 1;
    while (end < tokens.length && isWord(tokens[end]) && ((tokens[end] as Token).cap || NAME_PARTICLES.has((tokens[end] as Token).low))) end += 1;
    const after = tokens[end];
    const closes = after === undefined || isSentenceEnd(tokens, end) || after.text === ',' || after.text === '(' || (after.kind === 'word' && !after.cap && SPEAKER_END.has(after.low));
    const phrase = closes ? splitSpeaker(source, tokens.slice(k + 1, end), context) : null;
    if (phrase?.kind !== 'person') return null;
    const last = tokens[k - 1] as Token;
    return phrase.role !== null ? phrase : { ...phrase, role: source.slice(first.start, last.end), roleTokens: tokens.slice(tokens.indexOf(first), k).filter(isWord).map((t) => t.low) };
  }
  return null;
}

/** Single quote marks around a title inside a description: `pemain ‘Zoolander’ tersebut`. */
const SINGLE_MARKS = new Set(['‘', '’', "'"]);

/**
 * `kata pemain ‘Zoolander’ tersebut`, `pungkas pemain yang pernah membela Brisbane Roar tersebut`: a person noun whose
 * description runs on to a demonstrative is someone named before, not a new speaker called `pemain`.
 */
function definiteAfterClause(source: string, tokens: readonly Token[], from: number, current: readonly Token[]): SpeakerPhrase | null {
  const first = current[0];
  if (first === undefined || first.cap || current.length > 3 || !isPersonHead(first.low)) return null;
  for (let k = from; k < tokens.length && k - from <= 16; k += 1) {
    const token = tokens[k] as Token;
    if (token.kind === 'mark' || isSentenceEnd(tokens, k) || token.text === ',') return null;
    if (token.kind !== 'word') {
      if (SINGLE_MARKS.has(token.text) || token.text === '(' || token.text === ')' || token.text === '-') continue;
      return null;
    }
    if (speechVerb(token.low)) return null;
    if (token.cap || !DEMONSTRATIVES.has(token.low)) continue;
    const after = tokens[k + 1];
    const closes = after === undefined || isSentenceEnd(tokens, k + 1) || after.text === ',' || (after.kind === 'word' && !after.cap && SPEAKER_END.has(after.low));
    if (!closes) return null;
    const words = tokens.slice(tokens.indexOf(first), k + 1).filter(isWord);
    return { kind: 'description', name: source.slice(first.start, token.end), role: null, tokens: words.map((w) => w.low), roleTokens: [] };
  }
  return null;
}

/** `X selaku Direktur Y`, `X sebagai Ketua Y`: the role follows. */
const ROLE_INTRODUCERS = new Set(['selaku', 'sebagai']);

/** May a phrase that begins with this word go on to describe someone: `mantan pelatih timnas U-23 itu`, `pria asal Tasikmalaya`? */
function describes(first: Token): boolean {
  return (!first.cap || PERSON_NOUNS.has(first.low)) && isPersonHead(first.low);
}

/** Reads the speaker written after a cue: `kata Presiden Rusia Vladimir Putin kepada wartawan` → Vladimir Putin. */
export function speakerAfter(source: string, tokens: readonly Token[], from: number, context: NameContext): SpeakerPhrase | null {
  const parts: Token[][] = [];
  let current: Token[] = [];
  let grouping = false;
  /** A second role joined by `sekaligus` runs on in lower case: `CEO sekaligus penggagas produk ini`. */
  let joinedRole = false;
  /** Index into `parts` where the role after `selaku` starts, or -1. */
  let roleFrom = -1;
  for (let j = from; j < tokens.length && j - from < MAX_SPEAKER_TOKENS; j += 1) {
    const token = tokens[j] as Token;
    // `kata dia Dikutip dari …`: nothing after a lone pronoun belongs to the speaker
    if (token.kind === 'word' && parts.length === 0 && current.length === 1 && PRONOUNS.has((current[0] as Token).low)) break;
    if (token.text === '(' && current.length > 0) {
      const close = closingParenthesis(tokens, j);
      if (close < 0) break;
      j = close;
      const next = tokens[close + 1];
      if (next !== undefined) context.afterParenthesis.add(next);
      continue;
    }
    if (token.kind !== 'word') {
      if (current.length > 0 && isAbbreviationPeriod(tokens, j)) continue;
      if (SINGLE_MARKS.has(token.text) && parts.length === 0 && roleFrom < 0) {
        const described = definiteAfterClause(source, tokens, j, current);
        if (described !== null) return described;
      }
      if (token.text !== ',' || current.length === 0) break;
      parts.push(current);
      current = [];
      const next = tokens[j + 1];
      const joined = next !== undefined && next.low === 'dan' && tokens[j + 2]?.cap === true;
      if (parts.length >= 4 || !isWord(next) || (!speakerWord(next, true) && !joined && !ROLE_INTRODUCERS.has(next.low))) break;
      continue;
    }
    if (ROLE_INTRODUCERS.has(token.low) && roleFrom < 0 && (current.length > 0 || parts.length > 0)) {
      if (current.length > 0) parts.push(current);
      current = [];
      roleFrom = parts.length;
      continue;
    }
    if (current.length > 0 && DEMONSTRATIVES.has(token.low) && !token.cap) {
      current.push(token);
      // `penggagas produk ini, Azar Talibzade`: the description's name follows the comma
      const named = tokens[j + 1]?.text === ',' && tokens[j + 2] !== undefined && isNameToken(tokens[j + 2] as Token, context);
      if (named) continue;
      break;
    }
    if (token.low === 'sekaligus' && current.length > 0 && isWord(tokens[j + 1]) && !(tokens[j + 1] as Token).cap) {
      current.push(token);
      joinedRole = true;
      continue;
    }
    if (token.low === 'yang' && current.length > 0 && describes(current[0] as Token)) {
      const named = nameAfterAliasCue(source, tokens, j, context);
      if (named !== null) return named;
    }
    const afterDocument = token.low === 'dari' && current.length === 1 && DOCUMENT_NOUNS.has((current[0] as Token).low);
    if (!token.cap && SPEAKER_END.has(token.low) && !afterDocument && !(ROLE_CONNECTORS.has(token.low) && current.length > 0 && tokens[j + 1]?.cap === true)) {
      const named = parts.length === 0 && roleFrom < 0 ? (nameAfterDescription(source, tokens, j, current, context) ?? definiteAfterClause(source, tokens, j, current)) : null;
      if (named !== null) return named;
      break;
    }
    if (token.low === 'dari' && isWord(tokens[j + 1]) && (LOCATION_HEADS.has((tokens[j + 1] as Token).low) || PLACES.has((tokens[j + 1] as Token).low))) break;
    if (token.cap && TIME_WORDS.has(token.low)) break;
    if (speakerWord(token, current.length === 0)) {
      current.push(token);
      continue;
    }
    if ((ROLE_CONNECTORS.has(token.low) || /^\d/.test(token.text)) && (current.length > 0 || parts.length > 0) && tokens[j + 1]?.cap === true) {
      current.push(token);
      continue;
    }
    const describing = current.length > 0 && current.length < 7 && describes(current[0] as Token);
    const chained = joinedRole && current.length < 8;
    if ((describing || afterDocument || chained || (parts.length === 0 && (current.length === 0 || grouping) && current.length < 4)) && !speechVerb(token.low)) {
      grouping = true;
      current.push(token);
      continue;
    }
    const named = parts.length === 0 && roleFrom < 0 ? (nameAfterDescription(source, tokens, j, current, context) ?? definiteAfterClause(source, tokens, j, current)) : null;
    if (named !== null) return named;
    break;
  }
  if (current.length > 0) parts.push(current);
  if (roleFrom < 0 || roleFrom >= parts.length) return choosePhrase(source, roleFrom < 0 ? parts : parts.slice(0, roleFrom), context);
  const head = choosePhrase(source, parts.slice(0, roleFrom), context);
  const roleTokens = parts.slice(roleFrom).flat();
  if (head === null || head.kind !== 'person' || head.role !== null) return head;
  const first = roleTokens[0] as Token;
  const last = roleTokens[roleTokens.length - 1] as Token;
  return { ...head, role: source.slice(first.start, last.end), roleTokens: roleTokens.map((token) => token.low) };
}

const ADJUNCT_HEADS = new Set(['yang', 'saat', 'ketika', 'dalam', 'di', 'pada', 'seusai', 'usai', 'sewaktu', 'kepada', 'melalui', 'lewat', 'selaku', 'sebagai', 'seperti', 'sebagaimana', 'saat-saat', 'tatkala', 'sesudah', 'setelah', 'sebelum', 'kemarin', 'tadi']);

/** A comma-separated piece that is not the subject: `Senin (20/4/2020)`, `yang dihubungi Kompas`, `saat ditemui`. */
const TIME_COMPANIONS = new Set(['ini', 'itu', 'lalu', 'depan', 'kemarin', 'tadi', 'pukul', 'sekitar', 'waktu', 'wib', 'wita', 'wit']);

function isAdjunct(segment: readonly Token[]): boolean {
  const first = segment[0];
  if (first === undefined) return true;
  if (ADJUNCT_HEADS.has(first.low)) return true;
  return segment.every((token) => token.kind !== 'word' || TIME_WORDS.has(token.low) || TIME_COMPANIONS.has(token.low) || /^\d/.test(token.text));
}

/** The noun phrase that ends a segment: the words a speaker's name and role can be made of. */
function phraseSuffix(segment: readonly Token[]): Token[] {
  let start = segment.length;
  while (start > 0) {
    const token = segment[start - 1] as Token;
    const inside = start < segment.length;
    if (token.kind === 'word' && (speakerWord(token, false) || (inside && ROLE_CONNECTORS.has(token.low) && (segment[start] as Token).cap))) {
      start -= 1;
      continue;
    }
    break;
  }
  const suffix = segment.slice(start);
  let from = 0;
  while (from < suffix.length) {
    const word = suffix[from] as Token;
    const skip = ROLE_CONNECTORS.has(word.low) || (isCommonWord(word.low) && !ROLE_WORDS.has(word.low) && !GROUP_HEADS.has(word.low) && !PRONOUNS.has(word.low));
    if (!skip) break;
    from += 1;
  }
  return suffix.slice(from);
}

/** Prepositions whose object stands between a subject and its verb, never the subject: `X kepada DailySocial menjelaskan`. */
const INNER_PREPOSITIONS = new Set(['kepada', 'dalam', 'di', 'melalui', 'lewat', 'dengan', 'pada', 'secara', 'selaku', 'sebagai']);
/** Conjunctions that may start a clause between a subject and its verb: `X saat ditemui di kantornya mengatakan`. */
const INNER_CONJUNCTIONS = new Set(['saat', 'ketika', 'usai', 'seusai', 'sebelum', 'setelah', 'sesudah', 'sambil', 'seraya', 'sembari', 'tatkala', 'sewaktu']);

/**
 * Cuts what follows the subject inside a segment: `Aldo Schellenberg dalam konferensi pers` → Aldo Schellenberg;
 * `Anita Abdulkadir kepada DailySocial` → Anita Abdulkadir; `Eng Hian selaku Kabid Binpres` → Eng Hian, with the role after
 * `selaku` returned apart. `suffix`: how many words at the end could be a speaker phrase on their own.
 */
function cutInnerAdjunct(segment: readonly Token[], suffix: number): { subject: readonly Token[]; role: readonly Token[] } {
  const before = segment[segment.length - suffix - 1];
  const objectOnly = suffix > 0 && before !== undefined && !before.cap && INNER_PREPOSITIONS.has(before.low);
  const named = segment.slice(segment.length - suffix).some((token) => token.cap);
  if (named && !objectOnly) return { subject: segment, role: [] };
  for (let k = 1; k < segment.length; k += 1) {
    const token = segment[k] as Token;
    if (token.cap || !(INNER_PREPOSITIONS.has(token.low) || INNER_CONJUNCTIONS.has(token.low))) continue;
    if (!segment.slice(0, k).some((word) => word.cap || ROLE_WORDS.has(word.low))) return { subject: segment, role: [] };
    return { subject: segment.slice(0, k), role: ROLE_INTRODUCERS.has(token.low) ? segment.slice(k + 1) : [] };
  }
  return { subject: segment, role: [] };
}

/**
 * Reads the subject right before a verb: `Namun, Putin juga mengakui` → Putin; `Ia lantas memuji` → ia;
 * `Tri Maharini, dokter emergensi dari …, memaparkan` → Tri Maharini; `X, yang dihubungi Kompas, Jumat (19/6), menambahkan` → X.
 */
export function subjectBefore(source: string, tokens: readonly Token[], verb: number, context: NameContext): SpeakerPhrase | null {
  let j = verb - 1;
  while (j >= 0 && isWord(tokens[j]) && !(tokens[j] as Token).cap && ADVERBS.has((tokens[j] as Token).low)) j -= 1;
  if (isWord(tokens[j]) && WHILE_WORDS.has((tokens[j] as Token).low)) {
    // `Ia tersenyum sambil berujar`: the subject of the first verb, before its few words
    const first = j;
    j -= 1;
    while (j >= 0 && first - j <= 6 && isWord(tokens[j]) && !(tokens[j] as Token).cap && !PRONOUNS.has((tokens[j] as Token).low)) j -= 1;
  }
  // `… di Iran Dia menambahkan` (sentences a scrape ran together): a pronoun right before the verb is its subject
  const right = tokens[j];
  if (isWord(right) && PRONOUNS.has(right.low) && right.low !== 'dirinya') return splitSpeaker(source, [right], context);
  const segments: Token[][] = [];
  let current: Token[] = [];
  while (j >= 0 && verb - j <= MAX_SUBJECT_TOKENS) {
    const token = tokens[j] as Token;
    if (token.text === ')') {
      let k = j - 1;
      while (k >= 0 && j - k < 10 && (tokens[k] as Token).text !== '(' && !isClauseBreak(tokens, k)) k -= 1;
      if (k < 0 || (tokens[k] as Token).text !== '(') break;
      const next = current[0];
      if (next !== undefined) context.afterParenthesis.add(next);
      j = k - 1;
      continue;
    }
    if (token.text === ',') {
      segments.push(current);
      current = [];
      if (segments.length > 4) break;
      j -= 1;
      continue;
    }
    if (token.kind !== 'word' && !(current.length > 0 && isAbbreviationPeriod(tokens, j))) break;
    if (token.kind === 'word') current.unshift(token);
    j -= 1;
  }
  segments.push(current);
  let apposition: SpeakerPhrase | null = null;
  for (let i = 0; i < segments.length; i += 1) {
    let segment = segments[i] as readonly Token[];
    if (segment.length === 0) continue;
    if (isAdjunct(segment)) {
      // `Kepada media CEO Jurnal.id Daniel Witono mengungkapkan`: a name closing the adjunct right before the verb is its subject
      const named = i === 0 && ADJUNCT_HEADS.has((segment[0] as Token).low) ? namedAtEnd(source, segment, context) : null;
      if (named !== null) return named;
      continue;
    }
    const which = segment.findLastIndex((token) => token.low === 'yang' && !token.cap);
    if (which > 0 && describes(segment[0] as Token)) {
      const named = nameAfterAliasCue(source, segment, which, context);
      if (named !== null) return named;
    }
    if (which > 0) segment = segment.slice(0, which);
    const untrimmed = phraseSuffix(segment);
    const { subject, role } = cutInnerAdjunct(segment, untrimmed.length);
    const suffix = subject === segment ? untrimmed : phraseSuffix(subject);
    segment = subject;
    const last = suffix[suffix.length - 1];
    if (apposition === null && last !== undefined && PRONOUNS.has(last.low)) return splitSpeaker(source, [last], context);
    const phrase = withRole(source, splitSpeaker(source, suffix, context), role);
    const whole = suffix.length === segment.length;
    if (apposition !== null) {
      if (phrase?.kind === 'person' && whole) {
        return phrase.role === null ? { ...phrase, role: apposition.role, roleTokens: apposition.roleTokens } : phrase;
      }
      return apposition.kind === 'role' && apposition.tokens.length > 0 ? apposition : null;
    }
    const first = segment[0] as Token;
    const more = segments.slice(i + 1).some((later) => !isAdjunct(later) && later.some((token) => isNameToken(token, context)));
    if (more && !first.cap && !GROUP_HEADS.has(first.low) && !PRONOUNS.has(first.low)) {
      const text = source.slice(first.start, (segment[segment.length - 1] as Token).end);
      apposition = { kind: 'role', name: text, role: text, tokens: [], roleTokens: segment.map((t) => t.low) };
      continue;
    }
    if (more && whole && phrase?.kind === 'role') {
      apposition = phrase;
      continue;
    }
    return phrase?.kind === 'person' && whole ? withTitleBefore(source, phrase, segments[i + 1], context) : phrase;
  }
  return apposition?.kind === 'role' && apposition.tokens.length > 0 ? apposition : null;
}

/** A person of two names or more (perhaps with a title) ending an adjunct: `saat ditemui di kantornya Budi Santoso`. */
function namedAtEnd(source: string, segment: readonly Token[], context: NameContext): SpeakerPhrase | null {
  const suffix = phraseSuffix(segment);
  if (suffix.length === 0 || suffix.length === segment.length) return null;
  const phrase = splitSpeaker(source, suffix, context);
  return phrase?.kind === 'person' && phrase.tokens.length >= 2 ? phrase : null;
}

/**
 * `Kapolsek Pancoran, Kompol Aswin, menerangkan`, `Kepala Dinas Perumahan DKI, Arifin memastikan`: a title (perhaps with a
 * one-word place or body) before the name's comma is the name's position, not someone else; the person gets it ahead of their own rank.
 */
function withTitleBefore(source: string, phrase: SpeakerPhrase, before: readonly Token[] | undefined, context: NameContext): SpeakerPhrase {
  const title = before?.[0];
  const last = before?.[before.length - 1];
  if (before === undefined || title === undefined || last === undefined || before.length > 6 || !title.cap || !ROLE_WORDS.has(title.low)) return phrase;
  const held = splitSpeaker(source, before, context);
  const titleOnly = held?.kind === 'role' || (held?.kind === 'person' && held.tokens.length === 1 && held.role !== null);
  if (!titleOnly) return phrase;
  const role = source.slice(title.start, last.end);
  return { ...phrase, role: phrase.role === null ? role : `${role}, ${phrase.role}`, roleTokens: [...before.map((token) => token.low), ...phrase.roleTokens] };
}

/** The phrase with the role written after `selaku`, when it has none of its own. */
function withRole(source: string, phrase: SpeakerPhrase | null, role: readonly Token[]): SpeakerPhrase | null {
  const first = role[0];
  const last = role[role.length - 1];
  if (phrase === null || phrase.kind !== 'person' || phrase.role !== null || first === undefined || last === undefined) return phrase;
  return { ...phrase, role: source.slice(first.start, last.end), roleTokens: role.map((token) => token.low) };
}

/** Does the sentence from `i` end before any quote mark opens? `“…” Sambung Miley.` is a cue; `“…” Kata Budi, “…”` introduces the next quote. */
function endsWithoutQuote(tokens: readonly Token[], i: number): boolean {
  for (let k = i; k < tokens.length && k - i <= MAX_SPEAKER_TOKENS; k += 1) {
    if ((tokens[k] as Token).kind === 'mark') return false;
    if (isSentenceEnd(tokens, k)) return true;
  }
  return true;
}

/** Words that say where or when someone spoke: `di Gedung Kemlu`, `usai rapat`, `saat ditemui`. */
const SETTING_WORDS = new Set(['di', 'usai', 'seusai', 'saat', 'ketika', 'kepada', 'dalam', 'pada', 'selepas', 'sebelum', 'setelah', 'sesudah']);
/** Words of `me-`/`ber-` shape that are prepositions, not verbs. */
const PREPOSITIONAL_VERBS = new Set(['bersama', 'mengenai', 'menjelang', 'menuju', 'melalui', 'berdasarkan', 'menurut', 'bersamaan', 'mengikuti', 'menggunakan']);

/** Does a verb come before the sentence ends (`Joko Widodo di Istana meresmikan …`)? */
function verbBeforeSentenceEnd(tokens: readonly Token[], from: number): boolean {
  for (let k = from; k < tokens.length && !isSentenceEnd(tokens, k); k += 1) {
    const token = tokens[k] as Token;
    if (token.kind === 'mark') return false;
    if (token.kind !== 'word' || token.cap || PREPOSITIONAL_VERBS.has(token.low)) continue;
    if (speechVerb(token.low) || ((token.low.startsWith('me') || token.low.startsWith('ber')) && token.low.length > 5)) return true;
  }
  return false;
}

/**
 * `“…,” Juru Bicara Arrmanatha Nasir di Gedung Kemlu`, `“…” Ketua Bapilu PSI, Sumardi.`: a title and a name right after the
 * quote with no verb, the cue left out. Only when what follows the name ends the sentence or says where or when.
 */
function titledSpeakerAlone(source: string, tokens: readonly Token[], from: number, context: NameContext): SpeakerPhrase | null {
  let j = from;
  while (j < tokens.length && j - from < MAX_SPEAKER_TOKENS) {
    const token = tokens[j] as Token;
    const joins = token.kind === 'word' && (token.cap || ((ROLE_CONNECTORS.has(token.low) || NAME_PARTICLES.has(token.low)) && tokens[j + 1]?.cap === true));
    const comma = token.text === ',' && tokens[j + 1]?.cap === true && !TIME_WORDS.has((tokens[j + 1] as Token).low);
    if (!joins && !comma) break;
    if (token.kind === 'word' && TIME_WORDS.has(token.low)) break;
    j += 1;
  }
  const after = tokens[j];
  const ends = after === undefined || isSentenceEnd(tokens, j) || after.text === ',' || after.text === '(' || (after.kind === 'word' && SETTING_WORDS.has(after.low) && !verbBeforeSentenceEnd(tokens, j));
  if (!ends) return null;
  const phrase = speakerAfter(source, tokens, from, context);
  return phrase?.kind === 'person' && phrase.role !== null ? phrase : null;
}

/** `bunyi pernyataan resmi yang diucapkan Van Dijk`: the one a document noun's `yang di-…` clause names. */
function passiveAuthor(source: string, tokens: readonly Token[], from: number, context: NameContext): SpeakerPhrase | null {
  for (let k = from + 1; k + 2 < tokens.length && k - from <= 6; k += 1) {
    const token = tokens[k] as Token;
    if (token.kind !== 'word') return null;
    const verb = tokens[k + 1] as Token;
    if (token.low !== 'yang' || !isWord(verb) || !(PASSIVE_CUES.has(verb.low) || /^di\p{Ll}{3,}kan$/u.test(verb.low))) continue;
    const start = tokens[k + 2]?.low === 'oleh' ? k + 3 : k + 2;
    const phrase = speakerAfter(source, tokens, start, context);
    return phrase?.kind === 'person' ? phrase : null;
  }
  return null;
}

/** The attribution from `from` on, right after a closing mark: `,” kata X`, `,” ujarnya`, `,” ia menambahkan`. `quoteEndsOpen`: the quote ended on `,`, `?` or `!`, so a capital need not start a new sentence. */
export function attributionAfter(
  source: string,
  tokens: readonly Token[],
  from: number,
  quoteEndsOpen: boolean,
  context: NameContext,
): Attribution | null {
  let k = from;
  if (tokens[k]?.text === ',') k += 1;
  const first = tokens[k];
  if (!isWord(first)) return null;
  const titled = first.cap && ROLE_WORDS.has(first.low) ? titledSpeakerAlone(source, tokens, k, context) : null;
  if (titled !== null) return { cue: null, phrase: titled, backReference: false };
  if (first.cap && !quoteEndsOpen && !((CUE_VERBS.has(first.low) || CUE_VERBS_NYA.has(first.low)) && endsWithoutQuote(tokens, k))) return null;
  // `“…,” aku Stephens`: `aku` (admits) before a name is a cue, not the first person
  const named = tokens[k + 1];
  if (first.low === 'aku' && !first.cap && isWord(named) && named.cap) {
    const phrase = speakerAfter(source, tokens, k + 1, context);
    if (phrase?.kind === 'person') return { cue: first.text, phrase, backReference: false };
  }
  let cue = first;
  if ((first.low === 'demikian' || first.low === 'begitu') && isWord(tokens[k + 1])) {
    k += 1;
    cue = tokens[k] as Token;
    // `“…,” demikian M.U.S.T kepada Daily Mail`: the one named right after `demikian` said it
    if (cue.cap) {
      const phrase = speakerAfter(source, tokens, k, context);
      return phrase?.kind === 'person' || phrase?.kind === 'role' ? { cue: first.text, phrase, backReference: false } : null;
    }
  }
  if (CUE_VERBS_NYA.has(cue.low)) return { cue: cue.text, phrase: null, backReference: true };
  // `“…,” dikutip dari akun Instagram @dishubdkijakarta`: the account quoted from said it
  if (cue.low === 'dikutip' && tokens[k + 1]?.low === 'dari' && DOCUMENT_NOUNS.has(tokens[k + 2]?.low ?? '')) {
    const phrase = speakerAfter(source, tokens, k + 2, context);
    return phrase?.kind === 'person' ? { cue: cue.text, phrase, backReference: false } : null;
  }
  if (DOCUMENT_NOUNS.has(cue.low) && !cue.cap && (cue !== first || STANDALONE_DOCUMENT_CUES.has(cue.low))) {
    const phrase = speakerAfter(source, tokens, k, context);
    return { cue: cue.text, phrase: phrase?.kind === 'person' ? phrase : passiveAuthor(source, tokens, k, context), backReference: false };
  }
  if (CUE_VERBS.has(cue.low) || PASSIVE_CUES.has(cue.low) || cue.low === 'menurut') {
    const phrase = speakerAfter(source, tokens, k + 1, context);
    if (phrase === null) return { cue: cue.text, phrase: null, backReference: true };
    if (phrase.kind === 'pronoun') return { cue: source.slice(cue.start, (tokens[k + 1] as Token).end), phrase: null, backReference: true };
    return { cue: cue.text, phrase, backReference: false };
  }
  for (let v = k + 1; v < tokens.length && v - k <= 8; v += 1) {
    const token = tokens[v] as Token;
    if (token.kind !== 'word') {
      if (token.text === ',' || token.text === '(' || token.text === ')') continue;
      return null;
    }
    if (!speechVerb(token.low)) continue;
    const phrase = subjectBefore(source, tokens, v, context);
    if (phrase === null) return null;
    if (phrase.kind === 'pronoun') return { cue: source.slice(first.start, token.end), phrase: null, backReference: true };
    return { cue: token.text, phrase, backReference: false };
  }
  return null;
}

/** The attribution before an opening mark: `X mengatakan: “`, `Kata X, “`, `Menurut X, “`. */
export function attributionBefore(
  source: string,
  tokens: readonly Token[],
  openMark: number,
  context: NameContext,
): Attribution | null {
  let j = openMark - 1;
  const last = tokens[j];
  if (last === undefined) return null;
  const punctuated = last.text === ':' || last.text === ',';
  if (punctuated) j -= 1;
  else if (!isWord(last) || !speechVerb(last.low)) return null;
  for (let v = j; v >= 0 && j - v <= MAX_CUE_DISTANCE; v -= 1) {
    const token = tokens[v] as Token;
    if (token.kind !== 'word') {
      if (isClauseBreak(tokens, v)) return null;
      if (token.text === ',' && v !== j) {
        const next = tokens[v + 1];
        if (next !== undefined && !next.cap && !ROLE_WORDS.has(next.low)) return null;
      }
      continue;
    }
    if (token.low === 'bahwa') return null;
    if (speechVerb(token.low) || (GIVING_VERBS.has(token.low) && SPEECH_NOUNS.has(tokens[v + 1]?.low ?? ''))) {
      const phrase = subjectBefore(source, tokens, v, context);
      if (phrase === null) return null;
      if (phrase.kind === 'pronoun') return { cue: token.text, phrase: null, backReference: true };
      return { cue: token.text, phrase, backReference: false };
    }
    if (FRONT_CUES.has(token.low) && token.cap && (v === 0 || isClauseBreak(tokens, v - 1) || tokens[v - 1]?.text === ',')) {
      const phrase = speakerAfter(source, tokens, v + 1, context);
      if (phrase === null) return null;
      if (phrase.kind === 'pronoun') return { cue: token.text, phrase: null, backReference: true };
      if (FIRST_PERSON.has(phrase.tokens[0] ?? '')) return null;
      return { cue: token.text, phrase, backReference: false };
    }
  }
  return null;
}

/** The speaker of a partial quote: the subject of the nearest speech verb before it in its sentence. */
export function attributionOfPartial(
  source: string,
  tokens: readonly Token[],
  openMark: number,
  context: NameContext,
): Attribution | null {
  for (let v = openMark - 1; v >= 0 && openMark - v <= MAX_PARTIAL_DISTANCE; v -= 1) {
    const token = tokens[v] as Token;
    if (token.kind !== 'word') {
      if (isClauseBreak(tokens, v)) return null;
      continue;
    }
    if (nyaVerb(token.low)) return { cue: token.text, phrase: null, backReference: true };
    if (speechVerb(token.low)) {
      const phrase = subjectBefore(source, tokens, v, context);
      if (phrase === null) return null;
      if (phrase.kind === 'pronoun') return { cue: token.text, phrase: null, backReference: true };
      return { cue: token.text, phrase, backReference: false };
    }
    if (token.low === 'menurut' && token.cap) {
      const phrase = speakerAfter(source, tokens, v + 1, context);
      if (phrase === null || phrase.kind === 'pronoun') return phrase === null ? null : { cue: token.text, phrase: null, backReference: true };
      return { cue: token.text, phrase, backReference: false };
    }
  }
  return null;
}

/** Is this quote set inside the writer's own sentence, as a few borrowed words? */
export function isEmbedded(tokens: readonly Token[], openMark: number, firstQuoted: Token | undefined): boolean {
  const before = tokens[openMark - 1];
  if (before === undefined || before.kind !== 'word') return false;
  if (firstQuoted !== undefined && firstQuoted.kind === 'word' && !firstQuoted.cap) return true;
  return !speechVerb(before.low);
}

export { isSentenceEnd, speechVerb };
