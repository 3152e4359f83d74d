import { rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleText, startHarness, type Harness } from './bot-harness.js';

type Json = Record<string, unknown>;
interface Embed {
  title?: string;
  description?: string;
  author?: { name: string };
  footer?: { text: string };
  fields?: { name: string; value: string }[];
}
interface Button {
  custom_id: string;
  label: string;
}
const embedsOf = (message: { embeds: Json[] } | null | undefined): Embed[] => (message?.embeds ?? []) as Embed[];
const buttonsOf = (message: { components?: Json[] } | null | undefined): Button[] =>
  ((message?.components ?? []) as { components: Button[] }[]).flatMap((row) => row.components);

/** A long article of two-sentence paragraphs, so a ten-sentence summary spans several of them. */
const longParagraphs = [
  'Pemerintah Kota Semarang mulai membangun jembatan baru di atas Sungai Banjir Kanal Barat pada Senin pagi. Proyek senilai 120 miliar rupiah itu ditargetkan rampung akhir tahun.',
  'Wali Kota Semarang mengatakan jembatan tersebut akan mengurai kemacetan di kawasan Tugu Muda. Selama ini ribuan kendaraan terjebak antrean panjang setiap jam sibuk.',
  'Dinas Pekerjaan Umum menyiapkan jalur alternatif selama pembangunan berlangsung. Petugas Dinas Perhubungan disiagakan di enam persimpangan utama.',
  'Sejumlah pedagang di sekitar lokasi proyek mengeluhkan penurunan jumlah pembeli. Mereka meminta pemerintah memberikan keringanan retribusi pasar selama pekerjaan berjalan.',
  'Pengamat transportasi dari Universitas Diponegoro menilai proyek itu sudah lama dibutuhkan warga. Namun ia mengingatkan pentingnya transportasi umum yang terpadu dengan jembatan baru.',
  'Anggota DPRD Kota Semarang meminta kontraktor menjaga keselamatan pekerja dan pengguna jalan. Dewan juga akan mengawasi penggunaan anggaran secara berkala.',
  'Kontraktor pelaksana menyatakan telah mendatangkan alat berat dari Surabaya. Tiang pancang pertama dijadwalkan dipasang pada pekan depan.',
  'Warga Kelurahan Bulu Lor berharap debu dan kebisingan proyek bisa ditekan. Mereka juga meminta jam kerja malam dibatasi agar anak-anak tetap bisa beristirahat.',
  'Badan Penanggulangan Bencana Daerah memastikan pembangunan tidak mengganggu aliran sungai saat musim hujan. Pintu air di hilir akan dipantau setiap hari.',
  'Pemerintah provinsi menyatakan dukungan penuh terhadap proyek tersebut. Gubernur berjanji menambah anggaran bila terjadi kenaikan harga material.',
  'Jembatan baru itu dirancang memiliki jalur pejalan kaki dan jalur sepeda di kedua sisinya. Lampu penerangan bertenaga surya juga akan dipasang sepanjang jembatan.',
  'Setelah rampung, jembatan diharapkan memangkas waktu tempuh dari Semarang Barat ke pusat kota hingga dua puluh menit. Pemerintah kota akan mengevaluasi dampaknya enam bulan setelah dibuka.',
];

