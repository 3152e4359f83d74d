import stopwordsId from 'natural/lib/natural/util/stopwords_id.js';
import { isDerivedWord, isDictionaryWord } from './dictionary.js';
import {
  BODY_HEADS,
  DEMONSTRATIVES,
  DOCUMENT_NOUNS,
  FIRST_PERSON,
  GROUP_HEADS,
  INDEFINITES,
  NAME_PARTICLES,
  NUMBER_WORDS,
  ORG_WORDS,
  PERSON_NOUNS,
  PLACE_HEADS,
  PLATFORMS,
  PROFESSION_NOUNS,
  PRONOUNS,
  ROLE_PHRASES,
  ROLE_WORDS,
  TIME_WORDS,
} from './lexicon.js';
import { PLACES } from './places.js';
import type { Token } from './tokens.js';

const COMMON_WORDS: ReadonlySet<string> = new Set(
  stopwordsId.words.filter((word) => word.length > 1),
);

/** Words that are never part of a person's name, unless the article uses them alone as one. */
const NEVER_NAMES: ReadonlySet<string> = new Set([
  ...ROLE_WORDS,
  ...ORG_WORDS,
  ...TIME_WORDS,
  ...PLACES,
  ...COMMON_WORDS,
  ...PRONOUNS,
  ...FIRST_PERSON,
  ...NUMBER_WORDS,
  ...PERSON_NOUNS,
]);

/** What an article tells us about its own words: places it names, and tokens it uses alone as a person's name. */
export interface NameContext {
  readonly places: ReadonlySet<string>;
  readonly personTokens: ReadonlySet<string>;
  /** Words right after a parenthesis inside a speaker phrase: `Badan X (BX) Nama` — a name starts there at the earliest. */
  readonly afterParenthesis: Set<Token>;
}

/**
 * `person`: a name (of a person, or of a body speaking as one); `group`: people or a document named by a common noun
 * (`para pejabat`, `seorang sumber`, `penelitian ini`); `pronoun`; `role`: a title standing for its holder (`Presiden`);
 * `description`: someone named before, described (`pria Portugis tersebut`, `mantan pemain AS Roma ini`).
 */
export type PhraseKind = 'person' | 'group' | 'pronoun' | 'role' | 'description';

/** A speaker as written next to a cue, split into name and role. */
export interface SpeakerPhrase {
  readonly kind: PhraseKind;
  /** The person's name, the group as written, the pronoun, or the role standing for a person. */
  readonly name: string;
  readonly role: string | null;
  /** Folded tokens of `name`. */
  readonly tokens: readonly string[];
  /** Folded tokens of the role. */
  readonly roleTokens: readonly string[];
}

const LETTER = /\p{L}/u;
const WEB_ADDRESS = /\.\p{Ll}{2,}$/u;
const BRAND_SHAPE = /^\p{Lu}\p{Ll}{3,}\p{Lu}/u;

function isAcronym(token: Token): boolean {
  return token.text.length >= 2 && token.text === token.text.toUpperCase() && LETTER.test(token.text);
}

/** Is this folded word one that never stands in a person's name (a title, body, time, place, common or number word)? */
export function isNeverName(low: string): boolean {
  return NEVER_NAMES.has(low);
}

export function isCommonWord(low: string): boolean {
  return COMMON_WORDS.has(low);
}

function hasDigit(low: string): boolean {
  for (let i = 0; i < low.length; i += 1) {
    const code = low.charCodeAt(i);
    if (code >= 48 && code <= 57) return true;
  }
  return false;
}

/** `InfraDigital`, `DailySocial`, `PlayStation`: two words run together, a brand's shape; names run so only after a short prefix (`McKenna`, `LeBron`). */
function isBrandShaped(text: string): boolean {
  for (let i = 4; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) return BRAND_SHAPE.test(text);
  }
  return false;
}

