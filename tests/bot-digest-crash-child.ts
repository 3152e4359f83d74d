// A whole bot process for bot-digest-crash.test.ts: the real discord.js client, /digest, the library and the digest
// service over a store shared with the test (SQLite folder or PostgreSQL URL), on the real clock. The test kills it.
import { startDigestBot } from './bot-digest-fixtures.js';
import { openStoreAt } from './digest-fixtures.js';

const [backend, location, corpusDir, apiBase, token, guildId] = process.argv.slice(2);
if (backend === undefined || location === undefined || corpusDir === undefined || apiBase === undefined || token === undefined || guildId === undefined) {
  throw new Error('usage: bot-digest-crash-child <sqlite|postgres> <dataDir|url> <corpusDir> <apiBase> <token> <guildId>');
}
await startDigestBot({
  discord: { apiUrl: apiBase, token, guildId },
  corpusDir,
  dataDir: corpusDir,
  store: await openStoreAt(backend, location),
  overrides: { retryDelaysMs: [50, 100] },
});
process.stdout.write('ready\n');
