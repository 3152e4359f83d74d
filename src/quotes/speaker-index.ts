import { withinEdits } from './edit-distance.js';
import { fold } from '../text/fold.js';
import { ROLE_WORDS, spellOutTitles } from './lexicon.js';
import type { Quote } from './quote.js';

/** One person (or group) across the corpus. */
export interface SpeakerEntry {
  /** Stable within a snapshot: a slug of the name. */
  id: string;
  name: string;
  /** Their role or affiliation as the articles state it most often (`Presiden Rusia`), or null. */
  role: string | null;
  /** Every role the articles give them, the most often stated first. */
  roles: string[];
  /** Other ways the corpus names them: short forms, other names (`Jokowi`), and name with title (`Presiden Vladimir Putin`). */
  aliases: string[];
  quoteCount: number;
  articleCount: number;
}

/**
 * What a built index is made of, to be kept and taken back by a later start with the same quotes: the entries (most quoted
 * first) and, for each quote with a speaker in the order they were given, the number of its entry.
 */
export interface SpeakerParts {
  readonly entries: readonly SpeakerEntry[];
  /** One number per quote given: its entry's place in `entries`, or -1 for a quote indexed under no one. */
  readonly assignment: Int32Array;
  /** The lookup tables, entries by their place in `entries` (built again from the entries when absent). */
  readonly tables?: SpeakerTables;
}

/** The word tables of an index as plain lists, entries by number: what `fromParts` takes instead of splitting every name again. */
export interface SpeakerTables {
  readonly nameWords: readonly string[];
  readonly exact: readonly (readonly [key: string, entries: readonly number[]])[];
  /** In the order words were first met (the typo candidates' order). */
  readonly byWord: readonly (readonly [word: string, entries: readonly number[]])[];
  readonly byRole: readonly (readonly [first: string, holders: readonly (readonly [entry: number, role: readonly string[]])[]])[];
  readonly keys: readonly string[];
  readonly keyRanks: readonly number[];
}

export type SpeakerLookup =
  | { kind: 'found'; speaker: SpeakerEntry }
  | { kind: 'ambiguous'; candidates: SpeakerEntry[] }
  | { kind: 'none'; suggestions: SpeakerEntry[] };

/** Queries longer than this are cut: no name is longer, and a huge query must not cost more. */
const MAX_QUERY_CHARS = 120;
const MAX_QUERY_WORDS = 8;
const MAX_SUGGESTIONS = 5;
/** An ambiguous answer lists at most this many people, the most quoted first. */
const MAX_CANDIDATES = 25;
const MAX_ALIASES = 12;
const MAX_ROLES = 8;

function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

function slug(text: string): string {
  return words(text).join('-') || 'speaker';
}