/** Could this token be part of a person's name in this article? */
export function isNameToken(token: Token, context: NameContext): boolean {
  if (token.kind !== 'word' || !token.cap) return false;
  const low = token.low;
  if (context.personTokens.has(low)) return true;
  return !NEVER_NAMES.has(low) && !context.places.has(low) && !hasDigit(low) && !isBrandShaped(token.text) && !isDerivedWord(low) && !isNyaWord(low);
}

/**
 * `Ali Jabar`, `Ahmad Bali`: a place word ending a name, when a name word stands right before it (`Gubernur Jabar` is a role
 * and a place; in `Kepala BBPOM Bandarlampung` the place ends a body's acronym).
 */
function isPlaceEndingName(tokens: readonly Token[], i: number, context: NameContext): boolean {
  const token = tokens[i] as Token;
  const before = tokens[i - 1];
  if (!token.cap || before === undefined || !isNameToken(before, context) || PLACE_HEADS.has(before.low) || isAcronym(before)) return false;
  const low = token.low;
  return (PLACES.has(low) || context.places.has(low)) && !ROLE_WORDS.has(low) && !COMMON_WORDS.has(low) && !TIME_WORDS.has(low) && !ORG_WORDS.has(low);
}

/** `Mulanya`, `Rencananya`: an ordinary word with `-nya`, never a name. */
function isNyaWord(low: string): boolean {
  return low.length > 5 && low.endsWith('nya') && isDictionaryWord(low.slice(0, -3));
}

/** Modifiers before the noun a description is built on: `mantan`, `sang`, `eks`. */
const DESCRIPTION_MODIFIERS = new Set(['sang', 'si', 'mantan', 'eks', 'bekas', 'calon']);

/** The noun a description is built on: `mantan pelatih Bayern Munich ini` → pelatih. */
export function descriptionHead(tokens: readonly string[]): string {
  return tokens.find((word) => !DESCRIPTION_MODIFIERS.has(word)) ?? tokens[0] ?? '';
}

/** May a description built on this noun stand for a person named before? */
export function isPersonHead(head: string): boolean {
  return PERSON_NOUNS.has(head) || PROFESSION_NOUNS.has(head) || ROLE_WORDS.has(head);
}

/**
 * A description without a name that points back to someone (`pria asal Purworejo`, `sang ibu`, `pelatih asal Portugal itu`):
 * definite, built on a noun for a person, and not a group, a document or someone new (`seorang warga`).
 */
function isDefiniteDescription(tokens: readonly Token[]): boolean {
  const first = tokens[0] as Token;
  const last = tokens[tokens.length - 1] as Token;
  if ((first.cap && !PERSON_NOUNS.has(first.low)) || GROUP_HEADS.has(first.low) || INDEFINITES.has(first.low) || DOCUMENT_NOUNS.has(first.low)) return false;
  const head = descriptionHead(tokens.map((token) => token.low));
  const modified = DESCRIPTION_MODIFIERS.has(first.low);
  const definite = DEMONSTRATIVES.has(last.low) || first.low === 'sang' || first.low === 'si' || PERSON_NOUNS.has(head);
  return definite && (isPersonHead(head) || modified) && !(tokens.length === 1 && ROLE_WORDS.has(head));
}

function textOf(source: string, tokens: readonly Token[], from: number, to: number): string {
  const first = tokens[from];
  const last = tokens[to - 1];
  if (first === undefined || last === undefined || to <= from) return '';
  return source.slice(first.start, last.end);
}

/** `ROLE_PHRASES` by first word, so that checking a pair of words builds no string. */
const ROLE_PHRASE_ENDS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const ends = new Map<string, Set<string>>();
  for (const phrase of ROLE_PHRASES) {
    const [first = '', second = ''] = phrase.split('_');
    ends.set(first, (ends.get(first) ?? new Set()).add(second));
  }
  return ends;
})();

/** Tokens that belong to a two-word role such as `Wali Kota` or `Jaksa Agung`. */
function rolePhraseMask(tokens: readonly Token[]): boolean[] {
  const mask = tokens.map(() => false);
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    const a = tokens[i] as Token;
    const b = tokens[i + 1] as Token;
    if (ROLE_PHRASE_ENDS.get(a.low)?.has(b.low) === true) {
      mask[i] = true;
      mask[i + 1] = true;
    }
  }
  return mask;
}

