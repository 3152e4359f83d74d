import { isSentenceEnd, speakerAfter, subjectBefore } from './attribution.js';
import { isDictionaryWord } from './dictionary.js';
import { ADVERBS, ALIAS_CUES, ALIAS_FILLERS, CUE_VERBS, NAME_PARTICLES, ORG_WORDS, PASSIVE_CUES, REPORTING_VERBS, ROLE_CONNECTORS, ROLE_WORDS, SPEECH_VERBS } from './lexicon.js';
import { isCommonWord, isNameToken, splitSpeaker, type NameContext, type SpeakerPhrase } from './names.js';
import type { ArticlePeople, Entity } from './people.js';
import type { QuoteSpan } from './spans.js';
import type { Token } from './tokens.js';

const SPEECH = 1;
const CUE = 2;
const PASSIVE = 4;
const MENURUT = 8;
const ALIAS = 16;

/** The cue lists narration checks, as flags per word: one lookup per word, and most words are in none of them. */
const NARRATION_CUES: ReadonlyMap<string, number> = (() => {
  const flags = new Map<string, number>();
  const mark = (words: Iterable<string>, flag: number): void => {
    for (const word of words) flags.set(word, (flags.get(word) ?? 0) | flag);
  };
  mark(SPEECH_VERBS, SPEECH);
  mark(CUE_VERBS, CUE);
  mark(PASSIVE_CUES, PASSIVE);
  mark(['menurut'], MENURUT);
  mark(ALIAS_CUES, ALIAS);
  return flags;
})();

/** Verbs of being and having: the name before them is described, not doing or saying anything. */
const STATIVE_VERBS = new Set(['merupakan', 'menjadi', 'memiliki', 'mempunyai', 'mengenai', 'berada', 'berupa', 'berasal', 'berusia', 'berumur', 'bernama']);
/** Transitive verbs of doing: `me-` with a `-kan` or `-i` suffix (`mendatangi`, `menyampaikan`), or `meminta`. */
const VERBS_OF_DOING = /^me.{3,}(kan|i)$|^meminta$/;

const PLACE_INTRODUCERS = new Set(['di', 'ke', 'dari', 'kota', 'kabupaten', 'provinsi', 'kecamatan', 'desa', 'kelurahan', 'dusun', 'pulau', 'jalan', 'jl']);

export interface Located {
  readonly at: number;
  /** The paragraph it is in. */
  readonly paragraph: number;
}

/** Something said or someone named, in article order: the sweep resolves speakers from these. */
export type Event =
  | (Located & { readonly type: 'narration'; readonly phrase: SpeakerPhrase })
  | (Located & { readonly type: 'quote'; readonly index: number });

/** What the article itself says about its words: places it names, and words it uses alone after a cue as a name. */
export function nameContext(paragraphs: readonly (readonly Token[])[]): NameContext {
  const places = new Set<string>();
  const personTokens = new Set<string>();
  for (const tokens of paragraphs) {
    for (let i = 0; i + 1 < tokens.length; i += 1) {
      const token = tokens[i] as Token;
      const next = tokens[i + 1] as Token;
      if (token.kind !== 'word' || next.kind !== 'word' || !next.cap) continue;
      if (PLACE_INTRODUCERS.has(token.low)) places.add(next.low);
      const after = tokens[i + 2];
      if (!token.cap && CUE_VERBS.has(token.low) && (after === undefined || after.kind !== 'word' || !after.cap) && isNameToken(next, { places, personTokens: new Set(), afterParenthesis: new Set() })) {
        personTokens.add(next.low);
      }
    }
  }
  for (const word of personTokens) places.delete(word);
  return { places, personTokens, afterParenthesis: new Set<Token>() };
}

/** Marks, per paragraph, the tokens inside quotes, so that narration is read only outside them. */
export function quotedMask(paragraphs: readonly (readonly Token[])[], spans: readonly QuoteSpan[]): Uint8Array[] {
  const masks = paragraphs.map((tokens) => new Uint8Array(tokens.length));
  for (const span of spans) {
    for (let p = span.paragraph; p <= span.lastParagraph; p += 1) {
      const mask = masks[p];
      if (mask === undefined) continue;
      const from = p === span.paragraph ? Math.max(0, span.openMark) : 0;
      const to = p === span.lastParagraph ? (span.closeMark >= 0 ? span.closeMark + 1 : span.end) : mask.length;
      mask.fill(1, from, Math.min(to, mask.length));
    }
  }
  return masks;
}

/** Narration makes a person, a group introduced as such (`para pejabat`) or a position (`Presiden`) the current speaker; not an organisation. */
function isSpeaker(phrase: SpeakerPhrase): boolean {
  if (phrase.kind === 'person' || phrase.kind === 'description') return true;
  if (phrase.kind === 'group') return phrase.tokens[0] === 'para';
  return phrase.kind === 'role' && phrase.roleTokens.some((word) => ROLE_WORDS.has(word));
}

