import { CorpusSnapshot, loadCorpus } from '../src/corpus/index.js';
import { buildLibrary } from '../src/library/index.js';
import { WARM_UP, type EndToEndPlan } from './e2e.js';
import { seededRandom } from './random.js';
import { speakerQueries } from './speaker-answers.js';

/** What the burst asks: speakers as users pick or type them, and random articles, from the corpus the bot will load. */
export async function endToEndPlan(corpusDir: string, interactions: number, rates: readonly (number | null)[]): Promise<EndToEndPlan> {
  const { articles, problems } = await loadCorpus(corpusDir);
  const library = buildLibrary(new CorpusSnapshot(articles, problems));
  const random = seededRandom(7);
  const half = WARM_UP / 2 + rates.length * Math.ceil(interactions / 2);
  const speakers = speakerQueries(library.speakers.speakers(), half, random).map((q) => q.query);
  const ids = library.articles.map((a) => a.id);
  const articleIds = Array.from({ length: half }, () => ids[Math.floor(random() * ids.length)] ?? '');
  return { corpusDir, interactions, rates, speakers, articleIds, usersPerBurst: Math.max(1, Math.ceil(interactions / 4)) };
}
