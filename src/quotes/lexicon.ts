/**
 * The Indonesian quote lexicon: quote marks, pronouns and the word lists of attribution grammar, shared by the quote
 * finder and the summarizer's quotation roles. Every word entry is folded (lowercase, no accents).
 */

const words = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter((w) => w.length > 0));

/** Marks that open a quotation in typeset text. */
export const OPENING_MARKS = '“„«‟';
/** Marks that close one; `”` also opens one in some outlets' text (and in PFSA-ID). */
export const CLOSING_MARKS = '”»';
/** The straight mark, opening and closing alike. */
export const STRAIGHT_MARK = '"';
/** Every double quote mark. */
export const QUOTE_MARKS = `${OPENING_MARKS}${CLOSING_MARKS}${STRAIGHT_MARK}`;
/** Marks that may begin a quotation as written: the opening ones, the straight one and `”`. */
export const MARKS_THAT_OPEN = `${OPENING_MARKS}${STRAIGHT_MARK}”`;

/** Third-person personal pronouns: `ia menambahkan`, `kata dia`. */
export const PERSONAL_PRONOUNS = words(`ia dia beliau mereka`);

/** Bare speech verbs that follow a quote and take the speaker after them: `“…,” kata X`, `“…,” tutup X`. */
export const CUE_VERBS = words(`
  kata ujar ucap tutur ungkap jelas papar terang tegas sebut tambah imbuh lanjut sambung pungkas tandas
  cetus seru kilah beber tulis tanya jawab pesan timpal sergah kenang harap
  bilang tukas tepis sanggah ingat urai kisah cerita canda keluh
  tutup buka cuit kicau sambut sahut teriak saran puji kecam unggah ajak pinta sindir lantun sapa ketus tekan
  ulas seloroh singgung sanjung imbau lapor klaim tuding kritik akui
`);

/** `-nya` forms of the cue verbs (`katanya`, `tambahnya`, `akunya`): the speaker is the previous one. */
export const CUE_VERBS_NYA: ReadonlySet<string> = new Set([
  ...[...CUE_VERBS].filter((verb) => !verb.endsWith('nya')).map((verb) => `${verb}nya`),
  'menurutnya',
  'akunya',
]);

/** Nouns that stand for what was said or written: `demikian bunyi pernyataan X`, `“…,” tulis rilis resmi X`. */
export const DOCUMENT_NOUNS = words(`
  bunyi pernyataan keterangan rilis siaran surat unggahan cuitan kicauan tulisan laporan penelitian studi riset kajian
  survei deskripsi isi akun laman situs media kabar informasi catatan dokumen putusan pengumuman postingan status
  komunike pesan sambutan pidato
`);

/** Verbs that report speech with the speaker as subject: `X mengatakan, “…”`, `“…,” ia menambahkan`. */
export const SPEECH_VERBS = words(`
  mengatakan menuturkan mengungkapkan menjelaskan menegaskan menambahkan menyatakan menyampaikan
  memperingatkan berkata mengucapkan menerangkan memaparkan membeberkan menyebutkan menyebut mengaku
  mengakui mengklaim menilai meminta mengimbau menekankan menandaskan menuliskan menulis bertanya
  menanyakan menjawab menanggapi mengingatkan memastikan berharap mengharapkan menyarankan mengusulkan
  mengumumkan melaporkan berpendapat berujar bertutur mengungkap menyinggung menceritakan bercerita
  mengisahkan berpesan memerintahkan menginstruksikan mendesak menyerukan mengajak membantah menampik
  menyangkal mengkritik mengecam memuji menuding menuduh menyindir berjanji bersumpah menyebutnya
  menjanjikan melanjutkan menyimpulkan mengutarakan berseloroh berkelakar berteriak mengeluhkan
  mengeluh menyesalkan menyayangkan mengapresiasi menduga memprediksi memperkirakan menyarankan
  mewanti-wanti menggarisbawahi mengonfirmasi membenarkan mengimbuhkan menukas menimpali berucap
  berkomentar mengomentari menginformasikan memberitahukan menuturkannya mengatakannya menegaskannya
  menjelaskannya menyampaikannya mengungkapkannya menambahkannya mengemukakan menjabarkan menguraikan bilang
  berargumen berdalih
`);