/** `Namun`, `Sementara` at the head of a sentence: common words, not part of anybody's title. */
function isSentenceAdverb(token: Token): boolean {
  return token.low.length > 1 && COMMON_WORDS.has(token.low) && !ROLE_WORDS.has(token.low) && !ORG_WORDS.has(token.low) && !GROUP_HEADS.has(token.low);
}

/** Bodies whose own name follows them: `PT Pertamina`, `Universitas Gadjah Mada`, `Yayasan Cinta Anak`. */
const ORG_NAME_HEADS = new Set(['pt', 'cv', 'bank', 'partai', 'universitas', 'sekolah', 'yayasan', 'perusahaan', 'lembaga', 'komunitas', 'klub', 'institut', 'akademi', 'politeknik', 'koperasi', 'hotel', 'rs', 'grup', 'group']);

const TRIM_ROLE = new Set([',', 'dan', 'serta', 'para', 'sang', 'si', '(', ')', 'itu', 'ini', 'tersebut']);

/** `rilis resmi Marseille`, `pernyataan dari Garda Revolusi`, `akun Twitter Muhammad Syahroji`: the one named at the end, without a role. */
function namedInside(source: string, tokens: readonly Token[], context: NameContext): SpeakerPhrase | null {
  let start = tokens.length;
  while (start > 1 && (tokens[start - 1] as Token).cap && !TIME_WORDS.has((tokens[start - 1] as Token).low)) start -= 1;
  while (start < tokens.length - 1 && PLATFORMS.has((tokens[start] as Token).low)) start += 1;
  if (start === tokens.length) return null;
  const name = tokens.slice(start);
  if (!name.some((token) => isNameToken(token, context) || isAcronym(token) || ORG_WORDS.has(token.low))) return null;
  return { kind: 'person', name: textOf(source, tokens, start, tokens.length), role: null, tokens: name.map((token) => token.low), roleTokens: [] };
}

/**
 * Splits words next to a cue into a name and a role: `Presiden Rusia Vladimir Putin` → `Vladimir Putin` + `Presiden Rusia`.
 * `tokens` holds only the words of the phrase (no commas or parentheses).
 */