/** A person introduced in full, with a role or a name of two words or more: whatever the verb, the story now follows them. */
function isIntroduction(phrase: SpeakerPhrase): boolean {
  return phrase.kind === 'person' && (phrase.role !== null || phrase.tokens.length >= 2);
}

/** Does the name contain a word that is not ordinary Indonesian (`Kampung Tangguh` does not; `Tri Rismaharini` does)? */
function hasProperName(run: readonly Token[], phrase: SpeakerPhrase): boolean {
  return phrase.tokens.some((word) => {
    const token = run.find((t) => t.low === word);
    return token !== undefined && token.text !== token.text.toUpperCase() && !isDictionaryWord(word);
  });
}

function sentenceStart(tokens: readonly Token[], i: number): boolean {
  return i === 0 || isSentenceEnd(tokens, i - 1) || tokens[i - 1]?.kind === 'mark';
}

/** One paragraph as narration reads it, and where its findings go. */
interface Reading {
  readonly paragraph: number;
  readonly source: string;
  readonly tokens: readonly Token[];
  readonly mask: Uint8Array;
  readonly base: number;
  readonly context: NameContext;
  readonly people: ArticlePeople;
  readonly events: Event[];
}

/** `X mengatakan`: the subject of a speech verb. */
function readSubjectOf(reading: Reading, verb: number): void {
  const token = reading.tokens[verb] as Token;
  const phrase = subjectBefore(reading.source, reading.tokens, verb, reading.context);
  if (phrase === null) return;
  const at = reading.base + token.start;
  reading.people.introduce(phrase, at);
  const reported = REPORTING_VERBS.has(token.low);
  // `Elnino juga meminta …`: someone named before, as the subject of any speech verb, is who the story follows now
  const known = phrase.kind === 'person' && phrase.tokens.every((word) => reading.people.knows(word));
  if ((reported || known || isIntroduction(phrase)) && isSpeaker(phrase)) reading.events.push({ type: 'narration', at, paragraph: reading.paragraph, phrase });
  else if (reported && phrase.kind === 'pronoun') reading.events.push({ type: 'narration', at, paragraph: reading.paragraph, phrase });
}

/** `Menurut X`, `, kata X`, `Kata X`, `disampaikan X`: a cue with its speaker after it. */
function isCueBeforeSpeaker(tokens: readonly Token[], i: number, cues: number): boolean {
  const token = tokens[i] as Token;
  const cueAside = (cues & CUE) !== 0 && (token.cap ? sentenceStart(tokens, i) : tokens[i - 1]?.text === ',');
  return (cues & MENURUT) !== 0 || cueAside || ((cues & PASSIVE) !== 0 && (!token.cap || sentenceStart(tokens, i)));
}

function readSpeakerAfter(reading: Reading, cue: number): void {
  const phrase = speakerAfter(reading.source, reading.tokens, cue + 1, reading.context);
  if (phrase === null || !isSpeaker(phrase)) return;
  const at = reading.base + (reading.tokens[cue] as Token).start;
  reading.people.introduce(phrase, at);
  reading.events.push({ type: 'narration', at, paragraph: reading.paragraph, phrase });
}

/** End of the run of capitalised words (with name particles and role connectors) that starts at `i`. */
function nameRunEnd(tokens: readonly Token[], mask: Uint8Array, i: number): number {
  let j = i + 1;
  while (j < tokens.length && mask[j] !== 1) {
    const next = tokens[j] as Token;
    if (next.kind !== 'word') break;
    if (next.cap || NAME_PARTICLES.has(next.low) || ((ROLE_WORDS.has(next.low) || ROLE_CONNECTORS.has(next.low)) && tokens[j + 1]?.cap === true)) j += 1;
    else break;
  }
  return j;
}

/** The verb a subject at `i` governs, past adverbs: `Abral memang ditangkap` has none; `Yayan mengaku`, `Kane pun menyebut` do. */
function verbAfter(tokens: readonly Token[], i: number): Token | undefined {
  let k = i;
  while (tokens[k]?.kind === 'word' && !(tokens[k] as Token).cap && ADVERBS.has((tokens[k] as Token).low)) k += 1;
  const verb = tokens[k];
  if (verb?.kind !== 'word' || verb.cap || !(verb.low.startsWith('me') || verb.low.startsWith('ber'))) return undefined;
  // common verbs of doing (`mendatangi`, `meminta`) have subjects too; being and having (`merupakan`, `memiliki`) describe one
  return (isCommonWord(verb.low) && !VERBS_OF_DOING.test(verb.low)) || STATIVE_VERBS.has(verb.low) || ADVERBS.has(verb.low) ? undefined : verb;
}

