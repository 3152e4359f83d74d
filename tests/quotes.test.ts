import { describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/index.js';
import { loadArticles } from '../src/corpus/index.js';
import { findQuotes, type Quote } from '../src/quotes/index.js';
import { seedFile } from './helpers/tmp.js';

function article(paragraphs: string[], id = 'test'): Article {
  return { id, title: 'Uji', published: null, source: null, url: null, city: null, category: null, paragraphs, contentHash: '0', file: `${id}.txt` };
}

function located(a: Article, quote: Quote): string {
  return a.paragraphs.slice(quote.paragraph).join('\n').slice(quote.start, quote.end);
}

describe('findQuotes on the seed, exactly', async () => {
  const { articles } = await loadArticles([seedFile]);
  const seed = articles[0] as Article;
  const quotes = findQuotes(seed);
  const by = (speaker: string): Quote[] => quotes.filter((q) => q.speaker === speaker);

  it('finds the eight quotes and no other', () => {
    expect(quotes).toHaveLength(8);
    for (const quote of quotes) {
      expect(quote.articleId).toBe(seed.id);
      expect(located(seed, quote)).toBe(quote.text);
    }
  });

  it('gives Putin exactly his four quotes, with their cues', () => {
    const putin = by('Vladimir Putin');
    expect(putin.map((q) => q.text.slice(0, 30))).toEqual([
      'Ya, ada batasan-batasan terten',
      'Tetapi ada beberapa hal yang t',
      'Pemimpin Korea Utara menunjukk',
      'Kami akan membicarakan semua m',
    ]);
    expect(putin.map((q) => q.cue)).toEqual(['kata', 'tambahnya', 'kata', 'ia menambahkan']);
    expect(putin.every((q) => !q.partial && q.role === 'Presiden')).toBe(true);
  });

  it('gives Kim Jong-un his two quotes and his partial one', () => {
    const kim = by('Kim Jong-un');
    expect(kim.map((q) => [q.text, q.partial])).toEqual([
      ['Militer Rusia dan rakyatnya akan mewarisi tradisi kemenangan yang gemilang dan menunjukkan reputasi mereka di garis depan operasi militer.', false],
      ['Saya akan selalu mendukung Rusia,', false],
      ['berdiri melawan kekuatan hegemonik', true],
    ]);
    expect(kim.map((q) => q.cue)).toEqual(['mengatakan', 'cetus', 'memuji']);
  });

  it('gives the partial “secara aktif maju” to the US officials', () => {
    const officials = quotes.filter((q) => q.text === 'secara aktif maju');
    expect(officials).toHaveLength(1);
    expect(officials[0]?.partial).toBe(true);
    expect(officials[0]?.speaker).toBe('para pejabat Amerika Serikat');
  });
});

describe('quote marks', () => {
  it('reads ” used as the opening mark too, and an unclosed quote up to its paragraph end', () => {
    const a = article([
      '”Kami sudah siap menghadapi musim hujan tahun ini,” kata Kepala BPBD Kota Bogor Teguh Santoso.',
      'Warga diminta waspada. ”Jangan membuang sampah ke sungai karena bisa memicu banjir besar',
    ]);
    const quotes = findQuotes(a);
    expect(quotes.map((q) => q.text)).toEqual([
      'Kami sudah siap menghadapi musim hujan tahun ini,',
      'Jangan membuang sampah ke sungai karena bisa memicu banjir besar',
    ]);
    expect(quotes[0]?.speaker).toBe('Teguh Santoso');
    expect(quotes[0]?.role).toBe('Kepala BPBD Kota Bogor');
  });

  it('reads straight quotes and keeps a quote of several sentences whole', () => {
    const a = article(['"Harga cabai naik. Stok menipis. Kami terpaksa menaikkan harga jual," ujar Siti Aminah, pedagang di Pasar Minggu.']);
    const [quote] = findQuotes(a);
    expect(quote?.text).toBe('Harga cabai naik. Stok menipis. Kami terpaksa menaikkan harga jual,');
    expect(quote?.speaker).toBe('Siti Aminah');
    expect(quote?.cue).toBe('ujar');
  });

  it('gives both halves of an interrupted quote to the speaker named between them', () => {
    const a = article(['“Kami tidak akan mundur,” kata Budi Gunawan. “Semua tuntutan harus dipenuhi.”']);
    const quotes = findQuotes(a);
    expect(quotes.map((q) => [q.text, q.speaker])).toEqual([
      ['Kami tidak akan mundur,', 'Budi Gunawan'],
      ['Semua tuntutan harus dipenuhi.', 'Budi Gunawan'],
    ]);
  });

  it('gives a paragraph continued by the next one the speaker named at the end', () => {
    const a = article(['“Proyek ini terlambat dua tahun karena pembebasan lahan.', '“Tahun depan kami pastikan selesai,” ujar Direktur Utama PT Jasa Marga Subakti Syukur.']);
    const quotes = findQuotes(a);
    expect(quotes).toHaveLength(2);
    expect(quotes.map((q) => q.speaker)).toEqual(['Subakti Syukur', 'Subakti Syukur']);
  });

  it('runs a quote on through sentences written as separate paragraphs until its closing mark and cue', () => {
    const a = article(['Bantuan itu mendesak. ”', 'Saya minta semuanya jalan minggu ini.', 'Ini sudah sangat mendesak,” kata Presiden Joko Widodo.']);
    const [quote, ...rest] = findQuotes(a);
    expect(rest).toEqual([]);
    expect(quote?.text).toBe('Saya minta semuanya jalan minggu ini.\nIni sudah sangat mendesak,');
    expect(quote?.paragraph).toBe(1);
    expect(located(a, quote as Quote)).toBe(quote?.text);
    expect(quote?.speaker).toBe('Joko Widodo');
  });

  it('drops unattributed short spans such as names and scare quotes', () => {
    const a = article(['Program “Kartu Prakerja” dan istilah “new normal” ramai dibahas warganet.']);
    expect(findQuotes(a)).toEqual([]);
  });
});

describe('cues and speakers', () => {
  it('reads cues before the quote: mengatakan, Kata X, Menurut X', () => {
    const a = article([
      'Menteri Kesehatan Budi Gunadi Sadikin mengatakan: “Vaksinasi harus dipercepat di semua daerah.”',
      'Kata Budi, “Stok vaksin kita cukup untuk tiga bulan.”',
      'Menurut Ketua IDI Daeng M Faqih, “Tenaga kesehatan sudah sangat kelelahan sekarang.”',
    ]);
    const quotes = findQuotes(a);
    expect(quotes.map((q) => [q.speaker, q.cue])).toEqual([
      ['Budi Gunadi Sadikin', 'mengatakan'],
      ['Budi Gunadi Sadikin', 'Kata'],
      ['Daeng M Faqih', 'Menurut'],
    ]);
    expect(quotes[2]?.role).toBe('Ketua IDI');
  });

  it('ends the name where Indonesian attribution ends', () => {
    const a = article([
      '“Sudah kami laporkan,” kata Yusri Yunus kepada wartawan di Jakarta, Senin (3/5/2021).',
      '“Tidak ada korban jiwa,” ujar Kepala Dinas Pemadam Kebakaran DKI Jakarta Satriadi Gunawan saat dihubungi.',
      '“Kami masih menunggu hasil laboratorium,” tutur Wahyu Wibowo (45) di rumahnya.',
    ]);
    expect(findQuotes(a).map((q) => [q.speaker, q.role])).toEqual([
      ['Yusri Yunus', null],
      ['Satriadi Gunawan', 'Kepala Dinas Pemadam Kebakaran DKI Jakarta'],
      ['Wahyu Wibowo', null],
    ]);
  });

  it('finds the name after a role set off by commas', () => {
    const a = article(['“Belum ada kepastian,” kata Kepala Dusun Nglahar, Kelurahan Sumbersari, Wahyu Wibowo, di Sleman.']);
    const [quote] = findQuotes(a);
    expect(quote?.speaker).toBe('Wahyu Wibowo');
    expect(quote?.role).toContain('Kepala Dusun');
  });

  it('sends -nya cues and pronouns to the previous speaker, clustered to the full name', () => {
    const a = article([
      'Gubernur Jawa Barat Ridwan Kamil meninjau lokasi banjir di Bekasi.',
      '“Kami kirim perahu karet dan logistik,” katanya.',
      '“Warga di bantaran sungai harus mengungsi,” ia menambahkan.',
      '“Posko dibuka 24 jam,” kata Ridwan.',
      'Sementara itu, Wali Kota Bekasi Tri Adhianto mengatakan, pihaknya menyiapkan dapur umum.',
      '“Kami sudah siapkan tiga dapur umum,” ujarnya.',
      '“Logistik aman sampai pekan depan,” kata Tri.',
      '“Dapur umum buka sampai malam,” kata dia.',
      'Adhianto menegaskan, “Tidak ada warga yang kelaparan di pengungsian.”',
    ]);
    expect(findQuotes(a).map((q) => [q.speaker, q.cue])).toEqual([
      ['Ridwan Kamil', 'katanya'],
      ['Ridwan Kamil', 'ia menambahkan'],
      ['Ridwan Kamil', 'kata'],
      ['Tri Adhianto', 'ujarnya'],
      ['Tri Adhianto', 'kata'],
      ['Tri Adhianto', 'kata dia'],
      ['Tri Adhianto', 'menegaskan'],
    ]);
  });

  it('resolves a bare title to the person who holds it in the article', () => {
    const a = article(['Presiden Joko Widodo meminta bantuan sosial segera disalurkan.', '“Minggu ini semuanya harus jalan,” kata Presiden dalam rapat terbatas.']);
    const [quote] = findQuotes(a);
    expect(quote?.speaker).toBe('Joko Widodo');
    expect(quote?.role).toBe('Presiden');
  });

  it('treats a group as a speaker', () => {
    const a = article(['Para pengemudi ojek daring menuntut tarif baru. “Kami hanya minta keadilan dari aplikator,” kata para pengemudi itu.']);
    const quotes = findQuotes(a);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.speaker).toBe('para pengemudi');
  });

  it('keeps offsets exact on every quote', () => {
    const a = article(['Dia berkata, “Satu.” Lalu “dua, tiga,” kata Andi Wijaya, “empat lima enam tujuh.”']);
    const quotes = findQuotes(a);
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(located(a, quote)).toBe(quote.text);
  });
});

