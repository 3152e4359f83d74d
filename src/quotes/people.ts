import { spellOutTitles } from './lexicon.js';
import { descriptionHead, type PhraseKind, type SpeakerPhrase } from './names.js';

const HONORIFICS = new Set(['bapak', 'ibu', 'pak', 'bu', 'sang', 'para', 'mantan']);

/** Another name of a person, as written and folded. */
export interface Alias {
  readonly name: string;
  readonly tokens: readonly string[];
}

/** One person or group of an article, known by its fullest name. */
export interface Entity {
  name: string;
  role: string | null;
  tokens: string[];
  roleTokens: string[];
  readonly kind: PhraseKind;
  /** Other names the article gives them: `Jokowi` for Joko Widodo. */
  readonly aliases: Alias[];
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

/** `jokowi` from Joko Widodo, `zulhas` from Zulkifli Hasan: the start of one name word, then the start of a later one. */
function isBlendOf(word: string, name: readonly string[]): boolean {
  if (word.length < 5 || name.length < 2) return false;
  for (let i = 0; i < name.length; i += 1) {
    const first = name[i] as string;
    for (let cut = 2; cut <= Math.min(first.length, word.length - 2); cut += 1) {
      if (first.slice(0, cut) !== word.slice(0, cut)) break;
      const rest = word.slice(cut);
      if (name.slice(i + 1).some((later) => rest.length >= 2 && later.length >= rest.length && later.startsWith(rest) && later !== rest)) return true;
    }
  }
  return false;
}

/** `sby` for Susilo Bambang Yudhoyono: the initials of every word of a name of three words or more. */
function isInitialsOf(word: string, name: readonly string[]): boolean {
  return name.length >= 3 && word.length === name.length && name.every((part, i) => part[0] === word[i]);
}

/**
 * The people and groups of one article. Full names are introduced first; short references
 * (`Putin`, `Presiden`, `Risma`, `Jokowi`) then resolve to the fullest name that contains them or that they stand for.
 */
export class ArticlePeople {
  private readonly entities: Entity[] = [];

  /** Registers a full mention: a name of two or more words, or a name with its role. Returns the entity, if any. */
  introduce(phrase: SpeakerPhrase, at: number): Entity | undefined {
    if (phrase.kind !== 'person') return undefined;
    if (phrase.tokens.length < 2 && phrase.role === null) return undefined;
    for (const entity of this.entities) {
      if (entity.kind !== 'person') continue;
      if (containsRun(entity.tokens, phrase.tokens)) {
        if (phrase.role !== null && phrase.roleTokens.length > entity.roleTokens.length) {
          entity.role = phrase.role;
          entity.roleTokens = [...phrase.roleTokens];
        }
        return mention(entity, at);
      }
      if (containsRun(phrase.tokens, entity.tokens)) {
        entity.name = phrase.name;
        entity.tokens = [...phrase.tokens];
        if (phrase.role !== null) {
          entity.role = phrase.role;
          entity.roleTokens = [...phrase.roleTokens];
        }
        return mention(entity, at);
      }
    }
    const created: Entity = {
      name: phrase.name,
      role: phrase.role,
      tokens: [...phrase.tokens],
      roleTokens: [...phrase.roleTokens],
      kind: 'person',
      aliases: [],
      mentions: [at],
    };
    this.entities.push(created);
    return created;
  }

  /** Registers a body written with its short form (`Komisi Disiplin (Komdis)`, `Badan Pusat Statistik (BPS)`): it speaks as one. */
  introduceBody(name: string, tokens: readonly string[], short: SpeakerPhrase, at: number): void {
    const key = tokens.join(' ');
    const known = this.entities.find((entity) => entity.kind === 'person' && entity.tokens.join(' ') === key);
    const body = known ?? { name, role: null, tokens: [...tokens], roleTokens: [], kind: 'person' as const, aliases: [], mentions: [at] };
    if (known === undefined) this.entities.push(body);
    this.alias(body, short, at);
  }

  /** Records that the article also calls `entity` by `alias` (`Presiden Joko Widodo (Jokowi)`, `Ahok`). */
  alias(entity: Entity, alias: SpeakerPhrase, at: number): void {
    if (alias.kind !== 'person' || containsRun(entity.tokens, alias.tokens)) return;
    const key = alias.tokens.join(' ');
    if (!entity.aliases.some((known) => known.tokens.join(' ') === key)) entity.aliases.push({ name: alias.name, tokens: [...alias.tokens] });
    // an alias used alone elsewhere must not become an entity of its own
    const alone = this.entities.findIndex((other) => other !== entity && other.kind === 'person' && other.tokens.join(' ') === key);
    if (alone >= 0) this.entities.splice(alone, 1);
    mention(entity, at);
  }

  /** Is this folded word part of the name of someone introduced so far? */
  knows(word: string): boolean {
    return this.entities.some((entity) => entity.kind === 'person' && entity.tokens.length >= 2 && entity.tokens.includes(word));
  }