/** `X memberikan komentarnya, “…”`: a verb of giving with what was said as its object reports speech. */
export const GIVING_VERBS = words(`memberikan memberi`);
export const SPEECH_NOUNS = words(`
  komentar komentarnya tanggapan tanggapannya pernyataan pernyataannya keterangan keterangannya penjelasan
  penjelasannya pendapat pendapatnya jawaban jawabannya
`);

/** The plain reporting verbs: in narration they make their subject the current speaker (`X mengatakan, …`). */
export const REPORTING_VERBS = words(`
  mengatakan menuturkan mengungkapkan menjelaskan menegaskan menambahkan menyatakan menyampaikan
  memperingatkan berkata menerangkan memaparkan membeberkan menyebutkan mengaku mengakui menilai
  menekankan menandaskan bertanya menanyakan menjawab menanggapi mengingatkan berpendapat berujar
  bertutur bercerita menceritakan melanjutkan mengutarakan berucap berkomentar mengimbuhkan menukas
  menimpali menyebut mengklaim mengemukakan menjabarkan menguraikan bilang
`);

/** Passive or nominal forms that introduce a speaker after them: `demikian disampaikan X`. */
export const PASSIVE_CUES = words(`
  dikatakan disampaikan diungkapkan dijelaskan ditegaskan ditambahkan dituturkan dinyatakan diakui disebutkan diutarakan
  dikemukakan dipaparkan diterangkan
`);

/** Words that join a second verb to the subject's first: `X tersenyum sambil berujar, “…”`. */
export const WHILE_WORDS = words(`sambil seraya sembari`);

/** Words that open an attribution before the quote: `Kata X, “…”`, `Menurut X, “…”`. */
export const FRONT_CUES = words(`kata menurut ujar tutur`);

/** Pronouns that refer back to the previous speaker. */
export const PRONOUNS: ReadonlySet<string> = new Set([...PERSONAL_PRONOUNS, 'dirinya']);

/** First-person words: a quote cued with them is not attributed to them. */
export const FIRST_PERSON = words(`saya aku kami kita`);

/** Second-person words. */
export const SECOND_PERSON = words(`anda kamu`);

/** Demonstratives: `pria itu`, `mantan pemain AS Roma ini`, `penyanyi tersebut` point back to someone named before. */
export const DEMONSTRATIVES = words(`itu ini tersebut`);

/** Words that make a description indefinite (`seorang warga`, `salah satu saksi`): someone new, not someone named before. */
export const INDEFINITES = words(`seorang salah sebuah seseorang sejumlah beberapa banyak`);

/**
 * Nouns for a person that a description is built on (`pria asal Purworejo`, `perempuan yang dijadwalkan hadir …`):
 * used alone they point back to someone the article has named.
 */
export const PERSON_NOUNS = words(`
  pria wanita perempuan lelaki laki-laki sosok gadis bocah pemuda pemudi remaja
`);

/** What people do, as descriptions name them: `pelantun lagu X itu`, `pebalap asal Spanyol tersebut`. */
export const PROFESSION_NOUNS = words(`
  pelantun pemeran pebalap pembalap musisi bintang pesepakbola pesepak petenis petinju pegolf pebulu tangkis
  pebasket pelari perenang pesenam penyerang gelandang bek kiper striker penjaga biduan biduanita rapper vokalis
  gitaris drummer komedian presenter model selebritas selebriti seleb desainer perancang penulis sutradara produser
  pengusaha ekonom pengamat politisi politikus legislator pesinetron youtuber influencer kreator selebgram
  perwira polisi tentara prajurit pejabat petinggi bos pentolan punggawa penggawa superstar legenda pemilik pendiri
  juara peraih pemenang pemegang arsitek nakhoda pebisnis bankir investor akademisi ilmuwan pemimpin tokoh
`);

/** Nouns a place name follows: `Dusun Nglahar`, `Kota Bogor`. */
export const PLACE_HEADS = words(`dusun desa kampung kota kabupaten kelurahan kecamatan provinsi jalan jl pulau kawasan wilayah daerah negara negeri`);

/** Social networks and messengers: where something was posted, not who posted it. */
export const PLATFORMS = words(`twitter instagram facebook tiktok youtube whatsapp telegram threads linkedin snapchat`);

/** Heads that stand for a body named after them: `pihak Kings`, `manajemen GOTO` are Kings and GOTO. */
export const BODY_HEADS = words(`pihak manajemen kubu`);

