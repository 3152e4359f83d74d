/**
 * News pages built in the current layouts of Indonesian outlets (markup shapes, meta tags, JSON-LD, date lines,
 * datelines, `Baca juga` boxes, ads, share bars, captions, related lists, comments), filled with a given article.
 * Test-only: the articles come from ../shared/data at test time and are never written to the repository.
 */
export interface PageArticle {
  readonly id: string;
  readonly title: string;
  readonly paragraphs: readonly string[];
  /** Jakarta wall-clock time of publication. */
  readonly published: { year: number; month: number; day: number; hour: number; minute: number; second: number };
  readonly city: string;
  readonly category: string;
}

export interface Layout {
  readonly outlet: string;
  /** Whether the city of the dateline is printed, so extraction must find it. */
  readonly printsCity: boolean;
  readonly build: (article: PageArticle) => string;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pad = (n: number): string => String(n).padStart(2, '0');
const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

const p = (a: PageArticle) => a.published;
const dayName = (a: PageArticle): string => DAYS[new Date(Date.UTC(p(a).year, p(a).month - 1, p(a).day)).getUTCDay()] ?? '';
const isoLocal = (a: PageArticle, sep = 'T'): string => `${p(a).year}-${pad(p(a).month)}-${pad(p(a).day)}${sep}${pad(p(a).hour)}:${pad(p(a).minute)}:${pad(p(a).second)}`;
const iso = (a: PageArticle): string => `${isoLocal(a)}+07:00`;
const isoUtc = (a: PageArticle): string => new Date(Date.parse(iso(a))).toISOString().replace('.000Z', 'Z');
const hm = (a: PageArticle): string => `${pad(p(a).hour)}:${pad(p(a).minute)}`;
const longDate = (a: PageArticle): string => `${p(a).day} ${MONTHS[p(a).month - 1]} ${p(a).year}`;
const shortDate = (a: PageArticle): string => `${pad(p(a).day)} ${MON[p(a).month - 1]} ${p(a).year}`;
const slug = (a: PageArticle): string => a.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);

/** Headlines of other stories, for related lists and `Baca juga` boxes. */
export const OTHER_STORIES = [
  'Harga Cabai Rawit Naik Jelang Akhir Pekan di Pasar Induk',
  'Timnas U-23 Tiba di Tanah Air, Disambut Ratusan Suporter',
  'Cuaca Ekstrem Diprediksi Landa Jawa Barat Tiga Hari ke Depan',
  'Menteri Keuangan Umumkan Insentif Pajak untuk UMKM',
  'Kebakaran Gudang di Cakung Berhasil Dipadamkan',
  'Jadwal Lengkap Kereta Tambahan Libur Panjang',
];
/** Words that only the furniture of these layouts contains: none of them may survive extraction. */
export const FURNITURE_MARKERS = [
  ...OTHER_STORIES, 'ADVERTISEMENT', 'SCROLL TO CONTINUE', 'Baca juga', 'Baca Juga', 'Simak juga', 'Lihat juga', 'Saksikan video',
  'Bagikan', 'Share', 'Salin tautan', 'Komentar', 'Tulis komentar', 'Foto: ', 'ANTARA FOTO', 'Penulis:', 'Editor:', 'Pewarta:',
  'Redaktur:', 'Reporter:', 'Copyright', 'COPYRIGHT', 'Hak Cipta', 'Berita Terkait', 'Terpopuler', 'Download aplikasi',
  'Dapatkan berita', 'Ikuti kami', 'Halaman', 'Topik', 'Tag:', 'Google News', 'WhatsApp Channel', 'Kirim Email',
  'Muhammad Rizky', 'Aditya Pratama', 'ILUSTRASI', 'Gedung tampak dari udara', 'Loading', 'Berlangganan', 'kumparanNEWS',
];