/** `X, Y` where Y is a new name (`Presiden Joko Widodo, Wakil Presiden Jusuf Kalla`) or the predicate (`X, langsung mendatangi`). */
function predicateAfterComma(tokens: readonly Token[], j: number): boolean {
  const next = tokens[j + 1];
  return tokens[j]?.text === ',' && next?.kind === 'word' && !next.cap && next.low !== 'yang' && next.low !== 'dan' && verbAfter(tokens, j + 1) !== undefined;
}

/** A run of capitalised words: a person introduced in full, perhaps as the subject of what follows. Returns the run's end. */
function readNameRun(reading: Reading, i: number): number {
  const { source, tokens, context, people } = reading;
  const token = tokens[i] as Token;
  const at = reading.base + token.start;
  const j = nameRunEnd(tokens, reading.mask, i);
  const followed = tokens[j];
  if (j - i === 1 && sentenceStart(tokens, i) && verbAfter(tokens, j) !== undefined) {
    const single = splitSpeaker(source, [token], context);
    if (single?.kind === 'person' && people.knows(single.tokens[0] ?? '')) reading.events.push({ type: 'narration', at, paragraph: reading.paragraph, phrase: single });
  }
  if (j - i < 2) return readAliasAfter(reading, i, j, null);
  const run = tokens.slice(i, j);
  const phrase = splitSpeaker(source, run, context);
  const named = phrase !== null && phrase.kind === 'person' && (phrase.role !== null || phrase.tokens.length >= 2) && hasProperName(run, phrase);
  if (!named) readBodyShortForm(reading, i, j);
  if (phrase === null || !named) return j;
  const entity = people.introduce(phrase, at) ?? null;
  const opensClause = sentenceStart(tokens, i) || (tokens[i - 1]?.text === ',' && isIntroduction(phrase));
  const asSubject =
    opensClause &&
    followed !== undefined &&
    (followed.kind === 'word' ? !followed.cap && !isCommonWord(followed.low) : followed.text === '(' || (isIntroduction(phrase) && predicateAfterComma(tokens, j)));
  if (asSubject) reading.events.push({ type: 'narration', at, paragraph: reading.paragraph, phrase });
  return readAliasAfter(reading, i, j, entity);
}

/** `Komisi Disiplin (Komdis)`, `Badan Pusat Statistik (BPS)`: a body's name in capitals, its short form in parentheses after it. */
function readBodyShortForm(reading: Reading, i: number, j: number): void {
  const { tokens } = reading;
  if (tokens[j]?.text !== '(' || tokens[j + 2]?.text !== ')') return;
  const run = tokens.slice(i, j);
  if (run.length < 2 || !run.some((token) => ORG_WORDS.has(token.low))) return;
  const short = aliasPhrase(reading, j + 1, j + 2);
  if (short === null) return;
  const first = run[0] as Token;
  const last = run[run.length - 1] as Token;
  reading.people.introduceBody(reading.source.slice(first.start, last.end), run.map((token) => token.low), short, reading.base + first.start);
}

/** A name or acronym written as another name: one to three capitalised words (`Jokowi`, `Gus Syaf`, `SBY`), no number. */
function aliasPhrase(reading: Reading, from: number, to: number): SpeakerPhrase | null {
  const words = reading.tokens.slice(from, to);
  if (words.length === 0 || words.length > 3 || words.some((word) => word.kind !== 'word' || /^\d/.test(word.text)) || !(words[0] as Token).cap) return null;
  const first = words[0] as Token;
  const last = words[words.length - 1] as Token;
  const phrase = splitSpeaker(reading.source, words, reading.context);
  if (phrase?.kind === 'person' && phrase.role === null) return phrase;
  const letters = first.text.replaceAll('.', '');
  const acronym = words.length === 1 && letters.length >= 2 && letters.length <= 5 && first.text === first.text.toUpperCase();
  return acronym ? { kind: 'person', name: reading.source.slice(first.start, last.end), role: null, tokens: [first.low], roleTokens: [] } : null;
}

/** End of the run of capitalised words from `i` (at most three), for an alias. */
function aliasRunEnd(tokens: readonly Token[], i: number): number {
  let j = i;
  while (j < tokens.length && j - i < 4 && tokens[j]?.kind === 'word' && (tokens[j] as Token).cap) j += 1;
  return j;
}

/**
 * Other names given right after a name: `Presiden Joko Widodo (Jokowi)`, `Basuki Tjahaja Purnama alias Ahok`,
 * `… atau yang akrab disapa Ahok`, `… atau Ahok,`. Returns where reading goes on.
 */