const putin = articleText(
  'Putin Bicara soal Ukraina',
  [
    'Presiden Rusia Vladimir Putin berbicara di Moskow tentang perang di Ukraina.',
    '“Kami tidak akan mundur dari posisi kami,” kata Presiden Rusia Vladimir Putin.',
    '“Pembicaraan damai tetap terbuka bagi siapa saja,” ujar Putin.',
  ],
  'Senin, 4 Maret 2024 - 08:00 WIB',
);
const jokowi = articleText(
  'Jokowi Resmikan Bendungan',
  ['Presiden Joko Widodo meresmikan bendungan di Jawa Tengah.', '“Bendungan ini untuk petani,” kata Presiden Joko Widodo.'],
  'Selasa, 5 Maret 2024 - 09:00 WIB',
);

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    files: {
      'jembatan.json': JSON.stringify([
        { title: 'Semarang Bangun Jembatan Baru', published: '2024-03-01T10:00:00+07:00', source: 'Kompas', paragraphs: longParagraphs },
        { title: 'Pasar Johar Dibuka Kembali', published: '2024-02-01T10:00:00+07:00', source: 'Tempo', body: 'Pasar Johar di Semarang dibuka kembali setelah direnovasi.\n\nPara pedagang kembali berjualan.' },
      ]),
      'putin.txt': putin,
      'jokowi.txt': jokowi,
    },
  });
}, 60_000);

afterAll(async () => {
  await h.close();
});