const related = (heading: string, cls: string, n = 4, offset = 0): string =>
  `<div class="${cls}"><h3>${heading}</h3><ul>${OTHER_STORIES.slice(offset, offset + n).map((t, i) => `<li><a href="/read/${1000 + i}/x"><img src="/t${i}.jpg" alt=""><span>${t}</span></a></li>`).join('')}</ul></div>`;
const nav = (items: string[]): string => `<nav class="navbar"><ul>${items.map((i) => `<li><a href="/${i.toLowerCase()}">${i}</a></li>`).join('')}</ul></nav>`;
const shareBar = (cls: string): string =>
  `<div class="${cls}"><span>Bagikan</span><a href="#" class="fb">Facebook</a><a href="#" class="tw">Twitter</a><a href="#" class="wa">WhatsApp</a><a href="#">Salin tautan</a></div>`;
const ad = (cls = 'ads-box'): string => `<div class="${cls}"><div class="ads-label">ADVERTISEMENT</div><div id="div-gpt-ad-${cls}" style="min-height:250px"></div></div>`;
const head = (a: PageArticle, metas: string, ogTitle: string, site: string, url: string, ld = ''): string => `<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>${esc(ogTitle)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${esc(a.paragraphs[0]?.slice(0, 150) ?? '')}">
<meta property="og:type" content="article"><meta property="og:title" content="${esc(ogTitle)}"><meta property="og:site_name" content="${esc(site)}">
<meta property="og:url" content="${url}"><meta property="og:image" content="https://cdn.example/${a.id}.jpg">
<meta name="twitter:card" content="summary_large_image"><meta name="twitter:title" content="${esc(ogTitle)}">
<link rel="canonical" href="${url}">${metas}${ld}
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({"articleId":"${a.id}"});</script>
<style>.ads-box{min-height:250px}</style></head>`;
const jsonLd = (a: PageArticle, publisher: string, date: string): string =>
  `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":${JSON.stringify(a.title)},"datePublished":"${date}","dateModified":"${date}","author":{"@type":"Person","name":"Muhammad Rizky"},"publisher":{"@type":"Organization","name":${JSON.stringify(publisher)},"logo":{"@type":"ImageObject","url":"https://cdn.example/logo.png"}},"mainEntityOfPage":{"@type":"WebPage","@id":"https://example/${a.id}"}}</script>`;

/** Paragraph HTML with furniture inserted between paragraphs at the given positions. */
function body(paragraphs: readonly string[], inserts: Readonly<Record<number, string>>, wrap = (t: string) => `<p>${t}</p>`): string {
  return paragraphs.map((t, i) => `${wrap(esc(t))}${inserts[i] ?? ''}`).join('\n');
}
const withDateline = (a: PageArticle, dateline: string): string[] => [`${dateline}${a.paragraphs[0] ?? ''}`, ...a.paragraphs.slice(1)];

