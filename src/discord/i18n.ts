import type { LocalizationMap, SharedNameAndDescription } from 'discord.js';

export type Lang = 'en' | 'id';

/** Replies follow the user's Discord client language: Indonesian for `id`, English otherwise. */
export function langOf(locale: string | null | undefined): Lang {
  return locale === 'id' ? 'id' : 'en';
}

const en = {
  'error.apology': 'Sorry, something went wrong while answering. The team can trace it with error id `{id}`.',
  'cooldown': 'You are going a little fast. Please try again in {seconds} s.',
  'unknownCommand': 'This command is not available any more.',
  'emptyCorpus': 'There are no articles in the library yet.',
  'summary.notFound': 'No article matches “{query}”. Start typing a title and pick one from the list.',
  'summary.reduced': 'reduced by {percent}%',
  'summary.keywords': 'Keywords',
  'summary.article': 'Article {id}',
  'summary.empty': 'This article has no sentence to summarise.',
  'quotes.title': 'Quotes by {name}',
  'quotes.titleIn': 'Quotes by {name} in “{article}”',
  'quotes.count': '{quotes} in {articles}',
  'quotes.countIn': '{quotes}',
  'quotes.page': 'Page {page} of {pages}',
  'quotes.none': 'No quote by {name} in that article.',
  'quotes.unknown': 'I know no speaker called “{query}”.',
  'quotes.suggestions': 'Did you mean',
  'quotes.noSuggestions': 'Start typing a name and pick a speaker from the list.',
  'quotes.ambiguous': '“{query}” could be several people. Which one did you mean?',
  'quotes.candidates': 'Speakers',
  'quotes.notYours': 'Only the person who asked can turn these pages. Run /quotes to get your own list.',
  'quotes.stale': 'This list is out of date since the library was reloaded. Run /quotes again.',
  'quotes.previous': 'Previous',
  'quotes.next': 'Next',
  'quotes.unknownArticle': 'No article matches “{query}”.',
  'quotes.partial': 'partial',
  'search.title': 'Search: {query}',
  'search.none': 'No article matches “{query}”.',
  'search.footer': 'Best {matches} · {articles} searched',
  'reload.refused': 'Only moderators with the Manage Server permission can reload the library.',
  'reload.refusedOwner': 'Only the bot owners can reload the library.',
  'reload.title': 'Library reloaded',
  'reload.failed': 'Reload failed; the previous library is still served',
  'reload.summary': '{articles} now, in {seconds} s.',
  'reload.added': 'Added',
  'reload.changed': 'Changed',
  'reload.removed': 'Removed',
  'reload.kept': 'Kept (file broken, previous version served)',
  'reload.problems': 'Problems',
  'reload.none': 'none',
  'help.title': 'Ringkas — Indonesian news, summarised',
  'help.description':
    'I summarise Indonesian news articles and find the quotes inside them. Replies follow your Discord language (English or Indonesian).',
  'help.commands': 'Commands',
  'help.commandList':
    '`/summary [article] [sentences]` — a short summary (newest article by default)\n' +
    '`/quotes speaker [article]` — what someone said, page by page\n' +
    '`/search query` — articles matching your words\n' +
    '`/reload` — re-read the article folder (moderators)\n' +
    '`/digest` — new articles posted to a channel on a schedule (moderators)\n' +
    '`/help` — this message',
  'help.corpus': 'Library',
  'help.corpusNumbers':
    '{articles} · {paragraphs} · {quotes} · {speakers} · {sources}',
  'help.range': 'From {oldest} to {newest}',
  'help.problems': '{files} could not be read',
  'more': '… and {count} more',
} as const;

export type MessageKey = keyof typeof en;

