import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFile } from './helpers/tmp.js';
import { articleText, startHarness, type Harness } from './bot-harness.js';

const SEED_ID = '000_0fa5bb280fb2bb71';

/** An article in which Joko Widodo says `count` different things. */
function jokowi(day: number, count: number): string {
  const paragraphs = Array.from(
    { length: count },
    (_, i) => `“Pembangunan tahap ${day}-${i + 1} harus selesai tepat waktu agar ekonomi daerah tumbuh,” kata Presiden Joko Widodo di Jakarta.`,
  );
  return articleText(`Jokowi Resmikan Jalan Tol Tahap ${day}`, paragraphs, `Senin, ${day} Maret 2024 - 06:15 WIB`);
}

type Json = Record<string, unknown>;
const embedsOf = (message: { embeds: Json[] } | null | undefined): Json[] => message?.embeds ?? [];
const textOf = (message: { content: string; embeds: Json[] } | null | undefined): string => JSON.stringify([message?.content ?? '', embedsOf(message)]);

let h: Harness;
let pagedMessageId = '';

beforeAll(async () => {
  h = await startHarness({
    files: {
      [`${SEED_ID}.txt`]: await readFile(seedFile, 'utf8'),
      'jokowi-1.txt': jokowi(1, 7),
      'jokowi-2.txt': jokowi(2, 6),
      'bandara.json': JSON.stringify({
        title: 'Bandara Baru Dibuka di Kediri',
        published: '2024-02-01T09:00:00+07:00',
        source: 'Kompas',
        url: 'https://example.com/bandara-kediri',
        paragraphs: ['Bandara baru di Kediri dibuka untuk penerbangan domestik.', 'Pemerintah daerah berharap kunjungan wisata naik.'],
      }),
    },
  });
});

afterAll(async () => {
  await h.close();
});

describe('the bot registers its commands', () => {
  it('to the development guild, localized in English and Indonesian', () => {
    const names = h.server.registeredCommands(h.server.guild.id).map((c) => c.name).sort();
    expect(names).toEqual(expect.arrayContaining(['help', 'quotes', 'reload', 'search', 'summary']));
    const summary = h.server.registeredCommands(h.server.guild.id).find((c) => c.name === 'summary') as unknown as Json;
    expect(summary.name_localizations).toEqual({ 'en-US': 'summary', id: 'ringkasan' });
    expect(summary.description_localizations).toMatchObject({ id: expect.stringContaining('Ringkas') });
    const reload = h.server.registeredCommands(h.server.guild.id).find((c) => c.name === 'reload') as unknown as Json;
    expect(reload.default_member_permissions).toBe('32');
  });
});

