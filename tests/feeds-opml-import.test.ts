import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../src/cli/command.js';
import feedsCommand from '../src/cli/feeds.js';
import { openSqliteStore } from '../src/store/index.js';
import { capture } from './helpers/capture.js';
import { testContext } from './helpers/cli.js';
import { scratchDir } from './helpers/tmp.js';

const GUILD = '100000000000000001';
const CHANNEL = '200000000000000002';

const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Langganan</title></head><body>
<outline text="Berita">
  <outline type="rss" text="Antara Terkini" xmlUrl="https://www.antaranews.com/rss/terkini.xml" htmlUrl="https://www.antaranews.com"/>
  <outline type="rss" text="Tempo Nasional" xmlUrl="https://rss.tempo.co/nasional"/>
</outline>
<outline type="rss" text="Rusak" xmlUrl="ftp://files.example/feed.xml"/>
<outline type="rss" text="Antara lagi" xmlUrl="https://www.antaranews.com/rss/terkini.xml"/>
</body></opml>`;

let data: Awaited<ReturnType<typeof scratchDir>>;
beforeEach(async () => {
  data = await scratchDir();
});
afterEach(() => data.cleanup());

const run = (args: readonly string[], feedsPerGuild = 50) =>
  capture(() => runCommand('feeds', feedsCommand, args, async () => ({ ...testContext, dataDir: data.dir, feedsPerGuild })));

describe('cli feeds import', () => {
  it('subscribes a channel to the feeds of an OPML file, reporting bad outlines and feeds already followed', async () => {
    const file = await data.write('langganan.opml', opml);
    const first = await run(['import', file, '--guild', GUILD, '--channel', CHANNEL]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('2 feeds added, 0 already followed, 0 over the limit');
    expect(first.stderr).toContain('problem: Rusak: only http and https URLs are fetched');
    const again = await run(['import', file, '--guild', GUILD, '--channel', CHANNEL, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, added: [], existing: ['https://www.antaranews.com/rss/terkini.xml', 'https://rss.tempo.co/nasional'] });
    const { store } = openSqliteStore({ dataDir: data.dir, backups: false });
    try {
      expect((await store.feeds.ofGuild(GUILD)).map((f) => [f.url, f.channelId, f.pausedReason])).toEqual([
        ['https://www.antaranews.com/rss/terkini.xml', CHANNEL, null],
        ['https://rss.tempo.co/nasional', CHANNEL, null],
      ]);
    } finally {
      await store.close();
    }
  });

  it('stops at the server’s limit and says which feeds were left out', async () => {
    const file = await data.write('langganan.opml', opml);
    const result = await run(['import', file, '--guild', GUILD, '--channel', CHANNEL], 1);
    expect(result.stdout).toContain('1 feed added, 0 already followed, 1 over the limit');
    expect(result.stderr).toContain('not added (the server follows 1 feeds already): https://rss.tempo.co/nasional');
  });

  it('explains a wrong call, a missing file and a file that is no OPML', async () => {
    await expect(run(['import'])).rejects.toThrow('usage: feeds import <file.opml> --guild ID --channel ID');
    await expect(run(['import', 'x.opml', '--guild', 'abc', '--channel', CHANNEL])).rejects.toThrow('--guild needs a Discord id');
    expect((await run(['import', `${data.dir}/missing.opml`, '--guild', GUILD, '--channel', CHANNEL])).code).toBe(1);
    const notOpml = await data.write('not.opml', '<html><body>no</body></html>');
    const result = await run(['import', notOpml, '--guild', GUILD, '--channel', CHANNEL]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not an OPML file');
  });
});
