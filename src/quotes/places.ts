/** Indonesian provinces, large cities and frequently named countries: they end a role, never start a name. */
export const PLACES: ReadonlySet<string> = new Set(
  `
  aceh sumut sumbar riau jambi sumsel bengkulu lampung babel kepri jakarta dki banten jabar jateng diy jatim
  yogyakarta jogja bali ntb ntt kalbar kalteng kalsel kaltim kaltara sulut sulteng sulsel sultra gorontalo
  sulbar maluku malut papua medan padang pekanbaru palembang bandung semarang surabaya malang solo surakarta
  makassar manado denpasar mataram kupang pontianak banjarmasin balikpapan samarinda ambon jayapura
  bogor depok tangerang bekasi cirebon tasikmalaya sukabumi karawang serang cilegon tegal pekalongan
  magelang klaten sleman bantul kediri madiun jember banyuwangi sidoarjo gresik mojokerto pasuruan
  probolinggo batam tanjungpinang pangkalpinang bengkalis dumai jambi bukittinggi lhokseumawe sabang
  kendari palu mamuju ternate sorong merauke timika bitung tomohon parepare palopo bone gowa maros
  cianjur garut purwakarta subang indramayu kuningan majalengka sumedang ciamis banjar purwokerto
  banyumas cilacap kebumen purworejo wonosobo temanggung kendal demak kudus jepara pati rembang blora
  grobogan sragen karanganyar wonogiri sukoharjo boyolali salatiga ungaran lamongan tuban bojonegoro
  ngawi magetan ponorogo pacitan trenggalek tulungagung blitar nganjuk jombang lumajang situbondo
  bondowoso bangkalan sampang pamekasan sumenep cilincing menteng tanah abang kebayoran cengkareng
  tanjung priok koja pademangan penjaringan kemayoran senen gambir cempaka putih kramat jati
  rusia amerika serikat as china tiongkok jepang korea korut korsel india inggris prancis perancis
  jerman italia spanyol belanda australia malaysia singapura thailand vietnam filipina myanmar arab saudi
  iran irak suriah israel palestina turki mesir ukraina kanada brasil meksiko eropa asia afrika
  swiss swedia norwegia denmark finlandia austria belgia portugal yunani polandia ceko hongaria rumania kroasia serbia
  argentina chile kolombia peru venezuela kuba nigeria kenya afghanistan pakistan bangladesh nepal mongolia taiwan
  hongkong kamboja laos brunei qatar kuwait yordania lebanon yaman oman bahrain skotlandia irlandia selandia
  utara selatan barat timur tengah tenggara raya kota kabupaten
  `.split(/\s+/).filter((w) => w.length > 0),
);
