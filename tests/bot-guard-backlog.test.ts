import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import { defineCommand } from '../src/discord/command.js';
import { answer } from '../src/discord/respond.js';
import { notice } from '../src/discord/views/index.js';
import type { InteractionOutcome } from '../discord-emulator/index.js';
import { articleText, RELAXED_COOLDOWN, startHarness, type Harness } from './bot-harness.js';

/** Says whether the interaction had been acknowledged when its handler began. */
const observe = defineCommand({
  data: { name: 'observe', description: 'Reports its acknowledgement state (test)' },
  async execute(interaction) {
    await answer(interaction, notice(`deferred before the handler: ${String(interaction.deferred)}`));
  },
});

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    files: { 'tol.txt': articleText('Jalan Tol Baru Dibuka', ['Jalan tol baru di Sumatra dibuka untuk umum hari ini.', 'Warga menyambut baik.']) },
    extraCommands: [observe],
    digests: true,
    // every command counts as arriving on a busy bot
    router: { ...RELAXED_COOLDOWN, backlog: { deferFrom: 0 } },
  });
}, 60_000);

afterAll(async () => {
  await h.close();
}, 60_000);

const logsOf = (outcome: InteractionOutcome) => h.logs.filter((line) => line.interactionId === outcome.id);
const deferredFirst = (outcome: InteractionOutcome) => logsOf(outcome).some((line) => line.msg === 'acknowledged before its work');

describe('on a busy bot a command is acknowledged before its work', () => {
  it('so the handler finds it deferred, and its answer arrives as an edit of the “thinking…”', async () => {
    const outcome = await h.server.runCommand('observe', {}, { user: 'member' });
    expect(outcome.callback?.type).toBe(5);
    expect(outcome.ephemeral).toBe(false);
    expect(outcome.reply?.content).toBe('deferred before the handler: true');
    expect(outcome.followUps).toEqual([]);
    expect(deferredFirst(outcome)).toBe(true);
  }, 60_000);

  it('a real command too: /summary answers by editing its deferral', async () => {
    const outcome = await h.server.runCommand('summary', {}, { user: 'member' });
    expect(outcome.callback?.type).toBe(5);
    expect(JSON.stringify(outcome.reply?.embeds)).toContain('Jalan Tol Baru Dibuka');
  }, 60_000);

  it('privately for a command whose answers are private', async () => {
    const outcome = await h.server.runCommand('help', {}, { user: 'member' });
    expect(outcome.callback?.type).toBe(5);
    expect((outcome.callback?.data as { flags?: number } | null)?.flags ?? 0).toBe(MessageFlags.Ephemeral);
    expect(outcome.ephemeral).toBe(true);
    expect(JSON.stringify(outcome.reply?.embeds)).toContain('Ringkas');
  }, 60_000);

  it('except /digest now, which records the interaction before it acknowledges it', async () => {
    const outcome = await h.server.runCommand('digest now', {}, { user: 'owner' });
    expect(deferredFirst(outcome)).toBe(false);
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.status).toBe('answered');
  }, 60_000);
});

describe('interactions that waited too long for their turn (a busy event loop)', () => {
  it('an autocomplete is dropped quietly: no answer, no error, logged at debug', async () => {
    // the router's clock stands 10 s ahead, so every autocomplete looks 10 s old
    await h.restart({ router: { ...RELAXED_COOLDOWN, backlog: { now: () => Date.now() + 10_000 } } });
    const outcome = await h.server.autocomplete('quotes', { speaker: 'jo' }, 'speaker', { user: 'member' });
    expect(outcome.choices).toBeNull();
    expect(outcome.callback).toBeNull();
    const lines = logsOf(outcome);
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
    expect(lines.some((line) => line.level === 20 && line.msg === 'autocomplete dropped: too late to answer')).toBe(true);
  }, 60_000);

  it('while a command that waited as long is acknowledged before its work', async () => {
    const outcome = await h.server.runCommand('observe', {}, { user: 'member' });
    expect(outcome.callback?.type).toBe(5);
    expect(outcome.reply?.content).toBe('deferred before the handler: true');
  }, 60_000);

  it('an autocomplete on time is answered, and a command on time on a quiet bot is answered directly', async () => {
    await h.restart({ router: RELAXED_COOLDOWN });
    const direct = await h.server.runCommand('observe', {}, { user: 'member' });
    expect(direct.callback?.type).toBe(4);
    expect(direct.reply?.content).toBe('deferred before the handler: false');
    const outcome = await h.server.autocomplete('quotes', { speaker: 'jo' }, 'speaker', { user: 'member' });
    expect(outcome.callback?.type).toBe(8);
  }, 60_000);
});