describe('hostile input returns promptly and correctly', () => {
  it('1 MB of unbalanced quote marks', { timeout: 20_000 }, () => {
    const marks = '“”"'.repeat(350_000);
    expect(findQuotes(article([marks]))).toEqual([]);
    const opened = '“tanpa penutup '.repeat(70_000);
    expect(opened.length).toBeGreaterThan(1_000_000);
    const quotes = findQuotes(article([opened, 'Cuaca hari ini cerah.', '“Kami akan terus bekerja,” kata Budi Santoso.']));
    expect(quotes.map((q) => [q.text, q.speaker])).toEqual([['Kami akan terus bekerja,', 'Budi Santoso']]);
  });

  it('a 50,000-character paragraph', { timeout: 20_000 }, () => {
    const narration = 'Harga kebutuhan pokok di pasar tradisional terus naik sejak awal bulan. '.repeat(700);
    expect(narration.length).toBeGreaterThan(50_000);
    const long = findQuotes(article([`${narration}“Kami akan menurunkan harga,” kata Menteri Perdagangan Zulkifli Hasan.`]));
    expect(long.map((q) => [q.text, q.speaker, q.role])).toEqual([['Kami akan menurunkan harga,', 'Zulkifli Hasan', 'Menteri Perdagangan']]);
    const quoted = `“${'kami akan bekerja keras, '.repeat(2_100)}” ujar Budi Santoso.`;
    expect(quoted.length).toBeGreaterThan(50_000);
    const [quote, ...rest] = findQuotes(article([quoted]));
    expect(rest).toEqual([]);
    expect(quote?.speaker).toBe('Budi Santoso');
    expect(quote?.text.length).toBeGreaterThan(50_000);
  });

  it('regular-expression metacharacters in the text', () => {
    const a = article(['“(.*)+$ [a-z]{1000}? ^\\d+ (a|aa)*b adalah pola yang berbahaya,” kata Ahli Keamanan Rudi Hartono.']);
    const [quote] = findQuotes(a);
    expect(quote?.text).toBe('(.*)+$ [a-z]{1000}? ^\\d+ (a|aa)*b adalah pola yang berbahaya,');
    expect(quote?.speaker).toBe('Rudi Hartono');
  });
});