const kompas: Layout = {
  outlet: 'Kompas',
  printsCity: true,
  build: (a) => {
    const url = `https://nasional.kompas.com/read/${p(a).year}/${pad(p(a).month)}/${pad(p(a).day)}/${pad(p(a).hour)}${pad(p(a).minute)}0001/${slug(a)}`;
    const paras = withDateline(a, `${a.city.toUpperCase()}, KOMPAS.com - `);
    return `${head(a, `<meta name="content_PublishedDate" content="${isoLocal(a, ' ')}"><meta name="content_category" content="${a.category}">`, `${a.title} - Kompas.com`, 'KOMPAS.com', `${url}?page=all`)}
<body><header class="header">${nav(['Nasional', 'Regional', 'Megapolitan', 'Global', 'Tren', 'Money'])}</header>
<div class="container"><div class="breadcrumb"><a href="/">Home</a> / <a href="/nasional">Nasional</a></div>
<div class="read__header"><h1 class="read__title">${esc(a.title)}</h1>
<div class="read__time">Kompas.com - ${pad(p(a).day)}/${pad(p(a).month)}/${p(a).year}, ${hm(a)} WIB</div>
<div class="credit-title-name"><h6>Penulis</h6><a href="/penulis/1">Muhammad Rizky</a></div></div>
<div class="photo"><div class="photo__wrap"><img src="https://asset.kompas.com/${a.id}.jpg" alt="${esc(a.title)}"></div>
<div class="photo__caption">Gedung tampak dari udara, ${esc(a.city)}. (KOMPAS.com/ADITYA PRATAMA)</div></div>
${shareBar('social--share')}
<div class="read__content"><div class="clearfix">
${body(paras, { 0: `<p><strong>Baca juga: <a href="/read/1">${OTHER_STORIES[0]}</a></strong></p>`, 2: `<div class="ads-on-body">${ad('ads-partner-wrap')}</div><p><strong>Baca juga: <a href="/read/2">${OTHER_STORIES[1]}</a></strong></p>` })}
<div class="kompasidRec"><p>Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari bergabung di Grup Telegram "Kompas.com News Update".</p></div>
</div></div>
<div class="read__editor"><span>Editor : Aditya Pratama</span></div>
<div class="tag__article"><h3>Tag:</h3><ul><li><a href="/tag/a">${esc(a.category)}</a></li></ul></div>
${related('Berita Terkait', 'related-box')}
<div class="comment-box"><h3>Komentar</h3><p>Tulis komentar anda</p></div>
${related('Terpopuler', 'most__list', 4, 2)}</div>
<footer class="footer"><p>Copyright 2008 - ${p(a).year} PT. Kompas Cyber Media. All Rights Reserved.</p></footer></body></html>`;
  },
};

const detik: Layout = {
  outlet: 'Detik',
  printsCity: true,
  build: (a) => {
    const url = `https://news.detik.com/berita/d-${7000000 + Number.parseInt(a.id.slice(-5), 36) % 999999}/${slug(a)}`;
    const paras = withDateline(a, `${a.city} - `);
    return `${head(a, `<meta name="publishdate" content="${isoLocal(a, ' ').replace(/-/g, '/')}"><meta name="dtk:publishdate" content="${isoLocal(a, ' ')}">`, `${a.title}`, 'detiknews', `${url}?utm_source=share&utm_medium=wa`, jsonLd(a, 'detikcom', iso(a)))}
<body><div class="header">${nav(['Berita', 'Daerah', 'Jawa Tengah', 'Internasional', 'Kolom', 'Foto', 'Video'])}</div>
<article class="detail"><div class="detail__header"><h1 class="detail__title">${esc(a.title)}</h1>
<div class="detail__author">Muhammad Rizky - detikNews</div>
<div class="detail__date">${dayName(a)}, ${shortDate(a)} ${hm(a)} WIB</div></div>
<div class="detail__media"><figure class="detail__media-image"><img src="https://akcdn.detik.net.id/${a.id}.jpg"><figcaption class="detail__media-caption">Foto: Ilustrasi (Aditya Pratama/detikcom)</figcaption></figure></div>
<div class="detail__body itp_bodycontent_wrapper"><div class="detail__body-text itp_bodycontent">
${body(paras, { 1: `<div class="parallaxindetail scrollpage"><div>ADVERTISEMENT</div><div>SCROLL TO CONTINUE WITH CONTENT</div></div>`, 2: `<table class="linksisip"><tr><td><div class="lihatjg"><strong>Baca juga:</strong><a href="/berita/d-1">${OTHER_STORIES[2]}</a></div></td></tr></table>` })}
<p><strong>Simak juga Video: '${OTHER_STORIES[3]}':</strong></p><div class="sisip_embed_sosmed"><iframe src="https://20.detik.com/embed/1"></iframe></div>
<div class="clearfix"></div><p>(mrz/apr)</p></div></div>
<div class="detail__body-tag"><div class="nav">${['Tag A', 'Tag B'].map((t) => `<a class="nav__item" href="/tag/${t}">${t}</a>`).join('')}</div></div>
${shareBar('detail__share')}</article>
${related('Berita Terkait', 'list-content', 3)}
<div class="comment__container"><h3>Komentar</h3></div><footer><p>Copyright @ ${p(a).year} detikcom. All right reserved</p></footer></body></html>`;
  },
};

