import { spellOutTitles } from './lexicon.js';
import type { PhraseKind, SpeakerPhrase } from './names.js';

const HONORIFICS = new Set(['bapak', 'ibu', 'pak', 'bu', 'sang', 'para', 'mantan']);

/** One person or group of an article, known by its fullest name. */
export interface Entity {
  name: string;
  role: string | null;
  tokens: string[];
  roleTokens: string[];
  readonly kind: PhraseKind;
  /** Positions (article offsets) where the entity is mentioned, ascending. */
  readonly mentions: number[];
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function startsWith(haystack: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length > 0 && prefix.length <= haystack.length && prefix.every((word, i) => haystack[i] === word);
}

/** The latest mention at or before `at`, or -Infinity for an entity only mentioned later. */
function lastMentionBefore(entity: Entity, at: number): number {
  let best = Number.NEGATIVE_INFINITY;
  for (const position of entity.mentions) if (position <= at) best = position;
  return best;
}

function closest(candidates: readonly Entity[], at: number): Entity | undefined {
  let chosen: Entity | undefined;
  let chosenAt = Number.NEGATIVE_INFINITY;
  for (const entity of candidates) {
    const seen = lastMentionBefore(entity, at);
    if (chosen === undefined || seen > chosenAt) {
      chosen = entity;
      chosenAt = seen;
    }
  }
  return chosen;
}

function mention(entity: Entity, at: number): Entity {
  const mentions = entity.mentions;
  let i = mentions.length;
  while (i > 0 && (mentions[i - 1] as number) > at) i -= 1;
  if (mentions[i - 1] !== at) mentions.splice(i, 0, at);
  return entity;
}

/**
 * The people and groups of one article. Full names are introduced first; short references
 * (`Putin`, `Presiden`, `Risma`) then resolve to the fullest name that contains them.
 */
export class ArticlePeople {
  private readonly entities: Entity[] = [];

  /** Registers a full mention: a name of two or more words, or a name with its role. */
  introduce(phrase: SpeakerPhrase, at: number): void {
    if (phrase.kind !== 'person') return;
    if (phrase.tokens.length < 2 && phrase.role === null) return;
    for (const entity of this.entities) {
      if (entity.kind !== 'person') continue;
      if (containsRun(entity.tokens, phrase.tokens)) {
        if (phrase.role !== null && phrase.roleTokens.length > entity.roleTokens.length) {
          entity.role = phrase.role;
          entity.roleTokens = [...phrase.roleTokens];
        }
        mention(entity, at);
        return;
      }
      if (containsRun(phrase.tokens, entity.tokens)) {
        entity.name = phrase.name;
        entity.tokens = [...phrase.tokens];
        if (phrase.role !== null) {
          entity.role = phrase.role;
          entity.roleTokens = [...phrase.roleTokens];
        }
        mention(entity, at);
        return;
      }
    }
    this.entities.push({
      name: phrase.name,
      role: phrase.role,
      tokens: [...phrase.tokens],
      roleTokens: [...phrase.roleTokens],
      kind: 'person',
      mentions: [at],
    });
  }

  /** Is this folded word part of the name of someone introduced so far? */
  knows(word: string): boolean {
    return this.entities.some((entity) => entity.kind === 'person' && entity.tokens.length >= 2 && entity.tokens.includes(word));
  }

  /** The entity a mention at `at` refers to; creates one for a name seen nowhere else. */
  resolve(phrase: SpeakerPhrase, at: number): Entity {
    const people = this.entities.filter((entity) => entity.kind === 'person');
    if (phrase.kind === 'person') {
      const exact = people.filter((entity) => phrase.tokens.every((word) => entity.tokens.includes(word)));
      const found = closest(exact, at) ?? closest(this.byPrefix(people, phrase.tokens), at);
      if (found !== undefined) {
        if (found.role === null && phrase.role !== null) {
          found.role = phrase.role;
          found.roleTokens = [...phrase.roleTokens];
        }
        return mention(found, at);
      }
    }
    if (phrase.kind === 'role') {
      const wanted = spellOutTitles(phrase.roleTokens).filter((word) => !HONORIFICS.has(word));
      const found = closest(
        people.filter((entity) => startsWith(spellOutTitles(entity.roleTokens).filter((word) => !HONORIFICS.has(word)), wanted)),
        at,
      );
      if (found !== undefined) return mention(found, at);
    }
    const key = phrase.tokens.join(' ');
    const same = this.entities.find((entity) => entity.kind === phrase.kind && entity.tokens.join(' ') === key);
    if (same !== undefined) return mention(same, at);
    const created: Entity = {
      name: phrase.name,
      role: phrase.role,
      tokens: [...phrase.tokens],
      roleTokens: [...phrase.roleTokens],
      kind: phrase.kind,
      mentions: [at],
    };
    this.entities.push(created);
    return created;
  }

  /** `Risma` → `Tri Rismaharini`: a single word of four letters or more that begins one of the name's words. */
  private byPrefix(people: readonly Entity[], tokens: readonly string[]): Entity[] {
    const [word] = tokens;
    if (tokens.length !== 1 || word === undefined || word.length < 4) return [];
    return people.filter((entity) => entity.tokens.some((token) => token.length > word.length && token.startsWith(word)));
  }
}
