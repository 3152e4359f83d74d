import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../src/discord/registry.js';
import { DEFAULT_IDS, type InteractionOutcome } from '../discord-emulator/index.js';
import { articleText, startHarness, type Harness } from './bot-harness.js';

type Json = Record<string, unknown>;
type Option = Json & { name: string; type: number; options?: Option[] };

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    files: { 'tol.txt': articleText('Jalan Tol Baru Dibuka', ['Jalan tol baru di Sumatra dibuka untuk umum hari ini.']) },
    digests: true,
    server: {
      world: {
        guilds: [
          {
            id: DEFAULT_IDS.guild,
            name: 'Ringkas Lokal',
            owner: 'owner',
            channels: [
              { name: 'general', id: DEFAULT_IDS.general },
              { name: 'news', id: DEFAULT_IDS.news },
            ],
          },
          { name: 'Tetangga', owner: 'owner', channels: [{ name: 'rahasia' }] },
        ],
      },
    },
  });
}, 60_000);

afterAll(async () => {
  await h.close();
}, 60_000);

const digests = () => {
  const service = h.bot.context.digests;
  if (service === null) throw new Error('the harness was asked for digests');
  return service;
};
const logsOf = (outcome: InteractionOutcome) => h.logs.filter((line) => line.interactionId === outcome.id);
const noFailure = (outcome: InteractionOutcome) => expect(logsOf(outcome).filter((line) => line.level >= 50)).toEqual([]);

/** The options of the subcommand (or command) a payload carries. */
function givenOptions(payload: Json): Option[] {
  const top = ((payload.data as Json).options ?? []) as Option[];
  return top[0]?.type === 1 ? (top[0].options ?? []) : top;
}

/** Sets an option's value as a modified client would, past what Discord's own client allows. */
const withValue = (name: string, value: string) => (payload: Json) => {
  const option = givenOptions(payload).find((o) => o.name === name);
  if (option === undefined) throw new Error(`no option ${name} in the payload`);
  option.value = value;
};

/** Points the channel option at `channelId`, with resolved data claiming whatever `claimed` says (or none). */
const withChannel = (channelId: string, claimed?: Json) => (payload: Json) => {
  withValue('channel', channelId)(payload);
  const resolved = ((payload.data as Json).resolved ?? {}) as Json;
  resolved.channels = claimed === undefined ? {} : { [channelId]: { id: channelId, ...claimed } };
  (payload.data as Json).resolved = resolved;
};

describe('free-text options', () => {
  it('each have a max_length in their definition', async () => {
    const unbounded: string[] = [];
    const walk = (path: string, options: Option[] = []) => {
      for (const option of options) {
        if (option.type === 1 || option.type === 2) walk(`${path} ${option.name}`, option.options);
        else if (option.type === 3 && option.choices === undefined && typeof option.max_length !== 'number') unbounded.push(`${path} ${option.name}`);
      }
    };
    for (const command of await loadCommands()) walk(command.data.name, (command.data as unknown as Json).options as Option[]);
    expect(unbounded).toEqual([]);
  });

  it('longer than their definition allows are refused, naming the option and the limit, before the handler runs', async () => {
    const outcome = await h.server.runCommand(
      'digest set',
      { channel: 'news', schedule: '07:00' },
      { user: 'owner', forge: withValue('schedule', `07:00 ${'x'.repeat(6000)}`) },
    );
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.reply?.content).toContain('schedule');
    expect(outcome.reply?.content).toContain('100');
    expect(await digests().status(DEFAULT_IDS.guild)).toEqual([]);
    noFailure(outcome);
  }, 60_000);

  it('are refused in the reader’s language, with the option’s own localized name', async () => {
    const outcome = await h.server.runCommand('search', { query: 'tol' }, { user: 'member', locale: 'id', forge: withValue('query', 'tol '.repeat(400)) });
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.reply?.content).toContain('200');
    expect(outcome.reply?.content).toContain('“kata”');
    expect(outcome.reply?.embeds ?? []).toEqual([]);
  }, 60_000);

  it('within their limit still work', async () => {
    const outcome = await h.server.runCommand('search', { query: 'tol' }, { user: 'member' });
    expect(JSON.stringify(outcome.reply?.embeds)).toContain('Jalan Tol Baru Dibuka');
  }, 60_000);
});

describe('a channel option that is not a channel of this server', () => {
  const rahasia = () => h.server.channel('rahasia').id;

  it.each([
    ['an id nobody resolved', () => withChannel('1399999999999999999')],
    ['an id with resolved data made up for it', () => withChannel('1399999999999999999', { name: 'palsu', type: 0, permissions: '0' })],
    ['a channel of another server the bot is in', () => withChannel(rahasia(), { name: 'rahasia', type: 0, permissions: '0' })],
  ])('is refused with its reason, not replaced by the current channel: %s', async (_name, forge) => {
    const outcome = await h.server.runCommand('digest set', { channel: 'news', schedule: '07:00' }, { user: 'owner', channel: 'general', forge: forge() });
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.reply?.content).toMatch(/channel/i);
    expect(outcome.reply?.content).toMatch(/not a channel of this server/);
    expect(await digests().status(DEFAULT_IDS.guild)).toEqual([]);
    noFailure(outcome);
  }, 60_000);

  it('leaves a real channel of this server working', async () => {
    const outcome = await h.server.runCommand('digest set', { channel: 'news', schedule: '07:00' }, { user: 'owner', channel: 'general' });
    expect(outcome.reply?.content ?? JSON.stringify(outcome.reply?.embeds)).toContain(DEFAULT_IDS.news);
    expect((await digests().status(DEFAULT_IDS.guild)).map((d) => d.channelId)).toEqual([DEFAULT_IDS.news]);
  }, 60_000);
});