const cnn: Layout = {
  outlet: 'CNN Indonesia',
  printsCity: true,
  build: (a) => {
    const url = `https://www.cnnindonesia.com/nasional/${p(a).year}${pad(p(a).month)}${pad(p(a).day)}${pad(p(a).hour)}${pad(p(a).minute)}00-20-${slug(a)}`;
    const paras = withDateline(a, `${a.city}, CNN Indonesia -- `);
    return `${head(a, `<meta name="publishdate" content="${isoLocal(a, ' ').replace(/-/g, '/')}"><meta name="articleid" content="${a.id}">`, `${a.title}`, 'nasional', url, jsonLd(a, 'CNN Indonesia', iso(a)))}
<body><header id="header">${nav(['Nasional', 'Internasional', 'Ekonomi', 'Olahraga', 'Teknologi', 'Hiburan', 'Gaya Hidup'])}</header>
<div class="content_detail"><div class="breadcrumb"><a href="/">Home</a> <a href="/nasional">Nasional</a></div>
<h1 class="title">${esc(a.title)}</h1>
<div class="text-cnn_grey text-sm">CNN Indonesia</div><div class="date text-cnn_grey text-sm">${dayName(a)}, ${shortDate(a)} ${hm(a)} WIB</div>
${shareBar('share-box')}
<div class="detail_image"><figure><img src="https://akcdn.detik.net.id/visual/${a.id}.jpg"><figcaption>Ilustrasi. (CNN Indonesia/Aditya Pratama)</figcaption></figure></div>
<div class="detail-wrap flex gap-4 relative"><div class="detail-text text-cnn_black text-sm grow min-w-0">
${body(paras, { 0: `<div class="paradetail">${ad('ads-inline')}</div>`, 2: `<table class="topiksisip"><tr><td><div class="linksisip"><div class="lihat_juga">BACA JUGA</div><a href="/1">${OTHER_STORIES[4]}</a></div></td></tr></table>`, 3: `<div class="inbetween">Lihat Juga :<a href="/v">${OTHER_STORIES[5]}</a></div>` })}
<p>(mrz/ard)</p><br><br>[Gambas:Video CNN]</div></div>
<div class="box-topik"><h3>TOPIK TERKAIT</h3><a href="/tag/x">${esc(a.category)}</a></div>
${related('Baca Berita Lainnya', 'box-list-terkait')}${related('Terpopuler', 'terpopuler', 3, 1)}</div>
<footer><p>Copyright © ${p(a).year} CNN Indonesia, a Trans Media company. All rights reserved</p></footer></body></html>`;
  },
};

