import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleText, startHarness, type Harness } from './bot-harness.js';

type Json = Record<string, unknown>;
type Embed = Json & { title?: string; description?: string; author?: { name: string }; footer?: { text: string }; fields?: { name: string; value: string }[] };

const VOCABULARY =
  'pemerintah daerah menyiapkan anggaran pembangunan jalan jembatan sekolah rumah sakit pasar pelabuhan bandara irigasi bendungan listrik air bersih'.split(' ');

/** Deterministic filler prose: `count` sentences of `words` words. */
function prose(count: number, words: number, seed: number): string[] {
  let state = seed;
  const next = () => (state = (state * 16807) % 2147483647);
  return Array.from({ length: count }, () => {
    const sentence = Array.from({ length: words }, () => VOCABULARY[next() % VOCABULARY.length] as string).join(' ');
    return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
  });
}

/** Twenty quotes by one minister per article; some very long, some with markdown and mentions in them. */
function ministerArticle(n: number): string {
  const paragraphs = Array.from({ length: 20 }, (_, i) => {
    const long = i % 9 === 0 ? ` ${prose(40, 20, n * 100 + i).join(' ')}` : '';
    return `“Anggaran **${n}-${i}** untuk @everyone dan <@&123> harus tepat sasaran${long},” kata Menteri Keuangan Sri Mulyani di Jakarta.`;
  });
  return articleText(`Sri Mulyani Bicara Anggaran Bagian ${n}`, paragraphs, `Senin, ${n} April 2024 - 10:00 WIB`);
}

const files: Record<string, string> = {
  'long.txt': articleText(
    `Artikel Sangat Panjang ${'tentang pembangunan daerah '.repeat(20)}`,
    Array.from({ length: 200 }, (_, i) => prose(4, 60, i + 1).join(' ')),
  ),
};
for (let n = 1; n <= 10; n += 1) files[`menkeu-${n}.txt`] = ministerArticle(n);
for (let n = 1; n <= 30; n += 1) files[`berita-${n}.txt`] = articleText(`Berita Ekonomi Nomor ${n}`, prose(3, 12, 1000 + n), `Selasa, ${n % 28 + 1} Mei 2024 - 08:00 WIB`);

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ files });
}, 30_000);

afterAll(async () => {
  await h.close();
});

function expectWithinDiscordLimits(embeds: Embed[]): void {
  let total = 0;
  expect(embeds.length).toBeLessThanOrEqual(10);
  for (const embed of embeds) {
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.author?.name.length ?? 0) + (embed.footer?.text.length ?? 0);
    for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  }
  expect(total).toBeLessThanOrEqual(6000);
}

describe('replies to the largest answers fit Discord', () => {
  it('a ten-sentence summary of a 390,000-character article, after showing "thinking…"', async () => {
    const outcome = await h.server.runCommand('summary', { article: 'long', sentences: 10 });
    expect(outcome.deferred).toBe(true);
    expect(outcome.rejections).toEqual([]);
    const embeds = (outcome.reply?.embeds ?? []) as Embed[];
    expect(embeds[0]?.title?.length).toBeLessThanOrEqual(256);
    expect(embeds[0]?.title?.endsWith('…')).toBe(true);
    expect(embeds.at(-1)?.footer?.text).toMatch(/^reduced by \d+% · 14 Sept 2023$/);
    expectWithinDiscordLimits(embeds);
  });

  it('a speaker with 200 quotes: pages that fit, and mentions that stay inert', async () => {
    const first = await h.server.runCommand('quotes', { speaker: 'Sri Mulyani' });
    const message = first.reply;
    if (message === null) throw new Error('no reply');
    const [embed] = message.embeds as Embed[];
    expect(embed?.description).toBe('200 quotes in 10 articles');
    expect(embed?.footer?.text).toMatch(/^Page 1 of \d+$/);
    expect(JSON.stringify(embed?.fields)).toContain('@everyone');
    expect(JSON.stringify(embed?.fields)).toContain('\\\\*\\\\*');
    expect(message.mention_everyone).toBe(false);
    expect(message.mention_roles).toEqual([]);
    expectWithinDiscordLimits(message.embeds as Embed[]);
    for (let page = 2; page <= 4; page += 1) {
      const turned = await h.server.pressButton(message.id, 'Next ▶', 'member');
      expect(turned.rejections).toEqual([]);
      expect((turned.reply?.embeds[0] as Embed).footer?.text).toMatch(new RegExp(`^Page ${page} of \\d+$`));
      expectWithinDiscordLimits(turned.reply?.embeds as Embed[]);
    }
  });

  it('autocomplete offers at most 25 choices of at most 100 characters', async () => {
    const titles = await h.server.autocomplete('summary', { article: 'berita' }, 'article');
    expect(titles.choices).toHaveLength(25);
    const long = await h.server.autocomplete('summary', { article: 'sangat panjang' }, 'article');
    expect(long.choices).toEqual([{ name: expect.stringMatching(/^Artikel Sangat Panjang .*…( · .*)?$/), value: 'long' }]);
    for (const choice of [...(titles.choices ?? []), ...(long.choices ?? [])]) expect(String(choice.name).length).toBeLessThanOrEqual(100);
  });

  it('no request was refused with a 400', () => {
    expect(h.server.requests.filter((r) => r.status === 400)).toEqual([]);
    expect(h.server.missedInteractions).toEqual([]);
  });
});
