// Run by digest-delivery.test.ts as a separate process that the test kills in the middle of a digest.
import { loadCorpus } from '../src/corpus/index.js';
import { CorpusReloader } from '../src/library/index.js';
import { ManualClock, openDigestService } from '../src/digest/index.js';
import { discordDigestPorts } from '../src/discord/digest/index.js';
import { CHANNEL, GUILD, libraryOf, openStoreAt, restFor, silentLog } from './digest-fixtures.js';

const [backend, location, corpusDir, apiBase, startAt, slotAt] = process.argv.slice(2);
if (backend === undefined || location === undefined || corpusDir === undefined || apiBase === undefined || startAt === undefined || slotAt === undefined) {
  throw new Error('usage: digest-crash-child <sqlite|postgres> <dataDir|url> <corpusDir> <apiBase> <startMs> <slotMs>');
}
const reloader = await CorpusReloader.open(() => loadCorpus(corpusDir), (snapshot) => libraryOf(snapshot.articles));
const clock = new ManualClock(Number(startAt));
const service = openDigestService({
  config: { dataDir: location, defaultTimeZone: 'Asia/Jakarta' },
  store: await openStoreAt(backend, location),
  ...discordDigestPorts(restFor(apiBase)),
  library: { current: () => reloader.current(), onSwap: (listener) => reloader.onSwap((next) => listener(next)) },
  log: silentLog,
  clock,
});
await service.start();
const set = await service.configure({ guildId: GUILD, channelId: CHANNEL, schedule: '07:00', size: 10, locale: 'en-US' });
if (!set.ok) throw new Error(`could not set the digest: ${JSON.stringify(set.error)}`);
clock.advanceTo(Number(slotAt));
await service.idle();
process.stdout.write('finished without being killed\n');
