import type { Article } from '../corpus/article.js';

/** Markup-safe text. */
export const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** The wall-clock parts of an ISO instant in Jakarta (WIB, UTC+7). */
function jakarta(iso: string): { year: number; month: number; day: number; weekday: number; hour: number; minute: number } {
  const wib = new Date(Date.parse(iso) + 7 * 3_600_000);
  return { year: wib.getUTCFullYear(), month: wib.getUTCMonth(), day: wib.getUTCDate(), weekday: wib.getUTCDay(), hour: wib.getUTCHours(), minute: wib.getUTCMinutes() };
}

/** `Kamis, 14 September 2023 - 20:22 WIB`, as SINDOnews prints it under the headline. */
export function indonesianDateLine(iso: string): string {
  const d = jakarta(iso);
  return `${DAYS[d.weekday]}, ${d.day} ${MONTHS[d.month]} ${d.year} - ${pad(d.hour)}:${pad(d.minute)} WIB`;
}

export const slugOf = (title: string): string => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);

/**
 * An article page in the layout of a SINDOnews article (navigation, breadcrumb, date line, photo caption, dateline, `Baca
 * Juga` boxes between paragraphs, ads, tags, related stories, footer), so the sample feed exercises the same extraction
 * as a real outlet's page.
 */
export function sindonewsPage(article: Article, url: string, related: readonly { title: string; url: string }[]): string {
  const published = article.published ?? new Date(0).toISOString();
  const dateLine = indonesianDateLine(published);
  const category = article.category ?? 'Internasional';
  const others = related.filter((r) => r.url !== url);
  const readAlso = (i: number): string => {
    const other = others[i % Math.max(1, others.length)];
    return other === undefined ? '' : `<div class="baca-juga"><strong>Baca Juga:</strong> <a href="${esc(other.url)}">${esc(other.title)}</a></div>`;
  };
  const paragraphs = article.paragraphs.map((text, i) => {
    const lead = i === 0 && article.city !== null ? `<strong>${esc(article.city)}</strong> - ` : '';
    const extra = i === 1 ? readAlso(0) : i === 4 ? `<div class="ads-box"><span>ADVERTISEMENT</span><div id="div-gpt-ad-1"></div></div>` : i === 6 ? readAlso(1) : '';
    return `<p>${lead}${esc(text)}</p>${extra}`;
  });
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    datePublished: published,
    publisher: { '@type': 'Organization', name: article.source ?? 'SINDOnews' },
    mainEntityOfPage: url,
  });
  return `<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>${esc(article.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:type" content="article"><meta property="og:title" content="${esc(article.title)}">
<meta property="og:site_name" content="${esc(article.source ?? 'SINDOnews')}"><meta property="og:url" content="${esc(url)}">
<meta property="article:published_time" content="${esc(published)}">
<link rel="canonical" href="${esc(url)}">
<script type="application/ld+json">${jsonLd.replace(/</g, '\\u003c')}</script>
</head><body>
<header class="header"><a class="logo" href="/">SINDOnews.com</a>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/nasional">Nasional</a></li><li><a href="/internasional">Internasional</a></li><li><a href="/ekbis">Ekbis</a></li><li><a href="/sports">Sports</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Home</a> <a href="/${esc(slugOf(category))}">${esc(category)}</a></div>
<main><article class="detail">
<h1 class="detail-title">${esc(article.title)}</h1>
<div class="detail-date-artikel">${esc(dateLine)}</div>
<div class="detail-nama-redaksi">Muhaimin</div>
<div class="share-box"><span>Share</span><a href="#">Facebook</a><a href="#">Twitter</a><a href="#">WhatsApp</a><a href="#">Salin tautan</a></div>
<figure class="detail-img"><img src="/foto/${esc(slugOf(article.title))}.jpg" alt=""><figcaption>${esc(article.title)}. Foto/Ilustrasi</figcaption></figure>
<div class="detail-desc" id="detail-desc">
${paragraphs.join('\n')}
<p>(mhy)</p>
</div>
<div class="detail-tag"><span>Tag:</span> <a href="/tag/berita">berita</a></div>
</article>
<aside class="berita-terkait"><h3>Berita Terkait</h3><ul>${others.map((o) => `<li><a href="${esc(o.url)}">${esc(o.title)}</a></li>`).join('')}</ul></aside>
</main>
<footer class="footer"><p>Copyright © 2023 SINDOnews.com. All Rights Reserved.</p><a href="/redaksi">Redaksi</a> <a href="/pedoman">Pedoman Media Siber</a></footer>
</body></html>`;
}
