import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import { defineCommand } from '../src/discord/command.js';
import { answer, defer } from '../src/discord/respond.js';
import { UserError } from '../src/discord/user-error.js';
import { notice } from '../src/discord/views/index.js';
import type { InteractionOutcome } from '../discord-emulator/index.js';
import { articleText, startHarness, type Harness } from './bot-harness.js';

type Json = Record<string, unknown>;

/** Defers publicly, then finds the user made a mistake. */
const mistaken = defineCommand({
  data: { name: 'mistaken', description: 'Throws a user error after thinking (test)' },
  async execute(interaction) {
    await defer(interaction);
    throw new UserError('summary.notFound', { query: 'zzqx' });
  },
});

/** A command with a cooldown of its own: once a minute. */
const rare = defineCommand({
  data: { name: 'rare', description: 'Once a minute (test)' },
  cooldown: { limit: 1, windowMs: 60_000 },
  async execute(interaction) {
    await answer(interaction, notice('done'));
  },
});

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    files: { 'tol.txt': articleText('Jalan Tol Baru Dibuka', ['Jalan tol baru di Sumatra dibuka untuk umum hari ini.']) },
    extraCommands: [mistaken, rare],
    digests: true,
  });
}, 60_000);

afterAll(async () => {
  await h.close();
}, 60_000);

const REFUSED_RELOAD = 'Only moderators with the Manage Server permission can reload the library.';
const guildId = () => h.server.guild.id;
const digests = () => {
  const service = h.bot.context.digests;
  if (service === null) throw new Error('the harness was asked for digests');
  return service;
};
const logsOf = (outcome: InteractionOutcome) => h.logs.filter((line) => line.interactionId === outcome.id);
const suspicious = (outcome: InteractionOutcome) => logsOf(outcome).filter((line) => line.msg.startsWith('suspicious interaction'));
const withMemberPermissions = (value: unknown) => (payload: Json) => {
  (payload.member as Json).permissions = value;
};

describe('what a command requires', () => {
  it('is declared once: the registered definition follows from it', () => {
    const registered = new Map(h.server.registeredCommands(guildId()).map((c) => [c.name, c as unknown as Json]));
    for (const name of ['reload', 'digest']) expect(registered.get(name)).toMatchObject({ default_member_permissions: '32', contexts: [0] });
    for (const name of ['help', 'search', 'summary', 'quotes']) expect(registered.get(name)?.default_member_permissions ?? null).toBeNull();
  });

  it('is refused politely, privately and in the reader’s language, one text per precondition', async () => {
    const reload = await h.server.runCommand('reload', {}, { user: 'member', locale: 'id' });
    expect(reload.ephemeral).toBe(true);
    expect(reload.reply?.content).toBe('Hanya moderator dengan izin Kelola Server yang dapat memuat ulang perpustakaan.');
    const digest = await h.server.runCommand('digest status', {}, { user: 'member' });
    expect(digest.ephemeral).toBe(true);
    expect(digest.reply?.content).toBe('Only moderators with the Manage Server permission can manage digests.');
    const outsideAServer = await h.server.runCommand('reload', {}, {
      user: 'moderator',
      forge: (payload) => {
        payload.user = (payload.member as Json).user;
        delete payload.member;
        delete payload.guild_id;
      },
    });
    expect(outsideAServer.reply?.content).toBe('You can reload the library only inside a server.');
  });

  it('gives a command with a cooldown of its own its own count', async () => {
    const first = await h.server.runCommand('rare', {}, { user: 'member' });
    expect(first.reply?.content).toBe('done');
    const second = await h.server.runCommand('rare', {}, { user: 'member' });
    expect(second.ephemeral).toBe(true);
    expect(second.reply?.content).toMatch(/^You are going a little fast\. Please try again in \d+ s\.$/);
    const other = await h.server.runCommand('help', {}, { user: 'member' });
    expect(JSON.stringify(other.reply?.embeds)).toContain('Ringkas');
  });

  it('lets a handler say the user made a mistake with one typed error, answered privately even after a public “thinking…”', async () => {
    const outcome = await h.server.runCommand('mistaken', {}, { user: 'member', locale: 'id' });
    const text = outcome.messages.map((m) => m.content);
    expect(text).toEqual(['Tidak ada artikel yang cocok dengan “zzqx”. Ketik sebagian judul lalu pilih dari daftar.']);
    expect(outcome.messages[0]?.flags ?? 0).toBe(MessageFlags.Ephemeral);
    expect(logsOf(outcome).some((line) => line.msg === 'command failed')).toBe(false);
  });
});