  /** Is a person other than `entity` mentioned after `from` and up to `to`? */
  otherMentioned(entity: Entity, from: number, to: number): boolean {
    return this.entities.some((other) => other !== entity && other.kind === 'person' && other.mentions.some((at) => at > from && at <= to));
  }

  /** The person mentioned last at or before `at`. */
  latestPerson(at: number): Entity | undefined {
    const seen = this.entities.filter((entity) => entity.kind === 'person' && lastMentionBefore(entity, at) > Number.NEGATIVE_INFINITY);
    return closest(seen, at);
  }

  /** The entity a mention at `at` refers to; creates one for a name seen nowhere else. `current`: who the story is about at this point. */
  resolve(phrase: SpeakerPhrase, at: number, current: Entity | null = null): Entity {
    const people = this.entities.filter((entity) => entity.kind === 'person');
    if (phrase.kind === 'person') {
      const found = this.findPerson(people, phrase.tokens, at);
      if (found !== undefined) {
        if (found.role === null && phrase.role !== null) {
          found.role = phrase.role;
          found.roleTokens = [...phrase.roleTokens];
        }
        return mention(found, at);
      }
    }
    if (phrase.kind === 'role') {
      // `kata BPS`, `demikian M.U.S.T`: the short form of a body written out before
      const key = phrase.tokens.join(' ');
      const body = closest(people.filter((entity) => entity.aliases.some((alias) => alias.tokens.join(' ') === key)), at);
      if (body !== undefined) return mention(body, at);
      const found = this.titleHolder(people, phrase.roleTokens, at, current);
      if (found !== undefined) return mention(found, at);
    }
    return this.named(phrase, at);
  }

  /**
   * Someone described (`pria Portugis tersebut`, `mantan pemain AS Roma ini`, `sang juru bicara`): the current speaker when
   * the description fits them, else the latest person holding the role it names, else the current or latest person.
   */
  resolveDescription(phrase: SpeakerPhrase, at: number, current: Entity | null): Entity {
    const head = descriptionHead(phrase.tokens);
    if (current !== null && (current.tokens.includes(head) || current.roleTokens.includes(head))) return mention(current, at);
    const people = this.entities.filter((entity) => entity.kind === 'person');
    const holder = closest(people.filter((entity) => entity.roleTokens.includes(head) && lastMentionBefore(entity, at) > Number.NEGATIVE_INFINITY), at);
    if (holder !== undefined) return mention(holder, at);
    const person = current?.kind === 'person' ? current : this.latestPerson(at);
    return person === undefined ? this.named(phrase, at) : mention(person, at);
  }

  /** The entity of this exact name and kind, created when new. */
  private named(phrase: SpeakerPhrase, at: number): Entity {
    const key = phrase.tokens.join(' ');
    const same = this.entities.find((entity) => entity.kind === phrase.kind && entity.tokens.join(' ') === key);
    if (same !== undefined) return mention(same, at);
    const created: Entity = {
      name: phrase.name,
      role: phrase.role,
      tokens: [...phrase.tokens],
      roleTokens: [...phrase.roleTokens],
      kind: phrase.kind,
      aliases: [],
      mentions: [at],
    };
    this.entities.push(created);
    return created;
  }

  /** A person by name: every word in their name, an alias, a word's start (`Risma`), a blend (`Jokowi`) or initials (`SBY`). */
  private findPerson(people: readonly Entity[], tokens: readonly string[], at: number): Entity | undefined {
    const exact = people.filter((entity) => tokens.every((word) => entity.tokens.includes(word)));
    const key = tokens.join(' ');
    const found = closest(exact, at) ?? closest(people.filter((entity) => entity.aliases.some((alias) => alias.tokens.join(' ') === key)), at);
    if (found !== undefined || tokens.length !== 1) return found;
    const word = tokens[0] as string;
    const byPrefix = word.length >= 4 ? people.filter((entity) => entity.tokens.some((token) => token.length > word.length && token.startsWith(word))) : [];
    if (byPrefix.length > 0) return closest(byPrefix, at);
    const byShortForm = people.filter((entity) => isBlendOf(word, entity.tokens) || isInitialsOf(word, entity.tokens));
    return byShortForm.length === 1 ? byShortForm[0] : undefined;
  }

  /** `Presiden`, `Mensos`: the current person if that is their title, else the latest person whose role begins with it. */
  private titleHolder(people: readonly Entity[], roleTokens: readonly string[], at: number, current: Entity | null): Entity | undefined {
    const wanted = spellOutTitles(roleTokens).filter((word) => !HONORIFICS.has(word));
    const holds = (entity: Entity): boolean => startsWith(spellOutTitles(entity.roleTokens).filter((word) => !HONORIFICS.has(word)), wanted);
    if (current !== null && current.kind === 'person' && holds(current)) return current;
    return closest(people.filter(holds), at);
  }
}