/** Words that introduce another name for a person: `X alias Y`, `X atau yang akrab disapa Y`, `Y, sapaan akrab X`. */
export const ALIAS_CUES = words(`alias disapa dipanggil sapaan panggilan julukan dijuluki`);

/** Words that may stand between a name and an alias cue: `X, atau yang lebih akrab disapa Y`. */
export const ALIAS_FILLERS = words(`atau yang akrab biasa kerap sering lebih dikenal dengan nama karib begitu ia dia`);

/** Adverbs and auxiliaries that may stand between a subject and its verb or around a cue. */
export const ADVERBS = words(`
  juga pun lalu kemudian lantas sempat kembali telah sudah pernah bahkan hanya tak tidak akan sebelumnya
  sendiri pula lagi secara terpisah kala masih lebih justru sebelumnya sesudahnya selanjutnya
  kembali turut ikut terus tetap sekadar cuma mesti harus bisa dapat memang demikian begitu pun sering
  kerap biasa sekali langsung segera
`);

/** Words where a speaker's name ends: `kata X kepada wartawan`, `kata X di Jakarta`. */
export const SPEAKER_END = words(`
  kepada dalam saat ketika di pada seusai usai sesudah setelah sebelum sambil seraya yang seperti
  sebagaimana melalui lewat via dengan kemarin tadi sembari menjelang jelang selepas selesai sewaktu
  waktu tatkala saat-saat mengenai terkait tentang soal atas untuk bagi karena sebab sebagai hingga sampai
  ke dari kala menanggapi menjawab ditemui dihubungi dikutip mengutip seperti bahwa agar supaya namun
  tetapi tapi sedangkan sementara lalu kemudian tak tidak juga pun mengatakan
  dilansir dikutip dilaporkan diwawancarai dikonfirmasi ditemui dijumpai ditulis dirilis disiarkan diunggah
`);

/** Day names and time words: never part of a name. */
export const TIME_WORDS = words(`
  senin selasa rabu kamis jumat jum'at sabtu minggu ahad januari februari maret april mei juni juli agustus
  september oktober november desember pagi siang sore malam kemarin besok lusa tadi pekan bulan tahun hari
`);

/** Numbers and amounts in words: `Rp 15 Ribu`, `Tiga Juta`. */
export const NUMBER_WORDS = words(`
  satu dua tiga empat lima enam tujuh delapan sembilan sepuluh puluh belas ratus ribu juta miliar milyar triliun
  rp rupiah dolar dollar usd euro yen yuan ringgit persen
`);

/** Titles, positions and ranks: they make up a role, never a name. */
export const ROLE_WORDS = words(`
  presiden wapres wakil menteri menko mendagri menkeu mensos menkes menlu menhan mendikbud menag menpan
  gubernur wagub bupati wabup wali walikota kota camat lurah kades kepala ketua wakil sekretaris sekjen
  direktur dirut dirjen direktorat jenderal jendral deputi asisten staf staff khusus ahli juru bicara jubir
  kapolda kapolres kapolsek kapolri wakapolri wakapolda kabareskrim kabid kasubdit kasat kasi kasie kabag
  kasubag kapuspen kapuspenkum kajari kajati jaksa hakim ketua umum anggota komisioner komisaris
  pelaksana tugas plt plh pj penjabat koordinator manajer manager general senior vice president chief
  executive officer ceo cfo coo cto founder pendiri pemilik owner pengamat ekonom peneliti dosen guru besar
  profesor prof dr dokter ir drs dra hj h kh kyai kiai habib ustaz ustadz pendeta romo pastor uskup
  rektor dekan kaprodi pembina penasihat pengacara kuasa hukum advokat analis konsultan pakar ahli
  panglima pangdam pangkostrad kasad kasal kasau danrem dandim danramil danlanud danlantamal komandan
  brigjen mayjen letjen jenderal kolonel letkol mayor kapten lettu letda serka sertu pratu kopda
  irjen komjen kombes akbp kompol akp iptu ipda aiptu aipda bripka brigadir bharada briptu bripda
  laksamana marsekal laksda laksma marsda marsma kepala-kepala petugas pejabat pimpinan pemimpin
  kabag kasubbag humas hubungan masyarakat penerangan kapuspen kadis kadiskes kadinkes kasudin sekda
  sekdes sekretariat bendahara ketua-ketua anggota-anggota legislator senator politikus politisi
  ketum waketum sekretaris-jenderal direksi komisaris-utama utama muda madya pratama senior junior
  kabiro biro kepala-biro kadisdik kadishub kadinsos kalak kepala-pelaksana pelaksana-harian harian
  warga relawan aktivis pegiat penggiat koordinator pengurus ketua-rt rt rw ketua-rw satgas tim
  mantan eks calon cagub cawagub cabup cawabup cawalkot capres cawapres bakal kandidat
  pelatih kapten manajer atlet pemain juara pebulu penyanyi aktor aktris artis sutradara produser
  guru kepsek kepala-sekolah siswa mahasiswa bidan perawat apoteker epidemiolog virolog psikolog sosiolog
  pengusaha pedagang petani nelayan buruh sopir pengemudi ojek penumpang pengunjung peserta korban
  saksi tersangka terdakwa terpidana narapidana pelaku ayah ibu bapak kakak adik anak istri suami nenek kakek
  paman bibi sang si tuan nyonya nona saudara saudari bung mbak mas pak bu
  pertama kedua ketiga i ii iii iv v vi vii viii ix x xi ajun inspektur besar
  head chief director managing president ceo founder co-founder executive officer manager lead country
  vice deputy senior principal partner analyst economist researcher professor spokesperson secretary
`);