const liputan6: Layout = {
  outlet: 'Liputan6',
  printsCity: true,
  build: (a) => {
    const url = `https://www.liputan6.com/news/read/${5000000 + (Number.parseInt(a.id.slice(-6), 36) % 999999)}/${slug(a)}`;
    const paras = withDateline(a, `Liputan6.com, ${a.city} - `);
    return `${head(a, `<meta property="article:published_time" content="${iso(a)}"><meta property="article:section" content="News">`, `${a.title} - News Liputan6.com`, 'liputan6.com', url)}
<body><div class="navbar">${nav(['News', 'Bisnis', 'Bola', 'Showbiz', 'Tekno', 'Health', 'Otomotif'])}</div>
<article class="main"><header class="read-page--header"><h1 class="read-page--header--title entry-title">${esc(a.title)}</h1>
<div class="read-page--header--author"><a class="read-page--header--author__link" href="/me/1"><span class="read-page--header--author__name">Muhammad Rizky</span></a>
<time class="read-page--header--author__datetime updated" datetime="${isoLocal(a, ' ')}">${shortDate(a)}, ${hm(a)} WIB</time></div></header>
<div class="read-page--top-media"><figure class="read-page--photo-gallery--item"><img src="https://cdn1-production-images-kly.akamaized.net/${a.id}.jpg"><figcaption class="read-page--photo-gallery--item__caption">Gedung tampak dari udara. (Liputan6.com/Aditya Pratama)</figcaption></figure></div>
${shareBar('read-page--social-share')}
<div class="article-content-body article-content-body_with-aside"><div class="article-content-body__item-page" data-page="1"><div class="article-content-body__item-content">
${body(paras, { 1: `<div class="baca-juga-collections"><div class="baca-juga-collections__title">Baca Juga</div><ul><li><a href="/1">${OTHER_STORIES[0]}</a></li><li><a href="/2">${OTHER_STORIES[1]}</a></li></ul></div>`, 3: `<div class="advertisement-text">Advertisement</div><div id="gpt-ad-inside"></div>` })}
</div></div>
<div class="article-content-body__item-break"><p>Saksikan Video Pilihan di Bawah Ini:</p></div></div>
<div class="tags--snippet"><span class="tags--snippet__title">Topik Terkait</span><a href="/tag/a">${esc(a.category)}</a></div>
${related('Berita Terkait', 'related-news')}
<div class="article-comment"><h3>Komentar</h3></div></article>
<footer class="footer"><p>Copyright © ${p(a).year} Liputan6.com, KLY KapanLagi Youniverse.</p></footer></body></html>`;
  },
};

const tempo: Layout = {
  outlet: 'Tempo',
  printsCity: true,
  build: (a) => {
    const url = `https://nasional.tempo.co/read/${1700000 + (Number.parseInt(a.id.slice(-5), 36) % 99999)}/${slug(a)}`;
    const paras = withDateline(a, `TEMPO.CO, ${a.city} - `);
    return `${head(a, '', `${a.title} | tempo.co`, 'Tempo', url, jsonLd(a, 'Tempo.co', iso(a)))}
<body>${nav(['Nasional', 'Bisnis', 'Metro', 'Dunia', 'Bola', 'Sport', 'Cantik'])}
<article class="detail-artikel"><div class="detail-title"><h4 class="rubrik"><a href="/nasional">Nasional</a></h4>
<h1 class="title margin-bottom-sm">${esc(a.title)}</h1>
<div class="detail-author"><h4 class="author"><a href="/penulis/1"><span>Reporter</span> Muhammad Rizky</a></h4><h4 class="author"><span>Editor</span> Aditya Pratama</h4></div>
<h4 class="date margin-bottom-sm">${dayName(a)}, ${longDate(a)} ${hm(a)} WIB</h4></div>
${shareBar('box-share-top')}
<figure class="foto-detail"><img src="https://statik.tempo.co/${a.id}.jpg"><figcaption>Gedung tampak dari udara. TEMPO/Aditya Pratama</figcaption></figure>
<div class="detail-in" id="isi">
${body(paras, { 0: `<p><strong>Baca juga:</strong> <a href="/1">${OTHER_STORIES[2]}</a></p>`, 2: `<div class="iklan"><div class="center-ads">Advertisement</div></div>`, 3: `<p><strong>Pilihan Editor:</strong> <a href="/2">${OTHER_STORIES[3]}</a></p>` })}
</div>
<div class="box-tag-detail"><h3>Topik</h3><a href="/tag/a">${esc(a.category)}</a></div>
<div class="bottom-artikel"><p class="text-g">Ikuti berita terkini dari Tempo di Google News, klik di sini</p></div>
${related('Artikel Terkait', 'artikel-terkait')}${related('Terpopuler', 'terpopuler', 4, 2)}</article>
<footer><p>Copyright © Tempo ${p(a).year}</p></footer></body></html>`;
  },
};