export function splitSpeaker(source: string, tokens: readonly Token[], context: NameContext): SpeakerPhrase | null {
  if (tokens.length === 0) return null;
  const first = tokens[0] as Token;
  if (tokens.length === 1 && PRONOUNS.has(first.low)) {
    return { kind: 'pronoun', name: first.low, role: null, tokens: [first.low], roleTokens: [] };
  }
  if (FIRST_PERSON.has(first.low)) return null;
  if (!first.cap && (BODY_HEADS.has(first.low) || DOCUMENT_NOUNS.has(first.low)) && tokens.length > 1) {
    const named = namedInside(source, tokens, context);
    if (named !== null) return named;
  }
  const from = tokens.findIndex((token, i) => i > 0 && token.low === 'dari' && !token.cap);
  const affiliation = from > 0 ? tokens[from + 1] : undefined;
  // `dari Brown University`: a body whose own name comes before its head noun
  const isBody =
    affiliation !== undefined &&
    (ORG_WORDS.has(affiliation.low) || ROLE_WORDS.has(affiliation.low) || isAcronym(affiliation) || tokens.slice(from + 2).some((token) => ORG_WORDS.has(token.low)));
  if (from > 0 && tokens.slice(0, from).some((token) => isNameToken(token, context)) && (isBody || splitSpeaker(source, tokens.slice(from + 1), context)?.kind !== 'person')) {
    const person = splitSpeaker(source, tokens.slice(0, from), context);
    if (person?.kind === 'person' && person.role === null) {
      const affiliation = tokens.slice(from + 1);
      const role = affiliation.length > 0 ? textOf(source, affiliation, 0, affiliation.length) : null;
      return { ...person, role, roleTokens: affiliation.map((token) => token.low) };
    }
    if (person !== null) return person;
  }
  const inRole = rolePhraseMask(tokens);
  let start = tokens.length;
  while (start > 0) {
    const token = tokens[start - 1] as Token;
    const inside = start < tokens.length;
    if (inRole[start - 1] === true) break;
    if (isNameToken(token, context) || (!inside && isPlaceEndingName(tokens, start - 1, context))) {
      start -= 1;
      if (context.afterParenthesis.has(token)) break;
      continue;
    }
    if (inside && NAME_PARTICLES.has(token.low) && start - 2 >= 0 && isNameToken(tokens[start - 2] as Token, context)) {
      start -= 1;
      continue;
    }
    if (isAcronym(token) && start === tokens.length && start - 2 >= 0 && isNameToken(tokens[start - 2] as Token, context)) {
      start -= 1;
      continue;
    }
    break;
  }
  // `CEO BRI Sunarso`, `CEO Jurnal.id Daniel Witono`: a body's acronym or web address before a name is part of the role
  while (start < tokens.length - 1 && (isAcronym(tokens[start] as Token) || WEB_ADDRESS.test((tokens[start] as Token).text)) && !context.personTokens.has((tokens[start] as Token).low)) {
    start += 1;
  }
  while (start === tokens.length - 1 && isAcronym(tokens[start] as Token) && !context.personTokens.has((tokens[start] as Token).low)) start += 1;
  if (tokens.length - start > 4) start = tokens.length - 4;
  // `PT Sinar Abadi Rudi Hartanto`, `Sekolah Tunas Bangsa Wulan Sari`: the body's own name comes first, the person's last
  if (start > 0 && ORG_NAME_HEADS.has((tokens[start - 1] as Token).low) && tokens.length - start >= 3) start = Math.max(start + 1, tokens.length - 2);
  // initials alone are no name (`A. B.`), except one capital standing for a person the news does not name in full (`kata F`)
  const initialOnly = tokens.length === 1 && /^\p{Lu}$/u.test(first.text);
  if (!initialOnly && tokens.slice(start).every((token) => token.text.length === 1)) start = tokens.length;
  let roleEnd = start;
  while (roleEnd > 0 && TRIM_ROLE.has((tokens[roleEnd - 1] as Token).low)) roleEnd -= 1;
  let roleStart = 0;
  while (roleStart < roleEnd && (TRIM_ROLE.has((tokens[roleStart] as Token).low) || isSentenceAdverb(tokens[roleStart] as Token))) roleStart += 1;
  const roleText = roleEnd > roleStart ? textOf(source, tokens, roleStart, roleEnd) : '';
  const roleTokens = tokens.slice(roleStart, roleEnd).map((token) => token.low);
  if (start < tokens.length) {
    const nameTokens = tokens.slice(start);
    return {
      kind: 'person',
      name: textOf(source, tokens, start, tokens.length),
      role: roleText === '' ? null : roleText,
      tokens: nameTokens.map((token) => token.low),
      roleTokens,
    };
  }
  if (isDefiniteDescription(tokens)) {
    const written = textOf(source, tokens, 0, tokens.length);
    return { kind: 'description', name: written, role: null, tokens: tokens.map((token) => token.low), roleTokens: [] };
  }
  const roleLike = tokens.some((token) => ROLE_WORDS.has(token.low) || ORG_WORDS.has(token.low) || isAcronym(token));
  if (GROUP_HEADS.has(first.low) || (!first.cap && !roleLike)) {
    const end = tokens.length > 1 && DEMONSTRATIVES.has((tokens[tokens.length - 1] as Token).low) ? tokens.length - 1 : tokens.length;
    const written = textOf(source, tokens, 0, end);
    return {
      kind: 'group',
      name: GROUP_HEADS.has(first.low) ? first.low + written.slice(first.text.length) : written,
      role: null,
      tokens: tokens.slice(0, end).map((token) => token.low),
      roleTokens: [],
    };
  }
  if (roleText === '' || !roleLike) return null;
  return { kind: 'role', name: roleText, role: roleText, tokens: roleTokens, roleTokens };
}
