// A whole bot process for bot-digest-crash.test.ts: the real discord.js client, /digest, the library and the digest
// service over a store shared with the test (SQLite folder or PostgreSQL URL), on the real clock. The test kills it.
import digestCommand from '../commands/digest.js';
import { parseConfig } from '../src/config.js';
import { startBot } from '../src/discord/bot.js';
import { discordDigestPorts } from '../src/discord/digest/index.js';
import { openDigestService, type DigestService } from '../src/digest/index.js';
import { openLibrary } from '../src/library/index.js';
import { openStoreAt, silentLog } from './digest-fixtures.js';

const [backend, location, corpusDir, apiBase, token, guildId] = process.argv.slice(2);
if (backend === undefined || location === undefined || corpusDir === undefined || apiBase === undefined || token === undefined || guildId === undefined) {
  throw new Error('usage: bot-digest-crash-child <sqlite|postgres> <dataDir|url> <corpusDir> <apiBase> <token> <guildId>');
}
const config = parseConfig({ DISCORD_TOKEN: token, DISCORD_API_BASE: apiBase, DISCORD_GUILD_ID: guildId, CORPUS_DIR: corpusDir, DATA_DIR: corpusDir, LOG_LEVEL: 'silent' });
const library = await openLibrary(config.corpusDir, { analysisThreads: 0 });
const store = await openStoreAt(backend, location);
let digests: DigestService | undefined;
await startBot({
  config,
  log: silentLog,
  commands: [digestCommand],
  rememberRegistration: false,
  router: { commandCooldown: { limit: 1000, windowMs: 1000 }, buttonCooldown: { limit: 1000, windowMs: 1000 } },
  context: (client) => {
    digests = openDigestService({ config, store, ...discordDigestPorts(client.rest), library, log: silentLog, overrides: { retryDelaysMs: [50, 100] } });
    return { library, config, log: silentLog, digests };
  },
});
await digests?.start();
process.stdout.write('ready\n');