function readAliasAfter(reading: Reading, i: number, j: number, entity: Entity | null): number {
  const { tokens, people } = reading;
  if (entity === null) return j;
  const at = reading.base + (tokens[i] as Token).start;
  if (tokens[j]?.text === '(') {
    const end = aliasRunEnd(tokens, j + 1);
    const alias = tokens[end]?.text === ')' ? aliasPhrase(reading, j + 1, end) : null;
    if (alias !== null) people.alias(entity, alias, at);
    return j;
  }
  let k = j;
  while (k < tokens.length && k - j < 6 && ((tokens[k] as Token).text === ',' || ALIAS_FILLERS.has((tokens[k] as Token).low))) k += 1;
  const cue = tokens[k];
  const bareOr = cue !== undefined && k === j + 1 && tokens[j]?.low === 'atau' && cue.cap;
  if (cue === undefined || (!bareOr && (cue.cap || !ALIAS_CUES.has(cue.low)))) return j;
  const from = bareOr ? k : k + 1 + (tokens[k + 1]?.low === 'akrab' ? 1 : 0);
  const end = aliasRunEnd(tokens, from);
  if (bareOr && (end - from !== 1 || tokens[end]?.kind === 'word')) return j;
  const alias = aliasPhrase(reading, from, end);
  if (alias !== null) people.alias(entity, alias, at);
  return j;
}

/**
 * An alias cue not right after a name: `Pria yang akrab disapa Budi ini` (the person the story is about),
 * `Gus Syaf sapaan akrab Syafi'in` (the name before is the alias of the one after).
 */
function readAliasCue(reading: Reading, i: number): void {
  const { tokens, people } = reading;
  const at = reading.base + (tokens[i] as Token).start;
  const from = i + 1 + (tokens[i + 1]?.low === 'akrab' ? 1 : 0);
  const end = aliasRunEnd(tokens, from);
  const after = aliasPhrase(reading, from, end);
  if (after === null) return;
  const cue = (tokens[i] as Token).low;
  let k = i - 1;
  while (k >= 0 && (tokens[k]?.low === '-' || ALIAS_FILLERS.has((tokens[k] as Token).low))) k -= 1;
  if ((cue === 'sapaan' || cue === 'panggilan') && k === i - 1 && tokens[k]?.kind === 'word' && (tokens[k] as Token).cap) {
    let start = k;
    while (start > 0 && k - start < 3 && tokens[start - 1]?.kind === 'word' && (tokens[start - 1] as Token).cap) start -= 1;
    const before = aliasPhrase(reading, start, k + 1);
    const person = people.latestPerson(at);
    const named = person !== undefined && after.tokens.every((word) => person.tokens.includes(word)) ? person : undefined;
    if (before !== null && named !== undefined) people.alias(named, before, at);
    return;
  }
  if (tokens[k]?.kind === 'word' && isNameToken(tokens[k] as Token, reading.context)) return;
  const person = people.latestPerson(at);
  if (person !== undefined) people.alias(person, after, at);
}

/** `melanjutkan perjalanannya`: carrying on with something is no speech; `melanjutkan, …` and `melanjutkan bahwa …` are. */
function carriesOnWithObject(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  return (tokens[i] as Token).low === 'melanjutkan' && next?.kind === 'word' && next.low !== 'bahwa';
}

/** Reads one paragraph outside its quotes, token by token. */
function readParagraph(reading: Reading): void {
  const { tokens, mask } = reading;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    if (mask[i] === 1 || token.kind !== 'word') {
      i += 1;
      continue;
    }
    const cues = NARRATION_CUES.get(token.low) ?? 0;
    if (cues === 0 && !token.cap) {
      i += 1;
      continue;
    }
    if (!token.cap && (cues & ALIAS) !== 0 && tokens[i - 1]?.low !== 'atau') readAliasCue(reading, i);
    if (!token.cap && (cues & SPEECH) !== 0 && !carriesOnWithObject(tokens, i)) readSubjectOf(reading, i);
    else if (isCueBeforeSpeaker(tokens, i, cues)) readSpeakerAfter(reading, i);
    else if (token.cap) {
      i = readNameRun(reading, i);
      continue;
    }
    i += 1;
  }
}

/** Reads the narration: speakers of reported speech, and people introduced with their full name or role. */
export function readNarration(
  paragraphs: readonly string[],
  tokenized: readonly (readonly Token[])[],
  masks: readonly Uint8Array[],
  bases: readonly number[],
  context: NameContext,
  people: ArticlePeople,
): Event[] {
  const events: Event[] = [];
  for (let p = 0; p < tokenized.length; p += 1) {
    readParagraph({
      paragraph: p,
      source: paragraphs[p] as string,
      tokens: tokenized[p] as readonly Token[],
      mask: masks[p] as Uint8Array,
      base: bases[p] as number,
      context,
      people,
      events,
    });
  }
  return events;
}
