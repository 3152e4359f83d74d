import { isSentenceEnd, speakerAfter, speechVerb, subjectBefore } from './attribution.js';
import { isDictionaryWord } from './dictionary.js';
import { CUE_VERBS, NAME_PARTICLES, PASSIVE_CUES, REPORTING_VERBS, ROLE_CONNECTORS, ROLE_WORDS } from './lexicon.js';
import { isCommonWord, isNameToken, splitSpeaker, type NameContext, type SpeakerPhrase } from './names.js';
import type { ArticlePeople } from './people.js';
import type { QuoteSpan } from './spans.js';
import type { Token } from './tokens.js';

const PLACE_INTRODUCERS = new Set(['di', 'ke', 'dari', 'kota', 'kabupaten', 'provinsi', 'kecamatan', 'desa', 'kelurahan', 'dusun', 'pulau', 'jalan', 'jl']);

export interface Located {
  readonly at: number;
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
  if (phrase.kind === 'person') return true;
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
  tokenized.forEach((tokens, p) => {
    const source = paragraphs[p] as string;
    const mask = masks[p] as Uint8Array;
    const base = bases[p] as number;
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i] as Token;
      if (mask[i] === 1 || token.kind !== 'word') {
        i += 1;
        continue;
      }
      if (!token.cap && speechVerb(token.low)) {
        const phrase = subjectBefore(source, tokens, i, context);
        if (phrase !== null) {
          people.introduce(phrase, base + token.start);
          if ((REPORTING_VERBS.has(token.low) || isIntroduction(phrase)) && isSpeaker(phrase)) events.push({ type: 'narration', at: base + token.start, phrase });
        }
        i += 1;
        continue;
      }
      const cueAside = CUE_VERBS.has(token.low) && (token.cap ? sentenceStart(tokens, i) : tokens[i - 1]?.text === ',');
      if (token.low === 'menurut' || cueAside || (!token.cap && PASSIVE_CUES.has(token.low))) {
        const phrase = speakerAfter(source, tokens, i + 1, context);
        if (phrase !== null && isSpeaker(phrase)) {
          people.introduce(phrase, base + token.start);
          events.push({ type: 'narration', at: base + token.start, phrase });
        }
        i += 1;
        continue;
      }
      if (!token.cap) {
        i += 1;
        continue;
      }
      let j = i + 1;
      while (j < tokens.length && mask[j] !== 1) {
        const next = tokens[j] as Token;
        if (next.kind !== 'word') break;
        if (next.cap || NAME_PARTICLES.has(next.low) || ((ROLE_WORDS.has(next.low) || ROLE_CONNECTORS.has(next.low)) && tokens[j + 1]?.cap === true)) j += 1;
        else break;
      }
      const run = tokens.slice(i, j);
      const followedBy = tokens[j];
      if (run.length === 1 && sentenceStart(tokens, i) && followedBy?.kind === 'word' && !followedBy.cap && /^(me|ber)/.test(followedBy.low)) {
        const single = splitSpeaker(source, run, context);
        if (single?.kind === 'person' && people.knows(single.tokens[0] ?? '')) events.push({ type: 'narration', at: base + token.start, phrase: single });
      }
      const phrase = run.length >= 2 ? splitSpeaker(source, run, context) : null;
      const named = phrase !== null && phrase.kind === 'person' && (phrase.role !== null || phrase.tokens.length >= 2) && hasProperName(run, phrase);
      if (phrase !== null && named) {
        const at = base + token.start;
        people.introduce(phrase, at);
        const followed = tokens[j];
        const opensClause = sentenceStart(tokens, i) || (tokens[i - 1]?.text === ',' && isIntroduction(phrase));
        const asSubject = opensClause && followed !== undefined && (followed.kind === 'word' ? !followed.cap && !isCommonWord(followed.low) : followed.text === '(');
        if (asSubject) events.push({ type: 'narration', at, phrase });
      }
      i = j;
    }
  });
  return events;
}

