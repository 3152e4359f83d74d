import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleText, startHarness, type Harness } from './bot-harness.js';

type Json = Record<string, unknown>;
const footerOf = (message: { embeds: Json[] } | null | undefined): unknown => (message?.embeds[0] as (Json & { footer?: Json }) | undefined)?.footer?.text;

/** An article in which Joko Widodo says `count` different things. */
function jokowi(day: number, count: number): string {
  const paragraphs = Array.from(
    { length: count },
    (_, i) => `“Pembangunan tahap ${day}-${i + 1} harus selesai tepat waktu agar ekonomi daerah tumbuh,” kata Presiden Joko Widodo di Jakarta.`,
  );
  return articleText(`Jokowi Resmikan Jalan Tol Tahap ${day}`, paragraphs, `Senin, ${day} Maret 2024 - 06:15 WIB`);
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ files: { 'jokowi-1.txt': jokowi(1, 7), 'jokowi-2.txt': jokowi(2, 6) } });
}, 60_000);

afterAll(async () => {
  await h.close();
});

describe('a page button forged with the clicker’s own id on someone else’s message', () => {
  it('leaves the message and its buttons as they were and answers the clicker privately', async () => {
    const asked = await h.server.runCommand('quotes', { speaker: 'joko-widodo' }, { user: 'member' });
    const message = asked.reply;
    if (message === null) throw new Error('no reply');
    const next = message.components.flatMap((row) => (row as { components: Json[] }).components).find((b) => b.label === 'Next ▶');
    const genuine = String(next?.custom_id);
    const intruderId = h.server.user('moderator').id;
    const forged = genuine.replace(`:${h.server.user('member').id}:`, `:${intruderId}:`);
    expect(forged).not.toBe(genuine);

    const taken = await h.server.pressButton(message, genuine, {
      user: 'moderator',
      forge: (payload) => void ((payload.data as Json).custom_id = forged),
    });
    expect(taken.ephemeral).toBe(true);
    expect(taken.callback?.type).not.toBe(7);
    const after = h.server.message(message.id);
    expect(footerOf(after)).toBe('Page 1 of 3');
    expect(after?.components).toEqual(message.components);
    expect(JSON.stringify(after?.components)).not.toContain(intruderId);
    expect(taken.reply?.content).toContain('/quotes');
  }, 60_000);

  it('still lets the asker turn the pages', async () => {
    const asked = await h.server.runCommand('quotes', { speaker: 'joko-widodo' }, { user: 'member' });
    const turned = await h.server.pressButton(asked.reply ?? '', 'Next ▶', 'member');
    expect(turned.callback?.type).toBe(7);
    expect(footerOf(turned.reply)).toBe('Page 2 of 3');
  }, 60_000);

  it('leaves shared buttons open to everyone who sees the message: a search hit’s Summarize answers the presser privately', async () => {
    const searched = await h.server.runCommand('search', { query: 'jalan tol' }, { user: 'member' });
    const pressed = await h.server.pressButton(searched.reply ?? '', 'Summarize 1', 'moderator');
    expect(pressed.ephemeral).toBe(true);
    expect(JSON.stringify(pressed.reply?.embeds)).toContain('Jokowi Resmikan Jalan Tol');
    expect(h.server.message(searched.reply?.id ?? '')?.embeds).toEqual(searched.reply?.embeds);
  }, 60_000);
});