/** Quotes of one canonical name within the articles, before people are merged across articles. */
interface NameGroup {
  readonly key: string;
  readonly tokens: string[];
  readonly person: boolean;
  readonly surfaces: Map<string, number>;
  readonly roles: Map<string, number>;
  /** Other names the articles give this person (folded key → as written), never words of the name itself. */
  readonly aliases: Map<string, string>;
  readonly quotes: Quote[];
  /** Where each of `quotes` came in the corpus: merged groups list their quotes in that order. */
  readonly positions: number[];
  root: NameGroup | null;
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The quotes of several name groups of one person, in the order they came in the corpus. */
function inCorpusOrder(list: readonly NameGroup[]): Quote[] {
  const merged: { quote: Quote; at: number }[] = [];
  for (const group of list) group.quotes.forEach((quote, i) => merged.push({ quote, at: group.positions[i] as number }));
  return merged.sort((a, b) => a.at - b.at).map(({ quote }) => quote);
}

function rootOf(group: NameGroup): NameGroup {
  let current = group;
  while (current.root !== null) current = current.root;
  return current;
}

function mostCommon(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = -1;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && value.length > best.length)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

function byQuotes(a: SpeakerEntry, b: SpeakerEntry): number {
  return b.quoteCount - a.quoteCount || a.name.localeCompare(b.name);
}

/** Edit distance allowed for a typo in a word of this length. */
function tolerance(length: number): number {
  if (length <= 3) return 0;
  return length <= 6 ? 1 : 2;
}

/**
 * Every speaker of a corpus, one entry per person across articles, with their quotes.
 * Lookup forgives case, accents and typos; autocomplete answers from tables computed at build time.
 */
export class SpeakerIndex {
  private readonly entries: SpeakerEntry[];
  /** Position of each entry in `entries` (most quoted first): the smaller, the better. */
  private readonly rank = new Map<SpeakerEntry, number>();
  private readonly quotesById: ReadonlyMap<string, Quote[]>;
  /** Built on the first `speakerOf` (the CLI's): the bot never asks, and a quarter million entries cost a restart. */
  private byQuote: Map<Quote, SpeakerEntry> | null = null;
  /** Folded full name or alias → entries. */
  private readonly exact = new Map<string, SpeakerEntry[]>();
  /** Folded word of a name or alias → entries having it, best ranked first; the same as a set made when first asked. */
  private readonly byWord = new Map<string, SpeakerEntry[]>();
  private readonly byWordSet = new Map<string, Set<SpeakerEntry>>();
  /** Folded words of names and other names (not of titles): a query without one of them names nobody. */
  private readonly nameWords = new Set<string>();
  /** First word of a role, titles spelled out (`menteri` for Menkeu) → the entries holding such a role, with the role's words. */
  private readonly byRole = new Map<string, { entry: SpeakerEntry; role: string[] }[]>();
  /** First two letters of a word → words, for typo candidates. */
  private readonly wordsByStart = new Map<string, string[]>();
  /** Sorted keys (each name and alias from each of its words on) for prefix search, with their entries' ranks. */
  private readonly keys: string[] = [];
  private readonly keyRanks: Int32Array;
  /** Segment tree over `keyRanks`: each node holds the key index of the best rank in its range. */
  private readonly tree: Int32Array;
  private readonly leaves: number;

  /** `entries` most quoted first, with their quotes in corpus order; the word tables taken from `tables` or built. */
  private constructor(entries: SpeakerEntry[], quotesById: ReadonlyMap<string, Quote[]>, tables?: SpeakerTables) {
    this.entries = entries;
    this.quotesById = quotesById;
    this.entries.forEach((entry, i) => this.rank.set(entry, i));
    const ranks = tables === undefined ? this.indexWords() : this.takeTables(tables);
    this.keyRanks = Int32Array.from(ranks);
    let leaves = 1;
    while (leaves < this.keys.length) leaves *= 2;
    this.leaves = leaves;
    this.tree = new Int32Array(2 * leaves).fill(-1);
    for (let i = 0; i < this.keys.length; i += 1) this.tree[leaves + i] = i;
    for (let node = leaves - 1; node >= 1; node -= 1) this.tree[node] = this.better(this.tree[2 * node] as number, this.tree[2 * node + 1] as number);
  }

  static build(quotes: Iterable<Quote>): SpeakerIndex {
    const groups = new Map<string, NameGroup>();
    // a quarter million quotes name a few ten thousand people: each name and alias is split into words once
    const groupOf = new Map<string, NameGroup | null>();
    const aliasKeyOf = new Map<string, string>();
    let position = 0;
    for (const quote of quotes) {
      if (quote.speaker === null) continue;
      const at = position++;
      let group = groupOf.get(quote.speaker);
      if (group === undefined) {
        group = SpeakerIndex.groupFor(quote.speaker, groups);
        groupOf.set(quote.speaker, group);
      }
      if (group === null) continue;
      const tokens = group.tokens;
      group.surfaces.set(quote.speaker, (group.surfaces.get(quote.speaker) ?? 0) + 1);
      if (quote.role !== null) group.roles.set(quote.role, (group.roles.get(quote.role) ?? 0) + 1);
      for (const alias of quote.aliases) {
        let aliasKey = aliasKeyOf.get(alias);
        if (aliasKey === undefined) {
          aliasKey = words(alias).join(' ');
          aliasKeyOf.set(alias, aliasKey);
        }
        if (aliasKey === '') continue;
        if (group.aliases.has(aliasKey) || !containsRun(tokens, aliasKey.split(' '))) group.aliases.set(aliasKey, alias);
      }
      group.quotes.push(quote);
      group.positions.push(at);
    }
    const all = [...groups.values()];
    SpeakerIndex.mergeShortNames(all);
    SpeakerIndex.mergeAliases(all, groups);
    const { entries, quotesById } = SpeakerIndex.makeEntries(all);
    return new SpeakerIndex(entries.sort(byQuotes), quotesById);
  }