describe('/summary', () => {
  it('summarises the newest article by default: linked title, outlet and date, keywords, reduction with the date, no id', async () => {
    const outcome = await h.server.runCommand('summary');
    expect(outcome.status).toBe('answered');
    expect(outcome.ephemeral).toBe(false);
    const [embed] = embedsOf(outcome.reply) as [Json & { author?: Json; footer?: Json; fields?: Json[] }];
    const newest = h.library.current().articles[0];
    expect(embed.title).toBe(newest?.title);
    expect(embed.description).toEqual(expect.any(String));
    expect(String(embed.footer?.text)).toMatch(/^reduced by \d+% · 2 Mar 2024$/);
    expect(JSON.stringify(outcome.reply)).not.toContain(String(newest?.id));
    expect(embed.fields?.[0]).toMatchObject({ name: 'Keywords' });
  });

  it('summarises the article picked by autocomplete, with the number of sentences asked for', async () => {
    const choices = await h.server.autocomplete('summary', { article: 'korut' }, 'article');
    expect(choices.choices).toEqual([expect.objectContaining({ value: SEED_ID, name: expect.stringContaining('Putin Buka Peluang') })]);
    const one = await h.server.runCommand('summary', { article: SEED_ID, sentences: 1 });
    const five = await h.server.runCommand('summary', { article: SEED_ID, sentences: 5 });
    const [embed] = embedsOf(one.reply) as [Json & { author?: Json; footer?: Json }];
    expect(embed.title).toContain('Putin Buka Peluang');
    expect(embed.author?.name).toMatch(/SINDOnews · 14 Sept 2023/);
    expect(String(embed.footer?.text)).toMatch(/^reduced by \d+% · SINDOnews · 14 Sept 2023$/);
    expect(JSON.stringify(one.reply)).not.toContain(SEED_ID);
    const oneSentence = String(embed.description);
    const fiveSentences = String((embedsOf(five.reply)[0] as Json).description);
    expect(fiveSentences.length).toBeGreaterThan(oneSentence.length);
    const library = h.library.current();
    expect(oneSentence).toContain(library.summary(SEED_ID, 1)?.sentences[0]?.slice(0, 40));
  });

  it("links the title to the article's url when the source gives one", async () => {
    const outcome = await h.server.runCommand('summary', { article: 'bandara' });
    const [embed] = embedsOf(outcome.reply) as [Json & { author?: Json }];
    expect(embed).toMatchObject({ title: 'Bandara Baru Dibuka di Kediri', url: 'https://example.com/bandara-kediri' });
    expect(embed.author?.name).toBe('Kompas · 1 Feb 2024');
  });

  it('lists titles newest first when nothing is typed, never more than 25', async () => {
    const outcome = await h.server.autocomplete('summary', {}, 'article');
    expect(outcome.choices?.map((c) => c.value)).toEqual(h.library.current().articles.map((a) => a.id).slice(0, 25));
  });

  it('says politely when no article matches', async () => {
    const outcome = await h.server.runCommand('summary', { article: 'zzqx tidak ada' });
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.reply?.content).toContain('No article matches “zzqx tidak ada”');
  });

  it('answers in Indonesian to an Indonesian client', async () => {
    const outcome = await h.server.runCommand('summary', { article: SEED_ID }, { locale: 'id' });
    const [embed] = embedsOf(outcome.reply) as [Json & { footer?: Json; fields?: Json[]; author?: Json }];
    expect(String(embed.footer?.text)).toMatch(/^dipersingkat \d+% · SINDOnews · 14 Sep 2023$/);
    expect(embed.fields?.[0]).toMatchObject({ name: 'Kata kunci' });
    expect(embed.author?.name).toMatch(/14 Sep 2023/);
  });
});

describe('/search', () => {
  it('ranks articles with a snippet each', async () => {
    const outcome = await h.server.runCommand('search', { query: 'rudal balistik' });
    const [embed] = embedsOf(outcome.reply) as [Json & { fields: Json[] }];
    expect(embed.title).toBe('Search: rudal balistik');
    expect(embed.fields[0]?.name).toContain('Putin Buka Peluang');
    expect(String(embed.fields[0]?.value)).toMatch(/rudal balistik/i);
    expect(JSON.stringify(embed)).not.toContain(SEED_ID);
    expect(outcome.reply?.components).toEqual([
      { type: 1, components: [expect.objectContaining({ type: 2, label: 'Summarize 1', custom_id: expect.stringMatching(/^search:summary:/) })] },
    ]);
  });

  it('says so when nothing matches', async () => {
    const outcome = await h.server.runCommand('search', { query: 'zzqx' }, { locale: 'id' });
    expect(outcome.ephemeral).toBe(true);
    expect(textOf(outcome.reply)).toContain('Tidak ada artikel yang cocok dengan “zzqx”');
  });
});