describe('forged permissions', () => {
  // Discord sends member.permissions as the decimal string of an unsigned 64-bit integer; nothing else grants anything.
  it.each([
    ['-1', '-1'],
    ['400 digits', '9'.repeat(400)],
    ['2^64', '18446744073709551616'],
    ['hexadecimal', '0x20'],
    ['letters', 'abc'],
    ['a number', 32],
    ['null', null],
  ])('%s is no permission at all: /reload is refused in time and the payload is logged as suspicious', async (_name, value) => {
    const outcome = await h.server.runCommand('reload', {}, { user: 'member', forge: withMemberPermissions(value) });
    expect(outcome.status).toBe('answered');
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.reply?.content).toBe(REFUSED_RELOAD);
    expect(logsOf(outcome).some((line) => line.msg === 'library reloaded by a moderator')).toBe(false);
    expect(suspicious(outcome)).toEqual([expect.objectContaining({ fields: [`member.permissions=${JSON.stringify(value).slice(0, 40)}`] })]);
  });

  it.each([['-1'], ['9'.repeat(400)], ['abc']])('%s does not set a digest either', async (value) => {
    const outcome = await h.server.runCommand('digest set', { channel: 'news', schedule: '07:00' }, { user: 'member', forge: withMemberPermissions(value) });
    expect(outcome.status).toBe('answered');
    expect(outcome.reply?.content).toBe('Only moderators with the Manage Server permission can manage digests.');
    expect(await digests().status(guildId())).toEqual([]);
    expect(suspicious(outcome)).toHaveLength(1);
  });

  it('a well-formed value is read as it is: Manage Server alone is enough, none is refused without suspicion', async () => {
    const granted = await h.server.runCommand('reload', {}, { user: 'member', forge: withMemberPermissions('32') });
    expect(JSON.stringify(granted.reply?.embeds)).toContain('Library reloaded');
    const none = await h.server.runCommand('reload', {}, { user: 'member', forge: withMemberPermissions('0') });
    expect(none.reply?.content).toBe(REFUSED_RELOAD);
    expect([...suspicious(granted), ...suspicious(none)]).toEqual([]);
  });

  it('malformed bot permissions do not silence a command that needs none', async () => {
    const outcome = await h.server.runCommand('help', {}, {
      user: 'member',
      forge: (payload) => {
        payload.app_permissions = 'abc';
      },
    });
    expect(outcome.status).toBe('answered');
    expect(JSON.stringify(outcome.reply?.embeds)).toContain('Ringkas');
    expect(suspicious(outcome)).toEqual([expect.objectContaining({ fields: ['app_permissions="abc"'] })]);
  });

  it.each([
    ['without its command data', (payload: Json) => void (payload.data = null)],
    ['without a user', (payload: Json) => void delete (payload.member as Json).user],
    ['of a type discord.js drops', (payload: Json) => void (payload.type = 99)],
  ])('an interaction %s still gets a polite private answer', async (_name, forge) => {
    const outcome = await h.server.runCommand('help', {}, { user: 'member', locale: 'id', forge });
    expect(outcome.status).toBe('answered');
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.reply?.content).toBe('Maaf, permintaan ini tidak dapat saya baca. Silakan coba lagi.');
    expect(logsOf(outcome).some((line) => line.msg.includes('could not be read by discord.js'))).toBe(true);
  });

  it('left nothing unanswered', () => {
    expect(h.server.missedInteractions).toEqual([]);
  });
});