  /**
   * The index `parts` were taken from, given the same quotes in the same order (a restart's, of the same articles); throws a
   * RangeError when they do not fit these quotes.
   */
  static fromParts(parts: SpeakerParts, quotes: readonly Quote[]): SpeakerIndex {
    const { entries, assignment } = parts;
    if (assignment.length !== quotes.length) throw new RangeError(`speakers of ${assignment.length} quotes for ${quotes.length}`);
    const lists = entries.map((): Quote[] => []);
    for (let q = 0; q < quotes.length; q++) {
      const entry = assignment[q] as number;
      if (entry === -1) continue;
      const quote = quotes[q] as Quote;
      const list = lists[entry];
      if (list === undefined || quote.speaker === null) throw new RangeError(`quote ${q} assigned to speaker ${entry}`);
      list.push(quote);
    }
    const quotesById = new Map<string, Quote[]>();
    entries.forEach((entry, i) => {
      const list = lists[i] as Quote[];
      if (list.length !== entry.quoteCount || quotesById.has(entry.id)) throw new RangeError(`speaker ${entry.id} does not match its quotes`);
      quotesById.set(entry.id, list);
    });
    return new SpeakerIndex([...entries], quotesById, parts.tables);
  }

  /** What `fromParts` takes back, for the same `quotes` this index was built from, in the same order. */
  parts(quotes: readonly Quote[]): SpeakerParts {
    const numberOf = new Map<Quote, number>();
    for (const [i, entry] of this.entries.entries()) for (const quote of this.quotesOf(entry.id)) numberOf.set(quote, i);
    const number = (entry: SpeakerEntry): number => this.rank.get(entry) as number;
    const tables: SpeakerTables = {
      nameWords: [...this.nameWords],
      exact: [...this.exact].map(([key, list]) => [key, list.map(number)]),
      byWord: [...this.byWord].map(([word, list]) => [word, list.map(number)]),
      byRole: [...this.byRole].map(([first, holders]) => [first, holders.map(({ entry, role }) => [number(entry), role])]),
      keys: this.keys,
      keyRanks: [...this.keyRanks],
    };
    return { entries: this.entries, assignment: Int32Array.from(quotes, (quote) => numberOf.get(quote) ?? -1), tables };
  }

  /** Fills the word tables from saved ones (throws a RangeError when they name an entry there is not); returns each key's entry rank. */
  private takeTables(tables: SpeakerTables): readonly number[] {
    const entryAt = (number: number): SpeakerEntry => {
      const entry = this.entries[number];
      if (entry === undefined) throw new RangeError(`speaker tables name entry ${number}`);
      return entry;
    };
    for (const word of tables.nameWords) this.nameWords.add(word);
    for (const [key, list] of tables.exact) this.exact.set(key, list.map(entryAt));
    for (const [word, list] of tables.byWord) {
      this.byWord.set(word, list.map(entryAt));
      this.addWordStart(word);
    }
    for (const [first, holders] of tables.byRole) this.byRole.set(first, holders.map(([entry, role]) => ({ entry: entryAt(entry), role: [...role] })));
    if (tables.keys.length !== tables.keyRanks.length) throw new RangeError('speaker keys do not match their ranks');
    for (const rank of tables.keyRanks) entryAt(rank);
    for (const key of tables.keys) this.keys.push(key);
    return tables.keyRanks;
  }