describe('speakers on news of any outlet', () => {
  const speakers = (paragraphs: string[]): (string | null)[] => findQuotes(article(paragraphs)).map((q) => q.speaker);

  it('resolves a description to the person it describes, and keeps how the text wrote it', () => {
    const a = article([
      'Pelatih asal Portugal Jorge Santana memimpin latihan terakhir di Stadion Manahan.',
      '“Kami datang untuk menang, bukan untuk bertahan,” kata pria Portugis tersebut.',
      '“Semua pemain dalam kondisi bugar,” tambah mantan pemain Benfica itu kepada wartawan.',
      '“Tim ini punya mental juara,” ujar pelatih berkepala plontos tersebut.',
    ]);
    const quotes = findQuotes(a);
    expect(quotes.map((q) => q.speaker)).toEqual(['Jorge Santana', 'Jorge Santana', 'Jorge Santana']);
    expect(quotes.map((q) => q.mention)).toEqual(['pria Portugis tersebut', 'mantan pemain Benfica itu', 'pelatih berkepala plontos tersebut']);
    expect(quotes[0]?.role).toBe('Pelatih asal Portugal');
  });

  it('keeps someone new as a description: seorang warga is nobody named before', () => {
    expect(speakers(['Bupati Sleman Kustini Purwanto meninjau lokasi longsor.', '“Air naik cepat sekali tadi malam,” ujar seorang warga.'])).toEqual(['warga']);
  });

  it('gives a title to its holder who is speaking, not to another holder named since', () => {
    const a = article([
      'Hakim ketua Sri Handayani membacakan putusan di Pengadilan Negeri Surabaya.',
      '“Terdakwa terbukti bersalah melakukan penipuan,” ujar hakim.',
      'Hakim juga menyebut hakim anggota Bambang Prakoso sempat berbeda pendapat dalam musyawarah.',
      '“Majelis menjatuhkan pidana penjara tiga tahun,” ujar hakim.',
    ]);
    expect(findQuotes(a).map((q) => q.speaker)).toEqual(['Sri Handayani', 'Sri Handayani']);
  });

  it('sends -nya and pronouns to the latest person when nobody spoke yet', () => {
    expect(speakers(['Rombongan Wali Kota Bogor Dedie Rachim tiba di lokasi banjir pada Senin pagi.', '“Kami kirim perahu karet ke semua titik,” ucapnya.'])).toEqual(['Dedie Rachim']);
  });

  it('gives a quote with no cue to the person the narration just reported, but not a term of two words', () => {
    const a = article([
      'Direktur Pemasaran Rudi Hartanto menjelaskan rencana ekspansi perusahaan ke Sumatera.',
      '“Tahun depan kami buka tiga gudang baru di Medan dan Palembang.”',
      'Perusahaan itu juga meluncurkan program “Kirim Cepat” bagi pedagang kecil.',
    ]);
    expect(findQuotes(a).map((q) => [q.text, q.speaker])).toEqual([['Tahun depan kami buka tiga gudang baru di Medan dan Palembang.', 'Rudi Hartanto']]);
  });

  it('reads X selaku ROLE, and the subject before an adjunct', () => {
    const a = article([
      '“Kami ingin mitra kami tumbuh bersama,” lanjut Rudi Hartanto selaku Direktur Pemasaran PT Sinar Abadi.',
      'Kepala Sekolah Tunas Bangsa Wulan Sari dalam acara pelepasan siswa mengatakan bahwa ia bangga.',
      '“Anak-anak sudah bekerja keras,” kata dia.',
      'Anita Kusuma kepada Harian Kota menjelaskan:',
      '“Pendaftaran dibuka sampai akhir bulan ini.”',
    ]);
    const quotes = findQuotes(a);
    expect(quotes.map((q) => q.speaker)).toEqual(['Rudi Hartanto', 'Wulan Sari', 'Anita Kusuma']);
    expect(quotes[0]?.role).toBe('Direktur Pemasaran PT Sinar Abadi');
  });

  it('links the other names an article gives a person', () => {
    const a = article([
      'Presiden Joko Widodo (Jokowi) meresmikan bendungan baru di Kabupaten Kampar.',
      '“Bendungan ini untuk petani,” kata Jokowi.',
      'Mantan gubernur Basuki Tjahaja Purnama atau yang akrab disapa Ahok ikut hadir.',
      '“Saya senang bisa datang,” kata Ahok.',
      'Ketua umum Partai Demokrat Susilo Bambang Yudhoyono memberi ucapan selamat.',
      '“Selamat untuk warga Kampar,” kata SBY.',
      'Menteri Koordinator Zulkifli Hasan juga berbicara.',
      '“Irigasi harus dirawat bersama,” ujar Zulhas.',
    ]);
    const quotes = findQuotes(a);
    expect(quotes.map((q) => q.speaker)).toEqual(['Joko Widodo', 'Basuki Tjahaja Purnama', 'Susilo Bambang Yudhoyono', 'Zulkifli Hasan']);
    expect(quotes[0]?.aliases).toEqual(['Jokowi']);
    expect(quotes[1]?.aliases).toEqual(['Ahok']);
  });

  it('names the body behind a statement, a release or an account', () => {
    const a = article([
      '“Pemain yang bersangkutan kami skors dua pertandingan,” demikian bunyi rilis resmi Persija.',
      '“Kami mohon maaf atas keterlambatan penerbangan hari ini,” tulis manajemen Garuda Indonesia.',
      '“Ini bukan pertama kalinya terjadi di kota kami,” tulis akun @warga_depok di media sosial.',
    ]);
    expect(findQuotes(a).map((q) => q.speaker)).toEqual(['Persija', 'Garuda Indonesia', '@warga_depok']);
  });

  it('reads a capitalised cue after the quote, and a sentence a scrape glued to the cue', () => {
    const a = article(['“Aku beli banyak supaya tidak rusak” Sambung Miley Cyrus.', 'Ia tampil di Jakarta.“Penonton di sini luar biasa,” ujar dia.Loading...']);
    expect(findQuotes(a).map((q) => q.speaker)).toEqual(['Miley Cyrus', 'Miley Cyrus']);
  });

  it('gives -nya and pronouns to the latest person, never to a disease or a building; a long title is the role', () => {
    const a = article([
      '“Petugas kami siaga 24 jam di semua posko,” kata Kepala Bidang Kedaruratan dan Logistik BPBD DKI Jakarta Muhammad Yohan di Balai Kota DKI Jakarta.',
      'Kasus Covid-19 melonjak di ibu kota sejak awal bulan.',
      '“Kami tambah tempat tidur isolasi,” ujarnya.',
    ]);
    const quotes = findQuotes(a);
    expect(quotes.map((q) => q.speaker)).toEqual(['Muhammad Yohan', 'Muhammad Yohan']);
    expect(quotes[0]?.role).toBe('Kepala Bidang Kedaruratan dan Logistik BPBD DKI Jakarta');
  });

  it('reads Diakui X, …, sambil berujar and tutup X', () => {
    const a = article([
      'Diakui Kepala Dinas Kesehatan Widyastuti, pihaknya kewalahan. “Tenaga kesehatan kami kurang,” katanya.',
      'Ia tersenyum sambil berujar, “Semua akan baik-baik saja.”',
      '“Terima kasih semuanya,” tutup Widyastuti.',
    ]);
    const quotes = findQuotes(a);
    expect(quotes.map((q) => [q.speaker, q.cue])).toEqual([
      ['Widyastuti', 'katanya'],
      ['Widyastuti', 'berujar'],
      ['Widyastuti', 'tutup'],
    ]);
    expect(quotes[0]?.role).toBe('Kepala Dinas Kesehatan');
  });

  it('reads speakers in text delivered all in lower case or all in capitals, and keeps the quotes as written', () => {
    const paragraphs = [
      'Menteri Kelautan dan Perikanan Susi Pudjiastuti kembali menolak penggunaan cantrang oleh kapal besar.',
      '“Kalau laut habis, masa depan bangsa juga habis,” tegas Susi dalam keterangan tertulisnya.',
      'Sementara itu, Ketua Himpunan Nelayan Budi Santoso meminta waktu peralihan.',
      '“Nelayan kecil butuh waktu dua tahun untuk mengganti alat tangkap,” kata Budi.',
    ];
    for (const change of [(text: string) => text.toLowerCase(), (text: string) => text.toUpperCase()]) {
      const a = article(paragraphs.map(change));
      const quotes = findQuotes(a);
      expect(quotes.map((q) => q.speaker)).toEqual(['Susi Pudjiastuti', 'Budi Santoso']);
      for (const quote of quotes) expect(located(a, quote)).toBe(quote.text);
      expect(quotes[0]?.text).toBe(change('Kalau laut habis, masa depan bangsa juga habis,'));
    }
  });

  it('keeps the part after a name particle (`al`, `bin`) in a name that lost its case', () => {
    const paragraphs = [
      'panitia membagikan daging kurban kepada warga di sejumlah kecamatan sejak pagi hari.',
      '“daging dibagikan kepada warga yang berhak menerimanya,” kata harun al rasyid di lokasi penyembelihan.',
    ];
    for (const change of [(text: string) => text, (text: string) => text.toUpperCase()]) {
      expect(findQuotes(article(paragraphs.map(change))).map((q) => q.speaker)).toEqual(['Harun Al Rasyid']);
    }
  });
});
