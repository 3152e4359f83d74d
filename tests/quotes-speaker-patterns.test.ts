import { describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/index.js';
import { isDictionaryWord } from '../src/quotes/dictionary.js';
import { findQuotes } from '../src/quotes/index.js';

/** Speaker patterns met on the outlets' dev quotes (tests/quotes-outlets.annotated.jsonl), each written anew in a short article. */

function article(paragraphs: string[]): Article {
  return { id: 'pola', title: 'Uji', published: null, source: null, url: null, city: null, category: null, paragraphs, contentHash: '0', file: 'pola.txt' };
}

/** The speaker of each quote, in reading order. */
function speakers(paragraphs: string[]): (string | null)[] {
  return findQuotes(article(paragraphs)).map((quote) => quote.speaker);
}

describe('speakers written after a title and a body', () => {
  it('takes the name after the comma, not the place that ends the body after an acronym', () => {
    expect(
      speakers([
        'Balai Besar Pengawas Obat dan Makanan Bandarlampung telah menemukan obat tanpa izin edar.',
        '"Dari hasil pengawasan ditemukan obat tanpa izin edar sebanyak 173 item," kata Kepala BBPOM Bandarlampung, Syamsuliani, di Bandarlampung, Rabu.',
        '"Indikator keberhasilan aksi ini adalah tidak ada lagi peredaran obat ilegal," jelasnya.',
      ]),
    ).toEqual(['Syamsuliani', 'Syamsuliani']);
  });
});

describe('where a speaker phrase after the cue ends', () => {
  it('ends at the pronoun: a capitalised verb after `kata dia` is no name', () => {
    expect(
      speakers([
        'Al Ghazali nampak bahagia usai menikahi Alyssa Daguise.',
        '"Cinta sejati bukan tidak pernah bertengkar, tapi saling sayang meski beda pendapat," kata dia Dikutip dari kanal YouTube keluarganya.',
      ]),
    ).toEqual(['Al Ghazali']);
  });

  it('reads a role joined by `sekaligus` and described with `ini` up to the name after the comma', () => {
    const quotes = findQuotes(
      article([
        'Smartwatch Shell dapat dilepas menjadi ponsel.',
        '"Kami mencoba mengombinasikan fitur terbaik dari jam pintar dan ponsel," tutur CEO sekaligus penggagas produk ini, Azar Talibzade. "Perangkat ini praktis dan desainnya minimalis."',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Azar Talibzade', 'Azar Talibzade']);
    expect(quotes[0]?.role).toContain('CEO');
  });

  it('keeps the name before `dari` and the university after it as the affiliation', () => {
    const quotes = findQuotes(
      article([
        'Diet tinggi protein dapat meningkatkan risiko gagal jantung pada perempuan.',
        '"Asupan protein yang tinggi tampaknya berhubungan dengan risiko gagal jantung," kata Mohamad Firas Barbour dari Brown University di Rhode Island, AS.',
      ]),
    );
    expect(quotes.map((q) => [q.speaker, q.role])).toEqual([['Mohamad Firas Barbour', 'Brown University']]);
  });
});

describe('bodies as speakers', () => {
  it('takes the body named right after `demikian`, by its short form and then by its full name', () => {
    const quotes = findQuotes(
      article([
        'Keputusan itu ditentang oleh mereka yang tergabung dalam Manchester United Supporters Trust (M.U.S.T).',
        '“Kami tidak mengerti mengapa fans kami harus menjadi korban dari kekhawatiran polisi,” demikian M.U.S.T kepada Daily Mail.',
        '“Kami senang United menanggapi permasalahan ini dengan serius dan sudah melakukan pendekatan.”',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Manchester United Supporters Trust', 'Manchester United Supporters Trust']);
  });

  it('gives a body cited by its short form the full name written with it', () => {
    expect(
      speakers([
        'Komisi Disiplin (Komdis) PSSI menjatuhkan denda kepada Vladimir Vujovic.',
        '"Protes berlebihan kepada wasit hingga ke lorong menuju ruang ganti," tulis Komdis.',
        'Badan Pusat Statistik (BPS) mencatat inflasi 0,22 persen.',
        '"Inflasi tertinggi tercatat di Sibolga, Sumatera Utara," kata BPS.',
      ]),
    ).toEqual(['Komisi Disiplin', 'Badan Pusat Statistik']);
  });

  it('reads a club’s release as its speech: “…,” rilis Hull', () => {
    expect(
      speakers([
        'Melalui laman resmi klub, Ryan Mason diumumkan pensiun setelah berbenturan dengan Gary Cahill.',
        '"Dengan penyesalan mendalam klub harus mengumumkan bahwa Ryan Mason akan pensiun dari sepakbola," rilis Hull.',
        '"Ryan ingin menyampaikan terima kasihnya kepada semua anggota klub yang telah membantu pemulihannya," tutupnya.',
      ]),
    ).toEqual(['Hull', 'Hull']);
  });
});

describe('quotes running on through paragraphs', () => {
  it('gives a quote continued into the next paragraph the speaker before it when no cue ends the run', () => {
    expect(
      speakers([
        '“Kami tidak mengerti mengapa fans kami harus menjadi korban,” kata Budi Santoso kepada wartawan.',
        '“Kami senang klub menanggapi permasalahan ini dengan serius dan sudah melakukan pendekatan.',
        '“Kami juga menekankan bahwa pengurangan alokasi tiket akan berakibat kontra produktif.”',
      ]),
    ).toEqual(['Budi Santoso', 'Budi Santoso', 'Budi Santoso']);
  });

  it('still gives the run the speaker named at its end', () => {
    expect(
      speakers([
        '“Kami tidak mengerti mengapa fans kami harus menjadi korban,” kata Budi Santoso kepada wartawan.',
        '“Kami senang klub menanggapi permasalahan ini dengan serius dan sudah melakukan pendekatan.',
        '“Kami juga menekankan bahwa pengurangan alokasi tiket akan berakibat kontra produktif,” kata Ani Lestari.',
      ]),
    ).toEqual(['Budi Santoso', 'Ani Lestari', 'Ani Lestari']);
  });
});

describe('a title before the name’s comma', () => {
  it('is the named person’s position: a later bare title resolves to them, not to the place in it', () => {
    const quotes = findQuotes(
      article([
        'Seorang wanita ditemukan tewas di apartemen.',
        'Kapolsek Pancoran, Kompol Aswin, menerangkan pihaknya mendapatkan informasi adanya penemuan mayat.',
        '“Saat kejadian dia di kamar sendiri. Dia menyewa apartemen di sana baru seminggu,” ungkap Kapolsek.',
        'Menurut dia pihaknya masih menyelidiki. “Kami masih menyelidiki apakah korban bunuh diri,” tukasnya.',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Aswin', 'Aswin']);
    expect(quotes[0]?.role).toBe('Kapolsek Pancoran, Kompol');
  });
});

describe('words a scrape glued together', () => {
  it('splits a cue glued to the title after it and a place glued to the name', () => {
    const quotes = findQuotes(
      article(['"Pertama kami sampaikan bahwa kegiatan ini adalah fun run dengan rute lima kilometer," ucapWali Kota DepokSupian Suri dalam keterangannya, Rabu (18/6/2025).']),
    );
    expect(quotes.map((q) => [q.speaker, q.role])).toEqual([['Supian Suri', 'Wali Kota Depok']]);
  });

  it('splits a pronoun glued to the word before it, so that it points back to the speaker', () => {
    expect(
      speakers([
        '"Amerika harus tahu bahwa intervensi militer apa pun akan memiliki konsekuensi," kata Sayyed Ali Khamenei seperti dikutip dari lamanAl Mayadeen. Siaga karena serangan ke Target Sipil di IranDia menambahkan, AS tahu intervensi akan merugikan mereka.',
        'Dia mengatakan, "Keterlibatan Amerika Serikat dalam agresi merupakan indikasi kelemahan entitas tersebut."',
      ]),
    ).toEqual(['Sayyed Ali Khamenei', 'Sayyed Ali Khamenei']);
  });
});

describe('the person the story follows', () => {
  it('is someone named before as the subject of any speech verb, for a quote with no cue after it', () => {
    expect(
      speakers([
        'Anggota Komisi I DPR RI, Elnino Husein Mohi meminta TNI untuk segera memberikan keterangan.',
        '"TNI perlu memberikan penjelasan resmi dan detail mengenai kejadian ini," kata Elnino di Jakarta, hari ini.',
        'Dia menjelaskan, korban luka-luka mesti segera diselamatkan.',
        'Elnino juga meminta TNI segera mengklarifikasi mengenai proses pembelian alutsista.',
        '"Saya percaya TNI masih dapat diandalkan untuk menjaga Republik ini, tapi jangan sampai kejadian ini menurunkan wibawa TNI',
        'Berikut nama-nama korban akibat ledakan meriam:',
      ]),
    ).toEqual(['Elnino Husein Mohi', 'Elnino Husein Mohi']);
  });
});

describe('speech told with other words', () => {
  it('reads `memberikan komentarnya,` before a quote as its cue', () => {
    expect(
      speakers([
        'OLX pun menyambut baik kerja sama ini. Daniel Tumiwa selaku CEO OLX Indonesia, memberikan komentarnya, “Kerja sama ini bertujuan untuk memberikan kemudahan bagi pengguna agar dapat memiliki kendaraan bermotor.”',
      ]),
    ).toEqual(['Daniel Tumiwa']);
  });

  it('attributes a partial quote to the subject of `berargumen`', () => {
    const quotes = findQuotes(
      article([
        'Sekretaris Jenderal NATO Mark Rutte akan berargumen dalam pidatonya di London bahwa agar NATO dapat mempertahankan pertahanan yang kredibel, NATO memerlukan "peningkatan pertahanan udara dan rudal sebesar 400 persen."',
      ]),
    );
    expect(quotes.map((q) => [q.speaker, q.partial])).toEqual([['Mark Rutte', true]]);
  });

  it('follows a person introduced in apposition whose predicate starts with `langsung`', () => {
    expect(
      speakers([
        '"Kami kehilangan anak kami," kata Eduardo Juarez, anggota keluarga salah satu korban.',
        'Menteri Pertahanan Meksiko, Jendral Salvador Cienfuegos, langsung mendatangi lokasi kejadian, Sabtu (Minggu WIB) dan berbicara dengan penduduk lokal, menyampaikan permintaan maaf dan menyatakan bertanggung jawab atas insiden tersebut.',
        '"Kami akan melakukan apa yang harus kami lakukan untuk mengobati kejadian malang ini," katanya.',
      ]),
    ).toEqual(['Eduardo Juarez', 'Salvador Cienfuegos']);
  });
});

describe('verbs that report speech only without an object', () => {
  it('does not make a programme that `melanjutkan perjalanannya` the speaker of the next `-nya` cue', () => {
    expect(
      speakers([
        'Head of Kolla Education Prayudi Utomo mengatakan Pelatihan Coding Teen adalah yang pertama untuk pelajar.',
        '“Coding Teen di panti asuhan ini jadi pilot project kami untuk melatih pelajar,” terang Prayudi.',
        'Berikutnya, Coding Teen akan melanjutkan perjalanannya ke panti asuhan lainnya demi mencetak calon programmer muda.',
        '“Kenapa kami ke panti asuhan karena kami ingin perkaya diri mereka dengan skill,” pungkasnya.',
      ]),
    ).toEqual(['Prayudi Utomo', 'Prayudi Utomo']);
  });
});

describe('text delivered all in lower case', () => {
  it('does not take a profession after the cue for a name (`sambung bek 39 tahun itu`)', () => {
    expect(
      speakers([
        'bek kawakan asal spanyol sergio ramos berharap terhindar dari mantan timnya, real madrid, di piala dunia antarklub 2025.',
        '"kalau kami tak bertemu, itu lebih baik. saya lebih suka mereka bertemu tim lain," ujar sergio ramos dikutip mundo deportivo.',
        '"real madrid itu selalu favorit di setiap kompetisi. itu karena level mereka, para pemainnya, juga mentalitas mereka," sambung bek 39 tahun itu.',
      ]),
    ).toEqual(['Sergio Ramos', 'Sergio Ramos']);
  });

  it('names the one a lower-case title describes right before the comma', () => {
    expect(
      speakers([
        'saat dilepas dari docking, shell segera mengeluarkan dua lengan yang menyimpan speaker, microphone, gps, bluetooth serta wi - fi.',
        '"kami mencoba mengombinasikan fitur-fitur terbaik dari smartwatch dan smartphone menjadi satu perangkat," tutur ceo sekaligus penggagas produk ini, azar talibzade.',
      ]),
    ).toEqual(['Azar Talibzade']);
  });

  it('knows verbs whose nasal prefix swallowed the root’s first letter as ordinary words, not names', () => {
    expect(['menemukan', 'memukul', 'menyapu', 'mengirim', 'pemukul'].map(isDictionaryWord)).toEqual([true, true, true, true, true]);
  });
});

describe('subjects written around a title or an adjunct', () => {
  it('gives the name after a title and its comma the title, and follows them into the `-nya` quote', () => {
    const quotes = findQuotes(
      article([
        'Kepala Dinas Perumahan Rakyat DKI Jakarta, Arifin memastikan bahwa dana program bedah rumah tidak berasal dari APBD.',
        '"Pembedahan terhadap 82 rumah di kawasan Cilincing menggunakan biaya dari CSR," katanya di Balai Kota Jakarta, kemarin.',
      ]),
    );
    expect(quotes.map((q) => [q.speaker, q.role])).toEqual([['Arifin', 'Kepala Dinas Perumahan Rakyat DKI Jakarta']]);
  });

  it('takes the full name that ends an adjunct right before the verb, without the web address before it', () => {
    expect(
      speakers([
        'Jurnal.id berencana mengeluarkan fitur baru. Kepada media CEO Jurnal.id Daniel Witono mengungkapkan rencana tersebut saat peluncuran fitur Cash Link di Jakarta.',
        '“Saat ini kami sedang mempersiapkan pilihan tersebut kepada bisnis untuk memudahkan proses perhitungan pajak.”',
      ]),
    ).toEqual(['Daniel Witono']);
  });
});

describe('cues written in other ways', () => {
  it('reads `aku X` after a quote as X admitting it', () => {
    expect(speakers(['"Yang jelas, kami sudah memenuhi target empat besar yang diberikan oleh manajemen," aku Hanafiah.'])).toEqual(['Hanafiah']);
  });

  it('reads past invisible formatting marks a scrape left between words', () => {
    expect(
      speakers(['"Polri amankan pelaku percobaan penusukan terhadap petugas yang sedang bertugas," unggah \u202cakun instagram resmi TMC Polda Metro Jaya, Jumat (1/12).']),
    ).toEqual(['TMC Polda Metro Jaya']);
  });
});

describe('long quotes with no cue', () => {
  const paragraphs = [
    '“Kami memberikan kemudahan untuk mencari vendor pernikahan yang tepat,” kata CEO Nikah.id Hariawan Bangun Saputra.',
    'Lewat platform itu, calon pengantin dapat mencari vendor pernikahan berdasarkan lokasi di laman depan.',
    'Misalnya, bridal di Jakarta, gedung pernikahan di Jakarta, katering di Jakarta, dan fotografi di Bali.',
    '“Selain itu, kami memberikan kemudahan mengirim pesan kepada vendor untuk berkomunikasi langsung dengan mereka.”',
  ];

  it('stay with the one who spoke a few paragraphs before when nobody else was named in between', () => {
    expect(speakers(paragraphs)).toEqual(['Hariawan Bangun Saputra', 'Hariawan Bangun Saputra']);
  });

  it('do not when someone else was named in between', () => {
    const named = [...paragraphs.slice(0, 2), 'Vendor seperti milik Budi Santoso sudah bergabung sejak tahun lalu.', paragraphs[3] as string];
    expect(speakers(named)).toEqual(['Hariawan Bangun Saputra', null]);
  });
});

describe('quotes whose cue verb was left out', () => {
  it('takes a title and name written right after the quote', () => {
    expect(
      speakers([
        '“Kami terus upayakan proses pemulangan sesuai keinginan yang bersangkutan,” Juru Bicara Kemlu Arrmanatha Nasir di Gedung Kemlu RI, Jakarta, Kamis (20/7).',
        '“Intelektual muda, tokoh masyarakat, sampai vokalis band terkenal sudah mendaftar menjadi caleg” Ketua Bapilu PSI, Sumardi.',
      ]),
    ).toEqual(['Arrmanatha Nasir', 'Sumardi']);
  });

  it('but not a new sentence whose subject is a titled name', () => {
    expect(speakers(['Acara dibuka meriah. “Selamat datang di kota kami yang indah dan ramah ini.” Presiden Joko Widodo kemudian meresmikan jembatan itu.'])).toEqual([null]);
  });

  it('reads a capitalised `-nya` cue after the quote’s full stop', () => {
    expect(
      speakers(['KPK berharap semua saksi bisa mencontoh sikap Djafar Hafsah.', '"Kita berharap saksi-saksi yang lain melakukan hal yang sama." Harapnya.']),
    ).toEqual(['Djafar Hafsah']);
  });
});

describe('a description that names the speaker a few words on', () => {
  it('takes the name after the comma that closes a lower-case title', () => {
    const quotes = findQuotes(
      article(['"Selama periode 1976 hingga 2016, yang menonton pertunjukan mencapai satu juta lebih penonton," kata Pimpinan sendra tari Ramayana RBP, Dahanan saat ditemui, di Yogyakarta, Sabtu.']),
    );
    expect(quotes.map((q) => [q.speaker, q.role])).toEqual([['Dahanan', 'Pimpinan sendra tari Ramayana RBP']]);
  });

  it('takes the name after a description with a `yang` clause', () => {
    expect(
      speakers([
        '"Ini adalah akhir pekan yang sangat penting bagi kami karena ini Grand Prix di rumah sendiri," tukas petinggi Michelin yang bertanggung jawab atas penyediaan ban bagi balap motor, Pierro Taramasso.',
      ]),
    ).toEqual(['Pierro Taramasso']);
  });

  it('takes the name after a kin word with `-nya`', () => {
    expect(speakers(['"Sue meninggal dunia semalam setelah dua tahun berjuang melawan kanker," tulis putrinya, Jamie Clark dalam situs milik Grafton.'])).toEqual(['Jamie Clark']);
  });

  it('keeps an unnamed source a description', () => {
    expect(speakers(['"Mereka saling mengenal sejak sekolah dan telah memiliki anak bersama," kata sumber itu, Senin (1/5).'])).toEqual(['sumber']);
  });
});

describe('a document said by someone', () => {
  it('takes the one named in `yang diucapkan X` after a document noun', () => {
    expect(
      speakers(['"Dengan rasa menyesal saya sampaikan bahwa hari ini saya sudah mengajukan permohonan untuk dijual," demikian bunyi pernyataan resmi yang diucapkan Virgil van Dijk.']),
    ).toEqual(['Virgil van Dijk']);
  });
});

describe('speakers the news names only in part', () => {
  it('takes one capital initial after the cue as the person', () => {
    expect(speakers(['"Saya curiga terus telepon teman, akhirnya disarankan untuk melapor ke Polsek Cengkareng," ujar F di Jakarta, Rabu.'])).toEqual(['F']);
  });

  it('takes the account a quote was copied from', () => {
    expect(
      speakers(['"Sehubungan dengan Tahun Baru Islam, pelaksanaan sistem ganjil genap di Jakarta ditiadakan," dikutip dari akun Instagram @dishubdkijakarta, Rabu (18/6/2025).']),
    ).toEqual(['@dishubdkijakarta']);
  });

  it('keeps a web address that names the source on its own', () => {
    expect(speakers(['"JFA mengumumkan bahwa bek Tsuyoshi Watanabe akan meninggalkan tim karena cedera," bunyi pernyataan Sponichi.co.jp.'])).toEqual(['Sponichi.co.jp']);
  });
});

describe('a person noun described at length', () => {
  it('points back to the one named before, through a quoted title or a `yang` clause', () => {
    expect(
      speakers([
        'Ben Stiller mengatakan dia berbicara di hadapan publik mengenai penyakitnya untuk pertama kali.',
        '"Ini adalah sebuah subjek yang sangat kontroversial, tes PSA ini," kata pemain ‘Zoolander’ tersebut, seperti dilansir AFP.',
        'Yandi Sofyan menjelaskan bahwa komunikasi dengan Bali United sudah berlangsung lama.',
        '"Saya dari dulu melihat Bali United punya pemain muda yang sangat berbakat," pungkas pemain yang pernah membela Brisbane Roar tersebut.',
      ]),
    ).toEqual(['Ben Stiller', 'Yandi Sofyan']);
  });
});