  /** Files a word under its first two letters, for typo candidates. */
  private addWordStart(word: string): void {
    const start = word.slice(0, 2);
    const bucket = this.wordsByStart.get(start);
    if (bucket === undefined) this.wordsByStart.set(start, [word]);
    else bucket.push(word);
  }

  /** The entries having a word, as a set (made on the first ask). */
  private entriesWith(word: string): Set<SpeakerEntry> | undefined {
    let set = this.byWordSet.get(word);
    if (set === undefined) {
      const list = this.byWord.get(word);
      if (list === undefined) return undefined;
      this.byWordSet.set(word, (set = new Set(list)));
    }
    return set;
  }

  /** The group of a speaker's canonical name (one per name as folded, whichever casing came first), or null for a name without words. */
  private static groupFor(speaker: string, groups: Map<string, NameGroup>): NameGroup | null {
    const tokens = words(speaker);
    if (tokens.length === 0) return null;
    const key = tokens.join(' ');
    let group = groups.get(key);
    if (group === undefined) {
      group = { key, tokens, person: /^\p{Lu}/u.test(speaker), surfaces: new Map(), roles: new Map(), aliases: new Map(), quotes: [], positions: [], root: null };
      groups.set(key, group);
    }
    return group;
  }

  /**
   * `Jokowi` joins `Joko Widodo` when an article calls Joko Widodo so (`Presiden Joko Widodo (Jokowi)`), and only one
   * person across the corpus is called so; an alias that is also a word of another name (`Budi`) links nobody.
   */
  private static mergeAliases(groups: readonly NameGroup[], byKey: ReadonlyMap<string, NameGroup>): void {
    const nameWords = new Map<string, number>();
    for (const group of groups) if (group.person && group.tokens.length >= 2) for (const token of new Set(group.tokens)) nameWords.set(token, (nameWords.get(token) ?? 0) + 1);
    const owners = new Map<string, Set<NameGroup>>();
    for (const group of groups) {
      for (const alias of group.aliases.keys()) {
        const set = owners.get(alias) ?? new Set<NameGroup>();
        set.add(rootOf(group));
        owners.set(alias, set);
      }
    }
    for (const [alias, roots] of owners) {
      const aliasTokens = alias.split(' ');
      if (roots.size !== 1 || (aliasTokens.length === 1 && nameWords.has(alias))) continue;
      const owner = [...roots][0] as NameGroup;
      const named = byKey.get(alias);
      if (named === undefined || !named.person || named.root !== null || named === owner || rootOf(owner) === named) continue;
      named.root = owner;
    }
  }

  /** `Putin` joins `Vladimir Putin` when exactly one fuller name across the corpus contains it; `Kim` stays apart when two do. */
  private static mergeShortNames(groups: NameGroup[]): void {
    const byToken = new Map<string, NameGroup[]>();
    for (const group of groups) {
      if (!group.person) continue;
      for (const token of new Set(group.tokens)) {
        const list = byToken.get(token);
        if (list === undefined) byToken.set(token, [group]);
        else list.push(group);
      }
    }
    const shortestFirst = groups.filter((g) => g.person).sort((a, b) => a.tokens.length - b.tokens.length);
    for (const group of shortestFirst) {
      const rarest = group.tokens.map((t) => byToken.get(t) ?? []).sort((a, b) => a.length - b.length)[0] ?? [];
      const roots = new Set<NameGroup>();
      for (const candidate of rarest) {
        if (candidate === group || candidate.tokens.length <= group.tokens.length) continue;
        if (!containsRun(candidate.tokens, group.tokens)) continue;
        roots.add(rootOf(candidate));
      }
      const supersets = [...roots].filter((root) => root !== group);
      const maximal = supersets.filter((root) => !supersets.some((other) => other !== root && containsRun(other.tokens, root.tokens)));
      if (maximal.length === 1) group.root = maximal[0] as NameGroup;
    }
  }

