import stopwordsId from 'natural/lib/natural/util/stopwords_id.js';
import { isDerivedWord } from './dictionary.js';
import {
  GROUP_HEADS,
  NAME_PARTICLES,
  ORG_WORDS,
  PRONOUNS,
  ROLE_PHRASES,
  ROLE_WORDS,
  TIME_WORDS,
  FIRST_PERSON,
} from './lexicon.js';
import { PLACES } from './places.js';
import type { Token } from './tokens.js';

const COMMON_WORDS: ReadonlySet<string> = new Set(
  stopwordsId.words.filter((word) => word.length > 1),
);

/** Words that are never part of a person's name, unless the article uses them alone as one. */
const NEVER_NAMES: ReadonlySet<string> = new Set([...ROLE_WORDS, ...ORG_WORDS, ...TIME_WORDS, ...PLACES, ...COMMON_WORDS, ...PRONOUNS, ...FIRST_PERSON]);

/** What an article tells us about its own words: places it names, and tokens it uses alone as a person's name. */
export interface NameContext {
  readonly places: ReadonlySet<string>;
  readonly personTokens: ReadonlySet<string>;
  /** Words right after a parenthesis inside a speaker phrase: `Badan X (BX) Nama` — a name starts there at the earliest. */
  readonly afterParenthesis: Set<Token>;
}

export type PhraseKind = 'person' | 'group' | 'pronoun' | 'role';

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

function isAcronym(token: Token): boolean {
  return token.text.length >= 2 && token.text === token.text.toUpperCase() && LETTER.test(token.text);
}

export function isCommonWord(low: string): boolean {
  return COMMON_WORDS.has(low);
}

/** Could this token be part of a person's name in this article? */
export function isNameToken(token: Token, context: NameContext): boolean {
  if (token.kind !== 'word' || !token.cap) return false;
  const low = token.low;
  if (context.personTokens.has(low)) return true;
  return !NEVER_NAMES.has(low) && !context.places.has(low) && !isDerivedWord(low);
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

const TRIM_ROLE = new Set([',', 'dan', 'serta', 'para', 'sang', 'si', '(', ')']);

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
  const from = tokens.findIndex((token, i) => i > 0 && token.low === 'dari' && !token.cap);
  const affiliation = from > 0 ? tokens[from + 1] : undefined;
  const isBody = affiliation !== undefined && (ORG_WORDS.has(affiliation.low) || ROLE_WORDS.has(affiliation.low) || isAcronym(affiliation));
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
    if (isNameToken(token, context)) {
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
  while (start < tokens.length && isAcronym(tokens[start] as Token) && !context.personTokens.has((tokens[start] as Token).low)) {
    start += 1;
  }
  if (tokens.length - start > 4) start = tokens.length - 4;
  if (tokens.slice(start).every((token) => token.text.length === 1)) start = tokens.length;
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
  const roleLike = tokens.some((token) => ROLE_WORDS.has(token.low) || ORG_WORDS.has(token.low) || isAcronym(token));
  if (GROUP_HEADS.has(first.low) || (!first.cap && !roleLike)) {
    const written = textOf(source, tokens, 0, tokens.length);
    return {
      kind: 'group',
      name: GROUP_HEADS.has(first.low) ? first.low + written.slice(first.text.length) : written,
      role: null,
      tokens: tokens.map((token) => token.low),
      roleTokens: [],
    };
  }
  if (roleText === '' || !roleLike) return null;
  return { kind: 'role', name: roleText, role: roleText, tokens: roleTokens, roleTokens };
}
