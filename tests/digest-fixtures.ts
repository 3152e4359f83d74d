import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { REST } from '@discordjs/rest';
import { loadCorpus, type CorpusSnapshot } from '../src/corpus/index.js';
import { CorpusReloader } from '../src/library/index.js';
import type { Article } from '../src/corpus/article.js';
import type { DigestLibrary, DigestLibraryHolder } from '../src/digest/index.js';
import { DEFAULT_IDS } from '../discord-emulator/index.js';
import { createLogger, type Logger } from '../src/log.js';
import { openPostgresStore, openSqliteStore, type Store } from '../src/store/index.js';
import { scratchDir } from './helpers/tmp.js';

// The local Discord server's default world: guild "Ringkas Lokal" with #news and #general.
export const GUILD = DEFAULT_IDS.guild;
export const CHANNEL = DEFAULT_IDS.news;
export const OTHER_CHANNEL = DEFAULT_IDS.general;
export const TOKEN = 'digest-test-token';

// DIGEST_TEST_LOG=debug shows the digest's log while a test runs.
export const silentLog: Logger = createLogger({ level: (process.env.DIGEST_TEST_LOG as 'debug' | undefined) ?? 'silent' });

/** First sentences of the body stand in for the summarizer, which the digest only reaches through Library.summary. */
function leadSummary(article: Article, sentences: number): { sentences: string[]; keywords: string[] } {
  const text = article.paragraphs.join(' ');
  const split = text.match(/[^.!?]+[.!?]+/g) ?? [text];
  const words = article.title.toLowerCase().split(/\s+/).filter((w) => w.length > 5);
  return { sentences: split.slice(0, sentences).map((s) => s.trim()), keywords: words.slice(0, 3) };
}

export function libraryOf(articles: readonly Article[]): DigestLibrary {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return {
    articles,
    summary: (id, sentences) => {
      const article = byId.get(id);
      return article === undefined ? undefined : leadSummary(article, sentences);
    },
  };
}

/** A scraped-text article file as the corpus reader expects it. */
export function articleFile(title: string, paragraphs: readonly string[], date = 'Senin, 4 Maret 2024 - 06:15 WIB'): string {
  return `${title}\n\n${date}\n${paragraphs.join('\n\n')}\n`;
}

/** A paragraph of `words` Indonesian-looking words, distinct per seed. */
export function prose(seed: string, words: number, sentenceWords = 14): string {
  const vocabulary = ['pemerintah', 'menyatakan', 'bahwa', 'rencana', 'pembangunan', 'jalan', 'daerah', 'akan', 'dimulai', 'tahun', 'depan', 'warga', 'menyambut', 'baik', 'kebijakan', 'tersebut'];
  const out: string[] = [];
  let state = [...seed].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  for (let i = 0; i < words; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out.push(vocabulary[state % vocabulary.length] ?? 'kata');
    if (i % sentenceWords === sentenceWords - 1) out[out.length - 1] += '.';
  }
  return `${seed} ${out.join(' ')}.`;
}

/**
 * A paragraph of a story of its own: prose() draws on the low bits of its generator, so every seed's text comes out
 * nearly alike (the digest groups such texts as near-duplicates); here each story also has words only it uses.
 */
export function storyProse(story: string, words: number, sentenceWords = 14): string {
  const common = ['pemerintah', 'menyatakan', 'bahwa', 'rencana', 'pembangunan', 'jalan', 'daerah', 'akan', 'dimulai', 'tahun', 'depan', 'warga'];
  const syllables = ['ka', 'ri', 'mu', 'to', 'sel', 'gan', 'pur', 'wa', 'den', 'lo', 'bi', 'ran', 'su', 'kem', 'ta', 'nog'];
  let state = [...story].reduce((h, c) => (h * 131 + c.charCodeAt(0)) >>> 0, 11);
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) >>> 0;
    return (state >>> 16) % n;
  };
  const own = Array.from({ length: 24 }, () => Array.from({ length: 3 }, () => syllables[next(syllables.length)]).join(''));
  const vocabulary = [...common, ...own];
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    out.push(vocabulary[next(vocabulary.length)] ?? 'kata');
    if (i % sentenceWords === sentenceWords - 1) out[out.length - 1] += '.';
  }
  return `${story} ${out.join(' ').replace(/\.?$/, '.')}`;
}

/** A real corpus folder read by the real loader and reloader, as the bot does. */
export async function corpusFolder(): Promise<{
  dir: string;
  write: (name: string, content: string) => Promise<string>;
  rename: (from: string, to: string) => Promise<void>;
  holder: DigestLibraryHolder & { reload(): Promise<unknown> };
  cleanup: () => Promise<void>;
}> {
  const scratch = await scratchDir();
  let reloader: CorpusReloader<DigestLibrary> | undefined;
  const open = async (): Promise<CorpusReloader<DigestLibrary>> => {
    reloader ??= await CorpusReloader.open(() => loadCorpus(scratch.dir), (snapshot: CorpusSnapshot) => libraryOf(snapshot.articles));
    return reloader;
  };
  return {
    dir: scratch.dir,
    write: scratch.write,
    rename: (from, to) => rename(join(scratch.dir, from), join(scratch.dir, to)),
    holder: {
      current: () => {
        if (reloader === undefined) throw new Error('call holder.reload() once after writing the first files');
        return reloader.current();
      },
      onSwap: (listener) => {
        if (reloader === undefined) throw new Error('open the corpus before subscribing');
        reloader.onSwap((next) => listener(next));
      },
      reload: async () => {
        if (reloader === undefined) return open();
        return reloader.reload();
      },
    },
    cleanup: scratch.cleanup,
  };
}

export function restFor(apiBase: string): REST {
  return new REST({ api: apiBase, retries: 1, timeout: 5_000, offset: 0 }).setToken(TOKEN);
}

/** The store a child process opens: SQLite in a data folder, or PostgreSQL at a URL (what storeFixture's `location` says). */
export async function openStoreAt(backend: string, location: string): Promise<Store> {
  if (backend === 'sqlite') return openSqliteStore({ dataDir: location, backups: false }).store;
  if (backend === 'postgres') return (await openPostgresStore(location, { poolSize: 2 })).store;
  throw new Error(`unknown backend ${backend}`);
}
