import { describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/index.js';
import { buildSpeakerIndex, findQuotes, SpeakerIndex, type Quote, type SpeakerEntry, type SpeakerParts } from '../src/quotes/index.js';

function article(id: string, paragraphs: string[]): Article {
  return { id, title: id, published: null, source: null, url: null, city: null, category: null, paragraphs, contentHash: id, file: `${id}.txt` };
}

function quote(articleId: string, speaker: string | null, text = 'Kami akan terus bekerja untuk rakyat.', role: string | null = null): Quote {
  return { articleId, text, speaker, role, aliases: [], mention: speaker, cue: 'kata', partial: false, paragraph: 0, start: 1, end: 1 + text.length };
}

const corpus = [
  article('a1', ['Presiden Rusia Vladimir Putin bertemu Kim Jong-un di Vostochny.', '“Kami akan membicarakan semua masalah,” kata Putin.', '“Militer Rusia akan menang,” kata Kim Jong-un.']),
  article('a2', ['“Ada batasan-batasan tertentu dalam kerja sama kami,” kata Putin kepada wartawan.']),
  article('a3', ['“Rusia tidak akan mundur dari posisinya,” ujar Presiden Vladimir Putin.', '“Putin datang ke Pyongyang tahun depan,” kata Kim Yo-jong, adik Kim Jong-un.']),
  article('a4', ['“Kami mendukung perdamaian di semenanjung Korea,” kata Kim.']),
  article('a5', ['Para pejabat Amerika Serikat memperingatkan bahwa Rusia dan Korut “secara aktif maju” dalam kesepakatan senjata.', 'Dari Jakarta, Menteri Luar Negeri Retno Marsudi mengatakan, “Indonesia mendorong dialog damai.”']),
];
const quotes = corpus.flatMap((a) => findQuotes(a));
const index = buildSpeakerIndex(quotes);

function found(query: string): SpeakerEntry | undefined {
  const result = index.lookup(query);
  return result.kind === 'found' ? result.speaker : undefined;
}

describe('the speaker index', () => {
  it('makes one entry per person across articles, with aliases and counts', () => {
    const putin = found('Vladimir Putin');
    expect(putin?.name).toBe('Vladimir Putin');
    expect(putin?.quoteCount).toBe(3);
    expect(putin?.articleCount).toBe(3);
    expect(putin?.aliases).toEqual(expect.arrayContaining(['Putin', 'Presiden Vladimir Putin']));
    expect(index.quotesOf(putin?.id ?? '').map((q) => q.articleId)).toEqual(['a1', 'a2', 'a3']);
    expect(index.speakers().filter((s) => /putin/i.test(s.name))).toHaveLength(1);
  });

  it('looks names up ignoring case and accents, with or without the title', () => {
    for (const query of ['putin', 'PUTIN', 'Pútin', '  vladimir   putin ', 'Presiden Vladimir Putin', 'presiden putin']) {
      expect(found(query)?.name, query).toBe('Vladimir Putin');
    }
    expect(found('retno')?.name).toBe('Retno Marsudi');
  });

  it('suggests the person for a typo, without claiming to have found them', () => {
    const result = index.lookup('Putn');
    expect(result.kind).toBe('none');
    expect(result.kind === 'none' ? result.suggestions.map((s) => s.name) : []).toContain('Vladimir Putin');
    const swapped = index.lookup('Vladimri Ptuin');
    expect(swapped.kind === 'none' ? swapped.suggestions[0]?.name : undefined).toBe('Vladimir Putin');
  });

  it('says a query is ambiguous when several people match, and never guesses', () => {
    const result = index.lookup('Kim');
    expect(result.kind).toBe('ambiguous');
    const names = result.kind === 'ambiguous' ? result.candidates.map((c) => c.name) : [];
    expect(names).toEqual(expect.arrayContaining(['Kim Jong-un', 'Kim Yo-jong']));
    expect(found('Kim Jong-un')?.name).toBe('Kim Jong-un');
    expect(found('kim yo jong')?.name).toBe('Kim Yo-jong');
  });

  it('keeps a short name apart when it could be two people', () => {
    const kim = index.speakers().find((s) => s.name === 'Kim');
    expect(kim?.quoteCount).toBe(1);
    expect(found('Kim Jong-un')?.quoteCount).toBe(1);
  });

  it('indexes groups as speakers', () => {
    const officials = found('pejabat amerika serikat');
    expect(officials?.name).toBe('para pejabat Amerika Serikat');
    expect(index.quotesOf(officials?.id ?? '').map((q) => q.text)).toEqual(['secara aktif maju']);
  });

  it('does not index quotes without a speaker', () => {
    const withNull = buildSpeakerIndex([quote('x', null), quote('x', 'Budi Santoso')]);
    expect(withNull.speakers().map((s) => s.name)).toEqual(['Budi Santoso']);
    expect(withNull.speakers().reduce((n, s) => n + s.quoteCount, 0)).toBe(1);
  });

  it('autocompletes by the prefix of any name word, most quoted first', () => {
    expect(index.autocomplete('pu', 5).map((s) => s.name)).toEqual(['Vladimir Putin']);
    expect(index.autocomplete('vlad', 5).map((s) => s.name)).toEqual(['Vladimir Putin']);
    expect(index.autocomplete('ki', 10).map((s) => s.name)).toEqual(['Kim', 'Kim Jong-un', 'Kim Yo-jong']);
    expect(index.autocomplete('kim jo', 10).map((s) => s.name)).toEqual(['Kim Jong-un']);
    expect(index.autocomplete('', 2).map((s) => s.name)).toEqual(['Vladimir Putin', 'Kim']);
    expect(index.autocomplete('ki', 1)).toHaveLength(1);
    expect(index.autocomplete('zzz', 5)).toEqual([]);
  });

  it('answers over the quotes of 100,000 articles from tables built once', { timeout: 60_000 }, () => {
    const first = ['Agus', 'Budi', 'Dewi', 'Eko', 'Fitri', 'Hendra', 'Indah', 'Joko', 'Kurnia', 'Lestari'];
    const last = ['Santoso', 'Wibowo', 'Susanto', 'Hidayat', 'Saputra', 'Nugroho', 'Pratama', 'Siregar', 'Lubis', 'Sitompul'];
    const many: Quote[] = [];
    for (let n = 0; n < 100_000; n += 1) {
      const name = `${first[n % 10]} ${last[Math.floor(n / 10) % 10]} ${String.fromCharCode(65 + (n % 26))}${n % 977}`;
      many.push(quote(`art-${n}`, name), quote(`art-${n}`, n % 3 === 0 ? 'Vladimir Putin' : name));
    }
    const big = buildSpeakerIndex(many);
    const putin = big.lookup('putin');
    expect(putin.kind === 'found' ? putin.speaker.quoteCount : 0).toBe(33_334);
    expect(big.autocomplete('v', 3)[0]?.name).toBe('Vladimir Putin');
    const agus = big.autocomplete('agus', 5);
    expect(agus).toHaveLength(5);
    expect(agus.every((s) => s.name.startsWith('Agus '))).toBe(true);
    expect(agus[0]?.quoteCount).toBeGreaterThanOrEqual(agus[4]?.quoteCount ?? 0);
    expect(big.lookup('Budi').kind).toBe('ambiguous');
  });
});

describe('hostile queries return promptly and correctly', () => {
  it('a 6,000-character query', () => {
    const long = 'a'.repeat(6_000);
    expect(long).toHaveLength(6_000);
    expect(index.lookup(long)).toEqual({ kind: 'none', suggestions: [] });
    expect(index.autocomplete(long, 10)).toEqual([]);
    expect(found('putin '.repeat(1_000))?.name).toBe('Vladimir Putin');
  });

  it('regular-expression metacharacters', () => {
    for (const query of ['.*', '(Putin', 'Put[in', '\\', '^$', '(a|aa)*b', '+?{}']) {
      const result = index.lookup(query);
      expect(result.kind === 'found' ? result.speaker.name : 'not found', query).toBe(query === '(Putin' ? 'Vladimir Putin' : 'not found');
      expect(index.autocomplete(query, 5).every((s) => s.name === 'Vladimir Putin'), query).toBe(true);
    }
    expect(index.autocomplete('.*', 5)).toEqual([]);
  });
});

describe('people under all their names, across articles', () => {
  const articles = [
    article('j1', ['Presiden Joko Widodo (Jokowi) meresmikan jalan tol di Semarang.', '“Jalan ini untuk rakyat,” kata Jokowi.', '“Kami kerja terus,” ujar Presiden.']),
    article('j2', ['“Semua proyek harus selesai tepat waktu,” kata Jokowi kepada wartawan.']),
    article('j3', ['“Pembangunan berlanjut sampai ke timur,” kata Presiden Joko Widodo di Jayapura.']),
    article('k1', ['“Kita lihat nanti,” kata Presiden Rusia Vladimir Putin.']),
    article('m1', ['“Anggaran sudah siap,” kata Menteri Keuangan Sri Mulyani Indrawati.', '“Defisit tetap terjaga,” ujar Menkeu.']),
    article('b1', ['Sekjen PBSI Achmad Budiharto yang akrab disapa Budi hadir di Istora.', '“Target kami tiga medali,” kata Budi.']),
    article('b2', ['“Vaksin untuk semua,” kata Menteri Kesehatan Budi Gunadi Sadikin.']),
    article('b3', ['“Armada bus kami tambah,” kata Menteri Perhubungan Budi Karya Sumadi.']),
    article('b4', ['“Kita tunggu hasil rapat,” kata Budi.']),
  ];
  const people = buildSpeakerIndex(articles.flatMap((a) => findQuotes(a)));
  const entry = (query: string): SpeakerEntry | undefined => {
    const result = people.lookup(query);
    return result.kind === 'found' ? result.speaker : undefined;
  };

  it('answers Joko Widodo, Widodo and Jokowi with the same quotes, linked by the alias one article gives', () => {
    const jokowi = entry('Jokowi');
    expect(jokowi?.name).toBe('Joko Widodo');
    expect(entry('Joko Widodo')).toBe(jokowi);
    expect(entry('Widodo')).toBe(jokowi);
    expect(jokowi?.aliases).toContain('Jokowi');
    expect(people.quotesOf(jokowi?.id ?? '').map((q) => q.articleId)).toEqual(['j1', 'j1', 'j2', 'j3']);
  });

  it('gives each person the role the articles state', () => {
    expect(entry('Putin')).toMatchObject({ name: 'Vladimir Putin', role: 'Presiden Rusia' });
    expect(entry('Sri Mulyani')?.roles).toEqual(['Menteri Keuangan']);
  });

  it('lists the holders when the query is only a title, however it is spelled', () => {
    for (const [query, names] of [
      ['Presiden', ['Joko Widodo', 'Vladimir Putin']],
      ['Menkeu', ['Sri Mulyani Indrawati']],
      ['menteri', ['Sri Mulyani Indrawati', 'Budi Gunadi Sadikin', 'Budi Karya Sumadi']],
    ] as const) {
      const result = people.lookup(query);
      expect(result.kind, query).toBe('ambiguous');
      expect(result.kind === 'ambiguous' ? result.candidates.map((c) => c.name).sort() : [], query).toEqual([...names].sort());
    }
    expect(entry('Presiden Putin')?.name).toBe('Vladimir Putin');
  });

  it('never merges two people who share a first name, even when one is called by it', () => {
    expect(entry('Budi Gunadi Sadikin')?.quoteCount).toBe(1);
    expect(entry('Budi Karya Sumadi')?.quoteCount).toBe(1);
    expect(entry('Achmad Budiharto')?.quoteCount).toBe(1);
    expect(people.lookup('Budi').kind).toBe('ambiguous');
    expect(people.speakers().find((s) => s.name === 'Budi')?.quoteCount).toBe(1);
  });
});

describe('an index taken back from its parts (what a restart reads)', () => {
  it('answers every lookup, title query, typo and autocomplete exactly as the index it was taken from', () => {
    const texts = [
      'Presiden Joko Widodo (Jokowi) meresmikan jalan tol di Semarang. “Jalan ini untuk rakyat,” kata Jokowi.',
      '“Kita lihat nanti,” kata Presiden Rusia Vladimir Putin. “Kami siap,” ujar Putin.',
      '“Anggaran sudah siap,” kata Menteri Keuangan Sri Mulyani Indrawati. “Defisit tetap terjaga,” ujar Menkeu.',
      '“Vaksin untuk semua,” kata Menteri Kesehatan Budi Gunadi Sadikin.',
      '“Armada bus kami tambah,” kata Menteri Perhubungan Budi Karya Sumadi.',
      '“Target kami tiga medali,” kata Sekjen PBSI Achmad Budiharto.',
      '“Kita tunggu hasil rapat,” kata Budi.',
      '“Kami menolak,” kata Kementerian Luar Negeri dalam pernyataannya.',
    ];
    const all = texts.flatMap((text, i) => findQuotes(article(`r${i}`, [text])));
    const built = buildSpeakerIndex(all);
    const parts = built.parts(all);
    // as the index file keeps them: entries and tables as JSON, the assignment as numbers
    const saved = JSON.parse(JSON.stringify({ entries: parts.entries, tables: parts.tables })) as SpeakerParts;
    const taken = SpeakerIndex.fromParts({ ...saved, assignment: Int32Array.from(parts.assignment) }, all);
    expect(taken.speakers()).toEqual(built.speakers());
    for (const speaker of built.speakers()) expect(taken.quotesOf(speaker.id)).toEqual(built.quotesOf(speaker.id));
    const queries = ['', 'Presiden', 'Menkeu', 'menteri', 'Budi', 'budi karya', 'Jokowi', 'Widodo', 'putn', 'sri mulyni', 'Kementerian', 'ke', 'b', 'zzz'];
    for (const query of queries) {
      expect(taken.lookup(query), query).toEqual(built.lookup(query));
      expect(taken.autocomplete(query, 10), query).toEqual(built.autocomplete(query, 10));
    }
  });
});