const antara: Layout = {
  outlet: 'Antara',
  printsCity: true,
  build: (a) => {
    const url = `https://www.antaranews.com/berita/${3700000 + (Number.parseInt(a.id.slice(-5), 36) % 99999)}/${slug(a)}`;
    const paras = withDateline(a, `${a.city} (ANTARA) - `);
    return `${head(a, `<meta itemprop="datePublished" content="${iso(a)}">`, `${a.title} - ANTARA News`, 'Antara News', url, jsonLd(a, 'ANTARA News', iso(a)))}
<body><header class="header">${nav(['Terkini', 'Politik', 'Hukum', 'Ekonomi', 'Metro', 'Sepakbola', 'Olahraga'])}</header>
<div class="wrapper"><div class="post-wrapper"><header class="post-header clearfix"><h1 class="post-title">${esc(a.title)}</h1>
<p><span class="article-date"><i class="fa fa-clock-o"></i> ${dayName(a)}, ${longDate(a)} ${hm(a)} WIB</span></p></header>
<figure class="image-overlay"><picture><img src="https://img.antaranews.com/${a.id}.jpg"></picture><figcaption class="flex-caption">Gedung tampak dari udara. ANTARA FOTO/Aditya Pratama/foc.</figcaption></figure>
<div class="post-content clearfix font17">
${body(paras, { 1: `<span class="baca-juga"><b>Baca juga: </b><a href="/1">${OTHER_STORIES[4]}</a></span><br><br>`, 3: `<div class="adsbygoogle-wrap"><ins class="adsbygoogle"></ins></div>` }, (t) => `${t}<br><br>`)}
<p class="text-muted mt-2 small">Pewarta: Muhammad Rizky<br>Editor: Aditya Pratama<br>COPYRIGHT © ANTARA ${p(a).year}</p></div>
<div class="tags-wrapper"><ul class="tags-widget"><li><a href="/tag/a">${esc(a.category)}</a></li></ul></div>
${shareBar('social-share')}${related('Berita Terkait', 'related-news')}${related('Terpopuler', 'widget-popular', 3)}</div></div>
<footer><p>Hak Cipta © ${p(a).year} ANTARA</p></footer></body></html>`;
  },
};

const republika: Layout = {
  outlet: 'Republika',
  printsCity: true,
  build: (a) => {
    const url = `https://news.republika.co.id/berita/s${a.id.slice(0, 8)}/${slug(a)}`;
    const paras = withDateline(a, `REPUBLIKA.CO.ID, ${a.city.toUpperCase()} -- `);
    return `${head(a, '', `${a.title} | Republika Online`, 'Republika Online', url)}
<body><div class="main-menu">${nav(['News', 'Ekonomi', 'Internasional', 'Sepakbola', 'Leisure', 'Khazanah', 'Islam Digest'])}</div>
<div class="main-content__left"><div class="max-card__title"><h1>${esc(a.title)}</h1></div>
<div class="max-card__title"><div class="date-detail"><span>Rep: Muhammad Rizky/ Red: Aditya Pratama</span></div><div class="date">${dayName(a)} ${pad(p(a).day)} ${MON[p(a).month - 1]} ${p(a).year} ${hm(a)} WIB</div></div>
<div class="max-card__image"><img src="https://static.republika.co.id/${a.id}.jpg"><div class="caption">Gedung tampak dari udara (ilustrasi). Foto: Republika/Aditya Pratama</div></div>
${shareBar('share-group')}
<div class="article-content">
${body(paras, { 1: `<div class="baca-juga"><p><strong>Baca Juga</strong></p><ul><li><a href="/1">${OTHER_STORIES[5]}</a></li><li><a href="/2">${OTHER_STORIES[0]}</a></li></ul></div>`, 2: `<div class="ads-position"><span>ADVERTISEMENT</span></div>` })}
</div>
<div class="tag-list"><h3>Topik Terkait</h3><a href="/tag/a">${esc(a.category)}</a></div>
${related('Berita Lainnya', 'list-berita-lainnya')}
<div class="comment-section"><h3>Komentar</h3><p>Silakan login untuk memberikan komentar.</p></div></div>
<footer class="footer"><p>Copyright © ${p(a).year} Republika Online, All rights reserved.</p></footer></body></html>`;
  },
};