describe('/summary', () => {
  it('breaks a ten-sentence summary into the article’s paragraphs, and the footer names outlet and date, never the id', async () => {
    const outcome = await h.server.runCommand('summary', { article: 'jembatan', sentences: 10 });
    const embeds = embedsOf(outcome.reply);
    const shown = embeds.map((e) => e.description ?? '').join('\n\n').split('\n\n');
    const article = h.library.current().articles.find((a) => a.title === 'Semarang Bangun Jembatan Baru');
    const sentences = article === undefined ? [] : (h.library.current().summary(article.id, 10)?.sentences ?? []);
    expect(sentences).toHaveLength(10);
    const paragraphOf = (sentence: string) => article?.paragraphs.findIndex((p) => p.includes(sentence));
    // one shown paragraph per article paragraph the summary draws on, holding that paragraph's sentences and no other
    expect(shown).toHaveLength(new Set(sentences.map(paragraphOf)).size);
    expect(shown.length).toBeGreaterThanOrEqual(5);
    for (const paragraph of shown) {
      const inside = sentences.filter((sentence) => paragraph.includes(sentence));
      expect(inside.length, paragraph).toBeGreaterThan(0);
      expect(new Set(inside.map(paragraphOf)).size, paragraph).toBe(1);
      expect(inside.join(' ')).toBe(paragraph);
    }
    expect(embeds.at(-1)?.footer?.text).toMatch(/^reduced by \d+% · Kompas · 1 Mar 2024$/);
    expect(JSON.stringify(outcome.reply)).not.toMatch(/jembatan#1|Article /);
  });
});

describe('/search', () => {
  it('offers a Summarize button per hit instead of an id; anyone who sees the results gets the summary privately', async () => {
    const outcome = await h.server.runCommand('search', { query: 'Semarang' }, { user: 'moderator' });
    const message = outcome.reply;
    if (message === null) throw new Error('no reply');
    const fields = embedsOf(message)[0]?.fields ?? [];
    expect(fields.length).toBe(2);
    expect(JSON.stringify(message.embeds)).not.toContain('jembatan#');
    const buttons = buttonsOf(message);
    expect(buttons.map((b) => b.label)).toEqual(['Summarize 1', 'Summarize 2']);
    for (const button of buttons) expect(button.custom_id.length).toBeLessThanOrEqual(100);

    const second = fields[1]?.name.replace(/^2\. /, '');
    const pressed = await h.server.pressButton(message, 'Summarize 2', 'member');
    expect(pressed.ephemeral).toBe(true);
    expect(embedsOf(pressed.reply)[0]?.title).toBe(second);
    expect(embedsOf(pressed.reply).at(-1)?.footer?.text).toMatch(/^reduced by \d+% · /);

    const id = await h.server.runCommand('search', { query: 'Semarang' }, { locale: 'id' });
    expect(buttonsOf(id.reply).map((b) => b.label)).toEqual(['Ringkas 1', 'Ringkas 2']);
  });
});

describe('/quotes', () => {
  it('a title alone lists the people it could be, with their roles, and a button that opens one', async () => {
    const outcome = await h.server.runCommand('quotes', { speaker: 'Presiden' }, { user: 'member' });
    expect(outcome.ephemeral).toBe(true);
    const [embed] = embedsOf(outcome.reply);
    expect(embed?.title).toBe('“Presiden” could be several people. Which one did you mean?');
    const list = embed?.fields?.[0]?.value ?? '';
    expect(list).toContain('• Joko Widodo, Presiden (1 quote)');
    expect(list).toContain('• Vladimir Putin, Presiden Rusia (2 quotes)');
    expect(buttonsOf(outcome.reply).map((b) => b.label).sort()).toEqual(['Joko Widodo', 'Vladimir Putin']);

    const opened = await h.server.pressButton(outcome.reply?.id ?? '', 'Vladimir Putin', 'member');
    expect(opened.callback?.type).toBe(7);
    const [page] = embedsOf(opened.reply);
    expect(page?.title).toBe('Quotes by Vladimir Putin');
    expect(page?.description).toBe('2 quotes in 1 article');
    // the article's title once, then each quote with who said it
    expect(page?.fields).toHaveLength(1);
    expect(page?.fields?.[0]?.name).toBe('Putin Bicara soal Ukraina · 4 Mar 2024');
    expect(page?.fields?.[0]?.value).toBe(
      '“Kami tidak akan mundur dari posisi kami,” — Vladimir Putin, Presiden Rusia\n\n' +
        '“Pembicaraan damai tetap terbuka bagi siapa saja,” — Vladimir Putin, Presiden Rusia',
    );

    const id = await h.server.runCommand('quotes', { speaker: 'Presiden' }, { locale: 'id' });
    expect(embedsOf(id.reply)[0]?.fields?.[0]?.value).toContain('• Joko Widodo, Presiden (1 kutipan)');
  });

  it('counts in both languages: 1 quote in 1 article, 1 kutipan dalam 1 artikel', async () => {
    const en = await h.server.runCommand('quotes', { speaker: 'Joko Widodo' });
    expect(embedsOf(en.reply)[0]?.description).toBe('1 quote in 1 article');
    const id = await h.server.runCommand('quotes', { speaker: 'Joko Widodo' }, { locale: 'id' });
    expect(embedsOf(id.reply)[0]?.description).toBe('1 kutipan dalam 1 artikel');
  });
});

describe('/help', () => {
  it('lists every command the bot registered, in the reader’s language, from the definitions themselves', async () => {
    const registered = h.server.registeredCommands(h.server.guild.id);
    for (const [locale, key] of [['en-US', 'en-US'], ['id', 'id']] as const) {
      const outcome = await h.server.runCommand('help', {}, { locale });
      const list = embedsOf(outcome.reply)[0]?.fields?.[0]?.value ?? '';
      const lines = list.split('\n');
      expect(lines).toHaveLength(registered.length);
      for (const command of registered) {
        const name = (command.name_localizations as Record<string, string> | undefined)?.[key] ?? command.name;
        const description = (command.description_localizations as Record<string, string> | undefined)?.[key] ?? command.description;
        expect(lines.some((line) => line.startsWith(`\`/${name}`) && line.endsWith(` — ${description}`)), `${locale} /${name}`).toBe(true);
      }
    }
  });
});

describe('/reload', () => {
  it('lists articles by title (never `file#1` ids), and a date that is not one as a problem naming the file and the value', async () => {
    await h.corpus.write(
      'jembatan.json',
      JSON.stringify([
        { title: 'Semarang Bangun Jembatan Baru', published: '2024-03-01T10:00:00+07:00', source: 'Kompas', paragraphs: longParagraphs },
        { title: 'Pasar Johar Dibuka Kembali', published: '2024-02-01T10:00:00+07:00', source: 'Tempo', body: 'Pasar Johar di Semarang dibuka kembali pada Senin setelah direnovasi.' },
      ]),
    );
    await rm(join(h.corpus.dir, 'jokowi.txt'));
    const path = await h.corpus.write('taman.md', `---\ntitle: Taman Kota Dibuka\ndate: kemarin sore\n---\nTaman kota di Semarang dibuka untuk umum pada sore hari.\n`);
    const fileTime = new Date('2024-03-06T10:00:00Z');
    await utimes(path, fileTime, fileTime);
    const outcome = await h.server.runCommand('reload', {}, { user: 'moderator' });
    const [embed] = embedsOf(outcome.reply);
    const field = (prefix: string) => embed?.fields?.find((f) => f.name.startsWith(prefix))?.value;
    expect(field('Added')).toBe('• Taman Kota Dibuka');
    expect(field('Changed')).toBe('• Pasar Johar Dibuka Kembali');
    expect(field('Removed')).toBe('• Jokowi Resmikan Bendungan');
    expect(field('Problems')).toContain('`taman.md` — date "kemarin sore" is not a date; the article is dated by its file');
    expect(JSON.stringify(embed)).not.toMatch(/jembatan#\d/);
    expect(h.library.current().articles.find((a) => a.title === 'Taman Kota Dibuka')?.published).toBe(fileTime.toISOString());

    const id = await h.server.runCommand('reload', {}, { user: 'moderator', locale: 'id' });
    expect(embedsOf(id.reply)[0]?.description).toMatch(/^Kini 4 artikel, dalam/);
  });

  it('a Summarize button of an article gone since says so', async () => {
    const outcome = await h.server.runCommand('search', { query: 'Putin Ukraina' });
    await rm(join(h.corpus.dir, 'putin.txt'));
    await h.server.runCommand('reload', {}, { user: 'moderator' });
    const pressed = await h.server.pressButton(outcome.reply?.id ?? '', 'Summarize 1', 'member');
    expect(pressed.ephemeral).toBe(true);
    expect(pressed.reply?.content).toBe('That article is no longer in the library (it went at a reload). Search again with `/search`.');
  });
});

describe('an empty library (its folder missing)', () => {
  let empty: Harness;
  beforeAll(async () => {
    empty = await startHarness({ env: { CORPUS_DIR: join(tmpdir(), `ringkas-no-such-folder-${process.pid}`) } });
  }, 60_000);
  afterAll(async () => {
    await empty.close();
  });

  it('/summary, /quotes and /search say where articles go, in both languages', async () => {
    const folder = empty.config.corpusDir;
    for (const [name, options] of [['summary', {}], ['quotes', { speaker: 'Putin' }], ['search', { query: 'rudal' }]] as const) {
      const outcome = await empty.server.runCommand(name, options);
      expect(outcome.ephemeral).toBe(true);
      expect(outcome.reply?.content).toBe(
        `The library has no articles yet. A moderator can put news articles (.txt, .md, .json or .jsonl files) in the bot's article folder \`${folder}\` and run \`/reload\`, or follow a news feed with \`/feed add\`.`,
      );
    }
    const id = await empty.server.runCommand('summary', {}, { locale: 'id' });
    expect(id.reply?.content).toContain(`di folder artikel bot \`${folder}\` lalu menjalankan \`/muat-ulang\``);
  });

  it('/help counts with the plural and says where articles go', async () => {
    const outcome = await empty.server.runCommand('help');
    const library = embedsOf(outcome.reply)[0]?.fields?.[1]?.value ?? '';
    expect(library).toContain('0 articles · 0 paragraphs · 0 quotes · 0 speakers · 0 outlets');
    expect(library).toContain(`in the bot's article folder \`${empty.config.corpusDir}\` and run \`/reload\`, or follow a news feed with \`/feed add\`.`);
    expect(library).not.toContain('could not be read');
  });
});

describe('every message the bot sent', () => {
  it('was accepted by the server', () => {
    expect(h.server.requests.filter((r) => r.status >= 400)).toEqual([]);
    expect(h.server.missedInteractions).toEqual([]);
  });
});