  private static makeEntries(groups: readonly NameGroup[]): { entries: SpeakerEntry[]; quotesById: Map<string, Quote[]> } {
    const quotesById = new Map<string, Quote[]>();
    const members = new Map<NameGroup, NameGroup[]>();
    for (const group of groups) {
      const root = rootOf(group);
      const list = members.get(root);
      if (list === undefined) members.set(root, [group]);
      else list.push(group);
    }
    const entries: SpeakerEntry[] = [];
    const usedIds = new Set<string>();
    for (const [root, list] of members) {
      const name = mostCommon(root.surfaces) ?? root.key;
      const surfaces = new Map<string, number>();
      const roles = new Map<string, number>();
      for (const group of list) {
        for (const [surface, count] of group.surfaces) surfaces.set(surface, (surfaces.get(surface) ?? 0) + count);
        for (const [role, count] of group.roles) roles.set(role, (roles.get(role) ?? 0) + count);
      }
      const quotes = list.length === 1 ? root.quotes : inCorpusOrder(list);
      const aliases: string[] = [];
      const seen = new Set([fold(name)]);
      const addAlias = (alias: string): void => {
        const key = fold(alias);
        if (seen.has(key) || aliases.length >= MAX_ALIASES) return;
        seen.add(key);
        aliases.push(alias);
      };
      for (const [surface] of [...surfaces].sort((a, b) => b[1] - a[1])) addAlias(surface);
      for (const group of list) for (const alias of group.aliases.values()) addAlias(alias);
      const byCount = [...roles].sort((a, b) => b[1] - a[1]).map(([role]) => role);
      for (const role of byCount) {
        if (root.person) addAlias(`${role} ${name}`);
      }
      let id = slug(name);
      for (let n = 2; usedIds.has(id); n += 1) id = `${slug(name)}-${n}`;
      usedIds.add(id);
      const entry: SpeakerEntry = {
        id,
        name,
        role: byCount[0] ?? null,
        roles: byCount.slice(0, MAX_ROLES),
        aliases,
        quoteCount: quotes.length,
        articleCount: new Set(quotes.map((q) => q.articleId)).size,
      };
      entries.push(entry);
      quotesById.set(id, quotes);
    }
    return { entries, quotesById };
  }

  /** Fills the word tables and the sorted keys; returns each key's entry rank. */
  private indexWords(): number[] {
    // entries come best ranked first, so each key's ranks are pushed in ascending order
    const ranksOf = new Map<string, number[]>();
    const seen = new Map<string, Set<SpeakerEntry>>();
    this.entries.forEach((entry, rank) => {
      for (const token of words(entry.name)) this.nameWords.add(token);
      const titled = new Set(entry.roles.map((role) => fold(`${role} ${entry.name}`)));
      for (const alias of entry.aliases) if (!titled.has(fold(alias))) for (const token of words(alias)) this.nameWords.add(token);
      for (const role of entry.roles) {
        const spelled = spellOutTitles(words(role));
        const first = spelled[0];
        if (first === undefined) continue;
        const list = this.byRole.get(first);
        if (list === undefined) this.byRole.set(first, [{ entry, role: spelled }]);
        else list.push({ entry, role: spelled });
      }
      for (const form of [entry.name, ...entry.aliases]) {
        const tokens = words(form);
        const full = tokens.join(' ');
        const list = this.exact.get(full);
        if (list === undefined) this.exact.set(full, [entry]);
        else if (!list.includes(entry)) list.push(entry);
        tokens.forEach((token, i) => {
          let set = seen.get(token);
          if (set === undefined) {
            set = new Set();
            seen.set(token, set);
            this.byWord.set(token, []);
            this.addWordStart(token);
          }
          if (!set.has(entry)) {
            set.add(entry);
            this.byWord.get(token)?.push(entry);
          }
          const key = i === 0 ? full : tokens.slice(i).join(' ');
          const ranks = ranksOf.get(key);
          if (ranks === undefined) ranksOf.set(key, [rank]);
          else if (ranks[ranks.length - 1] !== rank) ranks.push(rank);
        });
      }
    });
    // the default sort orders strings by UTF-16 code units, as the prefix search's `<` does
    const ranks: number[] = [];
    for (const key of [...ranksOf.keys()].sort()) {
      for (const rank of ranksOf.get(key) as number[]) {
        this.keys.push(key);
        ranks.push(rank);
      }
    }
    return ranks;
  }