describe('/quotes', () => {
  it('autocompletes speakers with their quote counts', async () => {
    const outcome = await h.server.autocomplete('quotes', { speaker: 'jok' }, 'speaker');
    expect(outcome.choices).toEqual([{ name: 'Joko Widodo (13 quotes)', value: 'joko-widodo' }]);
    const all = await h.server.autocomplete('quotes', { speaker: '' }, 'speaker');
    expect(all.choices?.length).toBeGreaterThanOrEqual(3);
    expect(all.choices?.length).toBeLessThanOrEqual(25);
  });

  it('autocompletes only the articles that quote the chosen speaker', async () => {
    const outcome = await h.server.autocomplete('quotes', { speaker: 'joko-widodo', article: '' }, 'article');
    expect(outcome.choices?.map((c) => c.value).sort()).toEqual(['jokowi-1', 'jokowi-2']);
    const typed = await h.server.autocomplete('quotes', { speaker: 'Jokowi Widodo', article: 'tahap 2' }, 'article');
    expect(typed.choices?.map((c) => c.value)).toEqual(['jokowi-2']);
  });

  it("shows Putin's quotes from the seed with the article and date", async () => {
    const outcome = await h.server.runCommand('quotes', { speaker: 'Putin' });
    const [embed] = embedsOf(outcome.reply) as [Json & { fields: Json[] }];
    expect(embed.title).toBe('Quotes by Vladimir Putin');
    expect(embed.fields).toHaveLength(1);
    expect(embed.fields[0]?.name).toMatch(/Putin Buka Peluang.* · 14 Sept 2023$/);
    expect(embed.fields[0]?.value).toContain('Ya, ada batasan-batasan tertentu');
    expect(String(embed.fields[0]?.value).split('\n\n')).toHaveLength(4);
    for (const line of String(embed.fields[0]?.value).split('\n\n')) expect(line).toMatch(/^“.+” — Vladimir Putin, Presiden$/);
    expect(outcome.reply?.components).toEqual([]);
  });

  it('limits the quotes to one article when asked', async () => {
    const outcome = await h.server.runCommand('quotes', { speaker: 'joko-widodo', article: 'jokowi-2' });
    const [embed] = embedsOf(outcome.reply) as [Json & { fields: Json[] }];
    expect(embed.title).toContain('Jokowi Resmikan Jalan Tol Tahap 2');
    expect(embed.description).toBe('6 quotes');
    expect(embed.fields.every((f) => String(f.name).includes('Tahap 2'))).toBe(true);
  });

  it('pages with Previous/Next that only the asker can use', async () => {
    const first = await h.server.runCommand('quotes', { speaker: 'joko-widodo' }, { user: 'member' });
    const message = first.reply;
    if (message === null) throw new Error('no reply');
    pagedMessageId = message.id;
    const [embed] = embedsOf(message) as [Json & { footer: Json; fields: Json[] }];
    expect(embed.footer.text).toBe('Page 1 of 3');
    expect(embed.fields[0]?.value).toContain('tahap 2-1 ');

    const intruder = await h.server.pressButton(message, 'Next ▶', 'moderator');
    expect(intruder.ephemeral).toBe(true);
    expect(intruder.reply?.content).toContain('Only the person who asked can turn these pages');
    expect((embedsOf(h.server.message(message.id))[0] as Json & { footer: Json }).footer.text).toBe('Page 1 of 3');

    const second = await h.server.pressButton(message, 'Next ▶', 'member');
    expect(second.callback?.type).toBe(7);
    expect((embedsOf(second.reply)[0] as Json & { footer: Json }).footer.text).toBe('Page 2 of 3');
    const third = await h.server.pressButton(message, 'Next ▶', 'member');
    const last = embedsOf(third.reply)[0] as Json & { footer: Json; fields: Json[] };
    expect(last.footer.text).toBe('Page 3 of 3');
    expect(last.fields.map((f) => f.value).join(' ')).toContain('tahap 1-7 ');
    await expect(h.server.pressButton(message, 'Next ▶', 'member')).rejects.toThrow(/disabled/);
    const back = await h.server.pressButton(message, '◀ Previous', 'member');
    expect((embedsOf(back.reply)[0] as Json & { footer: Json }).footer.text).toBe('Page 2 of 3');
  });

  it('suggests speakers for a misspelt name, and never answers with an empty embed', async () => {
    const typo = await h.server.runCommand('quotes', { speaker: 'Putn' });
    expect(typo.ephemeral).toBe(true);
    expect(textOf(typo.reply)).toContain('I know no speaker called “Putn”');
    expect(textOf(typo.reply)).toContain('Vladimir Putin (4 quotes)');
    const nobody = await h.server.runCommand('quotes', { speaker: 'Xqzw' }, { locale: 'id' });
    const [embed] = embedsOf(nobody.reply) as [Json];
    expect(embed.title).toContain('Saya tidak mengenal narasumber bernama “Xqzw”');
    expect(String(embed.description ?? '') + JSON.stringify(embed.fields ?? [])).not.toBe('');
  });
});

