/**
 * The bot (discord.js Client, our commands and router) in its own process for the burst benchmark, configured from the
 * environment like src/main.ts. `--defer-first off` keeps the router from acknowledging before the work (the behaviour
 * before issue 16.10), `on` leaves its defaults. On the IPC message "backlog" it sends the router's counters back.
 * Usage: tsx bench/burst-bot.ts --defer-first on|off
 */
import { parseConfig } from '../src/config.js';
import type { BacklogOptions } from '../src/discord/backlog.js';
import { startBot } from '../src/discord/bot.js';
import { loadCommands } from '../src/discord/registry.js';
import { corpusFolder, openLibrary } from '../src/library/index.js';
import { createLogger } from '../src/log.js';

const NEVER: BacklogOptions = { deferFrom: Number.POSITIVE_INFINITY, deferAfterMs: Number.POSITIVE_INFINITY, autocompleteMaxAgeMs: Number.POSITIVE_INFINITY };

const deferFirst = process.argv[process.argv.indexOf('--defer-first') + 1] !== 'off';
const config = parseConfig(process.env);
const log = createLogger({ level: config.logLevel, secrets: config.token === null ? [] : [config.token] });
const library = await openLibrary(corpusFolder(config.corpusDir, { maxBytes: config.maxArticleBytes }));
const bot = await startBot({
  config,
  log,
  commands: await loadCommands(),
  context: { library, config, log, digests: null },
  router: { backlog: deferFirst ? {} : NEVER },
  rememberRegistration: false,
});
process.on('message', (message) => {
  if (message === 'backlog') process.send?.(bot.backlog());
});
process.once('SIGTERM', () => {
  void bot.stop().finally(() => process.exit(0));
});