const okezone: Layout = {
  outlet: 'Okezone',
  printsCity: true,
  build: (a) => {
    const url = `https://nasional.okezone.com/read/${p(a).year}/${pad(p(a).month)}/${pad(p(a).day)}/337/${2900000 + (Number.parseInt(a.id.slice(-5), 36) % 99999)}/${slug(a)}`;
    const paras = withDateline(a, `${a.city.toUpperCase()} - `);
    return `${head(a, `<meta name="content_category" content="${esc(a.category)}">`, `${a.title} : Okezone Nasional`, 'okezone.com', url)}
<body><div class="wp-navbar">${nav(['News', 'Nasional', 'Megapolitan', 'Economy', 'Bola', 'Sports', 'Celebrity'])}</div>
<div class="container-bodyhome"><div class="breadcrumb"><a href="/">Home</a> › <a href="/nasional">Nasional</a></div>
<div class="title"><h1>${esc(a.title)}</h1></div>
<div class="reporter"><div class="namerep">Muhammad Rizky, Jurnalis<b>${dayName(a)}, ${pad(p(a).day)} ${MONTHS[p(a).month - 1]} ${p(a).year} - ${hm(a)} WIB</b></div></div>
${shareBar('social-share-articles')}
<div class="detfoto"><img src="https://img.okezone.com/${a.id}.jpg"><div class="caption-img-ab">Gedung tampak dari udara (Foto: Okezone/Aditya Pratama)</div></div>
<div class="detsenior"><div id="contentx" class="read">
${body(paras, { 0: `<p><strong>BACA JUGA:</strong></p><p><a href="/1">${OTHER_STORIES[1]}</a></p>`, 2: `<div class="ads-okezone">ADVERTISEMENT</div>`, 3: `<p><strong>BACA JUGA: </strong><a href="/2">${OTHER_STORIES[2]}</a></p>` })}
<div class="paging newsPaging"><span>Halaman:</span><a href="?page=1">1</a><a href="?page=2">2</a></div>
<p class="text-berita-terkini">Dapatkan berita up to date dengan semua berita terkini dari Okezone hanya dengan satu akun di ORION, daftar sekarang dengan <a href="/">klik disini</a></p>
</div></div>
<div class="detail-tag newtag"><h4>Tag:</h4><a href="/tag/a">${esc(a.category)}</a></div>
${related('Berita Terkait', 'news-terkait')}${related('Terpopuler', 'populer-list', 3, 3)}</div>
<footer><p>Copyright © ${p(a).year} Okezone.com, All Rights Reserved</p></footer></body></html>`;
  },
};