describe('/help', () => {
  it('tells what the bot does and the corpus in numbers', async () => {
    const outcome = await h.server.runCommand('help');
    const stats = h.library.current().stats;
    expect(textOf(outcome.reply)).toContain(`${stats.articles} articles · `);
    expect(textOf(outcome.reply)).toContain(`${stats.quotes} quotes`);
    const id = await h.server.runCommand('help', {}, { locale: 'id' });
    expect(textOf(id.reply)).toContain(`${stats.articles} artikel · `);
    expect(textOf(id.reply)).toContain('Perintah');
  });
});

describe('/reload', () => {
  it('refuses a member without Manage Server, politely and privately', async () => {
    const outcome = await h.server.runCommand('reload', {}, { user: 'member' });
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.reply?.content).toContain('Only moderators with the Manage Server permission');
  });

  it('reloads for a moderator and reports what changed, with the files that could not be read', async () => {
    await h.corpus.write('baru.txt', articleText('Artikel Baru tentang Pelabuhan', ['Pelabuhan baru dibuka hari ini di Makassar.']));
    await h.corpus.write('rusak.json', '{ "title": "rusak", ');
    const outcome = await h.server.runCommand('reload', {}, { user: 'moderator' });
    expect(outcome.deferred).toBe(true);
    expect(outcome.ephemeral).toBe(true);
    const [embed] = embedsOf(outcome.reply) as [Json & { fields: Json[] }];
    expect(embed.title).toBe('Library reloaded');
    expect(embed.description).toMatch(/^5 articles now, in [\d.]+ s\.$/);
    expect(embed.fields.find((f) => f.name === 'Added (1)')?.value).toBe('• Artikel Baru tentang Pelabuhan');
    expect(String(embed.fields.find((f) => String(f.name).startsWith('Problems'))?.value)).toContain('rusak.json');
    const search = await h.server.runCommand('search', { query: 'pelabuhan makassar' });
    expect(textOf(search.reply)).toContain('Artikel Baru tentang Pelabuhan');
  });
});

describe('after a reload', () => {
  it('pages of a speaker who is gone say the list is out of date', async () => {
    await rm(join(h.corpus.dir, 'jokowi-1.txt'));
    await rm(join(h.corpus.dir, 'jokowi-2.txt'));
    await h.server.runCommand('reload', {}, { user: 'moderator' });
    const outcome = await h.server.pressButton(pagedMessageId, '◀ Previous', 'member');
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.reply?.content).toContain('This list is out of date');
  });
});

describe('every message the bot sent', () => {
  it('was accepted by the server and disabled mentions', () => {
    const sent = h.server.requests.filter((r) => r.method !== 'GET' && /\/(callback|webhooks)\b/.test(r.path));
    expect(sent.length).toBeGreaterThan(10);
    expect(h.server.requests.filter((r) => r.status >= 400)).toEqual([]);
    expect(h.server.missedInteractions).toEqual([]);
    const messages = sent.map((r) => (r.body as Json & { data?: Json }).data ?? (r.body as Json)).filter((b) => 'embeds' in b || 'content' in b);
    expect(messages.length).toBeGreaterThan(10);
    for (const body of messages) expect(body.allowed_mentions).toEqual({ parse: [] });
  });
});
