import { readFile } from 'node:fs/promises';
import { messageOf } from '../error-message.js';
import { importOpml } from '../feeds/opml-import.js';
import { openStore } from '../store/index.js';
import { EXIT, UsageError, type CliCommand } from './command.js';
import { writeLine } from './output.js';

const snowflake = /^\d{17,20}$/;

function idOption(value: string | boolean | undefined, name: string): string {
  if (typeof value !== 'string' || !snowflake.test(value.trim())) throw new UsageError(`--${name} needs a Discord id (17 to 20 digits)`);
  return value.trim();
}

/** `feeds import <file.opml> --guild ID --channel ID`: a server follows the feeds of an OPML file (exported by a feed reader or MonitoRSS). */
const feeds: CliCommand = {
  summary: 'import the feeds of an OPML file for a server and channel',
  operands: 'import <file.opml>',
  options: {
    guild: { type: 'string', value: 'ID', description: 'the server that follows the feeds' },
    channel: { type: 'string', value: 'ID', description: "the channel whose digest gets their articles" },
    json: { type: 'boolean', description: 'one JSON object: added, existing, overLimit, problems' },
  },
  async run(args, context) {
    const [action, file, ...rest] = args.positionals;
    if (action !== 'import' || file === undefined || rest.length > 0) throw new UsageError('usage: feeds import <file.opml> --guild ID --channel ID');
    const guildId = idOption(args.options.guild, 'guild');
    const channelId = idOption(args.options.channel, 'channel');
    let source: string;
    try {
      source = await readFile(file, 'utf8');
    } catch (error) {
      process.stderr.write(`problem: ${file}: ${messageOf(error)}\n`);
      return EXIT.notFound;
    }
    const { store } = await openStore({ dataDir: context.dataDir ?? 'data', backups: false });
    try {
      const result = await importOpml(store.feeds, source, { guildId, channelId, maxPerGuild: context.feedsPerGuild ?? 50, userId: null, now: Date.now() });
      if (!result.ok) {
        process.stderr.write(`problem: ${file}: ${result.message}\n`);
        return EXIT.notFound;
      }
      for (const problem of result.problems) process.stderr.write(`problem: ${problem}\n`);
      for (const url of result.overLimit) process.stderr.write(`not added (the server follows ${context.feedsPerGuild ?? 50} feeds already): ${url}\n`);
      if (args.options.json === true) await writeLine(JSON.stringify(result));
      else {
        await writeLine(`${result.added.length} feed${result.added.length === 1 ? '' : 's'} added, ${result.existing.length} already followed, ${result.overLimit.length} over the limit`);
        for (const url of result.added) await writeLine(`  + ${url}`);
      }
      return EXIT.answered;
    } finally {
      await store.close();
    }
  },
};

export default feeds;