  /** Of two key indexes (-1 for none), the one whose entry ranks better. */
  private better(a: number, b: number): number {
    if (a < 0) return b;
    if (b < 0) return a;
    return (this.keyRanks[b] as number) < (this.keyRanks[a] as number) ? b : a;
  }

  /** Key index with the best-ranked entry in keys [from, to), or -1. */
  private bestIn(from: number, to: number): number {
    let best = -1;
    let low = from + this.leaves;
    let high = to + this.leaves;
    while (low < high) {
      if (low & 1) best = this.better(best, this.tree[low++] as number);
      if (high & 1) best = this.better(best, this.tree[--high] as number);
      low >>= 1;
      high >>= 1;
    }
    return best;
  }

  private lowerBound(key: string): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.keys[middle] as string) < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  speakers(): readonly SpeakerEntry[] {
    return this.entries;
  }

  quotesOf(speakerId: string): readonly Quote[] {
    return this.quotesById.get(speakerId) ?? [];
  }

  /** The entry a quote was indexed under, if it has a speaker. */
  speakerOf(quote: Quote): SpeakerEntry | undefined {
    if (this.byQuote === null) {
      const byQuote = new Map<Quote, SpeakerEntry>();
      for (const entry of this.entries) for (const each of this.quotesOf(entry.id)) byQuote.set(each, entry);
      this.byQuote = byQuote;
    }
    return this.byQuote.get(quote);
  }

  lookup(query: string): SpeakerLookup {
    const tokens = words(query.slice(0, MAX_QUERY_CHARS)).slice(0, MAX_QUERY_WORDS);
    if (tokens.length === 0) return { kind: 'none', suggestions: [] };
    const holders = this.titleHolders(tokens);
    if (holders.length > 0) return { kind: 'ambiguous', candidates: holders };
    const exact = this.exact.get(tokens.join(' '));
    if (exact !== undefined) {
      const sharing = tokens.length === 1 ? (this.byWord.get(tokens[0] as string) ?? []).slice(0, MAX_CANDIDATES) : [];
      return this.decide([...exact, ...sharing]);
    }
    const names = tokens.filter((token) => !ROLE_WORDS.has(token));
    for (const wanted of names.length > 0 && names.length < tokens.length ? [tokens, names] : [tokens]) {
      const matched = this.entriesWithWords(wanted);
      if (matched.length > 0) return this.decide(matched);
    }
    const wanted = names.length > 0 ? names : tokens;
    const fuzzy = this.entriesWithAll(wanted, (token) => this.similarWords(token)).sort((a, b) => (this.rank.get(a) ?? 0) - (this.rank.get(b) ?? 0));
    const suggestions = [...new Set([...fuzzy, ...this.autocomplete(tokens.join(' '), MAX_SUGGESTIONS)])];
    return { kind: 'none', suggestions: suggestions.slice(0, MAX_SUGGESTIONS) };
  }

  autocomplete(prefix: string, limit: number): SpeakerEntry[] {
    const wanted = words(prefix.slice(0, MAX_QUERY_CHARS)).slice(0, MAX_QUERY_WORDS).join(' ');
    const count = Math.max(0, Math.floor(limit));
    if (count === 0) return [];
    if (prefix.trim() === '') return this.entries.slice(0, count);
    if (wanted === '') return [];
    const from = this.lowerBound(wanted);
    const to = this.lowerBound(`${wanted}\uffff`);
    const result: SpeakerEntry[] = [];
    const seen = new Set<number>();
    const ranges: [number, number, number][] = [[from, to, this.bestIn(from, to)]];
    while (result.length < count && ranges.length > 0) {
      let pick = 0;
      for (let i = 1; i < ranges.length; i += 1) {
        if (this.better((ranges[pick] as [number, number, number])[2], (ranges[i] as [number, number, number])[2]) !== (ranges[pick] as [number, number, number])[2]) pick = i;
      }
      const [low, high, best] = ranges.splice(pick, 1)[0] as [number, number, number];
      if (best < 0) continue;
      const rank = this.keyRanks[best] as number;
      if (!seen.has(rank)) {
        seen.add(rank);
        result.push(this.entries[rank] as SpeakerEntry);
      }
      if (low < best) ranges.push([low, best, this.bestIn(low, best)]);
      if (best + 1 < high) ranges.push([best + 1, high, this.bestIn(best + 1, high)]);
    }
    return result;
  }