const id: Record<MessageKey, string> = {
  'error.apology': 'Maaf, terjadi kesalahan saat menjawab. Tim dapat melacaknya dengan kode galat `{id}`.',
  'cooldown': 'Pelan-pelan sedikit, ya. Silakan coba lagi dalam {seconds} detik.',
  'unknownCommand': 'Perintah ini sudah tidak tersedia.',
  'emptyCorpus': 'Belum ada artikel di perpustakaan.',
  'summary.notFound': 'Tidak ada artikel yang cocok dengan “{query}”. Ketik sebagian judul lalu pilih dari daftar.',
  'summary.reduced': 'dipersingkat {percent}%',
  'summary.keywords': 'Kata kunci',
  'summary.article': 'Artikel {id}',
  'summary.empty': 'Artikel ini tidak memiliki kalimat untuk diringkas.',
  'quotes.title': 'Kutipan {name}',
  'quotes.titleIn': 'Kutipan {name} dalam “{article}”',
  'quotes.count': '{quotes} dalam {articles}',
  'quotes.countIn': '{quotes}',
  'quotes.page': 'Halaman {page} dari {pages}',
  'quotes.none': 'Tidak ada kutipan {name} dalam artikel itu.',
  'quotes.unknown': 'Saya tidak mengenal narasumber bernama “{query}”.',
  'quotes.suggestions': 'Mungkin maksud Anda',
  'quotes.noSuggestions': 'Ketik sebagian nama lalu pilih narasumber dari daftar.',
  'quotes.ambiguous': '“{query}” bisa merujuk ke beberapa orang. Siapa yang Anda maksud?',
  'quotes.candidates': 'Narasumber',
  'quotes.notYours': 'Hanya penanya yang dapat membalik halaman ini. Jalankan /kutipan untuk daftar Anda sendiri.',
  'quotes.stale': 'Daftar ini sudah usang karena perpustakaan dimuat ulang. Jalankan /kutipan lagi.',
  'quotes.previous': 'Sebelumnya',
  'quotes.next': 'Berikutnya',
  'quotes.unknownArticle': 'Tidak ada artikel yang cocok dengan “{query}”.',
  'quotes.partial': 'sebagian',
  'search.title': 'Pencarian: {query}',
  'search.none': 'Tidak ada artikel yang cocok dengan “{query}”.',
  'search.footer': '{matches} teratas · {articles} ditelusuri',
  'reload.refused': 'Hanya moderator dengan izin Kelola Server yang dapat memuat ulang perpustakaan.',
  'reload.refusedOwner': 'Hanya pemilik bot yang dapat memuat ulang perpustakaan.',
  'reload.title': 'Perpustakaan dimuat ulang',
  'reload.failed': 'Gagal memuat ulang; perpustakaan sebelumnya tetap dipakai',
  'reload.summary': 'Kini {articles}, dalam {seconds} detik.',
  'reload.added': 'Ditambahkan',
  'reload.changed': 'Diubah',
  'reload.removed': 'Dihapus',
  'reload.kept': 'Dipertahankan (berkas rusak, versi sebelumnya dipakai)',
  'reload.problems': 'Masalah',
  'reload.none': 'tidak ada',
  'help.title': 'Ringkas — berita Indonesia, diringkas',
  'help.description':
    'Saya meringkas artikel berita berbahasa Indonesia dan menemukan kutipan di dalamnya. Jawaban mengikuti bahasa Discord Anda (Inggris atau Indonesia).',
  'help.commands': 'Perintah',
  'help.commandList':
    '`/ringkasan [artikel] [kalimat]` — ringkasan singkat (default: artikel terbaru)\n' +
    '`/kutipan narasumber [artikel]` — apa yang dikatakan seseorang, per halaman\n' +
    '`/cari kata` — artikel yang cocok dengan kata-kata Anda\n' +
    '`/muat-ulang` — baca ulang folder artikel (moderator)\n' +
    '`/berita-terjadwal` — artikel baru dikirim ke kanal sesuai jadwal (moderator)\n' +
    '`/bantuan` — pesan ini',
  'help.corpus': 'Perpustakaan',
  'help.corpusNumbers':
    '{articles} · {paragraphs} · {quotes} · {speakers} · {sources}',
  'help.range': 'Dari {oldest} sampai {newest}',
  'help.problems': '{files} tidak dapat dibaca',
  'more': '… dan {count} lainnya',
};

const tables: Record<Lang, Record<MessageKey, string>> = { en, id };

export type Params = Readonly<Record<string, string | number>>;

export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return tables[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

const units = {
  article: { en: ['article', 'articles'], id: 'artikel' },
  quote: { en: ['quote', 'quotes'], id: 'kutipan' },
  paragraph: { en: ['paragraph', 'paragraphs'], id: 'paragraf' },
  speaker: { en: ['speaker', 'speakers'], id: 'narasumber' },
  outlet: { en: ['outlet', 'outlets'], id: 'media' },
  match: { en: ['match', 'matches'], id: 'hasil' },
  file: { en: ['file', 'files'], id: 'berkas' },
} as const;

/** `1 article`, `3 articles`, `3 artikel` (Indonesian does not inflect). */
export function quantity(lang: Lang, count: number, unit: keyof typeof units): string {
  const word = lang === 'id' ? units[unit].id : units[unit].en[count === 1 ? 0 : 1];
  return `${formatNumber(lang, count)} ${word}`;
}

/** Numbers and dates as the reader writes them. */
export function formatNumber(lang: Lang, value: number): string {
  return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US').format(value);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDate(lang: Lang, iso: string | null, timeZone: string): string | null {
  if (iso === null) return null;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  const key = `${lang}|${timeZone}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeZone });
    dateFormats.set(key, format);
  }
  return format.format(time);
}

/** Discord localizations for a command's or option's name and description (en-US and id). */
export interface Localized {
  readonly name: string;
  readonly description: string;
  readonly idName: string;
  readonly idDescription: string;
}

export function localizations(text: Localized): {
  name: string;
  description: string;
  name_localizations: LocalizationMap;
  description_localizations: LocalizationMap;
} {
  return {
    name: text.name,
    description: text.description,
    name_localizations: { 'en-US': text.name, id: text.idName },
    description_localizations: { 'en-US': text.description, id: text.idDescription },
  };
}

/** The same localizations set on a command builder, subcommand or option. */
export function localize<T extends SharedNameAndDescription>(builder: T, text: Localized): T {
  const data = localizations(text);
  return builder
    .setName(data.name)
    .setNameLocalizations(data.name_localizations)
    .setDescription(data.description)
    .setDescriptionLocalizations(data.description_localizations);
}
