import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type DigestService } from '../src/digest/index.js';
import { startDiscordServer, type LocalDiscordServer } from '../discord-emulator/index.js';
import { startDigestBot, type DigestBot } from './bot-digest-fixtures.js';
import { articleFile, CHANNEL, GUILD, prose } from './digest-fixtures.js';
import { scratchDir, seedFile } from './helpers/tmp.js';

let server: LocalDiscordServer;
let running: DigestBot;
let digests: DigestService;
let corpus: Awaited<ReturnType<typeof scratchDir>>;
let data: Awaited<ReturnType<typeof scratchDir>>;

const asModerator = { user: 'moderator', channel: 'general' };
const asMember = { user: 'member', channel: 'general' };
const textOf = (outcome: { messages: { content: string }[] }) => outcome.messages.map((m) => m.content).join('\n');

beforeAll(async () => {
  corpus = await scratchDir();
  data = await scratchDir();
  await corpus.write('000_seed.txt', await readFile(seedFile, 'utf8'));
  await corpus.write('jalan.txt', articleFile('Pemerintah umumkan rencana jalan tol baru di Sumatra', [prose('Jalan tol', 80)], 'Jumat, 3 Januari 2025 - 12:00 WIB'));
  server = await startDiscordServer({ rateLimits: false });
  running = await startDigestBot({
    discord: { apiUrl: server.apiUrl, token: server.token, guildId: server.guild.id },
    corpusDir: corpus.dir,
    dataDir: data.dir,
    clock: new ManualClock(Date.parse('2025-01-05T12:00:00Z')),
  });
  digests = running.digests;
}, 60_000);

afterAll(async () => {
  await running.stop();
  await server.stop();
  await corpus.cleanup();
  await data.cleanup();
}, 60_000);

describe('/digest', { timeout: 60_000 }, () => {
  it('is registered for Manage Server only, in guilds, in English and Indonesian', () => {
    const [registered] = server.registeredCommands(GUILD);
    expect(registered).toMatchObject({
      name: 'digest',
      default_member_permissions: '32',
      contexts: [0],
      name_localizations: { 'en-US': 'digest', id: 'berita-terjadwal' },
    });
    expect(JSON.stringify(registered)).toContain('"id":"Kirim artikel baru ke kanal sesuai jadwal (moderator)"');
  });

  it('refuses a member without Manage Server, even when the server shows the command to them', async () => {
    const outcome = await server.runCommand('digest set', { channel: CHANNEL, schedule: '07:00' }, asMember);
    expect(outcome.ephemeral).toBe(true);
    expect(textOf(outcome)).toContain('Manage Server');
    expect(await digests.status(GUILD)).toEqual([]);
  });

  it('explains a schedule or a time zone it cannot use', async () => {
    const badSchedule = await server.runCommand('digest set', { channel: CHANNEL, schedule: 'every morning' }, asModerator);
    expect(textOf(badSchedule)).toMatch(/`every morning` is not a schedule I understand.*07:00/);
    const badZone = await server.runCommand('digest set', { channel: CHANNEL, schedule: '07:00', timezone: 'Mars/Olympus' }, asModerator);
    expect(textOf(badZone)).toContain('`Mars/Olympus` is not a time zone I know');
    const indonesian = await server.runCommand('digest set', { channel: CHANNEL, schedule: '25:00' }, { ...asModerator, locale: 'id' });
    expect(textOf(indonesian)).toContain('bukan jam yang sah');
    expect(await digests.status(GUILD)).toEqual([]);
  });

  it('suggests time zones as the moderator types', async () => {
    const outcome = await server.autocomplete('digest set', { channel: CHANNEL, schedule: '07:00', timezone: 'jak' }, 'timezone', asModerator);
    expect(outcome.choices).toContainEqual({ name: 'Asia/Jakarta', value: 'Asia/Jakarta' });
  });

  it('sets a digest and shows its next run in the channel zone', async () => {
    const outcome = await server.runCommand('digest set', { channel: CHANNEL, schedule: 'weekdays 08:30', size: 3 }, asModerator);
    expect(outcome.ephemeral).toBe(true);
    expect(textOf(outcome)).toContain(`Digest for <#${CHANNEL}>: \`weekdays 08:30\` (Asia/Jakarta), up to 3 articles. Next run: Mon, 6 Jan 2025, 08:30 GMT+7`);
    const status = await server.runCommand('digest status', {}, { ...asModerator, locale: 'id' });
    const field = status.messages[0]?.embeds[0]?.fields as { name: string; value: string }[] | undefined;
    expect(field?.[0]?.value).toContain('Sen, 6 Jan 2025, 08.30 WIB');
    expect(field?.[0]?.value).toContain('aktif');
  });

  it('previews ephemerally, then posts now into the channel', async () => {
    const preview = await server.runCommand('digest now', { channel: CHANNEL, preview: true }, asModerator);
    expect(preview.ephemeral).toBe(true);
    expect(preview.messages[0]?.content).toContain('Preview');
    expect(preview.messages[0]?.embeds.length).toBe(2);
    expect(server.channelMessages(CHANNEL)).toEqual([]);

    const posted = await server.runCommand('digest now', { channel: CHANNEL }, asModerator);
    expect(textOf(posted)).toContain(`Posted 2 articles to <#${CHANNEL}> in 1 message`);
    const [message] = server.channelMessages(CHANNEL);
    expect(message?.embeds.map((e) => e.title)).toEqual([
      'Pemerintah umumkan rencana jalan tol baru di Sumatra',
      expect.stringContaining('Putin'),
    ]);
    expect(message?.embeds[1]?.description).toContain('Putin');

    const again = await server.runCommand('digest now', { channel: CHANNEL }, asModerator);
    expect(textOf(again)).toContain('Nothing new');
    expect(server.channelMessages(CHANNEL)).toHaveLength(1);
  });

  it('turns a digest off', async () => {
    const off = await server.runCommand('digest off', { channel: CHANNEL }, asModerator);
    expect(textOf(off)).toContain('turned off');
    expect(await digests.status(GUILD)).toEqual([]);
    const none = await server.runCommand('digest status', {}, asModerator);
    expect(textOf(none)).toContain('No digests are set up');
  });
});