  /**
   * A query that is only a title (`Presiden`, `Menkeu`, `Menteri Keuangan`) names no one: everyone whose role begins with it,
   * the most quoted first, so that the asker chooses. Empty when the query holds a name word or no such role is known.
   */
  private titleHolders(tokens: readonly string[]): SpeakerEntry[] {
    const wanted = spellOutTitles(tokens);
    const first = wanted[0];
    if (first === undefined || !ROLE_WORDS.has(first) || tokens.some((token) => this.nameWords.has(token) && !ROLE_WORDS.has(token))) return [];
    const found = new Set<SpeakerEntry>();
    for (const { entry, role } of this.byRole.get(first) ?? []) {
      if (wanted.length <= role.length && wanted.every((word, i) => role[i] === word)) found.add(entry);
    }
    return [...found].sort((a, b) => (this.rank.get(a) ?? 0) - (this.rank.get(b) ?? 0)).slice(0, MAX_CANDIDATES);
  }

  private decide(candidates: readonly SpeakerEntry[]): SpeakerLookup {
    const unique = [...new Set(candidates)];
    if (unique.length === 1) return { kind: 'found', speaker: unique[0] as SpeakerEntry };
    return { kind: 'ambiguous', candidates: unique.sort((a, b) => (this.rank.get(a) ?? 0) - (this.rank.get(b) ?? 0)).slice(0, MAX_CANDIDATES) };
  }

  /** The best-ranked entries (at most MAX_CANDIDATES + 1) having every wanted word. */
  private entriesWithWords(wanted: readonly string[]): SpeakerEntry[] {
    const lists = wanted.map((token) => this.byWord.get(token) ?? []);
    const shortest = lists.reduce((a, b) => (b.length < a.length ? b : a));
    const sets = wanted.map((token) => this.entriesWith(token));
    const result: SpeakerEntry[] = [];
    for (const entry of shortest) {
      if (sets.every((set) => set?.has(entry) === true)) result.push(entry);
      if (result.length > MAX_CANDIDATES) break;
    }
    return result;
  }

  /** Entries having, for every wanted word, one of the words `match` gives. */
  private entriesWithAll(wanted: readonly string[], match: (token: string) => Iterable<SpeakerEntry> | undefined): SpeakerEntry[] {
    let result: Set<SpeakerEntry> | null = null;
    for (const token of wanted) {
      const found = new Set(match(token) ?? []);
      if (result === null) result = found;
      else for (const entry of result) if (!found.has(entry)) result.delete(entry);
      if (result.size === 0) return [];
    }
    return [...(result ?? [])];
  }

  /** Entries with a word within a typo or two of `token` (`putn` → putin), among words sharing its first letter. */
  private similarWords(token: string): Set<SpeakerEntry> {
    const result = new Set<SpeakerEntry>();
    const allowed = tolerance(token.length);
    if (allowed === 0 || token.length > 40) return result;
    const starts = new Set([token.slice(0, 2), `${token[0]}${token[2] ?? ''}`, `${token[1] ?? ''}${token[0]}`]);
    for (const start of starts) {
      for (const word of this.wordsByStart.get(start) ?? []) {
        if (Math.abs(word.length - token.length) > allowed) continue;
        if (withinEdits(token, word, allowed)) for (const entry of (this.byWord.get(word) ?? []).slice(0, MAX_CANDIDATES)) result.add(entry);
      }
    }
    return result;
  }
}

/** Builds the speaker index of a corpus from its quotes. */
export function buildSpeakerIndex(quotes: Iterable<Quote>): SpeakerIndex {
  return SpeakerIndex.build(quotes);
}