/** Words that name organisations, bodies and places in a role: `Kepala Dinas Perhubungan DKI Jakarta`. */
export const ORG_WORDS = words(`
  kementerian kemenkeu kemensos kemenkes kemendagri kemenlu kemenhan kemendikbud kemenag kemenhub
  kemenko kemlu kemenpora kemnaker kemenaker kemendag kementan kemenperin kemenkumham kemenkominfo kominfo
  kemenpupr pupr kemendes kemenpan kemenparekraf kemendikbudristek kemenristek kemenpppa kemenkop kemenhut kemenlhk
  dinas badan lembaga komisi dewan majelis mahkamah partai fraksi universitas institut sekolah
  akademi politeknik kantor bank perusahaan pt tbk persero perum bumn bumd yayasan asosiasi himpunan
  ikatan persatuan perhimpunan serikat gabungan koperasi pemerintah pemprov pemkot pemkab pemda pemdes
  polda polres polsek polri polresta polrestabes mabes tni kodam korem kodim koramil lanud lantamal
  kostrad kopassus densus satuan satpol pp bpbd bnpb bnn bpom bps bi ojk lps kpk kejaksaan kejagung kejati
  kejari pengadilan pn pt ma mk ky dpr dprd dpd mpr kpu bawaslu dkpp ombudsman komnas kpai lpsk ppatk
  bpk bpkp lkpp bkpm bappenas bappeda bulog pertamina pln telkom garuda kai pelni angkasa pura jasa marga
  rumah sakit rs rsud rsup puskesmas klinik laboratorium pusat balai direktorat subdirektorat bidang
  seksi bagian divisi departemen unit satgas gugus tugas penanganan percepatan pencegahan pengendalian
  perhubungan kesehatan pendidikan kebudayaan sosial keuangan perdagangan perindustrian pertanian
  kehutanan kelautan perikanan pariwisata ketenagakerjaan tenaga kerja perumahan pekerjaan umum
  lingkungan hidup energi sumber daya mineral komunikasi informatika hukum hak asasi manusia agama
  koordinator politik keamanan perekonomian kemaritiman investasi pembangunan manusia dalam luar negeri
  negara desa kelurahan kecamatan kabupaten provinsi daerah wilayah kota kotamadya administrasi istimewa
  khusus metro metropolitan raya pusat utara selatan barat timur tengah tenggara daya laut udara darat
  republik kerajaan federasi uni persekutuan perserikatan bangsa-bangsa pbb who unicef unesco imf
  nasional internasional regional umum cabang wilayah ranting kantor-cabang cabang-pembantu
  operasional pemasaran keuangan sdm teknologi informasi riset inovasi statistik meteorologi
  klimatologi geofisika bmkg basarnas sar pemadam kebakaran damkar lalu lintas ditlantas satlantas
  reserse kriminal reskrim krimum krimsus narkoba intelijen intelkam binmas sabhara propam
  kompas kompas.com kompas.id antara tempo detik no nomor pasal ayat huruf butir
  fakultas program studi prodi jurusan pascasarjana magister doktor
  university college institute foundation council agency association corporation education technology technologies ventures capital labs
  gerakan front laskar organisasi ormas lsm ngo forum koalisi aliansi jaringan solidaritas
  islam muslim katolik kristen protestan hindu buddha konghucu ulama nahdlatul muhammadiyah pembela
  pengurus cabang pimpinan pusat wilayah dpp dpw dpc pp pw pc
  pdi-p pdip golkar gerindra nasdem pkb pks pan demokrat ppp hanura psi perindo pbb
  indonesia jakarta dki jawa sumatera kalimantan sulawesi papua bali nusa tenggara maluku
  twitter instagram facebook tiktok youtube whatsapp telegram linkedin snapchat
`);