const tribunnews: Layout = {
  outlet: 'Tribunnews',
  printsCity: true,
  build: (a) => {
    const url = `https://www.tribunnews.com/nasional/${p(a).year}/${pad(p(a).month)}/${pad(p(a).day)}/${slug(a)}`;
    const paras = withDateline(a, `TRIBUNNEWS.COM, ${a.city.toUpperCase()} - `);
    return `${head(a, `<meta name="publish-date" content="${isoLocal(a, ' ')}">`, `${a.title} - Tribunnews.com`, 'Tribunnews.com', url, jsonLd(a, 'Tribunnews.com', iso(a)))}
<body><div id="header">${nav(['Nasional', 'Internasional', 'Regional', 'Metropolitan', 'Bisnis', 'Sport', 'Seleb'])}</div>
<div class="main"><div id="article"><h1 id="arttitle">${esc(a.title)}</h1>
<div class="credit mt10"><div class="mb5"><span>Penulis: <a href="/penulis/1">Muhammad Rizky</a></span></div><div><span>Editor: <a href="/editor/1">Aditya Pratama</a></span></div></div>
<div class="grey bdr3 pb10 pt10"><time><span>${dayName(a)}, ${longDate(a)} ${hm(a)} WIB</span></time></div>
<div class="ovh imgfull_div"><img class="imgfull" src="https://asset-2.tstatic.net/${a.id}.jpg"><div class="arttitle-caption"><span class="f13 grey">Gedung tampak dari udara. (Tribunnews.com/Aditya Pratama)</span></div></div>
${shareBar('side-article txt-article multi-fontsize')}
<div class="side-article txt-article multi-fontsize editcontent">
${body(paras, { 0: `<p class="baca"><strong>Baca juga: <a href="/1" class="blue">${OTHER_STORIES[3]}</a></strong></p>`, 2: `<div class="ads-placeholder">${ad('ads_mid')}</div>`, 3: `<p class="baca"><strong>Baca juga: <a href="/2" class="blue">${OTHER_STORIES[4]}</a></strong></p>` })}
<p class="paging"><span>Halaman 1/1</span></p></div>
<div class="tagcloud3"><h5>Tags:</h5><a href="/tag/a">${esc(a.category)}</a></div>
${related('Berita Terkait', 'pos_rel')}
<div class="comment-area"><h3>Komentar</h3><p>Berikan komentar anda</p></div></div>
${related('Terpopuler', 'populer', 3)}</div>
<footer><p>Copyright © ${p(a).year} Tribunnews.com. All Right Reserved</p></footer></body></html>`;
  },
};

const kumparan: Layout = {
  outlet: 'Kumparan',
  printsCity: false,
  build: (a) => {
    const url = `https://kumparan.com/kumparannews/${slug(a)}-${a.id.slice(0, 10)}`;
    return `${head(a, `<meta property="article:published_time" content="${isoUtc(a)}">`, `${a.title} | kumparan.com`, 'kumparan', url, jsonLd(a, 'kumparan', isoUtc(a)))}
<body><div id="__next"><div class="Navbarweb__NavbarContainer">${nav(['Berita', 'Bisnis', 'Sains', 'Bola & Sports', 'Otomotif', 'Hobi'])}</div>
<div class="Viewweb__StyledView"><div class="Viewweb__StyledView-sc-1ajfkkc-0"><span class="Textweb__StyledText-sc-1uxddwr-0 kumparanNEWS">kumparanNEWS</span></div>
<h1 data-qa-id="story-title" class="Textweb__StyledText">${esc(a.title)}</h1>
<div class="Viewweb__StyledView"><span data-qa-id="date">${longDate(a).replace(/ (\d{4})$/, ' $1')} ${hm(a)}</span><span> · waktu baca 3 menit</span></div>
${shareBar('ShareButtonweb__Container')}
<div class="ImageContainer"><img src="https://blue.kumparan.com/${a.id}.jpg"><span data-qa-id="caption" class="Caption">Gedung tampak dari udara. Foto: Aditya Pratama/kumparan</span></div>
<div class="StoryRenderer__EditorWrapper"><div class="story-body">
${body(a.paragraphs, { 1: `<div class="Viewweb__StyledView ads"><span>ADVERTISEMENT</span></div>`, 3: `<div class="RelatedStoryWrapper"><span>Baca Juga:</span><a href="/1">${OTHER_STORIES[0]}</a></div>` }, (t) => `<div class="Viewweb__StyledView"><span data-qa-id="story-paragraph" class="Textweb__StyledText">${t}</span></div>`)}
</div></div>
<div class="TopicListweb"><span>Topik</span><a href="/topic/a">${esc(a.category)}</a></div>
<div class="CommentBox"><span>Tulis komentar</span></div>
${related('Berita Terkait', 'RelatedContent', 4, 1)}</div></div>
<footer><p>© ${p(a).year} kumparan</p></footer></body></html>`;
  },
};

export const LAYOUTS: readonly Layout[] = [kompas, detik, cnn, liputan6, tempo, antara, republika, okezone, tribunnews, kumparan];