/** Words that make a speaker a group rather than a person: `para pejabat AS`, `warga setempat`. */
export const GROUP_HEADS = words(`para sejumlah beberapa pihak kalangan kelompok`);

/** Lowercase words that may stand inside a role: `Menteri Koordinator Bidang Politik, Hukum, dan Keamanan`. */
export const ROLE_CONNECTORS = words(`dan bidang urusan untuk bagi serta se dari asal of for and`);

/** Lowercase particles inside names: `Abdul Aziz bin Baz`, `Van der Wijck`. */
export const NAME_PARTICLES = words(`bin binti van der de da von al el`);

/** Abbreviations that end in a period without ending a sentence. */
export const ABBREVIATIONS = words(`
  dr drs dra ir prof h hj kh st sh se mm mt msi mkes mpd spd skom kompol no nomor tel jl jln dll dsb dst
  tsb yth bpk sdr kec kab prov kel rp us u.s a.n s.h m.h s.e m.m s.t s.pd
`);

/** Two-word roles whose second word could pass for a name on its own. */
export const ROLE_PHRASES = words(`
  jaksa_agung hakim_agung wali_kota juru_bicara guru_besar kuasa_hukum ketua_umum pelaksana_tugas
  tenaga_ahli staf_khusus kepala_sekolah sekretaris_jenderal direktur_utama direktur_jenderal
  wakil_ketua rumah_sakit sumber_daya hak_asasi wakil_presiden wakil_gubernur wakil_bupati
  wakil_wali menteri_koordinator komisaris_besar ajun_komisaris komisaris_jenderal inspektur_jenderal
  brigadir_jenderal mayor_jenderal letnan_jenderal
`);

/** Abbreviated titles, spelled out so that `Mensos` and `Menteri Sosial` name the same position. */
export const TITLE_ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    mensos: ['menteri', 'sosial'],
    menkeu: ['menteri', 'keuangan'],
    menkes: ['menteri', 'kesehatan'],
    mendagri: ['menteri', 'dalam', 'negeri'],
    menlu: ['menteri', 'luar', 'negeri'],
    menhan: ['menteri', 'pertahanan'],
    menag: ['menteri', 'agama'],
    mendikbud: ['menteri', 'pendidikan', 'dan', 'kebudayaan'],
    menhub: ['menteri', 'perhubungan'],
    mentan: ['menteri', 'pertanian'],
    mendag: ['menteri', 'perdagangan'],
    menperin: ['menteri', 'perindustrian'],
    menaker: ['menteri', 'ketenagakerjaan'],
    menpora: ['menteri', 'pemuda', 'dan', 'olahraga'],
    menkumham: ['menteri', 'hukum', 'dan', 'hak', 'asasi', 'manusia'],
    menko: ['menteri', 'koordinator'],
    wapres: ['wakil', 'presiden'],
    wagub: ['wakil', 'gubernur'],
    wabup: ['wakil', 'bupati'],
    kapolri: ['kepala', 'polri'],
    kapolda: ['kepala', 'polda'],
    kapolres: ['kepala', 'polres'],
    kapolsek: ['kepala', 'polsek'],
    kadis: ['kepala', 'dinas'],
    dirut: ['direktur', 'utama'],
    dirjen: ['direktur', 'jenderal'],
    sekjen: ['sekretaris', 'jenderal'],
    jubir: ['juru', 'bicara'],
    ketum: ['ketua', 'umum'],
    kades: ['kepala', 'desa'],
    sekda: ['sekretaris', 'daerah'],
  }),
);

/** Role words with abbreviated titles spelled out. */
export function spellOutTitles(words: readonly string[]): string[] {
  return words.flatMap((word) => TITLE_ABBREVIATIONS.get(word) ?? [word]);
}
